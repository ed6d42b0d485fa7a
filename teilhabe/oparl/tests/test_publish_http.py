"""HTTP of the API: CORS, conditional requests, errors, formats, methods."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.utils.http import http_date

from teilhabe.council.tests import factories as f
from teilhabe.oparl.tests.conftest import API, walk

pytestmark = pytest.mark.django_db

DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def paper(db):
    return f.PaperFactory(body=f.BodyFactory(slug="stadt"))


def test_every_answer_allows_every_origin(paper, api, client):
    for url, status in (
        (API, 200),
        (f"{API}paper/{paper.pk}/", 200),
        (f"{API}body/{paper.body_id}/paper/", 200),
        (f"{API}paper/999999/", 404),
        (f"{API}body/{paper.body_id}/paper/?limit=x", 400),
    ):
        assert api.get(url, status)["Access-Control-Allow-Origin"] == "*", url
    etag = api.get(API)["ETag"]
    not_modified = client.get(API, headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified["Access-Control-Allow-Origin"] == "*"


def test_a_pre_flight_request_is_answered(api, client, db):
    response = client.options(API, headers={"origin": "https://example.org"})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_if_none_match_answers_304_until_the_object_changes(paper, api, client):
    url = f"{API}paper/{paper.pk}/"
    first = api.get(url)
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    paper.name = "Neuer Titel"
    paper.save()
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert json.loads(changed.content)["name"] == "Neuer Titel"


def test_a_list_answers_304_to_its_etag_and_200_after_a_change(paper, api, client):
    url = f"{API}body/{paper.body_id}/paper/"
    etag = api.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    f.PaperFactory(body=paper.body)
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_if_modified_since_answers_304_until_the_object_changes(paper, api, client):
    url = f"{API}paper/{paper.pk}/"
    last_modified = api.get(url)["Last-Modified"]
    assert last_modified == http_date(int(paper.modified.timestamp()))
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    type(paper).objects.filter(pk=paper.pk).update(
        modified=paper.modified + dt.timedelta(seconds=5)
    )
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 200


def test_last_modified_counts_embedded_objects(paper, api):
    consultation = f.ConsultationFactory(
        paper=paper, organization=f.OrganizationFactory(body=paper.body)
    )
    later = paper.modified + dt.timedelta(days=1)
    type(consultation).objects.filter(pk=consultation.pk).update(modified=later)
    response = api.get(f"{API}paper/{paper.pk}/")
    assert response["Last-Modified"] == http_date(int(later.timestamp()))


def test_writing_is_refused_with_405_and_an_error_object(paper, api, client):
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)(f"{API}paper/{paper.pk}/")
        assert response.status_code == 405, method
        assert json.loads(response.content)["type"] == "https://schema.oparl.org/1.1/Error"
        assert "GET" in response["Allow"]
    assert type(paper).objects.filter(pk=paper.pk, deleted=False).exists()


@pytest.mark.parametrize(
    "path", ["gibt-es-nicht/", "paper/abc/", "body/1/unbekannt/", "paper/1/x/"]
)
def test_unknown_addresses_answer_with_an_oparl_404(api, db, path):
    error = api.json(f"{API}{path}", expect=404)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"]


def test_an_address_without_its_slash_is_redirected_to_the_canonical_one(paper, client):
    response = client.get(f"{API}paper/{paper.pk}")
    assert response.status_code == 301
    assert response["Location"] == f"{API}paper/{paper.pk}/"


def test_head_answers_like_get_without_a_body(paper, client):
    response = client.head(f"{API}paper/{paper.pk}/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"]


def test_dates_and_date_times_have_exactly_the_oparl_format(paper, api):
    meeting = f.MeetingFactory(organization=f.OrganizationFactory(body=paper.body))
    for url in (f"{API}paper/{paper.pk}/", f"{API}meeting/{meeting.pk}/", API):
        data = api.json(url)
        for key in ("created", "modified", "start"):
            if key in data:
                assert DATE_TIME.match(data[key]), (url, key, data[key])
        if "date" in data:
            assert DATE.match(data["date"])
    assert "Z" not in api.json(API)["created"]


def test_the_answer_is_the_same_in_any_language(paper, api, client):
    german = api.json(f"{API}paper/{paper.pk}/")
    arabic = json.loads(
        client.get(f"{API}paper/{paper.pk}/", headers={"accept-language": "ar"}).content
    )
    assert german == arabic
    assert german["paperType"] == "Antrag"


def test_no_value_is_null_or_empty(paper, api):
    data = api.json(f"{API}body/{paper.body_id}/paper/")
    assert all(value is not None and value != "" for value in walk(data))
