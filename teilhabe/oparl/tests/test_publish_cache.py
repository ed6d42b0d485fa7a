"""The API's answers are kept per data generation: rendered once, never stale.

These tests commit for real (`transaction=True`): the generation that keys the kept
answers moves on only after a commit, as on a server.
"""

from __future__ import annotations

import json

import pytest
from django.core.cache import caches

from teilhabe.council.models import AgendaItem, Paper
from teilhabe.council.tests import factories as f
from teilhabe.oparl.tests.conftest import API

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _enabled(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches["oparl"].clear()
    yield
    caches["oparl"].clear()


@pytest.fixture
def paper():
    return f.PaperFactory(body=f.BodyFactory(slug="stadt"), name="Antrag Sprachcafé")


def test_an_answer_is_kept_and_read_with_one_query(paper, client, django_assert_num_queries):
    url = f"{API}body/{paper.body_id}/paper/"
    first = client.get(url)
    with django_assert_num_queries(1):  # the data generation
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Access-Control-Allow-Origin"] == "*"


def test_a_kept_answer_is_answered_304_to_its_etag(paper, client):
    url = f"{API}paper/{paper.pk}/"
    first = client.get(url)
    client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_a_committed_write_changes_the_answer_at_once(paper, client):
    url = f"{API}paper/{paper.pk}/"
    assert json.loads(client.get(url).content)["name"] == "Antrag Sprachcafé"
    Paper.objects.filter(pk=paper.pk).update(name="Antrag Begegnungscafé")  # no signal
    assert json.loads(client.get(url).content)["name"] == "Antrag Begegnungscafé"


def test_what_becomes_non_public_is_gone_at_once(client):
    item = f.AgendaItemFactory(public=True, name="Bericht der AG Sprache")
    meeting_url = f"{API}meeting/{item.meeting_id}/"
    assert "Bericht der AG Sprache" in client.get(meeting_url).content.decode()
    item_url = f"{API}agendaitem/{item.pk}/"
    assert client.get(item_url).status_code == 200
    AgendaItem.objects.filter(pk=item.pk).update(public=False, name="Personalsache")
    answer = client.get(meeting_url).content.decode()
    assert "Bericht der AG Sprache" not in answer
    assert "Personalsache" not in answer
    assert client.get(item_url).status_code == 404


def test_a_kept_answer_goes_out_before_session_and_user_are_read(
    paper, client, django_assert_num_queries
):
    """Even for a logged-in visitor the kept answer costs one query: no session, no user."""
    client.force_login(f.UserFactory())
    url = f"{API}paper/{paper.pk}/"
    first = client.get(url)
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.content == first.content
    assert second["Content-Language"] == "de"
