"""A record taken back from the public (made non-public, or a person's consent withdrawn)
is served like a deleted one: under its id as a tombstone, and in lists under
`modified_since`, so clients that keep a copy learn to drop it. A record that was never
public stays unknown (404), and a tombstone tells nothing but that it is gone."""

from __future__ import annotations

import json

import pytest

from teilhabe.council import services
from teilhabe.council.tests import factories as f
from teilhabe.oparl.tests.conftest import API

pytestmark = pytest.mark.django_db

SINCE = "modified_since=2000-01-01T00:00:00%2B01:00"
TOMBSTONE_KEYS = {"id", "type", "created", "modified", "deleted"}


def _get(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content)
    return json.loads(response.content)


def _ids(client, url: str) -> list[str]:
    return [row["id"].rstrip("/").rsplit("/", 1)[1] for row in _get(client, url)["data"]]


def test_a_paper_made_non_public_is_served_as_deleted(client):
    paper = f.PaperFactory(public=True, name="Antrag Sprachcafé")
    services.paper_update(paper=paper, expected_version=paper.version, public=False)
    gone = _get(client, f"{API}paper/{paper.pk}/")
    assert set(gone) == TOMBSTONE_KEYS
    assert gone["deleted"] is True
    listed = f"{API}body/{paper.body_id}/paper/"
    assert _ids(client, listed) == []
    assert _ids(client, f"{listed}?{SINCE}") == [str(paper.pk)]
    assert "Sprachcafé" not in client.get(f"{listed}?{SINCE}").content.decode()


def test_a_paper_that_was_never_public_stays_unknown(client):
    paper = f.PaperFactory(public=False)
    services.paper_update(paper=paper, expected_version=paper.version, name="Geändert")
    _get(client, f"{API}paper/{paper.pk}/", status=404)
    assert _ids(client, f"{API}body/{paper.body_id}/paper/?{SINCE}") == []


def test_a_paper_public_again_is_served_in_full(client):
    paper = f.PaperFactory(public=True)
    services.paper_update(paper=paper, expected_version=paper.version, public=False)
    paper.refresh_from_db()
    services.paper_update(paper=paper, expected_version=paper.version, public=True)
    assert "deleted" not in _get(client, f"{API}paper/{paper.pk}/")


def test_a_person_who_withdraws_consent_is_served_as_deleted(client):
    person = f.PersonFactory(public_consent=True, family_name="Yılmaz")
    services.person_update(person=person, expected_version=person.version, public_consent=False)
    gone = _get(client, f"{API}person/{person.pk}/")
    assert set(gone) == TOMBSTONE_KEYS
    answer = client.get(f"{API}body/{person.body_id}/person/?{SINCE}").content.decode()
    assert "Yılmaz" not in answer
    assert f"person/{person.pk}/" in answer


def test_an_agenda_item_made_non_public_is_served_as_deleted(client):
    item = f.AgendaItemFactory(public=True, name="Bericht der AG")
    services.agenda_item_update(agenda_item=item, expected_version=item.version, public=False)
    gone = _get(client, f"{API}agendaitem/{item.pk}/")
    assert set(gone) == TOMBSTONE_KEYS
    meeting = _get(client, f"{API}meeting/{item.meeting_id}/")
    assert "Bericht der AG" not in json.dumps(meeting)
