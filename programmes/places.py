"""German places people name (cities, municipalities, quarters) and the state each lies in.

The gazetteer is `places_de.tsv` beside this module, written from GeoNames (CC BY 4.0) by
ops/build_places.py and read here with the standard library, so the chat (bot/nlu) and the form service
(webform/) share one list:

    find_places("Hier schreibt die Stadtverwaltung Essen")   → [Mention "Essen": City Essen, NW, title Stadt]
    find_places("Wir kochen Essen für Bedürftige")            → []
    place_answer("gelsenkirchen-ückendorf")                   → City Gelsenkirchen (NW), quarter "Ückendorf"
    city_named("Essen").state                                 → "NW"

When a name counts as a place:
- Cities of at least STANDALONE_POPULATION inhabitants (a Großstadt in the official German sense) count
  wherever they are named ("Dortmund", "Cologne").
- Smaller places, quarters and names that are also everyday words ("Essen", "Halle", "Hof", "Kamen";
  flagged by the generator from Wiktionary and word frequencies) count only with a cue: a preposition of
  place ("in X", "aus X", "from X"), an administrative word ("Stadt X", "Gemeinde X", "Landeshauptstadt X",
  "Stadtverwaltung X", "City of X"), a quarter after it ("Essen-Katernberg"), its state after it
  ("Marl (NRW)"), or the name alone as the whole message.
- A name several places share counts only when one of them is at least DOMINANCE times larger than the
  others ("Essen" is the city in NRW, not the village in Lower Saxony; "Neustadt" is nothing).
- Berlin's Bezirke and Ortsteile are not here (programmes/districts.py): their names never name a place
  elsewhere ("Mitte", "Buch"); "Berlin-Friedrichshain" gives the city Berlin and the Bezirk.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from programmes.districts import gazetteer as district_names
from programmes.districts import normalise_district
from programmes.vocabulary import STATES

DATA_FILE = Path(__file__).with_name("places_de.tsv")
COLUMNS = ("geonameid", "name", "state", "population", "municipality", "spellings", "common")
# The official German threshold of a Großstadt (Internationale Statistikerkonferenz 1887, used by Destatis
# and the BBSR). The 80 or so cities above it are the ones people name without a preposition; below it
# the names grow many (7,400) and ordinary ("Marl", "Lage", "Senden", "Wetter"), so they need a cue.
STANDALONE_POPULATION = 100_000
# A name that is also an everyday word counts after a mere preposition only for a town of at least this
# size (a Mittelstadt, BBSR): "in Essen", "aus Hof", but not "bei Regen", "im Zoo", "in Altstadt".
CUED_WORD_POPULATION = 20_000
DOMINANCE = 3  # a shared name means the largest place only when it is this many times larger than the next
MIN_KEY_LENGTH = 3  # "Au" is no place anyone means without saying more

# Words before a name that make it a place. Prepositions of place:
# ("im" is not one: towns take "in"; "im Zoo", "im Osten" are no places, "im Wedding" is Berlin's.)
LOCATION_WORDS = frozenset({"in", "aus", "nach", "bei", "nahe", "from", "near", "around"})
# Administrative words, with the applicant's title they stand for where they name the applicant
# ("Stadtverwaltung Essen" applies as "Stadt Essen"); None where they name an area, not an applicant.
ADMINISTRATIVE_WORDS: dict[str, str | None] = {
    "stadt": "Stadt",
    "stadtverwaltung": "Stadt",
    "landeshauptstadt": "Landeshauptstadt",
    "hansestadt": "Hansestadt",
    "kreisstadt": "Kreisstadt",
    "gemeinde": "Gemeinde",
    "gemeindeverwaltung": "Gemeinde",
    "kommune": None,
    "rathaus": None,
    "stadtteil": None,
    "ortsteil": None,
    "stadtbezirk": None,
    "bezirk": None,
    "quartier": None,
}
# English "city of X": the word before "of".
ENGLISH_ADMINISTRATIVE_WORDS: dict[str, str | None] = {
    "city": "Stadt",
    "town": "Stadt",
    "municipality": "Gemeinde",
    "borough": None,
    "district": None,
}
# What the name of a city's quarter often is: "Essen-Nord", "Halle-Mitte", "Hof-Innenstadt".
QUARTER_WORDS = frozenset(
    {"nord", "sud", "ost", "west", "nordost", "nordwest", "sudost", "sudwest", "mitte", "zentrum"}
    | {"innenstadt", "altstadt", "neustadt", "stadtmitte", "city"}
)
# Words people write for a state besides its name and code.
STATE_ALIASES = {"nrw": "NW"}
# Punctuation that may stand inside a name: "Halle (Saale)", "Frankfurt/Main", "St. Augustin".
_INNER_PUNCTUATION = frozenset("()/.")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "’": "'"})


def fold(text: str) -> str:
    """The form names are compared in: case, umlaut dots, accents, spaces and punctuation do not count
    ("Köln", "KOLN", "köln" → "koln"; "Muenchen" stays "muenchen", so the data lists that spelling too).
    The same as bot/nlu/text.fold, which the chat's tokens carry as their NORM."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return _NOT_ALNUM.sub("", "".join(c for c in text if not unicodedata.combining(c)))


