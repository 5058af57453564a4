"""What a project does, read from the words people use to describe it (German and English).

`read_activities("Wir wollen die Ladenfassaden unserer Passage renovieren")` → ("building_works",).
The matching engine compares these activities with each programme's purpose (`purpose.funds` and
`purpose.excludes` in the catalogue). Word stems match inside German compounds ("Ladenfassaden",
"Sprachkurse"); a stem right after a negation ("kein Umbau", "no renovation") does not count.
Only clear words count: a description without any gives no activity, and the guidance then asks.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from programmes.vocabulary import ACTIVITIES

# Stems and phrases per activity. A stem matches at the start of a word or inside a German compound;
# entries starting with "\b" must start a word ("\bjob" is not inside "Nebenjob"-like noise words).
_STEMS: dict[str, tuple[str, ...]] = {
    "employment": (
        "arbeitslos",
        "erwerbslos",
        "arbeitssuch",
        "arbeitsuch",
        "beschaeftigung",
        "arbeitsmarkt",
        "\\bjobs?\\b",
        "jobcenter",
        "arbeitsplaetze",
        "arbeitsplatz",
        "ausbildungsplatz",
        "ausbildungsplaetze",
        "\\bin arbeit\\b",
        "\\bin den arbeitsmarkt",
        "vermittlung in",
        "bewerbungstraining",
        "praktikum",
        "praktika",
        "unemploy",
        "employment",
        "\\binto work\\b",
        "job centre",
        "job center",
        "labour market",
        "labor market",
        "apprenticeship",
        "work placement",
        "job seeker",
        "jobseeker",
        "ohne arbeit",
        "ohne job",
        "out of work",
        "without work",
        "without a job",
        "\\bhire\\b",
        "\\bhiring\\b",
    ),
    "qualification": (
        "qualifizier",
        "weiterbildung",
        "fortbildung",
        "schulung",
        "sprachkurs",
        "deutschkurs",
        "kurse",
        "\\bkurs\\b",
        "coaching",
        "mentoring",
        "training",
        "workshop",
        "nachhilfe",
        "\\bbildung",
        "\\bcourses?\\b",
        "\\bskills\\b",
        "qualification",
        "language class",
        "tutoring",
        # what people learn: "Gartenbau beibringen", "anlernen", "teach women to code", "find an Ausbildung"
        "beibring",
        "anlern",
        "ausbildung",
        "schulabschluss",
        "\\bunterricht",
        "\\bteach",
        "\\blearn",
        "\\blernen\\b",
    ),
    "social_integration": (
        "integration",
        "teilhabe",
        "ausgrenzung",
        "armut",
        "benachteilig",
        "gefluechtet",
        "fluechtling",
        "migrant",
        "inklusion",
        "alleinerziehend",
        "\\beinsam",
        "obdachlos",
        "wohnungslos",
        "nachbarschaft",
        "begegnung",
        "\\bnachbarn",
        "inclusion",
        "poverty",
        "disadvantaged",
        "refugee",
        "isolation",
        "isolated",
        "participation",
        "single parent",
        "homeless",
        "neighbours",
        "neighbors",
        "lonely",
    ),
    "networking": (
        "netzwerk",
        "vernetz",
        "kooperation",
        "runder tisch",
        "runden tisch",
        "network",
        "cooperation",
        "round table",
    ),
    "local_economy": (
        "gewerbetreibend",
        "einzelhandel",
        "haendler",
        "lokale wirtschaft",
        "lokalen wirtschaft",
        "lokale oekonomie",
        "lokalen oekonomie",
        "kleinunternehm",
        "kleine unternehmen",
        "kleinen unternehmen",
        "kleine betriebe",
        "kleinen betriebe",
        "geschaeftsstrasse",
        "gruendungsberatung",
        "local business",
        "local economy",
        "small business",
        "small firms",
        "retailers",
        "traders",
        "shop owners",
        "shopkeepers",
        "high street",
        # a network of businesses is WdM's "business networks", not networking against poverty
        "unternehmensnetzwerk",
        "wirtschaftsnetzwerk",
        "gewerbenetzwerk",
        "business network",
        "\\b(?:small|local|other) (?:shops|stores|businesses|firms)\\b",
    ),
    "location_marketing": (
        "standortmarketing",
        "standortmanagement",
        "stadtmarketing",
        "kiezmarketing",
        "bezirksmarketing",
        "location marketing",
        "place marketing",
        "destination marketing",
        # joint marketing of a street or neighbourhood's shops is marketing the place
        "gemeinsames marketing",
        "gemeinsame werbung",
        "strassenmarketing",
        "joint marketing",
        "marketing for the street",
        "shared marketing",
        # "joint events & marketing", "gemeinsame Aktionen und Werbung"
        "\\bjoint (?:[a-z]+ )?(?:& |and )?marketing",
        "\\bgemeinsame[sn]? (?:[a-z]+ )?(?:& |und )?(?:marketing|werbung)",
    ),
    "building_works": (
        "renovier",
        "sanier",
        "fassade",
        "schaufenster",
        "umbau",
        "neubau",
        "bauarbeit",
        "baumassnahm",
        "modernisier",
        "instandsetz",
        # "eine App bauen" builds software, not a building
        "\\b(?<!app )(?<!software )(?<!website )(?<!webseite )(?<!plattform )bauen\\b"
        "(?! (?:eine |einen |ein )?(?:app|software|website|webseite|plattform|netzwerk))",
        "\\bbau eines",
        "\\bbau einer",
        "\\bbau des",
        "\\bbau der",
        "dachsanier",
        "renovat",
        # "refurbish old laptops" repairs devices, not a building
        "\\brefurbish(?:es|ed|ing)?\\b(?! (?:(?:old|used|second-hand|donated|broken) )?(?:laptop|computer|pc|"
        "bike|bicycle|phone|smartphone|device|tablet|electronic|furniture|clothes|machine))",
        "shop front",
        "shopfront",
        "facade",
        "construction",
        "\\bconstruct\\b",
        "rebuild",
        "building works",
        "\\bbuild a",
        "\\bbuild an",
        "\\bbuild the",
        "repair the building",
        "repair the roof",
    ),
    "equipment": (
        "anschaff",
        "ausstattung",
        "geraete",
        "maschine",
        "fahrzeug",
        "lastenrad",
        "moebel",
        "equipment",
        "machines",
        "machinery",
        "vehicle",
        "furniture",
        "\\bbuy\\b",
        "\\bbuying\\b",
        "\\bpurchas",
        "\\bkaufen\\b",
    ),
    "own_business": (
        "unser geschaeft",
        "unseres geschaefts",
        "unserem geschaeft",
        "unseren laden",
        "unser laden",
        "unseres ladens",
        "unserem laden",
        "unsere firma",
        "unserer firma",
        "unser unternehmen",
        "unseres unternehmens",
        "unserem unternehmen",
        "unser cafe",
        "unser restaurant",
        "unsere produkte",
        "unseren umsatz",
        "unserer einkaufspassage",
        "unsere einkaufspassage",
        "eigenen laden",
        "eigenes geschaeft",
        "eigenen geschaefts",
        "eigene firma",
        "werbung fuer unser",
        "marketing fuer unser",
        "our shop",
        "our store",
        "our business",
        "our company",
        "our own business",
        "our cafe",
        "our café",
        "our restaurant",
        "our products",
        "our sales",
        "our shopping",
        "our arcade",
        "our mall",
        "open a shop",
        "open a store",
        "open a cafe",
        "expand our",
    ),
}

# Words that look like a stem but name something else: "our neighbours in Gelsenkirchen" is a neighbouring
# town, not a project for neighbours. Matched on the original text (case matters for the place name).
_NOT_ACTIVITY = re.compile(
    r"\b(?:our|unsere[nm]?)\s+(?:neighbou?rs|nachbarn)\s+(?:in|aus|from|at)\s+[A-ZÄÖÜ]"
    r"|\bnachbar(?:stadt|städte|kommune\w*|gemeinde\w*|bezirk\w*)|\bneighbou?ring\s+(?:city|cities|town|towns|"
    r"municipalit\w+|district\w*)"
)
_NEGATIONS = ("kein", "keine", "keinen", "keinem", "ohne", "nicht", "no", "not", "without")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
assert set(_STEMS) == set(ACTIVITIES)


def _normalise(text: str) -> str:
    text = text.casefold().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for activity, stems in _STEMS.items():
        parts = [stem if stem.startswith("\\b") else re.escape(stem) for stem in stems]
        patterns[activity] = re.compile("|".join(f"(?:{part})" for part in parts))
    return patterns


def _negated(text: str, start: int) -> bool:
    """A negation word among the two words before the match ("kein Umbau", "not to renovate")."""
    before = re.findall(r"[a-z]+", text[max(0, start - 30) : start])[-2:]
    return any(word in _NEGATIONS for word in before)


def read_activities(description: str | None) -> tuple[str, ...]:
    """The activities a project description names, in vocabulary order; () when none is clear.

    Shape: a tuple of keys from programmes.vocabulary.ACTIVITIES. Raises nothing; any text is accepted.
    """
    if not description or not description.strip():
        return ()
    description = _NOT_ACTIVITY.sub(lambda m: " " * len(m.group()), description)
    text = _normalise(description)
    found = []
    for activity in ACTIVITIES:
        if any(not _negated(text, m.start()) for m in _patterns()[activity].finditer(text)):
            found.append(activity)
    return tuple(found)
