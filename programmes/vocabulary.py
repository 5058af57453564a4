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

# What a project does. The catalogue states per programme which of these it funds (`purpose.funds`) and
# which lie outside its purpose (`purpose.excludes`); a profile names them directly, through its goals
# or through a project description (programmes.activities reads one).
ACTIVITIES = (
    "employment",  # getting people into work: placement, job coaching, work experience
    "qualification",  # training, courses, coaching that build skills for work
    "social_integration",  # inclusion and participation of disadvantaged people
    "networking",  # networks and cooperation of local actors
    "local_economy",  # support for local businesses as a group: advice, business networks, shopping streets
    "location_marketing",  # marketing and management of a district or location
    "building_works",  # construction, renovation, facades, shop fronts
    "equipment",  # buying equipment, furniture or vehicles
    "own_business",  # a company's own business: its shop, products, sales or marketing
)

# A goal says what the project does, in the words of the finder and the chat.
GOAL_ACTIVITIES = {
    "jobs_for_disadvantaged": ("employment",),
    "social_cohesion": ("social_integration",),
    "local_economy": ("local_economy",),
    "networking": ("networking",),
    "business_location": ("location_marketing",),
}

# How a programme states its amounts: as the grant itself, or as the eligible total expenditure of
# which the grant is a share (BIWAQ VI: total expenditure €300,000–€1,200,000, grant up to 90 %).
AMOUNT_BASES = ("grant", "total_cost")

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
    "local_businesses",
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

# The facts of a programme an earlier figure or round can stand beside (catalogue `history[].about`).
FACT_TOPICS = ("amount", "duration", "funding_rate", "applicants", "deadline", "how_to_apply")

# The order in which facts are shown; the bot's questions map onto these keys.
FACT_KEYS = (
    "summary",
    "status",
    "region",
    "applicants",
    "area",
    "purpose",
    "goals",
    "target_groups",
    "amount",
    "duration",
    "funding_rate",
    "deadline",
    "how_to_apply",
    "funder",
    "fund",
    "contact",
    "history",
)
