"""The real crawl of Hürtgenwald (SD.NET RIM, OParl 1.0) imports completely, twice."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest

from teilhabe.core.models import Body
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    File,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)
from teilhabe.oparl.importer import Client, Report, import_oparl
from teilhabe.oparl.importer.mapping import type_name
from teilhabe.oparl.tests.import_support import HUERTGENWALD, RecordedServer

MODELS: dict[str, Any] = {
    "Organization": Organization,
    "Person": Person,
    "Membership": Membership,
    "Meeting": Meeting,
    "AgendaItem": AgendaItem,
    "Paper": Paper,
    "Consultation": Consultation,
    "File": File,
    "Location": Location,
}


def recorded_ids() -> dict[str, set[str]]:
    """Every object id in the recorded files, per OParl type (embedded ones included)."""
    found: dict[str, set[str]] = defaultdict(set)

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("id"), str) and type_name(value):
                found[type_name(value)].add(value["id"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for path in HUERTGENWALD.rglob("*.json"):
        if path.name != "missing_ids.json":
            walk(json.loads(path.read_text()))
    return found


def run(server: RecordedServer, **options) -> Report:
    report = Report()
    import_oparl(server.start_url, client=Client(timeout=10), report=report, **options)
    return report


def snapshot(body: Body) -> dict[str, dict[str, tuple]]:
    return {
        name: {
            row["oparl_id"]: (row["pk"], row["modified"], row["version"])
            for row in model.objects.filter(body=body).values(
                "oparl_id", "pk", "modified", "version"
            )
        }
        for name, model in MODELS.items()
    }


@pytest.mark.django_db(transaction=True)
def test_huertgenwald_imports_completely_and_a_second_run_changes_nothing():
    """Every object of the crawl is stored once under its original id (the Body's own
    location included); the server's short lists and its links to locations it never
    served are warnings with their URL; a second run creates, updates and deletes nothing."""
    expected = recorded_ids()
    with RecordedServer() as server:
        first = run(server)
        body = Body.objects.get()
        assert body.oparl_source == server.base + "body/1"
        assert body.name == "Gemeinde Hürtgenwald"
        assert body.slug == "gemeinde-hurtgenwald"
        assert body.oparl_imported_at is not None
        base = server.base
        for name, model in MODELS.items():
            ids = {
                i.replace("https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/", base)
                for i in expected[name]
            }
            stored = set(model.objects.filter(body=body).values_list("oparl_id", flat=True))
            assert stored == ids, name
        # What this real server does wrong: five papers without a date, and names longer
        # than Teilhabe keeps. Its deleted objects (without a type) are simply not created.
        assert {w.kind for w in first.warnings} == {"missing", "truncated"}
        undated = {w.url.rsplit("/", 1)[-1] for w in first.warnings_of("missing")}
        assert undated == {"60", "918", "3186", "3610", "3611"}
        assert first.total("created") == sum(len(v) for k, v in expected.items() if k in MODELS) + 1
        before = snapshot(body)

        second = run(server)

    assert second.total("created") == second.total("updated") == second.total("deleted") == 0
    assert second.total("unchanged") > 17_000
    assert snapshot(Body.objects.get()) == before
    meeting = Meeting.objects.get(oparl_id=base + "body/1/meeting/449")
    assert meeting.organization.name
    assert meeting.agenda_items.count() > 1
    assert meeting.location.street_address == "August-Scholl-Str. 5"
    paper = Paper.objects.get(oparl_id=base + "body/1/paper/853")
    assert paper.reference == "62/2007"
    assert paper.files.get().name.startswith("Beschlussvorlage")
    consultation = paper.consultations.get()
    assert consultation.meeting.oparl_id == base + "body/1/meeting/382"
    assert consultation.agenda_item.oparl_id == base + "body/1/agendaitem/3667"
    person = Person.objects.get(oparl_id=base + "body/1/person/13")
    assert (person.given_name, person.family_name, person.public_consent) == (
        "Peter",
        "Huppertz",
        True,
    )
    assert person.memberships.filter(role=Membership.Role.MEMBER).exists()
