"""The demo as a whole: its bodies and the logins that show each role."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from teilhabe.council.demo import meetings, papers, people
from teilhabe.council.demo.landkreis import LANDKREIS
from teilhabe.council.demo.specs import DemoBody, LoginSpec

MUSTERSTADT = DemoBody(
    body=people.BODY,
    locations=people.LOCATIONS,
    terms=people.TERMS,
    organizations=people.ORGANIZATIONS,
    persons=people.PERSONS,
    memberships=people.MEMBERSHIPS,
    papers=papers.PAPERS,
    meetings=meetings.MEETINGS,
)
BODIES = (MUSTERSTADT, LANDKREIS)
SLUGS = tuple(demo.body.slug for demo in BODIES)

# Public by design: it is printed after loading and stands in the README.
PASSWORD = "demo-Teilhabe-2026"  # noqa: S105

# Role and visibility texts are marked here and translated when printed.
LOGINS = (
    LoginSpec(
        "admin",
        gettext_noop("Superuser"),
        gettext_noop("alles in allen Körperschaften, auch die Administration"),
        email="admin@musterstadt.example",
        superuser=True,
    ),
    LoginSpec(
        "fachstelle",
        gettext_noop("Geschäftsstelle Musterstadt"),
        gettext_noop("alles in Musterstadt, auch Nichtöffentliches; Verwaltungsseiten"),
        email="fachstelle@musterstadt.example",
        staff_of="musterstadt",
        admin=True,
        person="hartmann",
        body="musterstadt",
    ),
    LoginSpec(
        "vorsitz",
        gettext_noop("Vorsitzende des Beirats"),
        gettext_noop("Öffentliches und Nichtöffentliches des Beirats und ihrer Liste"),
        email="vorsitz@musterstadt.example",
        person="aydin",
        body="musterstadt",
    ),
    LoginSpec(
        "mitglied",
        gettext_noop("Mitglied des Beirats"),
        gettext_noop("Öffentliches und Nichtöffentliches des Beirats und seiner Liste"),
        email="mitglied@musterstadt.example",
        person="mensah",
        body="musterstadt",
    ),
    LoginSpec(
        "ag-mitglied",
        gettext_noop("sachkundiger Einwohner in der AG"),
        gettext_noop("Öffentliches und Nichtöffentliches der AG, nicht das des Beirats"),
        email="ag-mitglied@musterstadt.example",
        person="abdi",
        body="musterstadt",
    ),
    LoginSpec(
        "kreis",
        gettext_noop("Geschäftsstelle Landkreis Beispielkreis"),
        gettext_noop("alles im Landkreis, nichts Nichtöffentliches von Musterstadt"),
        email="kreis@beispielkreis.example",
        staff_of="beispielkreis",
    ),
)
