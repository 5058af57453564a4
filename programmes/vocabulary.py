"""The closed sets of values that profiles, the catalogue and the API share."""

from __future__ import annotations

LANGUAGES = ("de", "en")

APPLICANT_TYPES = (
    "small_business",
    "startup",
    "association",
    "initiative",
    "social_enterprise",
    "training_provider",
    "district_office",
    "municipality",
    "other",
)

GOALS = ("jobs_for_disadvantaged", "local_economy", "social_cohesion", "networking", "business_location")

TARGET_GROUPS = (
    "long_term_unemployed",
    "unemployed",
    "youth",
    "migrants",
    "women",
    "single_parents",
    "older_workers",
    "people_with_disabilities",
    "residents",
)

# The 16 German states by their ISO 3166-2:DE codes.
STATES = {
    "BW": {"de": "Baden-Württemberg", "en": "Baden-Württemberg"},
    "BY": {"de": "Bayern", "en": "Bavaria"},
    "BE": {"de": "Berlin", "en": "Berlin"},
    "BB": {"de": "Brandenburg", "en": "Brandenburg"},
    "HB": {"de": "Bremen", "en": "Bremen"},
    "HH": {"de": "Hamburg", "en": "Hamburg"},
    "HE": {"de": "Hessen", "en": "Hesse"},
    "MV": {"de": "Mecklenburg-Vorpommern", "en": "Mecklenburg-Western Pomerania"},
    "NI": {"de": "Niedersachsen", "en": "Lower Saxony"},
    "NW": {"de": "Nordrhein-Westfalen", "en": "North Rhine-Westphalia"},
    "RP": {"de": "Rheinland-Pfalz", "en": "Rhineland-Palatinate"},
    "SL": {"de": "Saarland", "en": "Saarland"},
    "SN": {"de": "Sachsen", "en": "Saxony"},
    "ST": {"de": "Sachsen-Anhalt", "en": "Saxony-Anhalt"},
    "SH": {"de": "Schleswig-Holstein", "en": "Schleswig-Holstein"},
    "TH": {"de": "Thüringen", "en": "Thuringia"},
}

LIFECYCLES = ("current", "closed")
