"""The characteristics a snapshot counts, and their categories, by stable codes.

A count is the number of residents with main residence (Hauptwohnung) in a district who
fall into one category of one characteristic on the snapshot's reference date. Codes are
stable: they are stored, named in uploaded tables and in the register aggregation, and
never translated; the labels are.

Every characteristic of persons sums to the residents (`POPULATION`, `TOTAL`); the
characteristics of foreigners, of residents with migration background or with immigration
history sum to that group's cell (`TOTAL_OF`). `confidentiality.build_snapshot` is told
these sums, so that secondary suppression protects across all tables of a snapshot.

Age groups (completed years on the reference date): 0–5, 6–14, 15–17, 18–24, 25–44,
45–64, 65 and older — under 6 and minors (0–17) are sums of groups.

Duration of stay of foreigners, in completed years since the last move from abroad
recorded in the register: under 1, 1 to under 4, 4 to under 8, 8 to under 10, 10 to
under 20, 20 and more; `none` where no move from abroad is recorded (born here, or moved
before the register kept it).

Citizenship of foreigners: a foreigner with several foreign citizenships is counted once,
under the first by (EU, other Europe, third country) and then by code; a foreigner
without a foreign state's citizenship under `XXA` (stateless) or `XXX` (unresolved).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

POPULATION = "population"
TOTAL = "total"
CITIZENSHIP_STATUS = "citizenship_status"
GERMAN_ONLY = "german_only"
GERMAN_FURTHER = "german_further"
FOREIGNER = "foreigner"
MIGRATION_BACKGROUND = "migration_background"
IMMIGRATION_HISTORY = "immigration_history"
YES = "yes"
NO = "no"
BIRTH_COUNTRY = "birth_country"
GERMANY = "germany"
ABROAD = "abroad"
UNKNOWN = "unknown"
SEX = "sex"
AGE_GROUP = "age_group"
AGE_GROUP_FOREIGNERS = "age_group_foreigners"
AGE_GROUP_MIGRATION = "age_group_migration"
AGE_GROUP_IMMIGRATION = "age_group_immigration"
CITIZENSHIP = "citizenship"
CITIZENSHIP_REGION = "citizenship_region"
EU = "eu"
OTHER_EUROPE = "other_europe"
THIRD_COUNTRY = "third_country"
STATELESS_UNKNOWN = "stateless_unknown"
STAY_DURATION = "stay_duration"
BEIRAT_ELIGIBLE = "beirat_eligible"
ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"

# (code, lowest age, highest age or None)
AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("0_5", 0, 5),
    ("6_14", 6, 14),
    ("15_17", 15, 17),
    ("18_24", 18, 24),
    ("25_44", 25, 44),
    ("45_64", 45, 64),
    ("65_plus", 65, None),
)
UNDER_6 = ("0_5",)
MINORS = ("0_5", "6_14", "15_17")

# (code, from completed years, below years or None); `none`: no move from abroad recorded
STAY_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("lt1", 0, 1),
    ("1_4", 1, 4),
    ("4_8", 4, 8),
    ("8_10", 8, 10),
    ("10_20", 10, 20),
    ("20_plus", 20, None),
)
STAY_NONE = "none"

# EU member states since 1 February 2020 (ISO 3166-1 alpha-3)
EU_STATES = frozenset(
    [
        "AUT",
        "BEL",
        "BGR",
        "HRV",
        "CYP",
        "CZE",
        "DNK",
        "EST",
        "FIN",
        "FRA",
        "GRC",
        "HUN",
        "IRL",
        "ITA",
        "LVA",
        "LTU",
        "LUX",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "ESP",
        "SWE",
    ]
)
# The rest of Europe as the Statistisches Bundesamt groups it ("übriges Europa");
# XKX is the code registers use for Kosovo (ISO has none).
OTHER_EUROPEAN_STATES = frozenset(
    [
        "ALB",
        "AND",
        "BIH",
        "BLR",
        "CHE",
        "GBR",
        "ISL",
        "LIE",
        "MCO",
        "MDA",
        "MKD",
        "MNE",
        "NOR",
        "RUS",
        "SMR",
        "SRB",
        "TUR",
        "UKR",
        "VAT",
        "XKX",
    ]
)

AGE_CODES = tuple(code for code, _low, _high in AGE_GROUPS)

CATEGORIES: dict[str, tuple[str, ...]] = {
    POPULATION: (TOTAL,),
    CITIZENSHIP_STATUS: (GERMAN_ONLY, GERMAN_FURTHER, FOREIGNER),
    MIGRATION_BACKGROUND: (YES, NO),
    IMMIGRATION_HISTORY: (YES, NO),
    BIRTH_COUNTRY: (GERMANY, ABROAD, UNKNOWN),
    SEX: ("m", "w", "d", "x"),
    AGE_GROUP: AGE_CODES,
    AGE_GROUP_FOREIGNERS: AGE_CODES,
    AGE_GROUP_MIGRATION: AGE_CODES,
    AGE_GROUP_IMMIGRATION: AGE_CODES,
    CITIZENSHIP_REGION: (EU, OTHER_EUROPE, THIRD_COUNTRY, STATELESS_UNKNOWN),
    STAY_DURATION: (*(code for code, _low, _high in STAY_GROUPS), STAY_NONE),
    BEIRAT_ELIGIBLE: (ELIGIBLE, NOT_ELIGIBLE, UNKNOWN),
    CITIZENSHIP: (),  # any citizenship code, see `is_known`
}

# What the categories of each characteristic sum to.
TOTAL_OF: dict[str, tuple[str, str]] = {
    CITIZENSHIP_STATUS: (POPULATION, TOTAL),
    MIGRATION_BACKGROUND: (POPULATION, TOTAL),
    IMMIGRATION_HISTORY: (POPULATION, TOTAL),
    BIRTH_COUNTRY: (POPULATION, TOTAL),
    SEX: (POPULATION, TOTAL),
    AGE_GROUP: (POPULATION, TOTAL),
    BEIRAT_ELIGIBLE: (POPULATION, TOTAL),
    AGE_GROUP_FOREIGNERS: (CITIZENSHIP_STATUS, FOREIGNER),
    CITIZENSHIP: (CITIZENSHIP_STATUS, FOREIGNER),
    CITIZENSHIP_REGION: (CITIZENSHIP_STATUS, FOREIGNER),
    STAY_DURATION: (CITIZENSHIP_STATUS, FOREIGNER),
    AGE_GROUP_MIGRATION: (MIGRATION_BACKGROUND, YES),
    AGE_GROUP_IMMIGRATION: (IMMIGRATION_HISTORY, YES),
}

LABELS: dict[str, object] = {
    POPULATION: _("Einwohnerinnen und Einwohner"),
    CITIZENSHIP_STATUS: _("Staatsangehörigkeit (deutsch, weitere, ausländisch)"),
    MIGRATION_BACKGROUND: _("Migrationshintergrund"),
    IMMIGRATION_HISTORY: _("Einwanderungsgeschichte"),
    BIRTH_COUNTRY: _("Geburtsland"),
    SEX: _("Geschlecht"),
    AGE_GROUP: _("Altersgruppe"),
    AGE_GROUP_FOREIGNERS: _("Altersgruppe der Ausländerinnen und Ausländer"),
    AGE_GROUP_MIGRATION: _("Altersgruppe der Personen mit Migrationshintergrund"),
    AGE_GROUP_IMMIGRATION: _("Altersgruppe der Personen mit Einwanderungsgeschichte"),
    CITIZENSHIP: _("Staatsangehörigkeit der Ausländerinnen und Ausländer"),
    CITIZENSHIP_REGION: _("Herkunftsregion der Ausländerinnen und Ausländer"),
    STAY_DURATION: _("Aufenthaltsdauer der Ausländerinnen und Ausländer"),
    BEIRAT_ELIGIBLE: _("Wahlberechtigung zum Beirat für Migration und Integration"),
}

_CITIZENSHIP_CODE = re.compile(r"[A-Z]{3}")


def is_known(characteristic: str, category: str) -> bool:
    """`category` is one of `characteristic`'s (any three-letter code for citizenship)."""
    if characteristic == CITIZENSHIP:
        return bool(_CITIZENSHIP_CODE.fullmatch(category)) and category != "DEU"
    return category in CATEGORIES.get(characteristic, ())


def region_of(citizenship: str) -> str:
    if citizenship in EU_STATES:
        return EU
    if citizenship in OTHER_EUROPEAN_STATES:
        return OTHER_EUROPE
    if citizenship in ("XXA", "XXX"):
        return STATELESS_UNKNOWN
    return THIRD_COUNTRY