@dataclass(frozen=True)
class Place:
    """One row of the gazetteer. `municipality` is the city a quarter belongs to, else the place's name;
    `spellings` include the name; `common` are the spellings that are also everyday words."""

    geonameid: int
    name: str
    state: str
    population: int
    municipality: str
    spellings: tuple[str, ...]
    common: frozenset[str]

    @property
    def is_quarter(self) -> bool:
        return self.municipality != self.name


@dataclass(frozen=True)
class City:
    """A municipality as the chat and the forms name it: `name` is unique across Germany ("Essen" is the
    city in NRW, the village in Lower Saxony is "Essen (Oldenburg)")."""

    name: str
    state: str
    population: int


@dataclass(frozen=True)
class Mention:
    """A place named in a text: characters start–end, the city it lies in, and what made it count.

    `district`: the Berlin Bezirk where a Berlin compound names one ("Berlin-Friedrichshain").
    `title`: the applicant title an administrative word before it stands for ("Stadt", "Landeshauptstadt";
    see ADMINISTRATIVE_WORDS), the word's characters `title_start`–`title_end`; None otherwise, and where a
    preposition makes the words a location ("aus der Stadt Essen", "in the city of Essen"), which
    `located` says (the word's characters are still given). `how`: "name" (a large city, no cue needed),
    "cue", "compound", "state" (its state follows), "alone" (the whole message).
    """

    start: int
    end: int
    text: str
    city: City
    how: str
    district: str | None = None
    title: str | None = None
    title_start: int = 0
    title_end: int = 0
    located: bool = False


@dataclass(frozen=True)
class _Entry:
    place: Place
    city: City
    standalone: bool
    common: bool


def read_places(path: Path = DATA_FILE) -> list[Place]:
    """The rows of the gazetteer file. Raises ValueError naming the line when a row is malformed."""
    places: list[Place] = []
    header_seen = False
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                if tuple(cells) != COLUMNS:
                    raise ValueError(f"{path.name} line {number}: expected the columns {', '.join(COLUMNS)}")
                header_seen = True
                continue
            if len(cells) != len(COLUMNS):
                raise ValueError(f"{path.name} line {number}: {len(cells)} columns, expected {len(COLUMNS)}")
            geonameid, name, state, population, municipality, spellings, common = cells
            if state not in STATES or not name or not population.isdigit() or not geonameid.isdigit():
                raise ValueError(f"{path.name} line {number}: bad name, state, population or id")
            listed = tuple(dict.fromkeys([name, *filter(None, spellings.split("|"))]))
            flagged = frozenset(filter(None, common.split("|")))
            if not flagged <= set(listed):
                raise ValueError(f"{path.name} line {number}: a common word that is no spelling of {name}")
            places.append(
                Place(int(geonameid), name, state, int(population), municipality or name, listed, flagged)
            )
    if not header_seen:
        raise ValueError(f"{path.name}: no header line")
    return places


@dataclass(frozen=True)
class PlaceAnswer:
    """An answer that is a place and nothing else: "Stadt Essen", "in Dortmund", "Essen-Katernberg".

    `title`: the applicant title its administrative word stands for ("Stadt" for "Stadtverwaltung" or
    "City of"); `quarter`: what follows the city after a hyphen, as written; `district`: the Berlin Bezirk
    such a quarter names."""

    city: City
    title: str | None = None
    quarter: str | None = None
    district: str | None = None


_ANSWER_FILLERS = frozenset({"der", "die", "den", "dem", "the", "a", "an", "of", "wir", "sind", "we", "are"})


