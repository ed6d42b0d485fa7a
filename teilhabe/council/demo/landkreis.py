"""A small second body, Landkreis Beispielkreis: one instance hosts many bodies.

Its staff see only their own body; nothing of Musterstadt's non-public work.
"""

from __future__ import annotations

from teilhabe.council.demo.agenda import OPENING, OTHER_BUSINESS, adopted, minutes, noted, topic
from teilhabe.council.demo.specs import (
    BodySpec,
    DemoBody,
    LocationSpec,
    MeetingSpec,
    MembershipSpec,
    OrganizationSpec,
    OrgType,
    PersonSpec,
    Role,
    State,
    TermSpec,
)
from teilhabe.council.demo.timeline import KREIS_TIME, TERM_2_START

BODY = BodySpec(
    slug="beispielkreis",
    name="Landkreis Beispielkreis",
    short_name="Beispielkreis",
    ags="07998000",  # fictional, like Musterstadt's
    website="https://www.beispielkreis.example",
    contact_email="integration@beispielkreis.example",
    contact_name="Leitstelle Integration",
    letterhead=(
        "Kreisverwaltung Beispielkreis\n"
        "Leitstelle Integration\n"
        "Kreishausstraße 3\n"
        "12399 Beispielstadt"
    ),
)

P = PersonSpec
PERSONS = (
    P("hassan", "Frau", "Amina", "Hassan"),
    P("novak", "Herr", "Pavel", "Novák"),
    P("adeyemi", "Frau", "Grace", "Adeyemi"),
    P("tran", "Frau", "Hoa", "Tran"),
    P("ferreira", "Herr", "João", "Ferreira", public_consent=False),
)

LANDKREIS = DemoBody(
    body=BODY,
    locations=(
        LocationSpec(
            "kreishaus",
            "Kreishaus, Sitzungssaal",
            "Kreishausstraße 3",
            "12399",
            "Beispielstadt",
            room="Sitzungssaal (Erdgeschoss)",
        ),
    ),
    terms=(TermSpec("wp2", "Wahlperiode 2024–2029", TERM_2_START),),
    organizations=(
        OrganizationSpec(
            "beirat",
            "Kreisbeirat für Migration und Integration",
            OrgType.BEIRAT,
            short_name="Kreisbeirat",
            legal_member_count=5,
            start_date=TERM_2_START,
            location="kreishaus",
        ),
    ),
    persons=PERSONS,
    memberships=(
        MembershipSpec("hassan", "beirat", Role.CHAIR, start_date=TERM_2_START),
        MembershipSpec("novak", "beirat", Role.DEPUTY_CHAIR, start_date=TERM_2_START),
        *(
            MembershipSpec(person, "beirat", start_date=TERM_2_START)
            for person in ("adeyemi", "tran", "ferreira")
        ),
    ),
    papers=(),
    meetings=(
        MeetingSpec(
            "kreis-4",
            "beirat",
            4,
            State.HELD,
            KREIS_TIME,
            (
                OPENING,
                minutes(3, (5, 0, 0)),
                noted(
                    "Integrationsangebote im ländlichen Raum: Bericht der Leitstelle Integration"
                ),
                adopted(
                    "Fahrtkostenzuschuss für Integrationskurse",
                    (4, 0, 1),
                    "Der Kreisbeirat empfiehlt dem Kreistag einen Fahrtkostenzuschuss für "
                    "Teilnehmende an Integrationskursen aus den Verbandsgemeinden.",
                ),
                OTHER_BUSINESS,
                noted("Personalangelegenheit", public=False),
            ),
            term="wp2",
            location="kreishaus",
        ),
        MeetingSpec(
            "kreis-5",
            "beirat",
            5,
            State.PLANNED,
            KREIS_TIME,
            (
                OPENING,
                minutes(4),
                topic("Interkulturelle Woche im Landkreis: Planung"),
                OTHER_BUSINESS,
            ),
            term="wp2",
            location="kreishaus",
        ),
    ),
    paper_prefix="KBMI",
)
