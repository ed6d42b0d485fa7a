"""Musterstadt's body, places, terms, bodies of the council and the people in them.

Every person is invented. The Beirat has fifteen voting members in each term (its legal
number): thirteen elected on lists, two appointed; deputies and the councillors with an
advisory seat have no vote of their own.
"""

from __future__ import annotations

from teilhabe.council.demo.specs import (
    BodySpec,
    LocationSpec,
    MembershipSpec,
    OrganizationSpec,
    OrgType,
    PersonSpec,
    Role,
    TermSpec,
)
from teilhabe.council.demo.timeline import (
    COUNCIL_MEMBERS_SINCE,
    TERM_1_END,
    TERM_1_START,
    TERM_2_START,
)

BODY = BodySpec(
    slug="musterstadt",
    name="Stadt Musterstadt",
    short_name="Musterstadt",
    ags="07999000",  # shaped like a Rhineland-Palatinate key; no real municipality has it
    website="https://www.musterstadt.example",
    contact_email="integration@musterstadt.example",
    contact_name="Fachstelle Migration und Integration",
    letterhead=(
        "Stadtverwaltung Musterstadt\n"
        "Fachstelle Migration und Integration\n"
        "Geschäftsstelle des Beirats für Migration und Integration\n"
        "Stadthaus, Bahnhofstraße 5\n"
        "12345 Musterstadt\n"
        "Telefon 01234 567-410 · integration@musterstadt.example"
    ),
)

LOCATIONS = (
    LocationSpec(
        "rathaus",
        "Rathaus, Großer Sitzungssaal",
        "Rathausplatz 1",
        "12345",
        "Musterstadt",
        room="Großer Sitzungssaal (1. Obergeschoss)",
    ),
    LocationSpec(
        "buergerhaus",
        "Bürgerhaus Nordstadt",
        "Lindenallee 12",
        "12347",
        "Musterstadt",
        room="Saal 2 (Erdgeschoss, barrierefrei)",
    ),
    LocationSpec(
        "stadthaus",
        "Stadthaus, Fachstelle Migration und Integration",
        "Bahnhofstraße 5",
        "12345",
        "Musterstadt",
        room="Besprechungsraum 2.14",
    ),
)

TERMS = (
    TermSpec("wp1", "Wahlperiode 2019–2024", TERM_1_START, TERM_1_END),
    TermSpec("wp2", "Wahlperiode 2024–2029", TERM_2_START),
)

ORGANIZATIONS = (
    OrganizationSpec(
        "stadtrat",
        "Stadtrat Musterstadt",
        OrgType.STADTRAT,
        short_name="Stadtrat",
        legal_member_count=44,
        location="rathaus",
    ),
    OrganizationSpec(
        "beirat",
        "Beirat für Migration und Integration",
        OrgType.BEIRAT,
        short_name="Beirat",
        legal_member_count=15,
        start_date=TERM_1_START,
        location="rathaus",
    ),
    OrganizationSpec(
        "fachstelle",
        "Fachstelle Migration und Integration",
        OrgType.VERWALTUNG,
        short_name="Fachstelle",
        location="stadthaus",
    ),
    OrganizationSpec(
        "il",
        "Internationale Liste",
        OrgType.FRAKTION,
        short_name="IL",
        parent="beirat",
        start_date=TERM_1_START,
    ),
    OrganizationSpec(
        "spd",
        "SPD-Fraktion im Beirat",
        OrgType.FRAKTION,
        short_name="SPD",
        parent="beirat",
        start_date=TERM_1_START,
    ),
    OrganizationSpec(
        "lbb",
        "Liste Brücken bauen",
        OrgType.FRAKTION,
        short_name="LBB",
        parent="beirat",
        start_date=TERM_1_START,
        end_date=TERM_1_END,
    ),
    OrganizationSpec(
        "lv",
        "Liste Vielfalt",
        OrgType.FRAKTION,
        short_name="LV",
        parent="beirat",
        start_date=TERM_2_START,
    ),
    OrganizationSpec(
        "ag",
        "AG „Integrationskonzept 2.0“",
        OrgType.ARBEITSGRUPPE,
        short_name="AG IK 2.0",
        parent="beirat",
        start_day="beirat-2-10",
    ),
)

P = PersonSpec
PERSONS = (
    # Beirat, both terms or one of them
    P("aydin", "Frau", "Leyla", "Aydın", title="Dr."),
    P("wisniewski", "Herr", "Tomasz", "Wiśniewski"),
    P("demir", "Frau", "Fatma", "Demir"),
    P("mensah", "Herr", "Kwame", "Mensah"),
    P("nguyen", "Frau", "Thi Lan", "Nguyen"),
    P("kovalenko", "Frau", "Olena", "Kovalenko", public_consent=False),
    P("haddad", "Frau", "Samira", "Haddad"),
    P("papadakis", "Herr", "Giorgos", "Papadakis"),
    P("ramirez", "Frau", "Ana Lucía", "Ramírez"),
    P("volkov", "Herr", "Dmitri", "Volkov", public_consent=False),
    P("sahin", "Herr", "Emre", "Şahin"),
    P("popescu", "Herr", "Mihail", "Popescu"),
    P("russo", "Frau", "Chiara", "Russo"),
    P("diallo", "Herr", "Ibrahim", "Diallo"),
    P("nowak", "Frau", "Marta", "Nowak"),
    P("fernandez", "Frau", "Rosa", "Fernández"),
    P("romano", "Herr", "Giuseppe", "Romano"),
    P("morozov", "Herr", "Alexei", "Morozov"),
    P("tesfaye", "Frau", "Mariam", "Tesfaye", public_consent=False),
    P("celik", "Herr", "Hüseyin", "Çelik"),
    P("zielinska", "Frau", "Agnieszka", "Zielińska"),
    # Deputies
    P("petrova", "Frau", "Sofia", "Petrova"),
    P("rahimi", "Herr", "Hamid", "Rahimi", public_consent=False),
    P("oliveira", "Herr", "Lucas", "Oliveira"),
    P("arslan", "Frau", "Zeynep", "Arslan"),
    P("asante", "Herr", "Samuel", "Asante"),
    # Co-opted resident in the AG
    P("abdi", "Herr", "Yusuf", "Abdi"),
    # Stadtrat
    P("albrecht", "Frau", "Sabine", "Albrecht", title="Dr."),
    P("hofmann", "Herr", "Jürgen", "Hofmann"),
    P("kurt", "Frau", "Aylin", "Kurt"),
    P("lorenz", "Herr", "Bernd", "Lorenz"),
    P("winkler", "Frau", "Karin", "Winkler"),
    # Fachstelle
    P("hartmann", "Frau", "Miriam", "Hartmann"),
    P("benali", "Frau", "Nadia", "Benali"),
)