def _keys(spelling: str) -> set[tuple[str, ...]]:
    """The word sequences a spelling is recognised as: "Castrop-Rauxel" also as "Castrop Rauxel",
    "Bad Homburg" also as "Bad-Homburg"."""
    words = [w for w in _WORD.findall(spelling) if w.isalnum() or "-" in w or "'" in w or "’" in w]
    folded = tuple(filter(None, map(fold, words)))
    keys = {folded, ("".join(folded),)}
    if any("-" in w or "'" in w or "’" in w for w in words):
        keys.add(tuple(filter(None, (fold(p) for w in words for p in re.split(r"[-'’]", w)))))
    return {k for k in keys if k and len("".join(k)) >= MIN_KEY_LENGTH}


class Gazetteer:
    """The places by the word sequences people write for them, with the rules of the module docstring."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places = list(places)
        self.cities = self._cities()
        self._berlin_names = {fold(name) for name in district_names()}
        candidates: dict[tuple[str, ...], dict[int, tuple[Place, bool]]] = defaultdict(dict)
        for place in self.places:
            for spelling in place.spellings:
                for key in _keys(spelling):
                    common = (
                        spelling in place.common or candidates[key].get(place.geonameid, (place, False))[1]
                    )
                    candidates[key][place.geonameid] = (place, common)
        self._entries: dict[tuple[str, ...], _Entry] = {}
        self.all_keys = frozenset("".join(key) for key in candidates)  # also the names no place owns alone
        self._all = {key: [place for place, _ in found.values()] for key, found in candidates.items()}
        for key, found in candidates.items():
            entry = self._resolve(key, list(found.values()))
            if entry:
                self._entries[key] = entry
        self.max_words = max(len(k) for k in self._entries)
        self.state_keys = self._state_keys()
        self._by_city_name = {city.name: city for city in self.cities.values()}
        self._place_endings = _endings(self.places)

    def _cities(self) -> dict[tuple[str, str], City]:
        """Every municipality by (name, state), named uniquely: the largest of a name keeps it, the others
        take a spelling with their river or region ("Essen (Oldenburg)"), else their state ("Linden (NI)")."""
        towns = sorted((p for p in self.places if not p.is_quarter), key=lambda p: -p.population)
        taken: set[str] = set()
        cities: dict[tuple[str, str], City] = {}
        for town in towns:
            if (town.name, town.state) in cities:
                continue
            name = town.name
            if name in taken:
                qualified = [s for s in town.spellings if s.startswith(name + " ") and s not in taken]
                name = qualified[0] if qualified else f"{town.name} ({town.state})"
            taken.add(name)
            cities[(town.name, town.state)] = City(name, town.state, town.population)
        return cities

    def city_of(self, place: Place) -> City:
        """The municipality a place is or belongs to."""
        found = self.cities.get((place.municipality, place.state))
        return found or City(place.municipality, place.state, place.population)

    def _resolve(self, key: tuple[str, ...], found: list[tuple[Place, bool]]) -> _Entry | None:
        by_city: dict[City, tuple[Place, bool]] = {}
        for place, common in found:
            city = self.city_of(place)
            if city not in by_city or place.population > by_city[city][0].population:
                by_city[city] = (place, common)
        ranked = sorted(by_city.items(), key=lambda item: -item[1][0].population)
        (city, (place, common)) = ranked[0]
        if len(ranked) > 1 and place.population < DOMINANCE * ranked[1][1][0].population:
            return None  # "Neustadt", "Weil": several places, none clearly meant
        if city.name != "Berlin" and "".join(key) in self._berlin_names:
            return None  # "Mitte", "Buch", "Lichtenberg": in this product, Berlin's
        standalone = not place.is_quarter and not common and city.population >= STANDALONE_POPULATION
        return _Entry(place, city, standalone, common)

    def _state_keys(self) -> dict[tuple[str, ...], str]:
        keys: dict[tuple[str, ...], str] = {(fold(code),): code for code in STATES}
        for code, names in STATES.items():
            for name in names.values():
                keys |= {key: code for key in _keys(name)}
        keys |= {(alias,): code for alias, code in STATE_ALIASES.items()}
        return keys

    def lookup(self, name: str) -> _Entry | None:
        """The entry for a name as written ("Köln", "Frankfurt am Main", "Muenchen") if one place owns it."""
        for key in _keys(name):
            entry = self._entries.get(key)
            if entry:
                return entry
        return None

    def is_place_name(self, text: str) -> bool:
        """Whether a text is the name of some German place, however many share it ("Neustadt")."""
        return fold(text) in self.all_keys

    def standalone_names(self) -> list[tuple[str, City]]:
        """The names recognised without a cue, folded ("gelsenkirchen"), with their city (for typo
        tolerance)."""
        found = {"".join(key): entry.city for key, entry in self._entries.items() if entry.standalone}
        return sorted(found.items(), key=lambda item: item[0])

    def city_names(self, min_population: int, standalone: bool) -> dict[str, str]:
        """Spellings of municipalities of at least `min_population` inhabitants that name them alone, with
        their state: those counted without a cue (standalone=True: "Dortmund", "Cologne") or only with one
        (False: "Essen", "Marl")."""
        names: dict[str, str] = {}
        for place in self.places:
            if place.is_quarter or place.population < min_population:
                continue
            for spelling in place.spellings:
                entry = self.lookup(spelling)
                if entry and entry.place == place and entry.standalone == standalone:
                    names.setdefault(spelling, place.state)
        return names

    def city_named(self, name: str) -> City | None:
        """A municipality by the unique name `Mention.city.name` gives ("Essen", "Halle (Saale)")."""
        if name in self._by_city_name:
            return self._by_city_name[name]
        entry = self.lookup(name)
        return entry.city if entry and not entry.place.is_quarter else None

    # -- finding ------------------------------------------------------------------------------------

    def find(
        self, text: str, words: Sequence[tuple[str, int]] | None = None, answer: bool = False
    ) -> list[Mention]:
        """The places named in `text`; `words` are its tokens as (text, start) if the caller has them.

        answer=True reads the text as the answer to a question about the place, where any place it names
        counts (not only cued ones), as in "Katernberg, Essen".
        """
        tokens = list(words) if words is not None else [(m.group(), m.start()) for m in _WORD.finditer(text)]
        folds = [fold(t) for t, _ in tokens]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            found = self._match(tokens, folds, i) if folds[i] else None
            if found:
                end, entry = found
                mention = self._mention(text, tokens, folds, i, end, entry, answer)
                if mention:
                    mentions.append(mention)
                    i = end
                    continue
            if folds[i] and "-" in tokens[i][0]:
                mentions += self._compound(text, tokens, folds, i, answer)
            i += 1
        return mentions

    def _match(
        self, tokens: Sequence[tuple[str, int]], folds: list[str], start: int
    ) -> tuple[int, _Entry] | None:
        """The longest name starting at token `start`: (the token index after it, its entry)."""
        positions = [start]
        k = start + 1
        while len(positions) < self.max_words and k < len(tokens):
            if folds[k]:
                positions.append(k)
            elif tokens[k][0] not in _INNER_PUNCTUATION:
                break
            k += 1
        for n in range(len(positions), 0, -1):
            entry = self._entries.get(tuple(folds[p] for p in positions[:n]))
            if entry:
                return positions[n - 1] + 1, entry
        return None

    def _mention(
        self,
        text: str,
        tokens: Sequence[tuple[str, int]],
        folds: list[str],
        start: int,
        end: int,
        entry: _Entry,
        answer: bool,
    ) -> Mention | None:
        cue, title, title_word = self._cue(tokens, folds, start)
        how = "name" if entry.standalone else ""
        if cue == "administrative" or (
            cue == "location" and (not entry.common or entry.city.population >= CUED_WORD_POPULATION)
        ):
            how = "cue"
        elif not how and self._state_follows(folds, end, entry.city.state):
            how = "state"
        elif not how and (answer or self._alone(tokens, folds, start, end)):
            how = "alone"
        if not how:
            return None
        if end < len(tokens) and tokens[end][0] == ")" and "(" in text[tokens[start][1] : tokens[end][1]]:
            end += 1  # "Essen (Oldenburg)"
        first, last = tokens[start], tokens[end - 1]
        span_end = last[1] + len(last[0])
        return _with_cue(
            Mention(first[1], span_end, text[first[1] : span_end], entry.city, how), tokens, title, title_word
        )

    @staticmethod
    def _cue(tokens: Sequence[tuple[str, int]], folds: list[str], start: int) -> tuple[str, str | None, int]:
        """The cue before the name at token `start`: ("location" | "administrative" | "", the applicant
        title it stands for or None, the token index of the administrative word or -1 where a preposition
        before it makes it a location)."""
        previous = folds[start - 1] if start >= 1 else ""
        if previous in LOCATION_WORDS:
            return "location", None, 0
        if previous in ADMINISTRATIVE_WORDS:
            title, word = ADMINISTRATIVE_WORDS[previous], start - 1
        elif previous == "of" and start >= 2 and folds[start - 2] in ENGLISH_ADMINISTRATIVE_WORDS:
            title, word = ENGLISH_ADMINISTRATIVE_WORDS[folds[start - 2]], start - 2
        else:
            return "", None, 0
        # "aus der Stadt Essen", "in the city of Essen": where they are, not who applies ("bei der Stadt
        # Dortmund" is where they work).
        if any(f in LOCATION_WORDS and f != "bei" for f in folds[max(0, word - 2) : word]):
            return "administrative", None, -1 - word
        return "administrative", title, word

    def _state_follows(self, folds: list[str], end: int, state: str) -> bool:
        """ "Marl (NRW)", "Marl, Nordrhein-Westfalen", "Marl in NRW": the place's own state right after it."""
        following = [f for f in folds[end : end + 6] if f][:4]
        if following[:1] == ["in"]:
            following = following[1:]
        return any(self.state_keys.get(tuple(following[:n])) == state for n in range(1, len(following) + 1))

    @staticmethod
    def _alone(tokens: Sequence[tuple[str, int]], folds: list[str], start: int, end: int) -> bool:
        """The name is the whole message, apart from punctuation ("Essen.", "Hof!")."""
        return not any(folds[:start]) and not any(folds[end:])

    def _compound(
        self, text: str, tokens: Sequence[tuple[str, int]], folds: list[str], i: int, answer: bool
    ) -> list[Mention]:
        """ "Gelsenkirchen-Ückendorf", "Essen-Katernberg", "Berlin-Friedrichshain": a place, a quarter.
        After an everyday word ("Essen") the quarter must look like one, unless a cue stands before it:
        "in Essen-Steele", but not "Essen-Ausgabe"."""
        word, offset = tokens[i]
        parts = word.split("-")
        for cut in range(len(parts) - 1, 0, -1):
            head, rest = "-".join(parts[:cut]), "-".join(parts[cut:])
            entry = self._entries.get((fold(head),))
            if entry is None or not fold(rest):
                continue
            head_end = offset + len(head)
            if entry.city.name == "Berlin":
                district = normalise_district(rest)
                mentions = [Mention(offset, head_end, head, entry.city, "compound")]
                if district:
                    rest_start = head_end + 1
                    mentions.append(
                        Mention(rest_start, offset + len(word), rest, entry.city, "compound", district)
                    )
                return mentions
            cue, title, title_word = self._cue(tokens, folds, i)
            if entry.common and not (
                answer or cue or self._quarter_like(rest) or self._alone(tokens, folds, i, i + 1)
            ):
                return []  # "Essen-Ausgabe" is a food bank's, not a quarter of Essen
            return [
                _with_cue(Mention(offset, head_end, head, entry.city, "compound"), tokens, title, title_word)
            ]
        return []

    def answer(self, text: str, state: str | None = None) -> PlaceAnswer | None:
        """The place a short answer consists of, with its cue words ("Stadt", "in", "City of") read and
        dropped; None if the answer says more than that or names no known place. With `state` (ISO code)
        only a place in that state counts: "Essen" in NI is "Essen (Oldenburg)"."""
        tokens = [(m.group(), m.start()) for m in _WORD.finditer(text)]
        folds = [fold(t) for t, _ in tokens]
        words = [i for i, f in enumerate(folds) if f]
        title: str | None = None
        while words and len(words) > 1:
            first = folds[words[0]]
            if first in ADMINISTRATIVE_WORDS:
                title = ADMINISTRATIVE_WORDS[first] or title
            elif first in ENGLISH_ADMINISTRATIVE_WORDS and len(words) > 2 and folds[words[1]] == "of":
                title = ENGLISH_ADMINISTRATIVE_WORDS[first] or title
            elif first not in LOCATION_WORDS and first not in _ANSWER_FILLERS:
                break
            words.pop(0)
        if not words:
            return None
        if state is not None:
            in_state = [p for p in self._all.get(tuple(folds[i] for i in words), ()) if p.state == state]
            if in_state:
                return PlaceAnswer(self.city_of(max(in_state, key=lambda p: p.population)), title)
        found = self._match(tokens, folds, words[0])
        if found and found[0] > words[-1] and state in (None, found[1].city.state):
            return PlaceAnswer(found[1].city, title)
        if len(words) == 1 and "-" in tokens[words[0]][0]:
            word = tokens[words[0]][0]
            for mention in self._compound(text, tokens, folds, words[0], answer=True):
                if state not in (None, mention.city.state):
                    return None
                rest = word[mention.end - tokens[words[0]][1] + 1 :]
                if mention.district:
                    return PlaceAnswer(mention.city, title, rest, mention.district)
                quarter = rest[:1].upper() + rest[1:]
                district = normalise_district(rest) if mention.city.name == "Berlin" else None
                return PlaceAnswer(mention.city, title, quarter, district)
        return None

    def _quarter_like(self, name: str) -> bool:
        """A capitalised name after a hyphen that is some German place's name ("Altendorf"), a point of the
        compass or a centre ("Nord", "Mitte"), or ends like German place names do ("Katernberg")."""
        key = fold(name)
        return name[:1].isupper() and (
            key in self.all_keys or key in QUARTER_WORDS or key[-4:] in self._place_endings
        )


