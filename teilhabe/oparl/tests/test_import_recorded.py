"""System and Body objects recorded from about 30 real OParl servers parse."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from teilhabe.oparl.importer import Report
from teilhabe.oparl.importer.bodies import body_values
from teilhabe.oparl.importer.crawl import BODY_LISTS
from teilhabe.oparl.importer.mapping import meeting, type_name
from teilhabe.oparl.importer.values import Reader
from teilhabe.oparl.tests.import_support import DATA

RECORDED = DATA / "recorded-bodies"
BODIES = sorted((RECORDED / "bodies").glob("*.json"))
SYSTEMS = sorted((RECORDED / "systems").glob("*.json"))


def test_there_are_recordings():
    assert len(BODIES) == len(SYSTEMS) == 29


@pytest.mark.parametrize("path", BODIES, ids=lambda p: p.stem)
def test_recorded_body_gives_a_local_body_and_its_lists(path: Path):
    remote = json.loads(path.read_text())
    report = Report()
    values = body_values(remote, report)
    assert type_name(remote) == "Body"
    assert values["name"]
    assert len(values["ags"]) <= 8
    reader = Reader(remote, report)
    lists = [reader.link(key) for key, _ in BODY_LISTS if reader.link(key)]
    assert len(lists) >= 4  # organization, person, meeting, paper at least
    assert all(url.startswith("http") for url in lists)
    assert not report.warnings_of("type")


@pytest.mark.parametrize("path", SYSTEMS, ids=lambda p: p.stem)
def test_recorded_system_names_its_body_list(path: Path):
    remote = json.loads(path.read_text())
    assert type_name(remote) == "System"
    assert Reader(remote, Report()).link("body").startswith("http")


def test_wuppertal_meeting_without_body_link_maps():
    remote = json.loads((RECORDED / "oparl-missing-wuppertal" / "meeting.json").read_text())
    row = meeting(Reader(remote, Report()), now=timezone.now())
    assert row is not None
    assert row.values["start"] == dt.datetime.fromisoformat("2020-09-29T15:00:00+02:00")
    assert row.refs["organization"][1].endswith("organizations/gr/230")