# Beirat rosters: (person, role, list). A list of "" means appointed by the Stadtrat.
ROSTER_TERM_1 = (
    ("fernandez", Role.CHAIR, "lbb"),
    ("aydin", Role.DEPUTY_CHAIR, "il"),
    ("wisniewski", Role.MEMBER, "il"),
    ("demir", Role.MEMBER, "il"),
    ("mensah", Role.MEMBER, "il"),
    ("nguyen", Role.MEMBER, "il"),
    ("sahin", Role.MEMBER, "spd"),
    ("popescu", Role.MEMBER, "spd"),
    ("russo", Role.MEMBER, "spd"),
    ("romano", Role.MEMBER, "spd"),
    ("morozov", Role.MEMBER, "lbb"),
    ("tesfaye", Role.MEMBER, "lbb"),
    ("celik", Role.MEMBER, "lbb"),
    ("diallo", Role.MEMBER, ""),
    ("zielinska", Role.MEMBER, ""),
    ("petrova", Role.DEPUTY, "il"),
    ("arslan", Role.DEPUTY, "spd"),
    ("asante", Role.DEPUTY, "lbb"),
    ("hofmann", Role.ADVISORY, ""),
)
ROSTER_TERM_2 = (
    ("aydin", Role.CHAIR, "il"),
    ("popescu", Role.DEPUTY_CHAIR, "spd"),
    ("wisniewski", Role.MEMBER, "il"),
    ("demir", Role.MEMBER, "il"),
    ("mensah", Role.MEMBER, "il"),
    ("nguyen", Role.MEMBER, "il"),
    ("kovalenko", Role.MEMBER, "il"),
    ("haddad", Role.MEMBER, "lv"),
    ("papadakis", Role.MEMBER, "lv"),
    ("ramirez", Role.MEMBER, "lv"),
    ("volkov", Role.MEMBER, "lv"),
    ("sahin", Role.MEMBER, "spd"),
    ("russo", Role.MEMBER, "spd"),
    ("diallo", Role.MEMBER, ""),
    ("nowak", Role.MEMBER, ""),
    ("petrova", Role.DEPUTY, "il"),
    ("rahimi", Role.DEPUTY, "il"),
    ("oliveira", Role.DEPUTY, "lv"),
    ("arslan", Role.DEPUTY, "spd"),
    ("hofmann", Role.ADVISORY, ""),
    ("kurt", Role.ADVISORY, ""),
)
# Who leads each list's group in the Beirat, per term.
LIST_CHAIRS = {
    "wp1": {"il": "wisniewski", "spd": "sahin", "lbb": "fernandez"},
    "wp2": {"il": "wisniewski", "spd": "sahin", "lv": "haddad"},
}


def _term_memberships() -> list[MembershipSpec]:
    """Beirat seats per term, and the matching seats in each list's own group."""
    memberships = []
    for term, roster, start, end in (
        ("wp1", ROSTER_TERM_1, TERM_1_START, TERM_1_END),
        ("wp2", ROSTER_TERM_2, TERM_2_START, None),
    ):
        for person, role, on_behalf_of in roster:
            memberships.append(
                MembershipSpec(person, "beirat", role, on_behalf_of, start_date=start, end_date=end)
            )
            if on_behalf_of and role != Role.DEPUTY:
                list_role = Role.CHAIR if LIST_CHAIRS[term][on_behalf_of] == person else Role.MEMBER
                memberships.append(
                    MembershipSpec(person, on_behalf_of, list_role, start_date=start, end_date=end)
                )
    return memberships


MEMBERSHIPS = (
    *_term_memberships(),
    # Stadtrat: a few of its members, the Oberbürgermeisterin in the chair.
    MembershipSpec("albrecht", "stadtrat", Role.CHAIR, start_date=COUNCIL_MEMBERS_SINCE),
    *(
        MembershipSpec(person, "stadtrat", start_date=COUNCIL_MEMBERS_SINCE)
        for person in ("hofmann", "kurt", "lorenz", "winkler")
    ),
    MembershipSpec("hartmann", "fachstelle", start_date=COUNCIL_MEMBERS_SINCE),
    MembershipSpec("benali", "fachstelle", start_date=COUNCIL_MEMBERS_SINCE),
    # The AG: four Beirat members from its founding, a co-opted resident since its first
    # meeting (five members, as its interim report says).
    MembershipSpec("wisniewski", "ag", Role.CHAIR, start_day="beirat-2-10"),
    *(
        MembershipSpec(person, "ag", start_day="beirat-2-10")
        for person in ("demir", "haddad", "russo")
    ),
    MembershipSpec("abdi", "ag", start_day="ag-joined"),
)