def _with_cue(mention: Mention, tokens: Sequence[tuple[str, int]], title: str | None, word: int) -> Mention:
    """The mention with its administrative word: `word` is its token index, -1 - index where a preposition
    makes it a location, 0 with no title for none."""
    if not title and word >= 0:
        return mention
    located = word < 0
    text, offset = tokens[-1 - word if located else word]
    return replace(mention, title=title, title_start=offset, title_end=offset + len(text), located=located)


def _endings(places: Sequence[Place]) -> frozenset[str]:
    """The four-letter endings shared by at least 0.5 % of German place names ("dorf", "berg", "feld",
    "heim", "hausen"'s "usen", …): what a quarter's name most likely ends in."""
    counts: dict[str, int] = defaultdict(int)
    for place in places:
        key = fold(place.name)
        if len(key) > 5:
            counts[key[-4:]] += 1
    return frozenset(e for e, n in counts.items() if n >= 0.005 * len(places))


def place_answer(text: str, state: str | None = None) -> PlaceAnswer | None:
    """The place a short answer consists of (see `Gazetteer.answer`)."""
    return gazetteer().answer(text, state)


_loaded: list[Gazetteer] = []  # the gazetteer of DATA_FILE, once per process (data, not a cache of answers)


def gazetteer() -> Gazetteer:
    """The gazetteer from DATA_FILE, built on first use (0.3–0.6 s on a busy core) and kept.

    The build makes some 100,000 small objects and no reference cycles; with the garbage collector on, a
    process that holds spaCy and TensorFlow walks its whole heap several times meanwhile (3–4 times
    slower), so it is paused for the build."""
    if not _loaded:
        enabled = gc.isenabled()
        gc.disable()
        try:
            _loaded.append(Gazetteer(read_places()))
        finally:
            if enabled:
                gc.enable()
    return _loaded[0]


def find_places(
    text: str, words: Sequence[tuple[str, int]] | None = None, answer: bool = False
) -> list[Mention]:
    """The places named in a text (see `Gazetteer.find`)."""
    return gazetteer().find(text, words, answer)


def place_in(text: str, answer: bool = False) -> City | None:
    """The city an answer names ("Stadt Essen", "in Dortmund", "Gelsenkirchen-Ückendorf" → Gelsenkirchen),
    preferring a cued mention to an uncued one; None if it names none."""
    mentions = find_places(text, answer=answer)
    if not mentions:
        return None
    return sorted(mentions, key=lambda m: (m.how in ("alone", "name"), m.start))[0].city


def city_named(name: str) -> City | None:
    """The city a `Mention.city.name` (or a place name) stands for, with its state."""
    return gazetteer().city_named(name)


__all__ = [
    "DATA_FILE",
    "STANDALONE_POPULATION",
    "City",
    "Gazetteer",
    "Mention",
    "Place",
    "PlaceAnswer",
    "city_named",
    "find_places",
    "fold",
    "gazetteer",
    "place_answer",
    "place_in",
    "read_places",
]
