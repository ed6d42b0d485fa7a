"""External object lists at their edges: pagination, filters, deletion, query counts."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import timezone

from teilhabe.council import models
from teilhabe.council.tests import factories as f
from teilhabe.oparl.publish.lists import MAX_LIMIT
from teilhabe.oparl.tests.conftest import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    return f.BodyFactory(slug="stadt")


def papers_url(body) -> str:
    return f"{API}body/{body.pk}/paper/"


def _set_times(obj, created: dt.datetime, modified: dt.datetime | None = None) -> None:
    type(obj).objects.filter(pk=obj.pk).update(created=created, modified=modified or created)


def test_an_empty_list_is_one_page_without_next(body, api):
    page = api.json(papers_url(body))
    assert page["data"] == []
    assert page["pagination"]["totalElements"] == 0
    assert page["pagination"]["totalPages"] == 1
    assert "next" not in page["links"]
    assert page["links"]["self"] == f"http://testserver{papers_url(body)}"


def test_pages_link_to_each_other_and_the_last_has_no_next(body, api):
    papers = [f.PaperFactory(body=body) for _ in range(5)]
    seen, url, pages = [], papers_url(body) + "?limit=2", 0
    while url:
        page = api.json(url)
        pages += 1
        seen += [paper["id"] for paper in page["data"]]
        assert page["pagination"]["elementsPerPage"] == 2
        url = page["links"].get("next")
        if url:
            assert len(page["data"]) == 2
    assert pages == 3
    assert seen == [f"http://testserver{API}paper/{p.pk}/" for p in papers]
    last = api.json(papers_url(body) + "?limit=2&page=3")
    assert last["links"]["prev"].endswith("?limit=2&page=2")
    assert last["links"]["first"].endswith("?limit=2")
    assert last["links"]["self"] == last["links"]["last"]


def test_a_page_beyond_the_last_is_not_found(body, api):
    f.PaperFactory(body=body)
    api.json(papers_url(body) + "?page=2", expect=404)


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "limit=0",
        "limit=-5",
        "limit=zehn",
        "created_since=gestern",
        "modified_since=2024-01-01",
        "modified_until=2024-13-01T00:00:00%2B01:00",
        "created_until=2024-01-01T25:00:00",
        "omit_internal=vielleicht",
    ],
)
def test_a_bad_parameter_is_a_400_with_an_error_object(body, api, query):
    error = api.json(f"{papers_url(body)}?{query}", expect=400)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert query.split("=")[0] in error["message"]


def test_a_limit_above_the_largest_page_gives_the_largest_page(body, api):
    page = api.json(papers_url(body) + "?limit=100000")
    assert page["pagination"]["elementsPerPage"] == MAX_LIMIT
    assert f"limit={MAX_LIMIT}" in page["links"]["self"]


def test_date_filters_select_by_created_and_modified(body, api):
    old, new = f.PaperFactory(body=body), f.PaperFactory(body=body)
    _set_times(old, dt.datetime(2020, 1, 1, 12, tzinfo=dt.UTC))
    _set_times(new, dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC))

    def ids(query: str) -> list[str]:
        return [p["id"].split("/")[-2] for p in api.json(f"{papers_url(body)}?{query}")["data"]]

    assert ids("created_since=2023-01-01T00:00:00%2B01:00") == [str(new.pk)]
    assert ids("created_until=2023-01-01T00:00:00%2B01:00") == [str(old.pk)]
    assert ids("modified_since=2024-06-01T14:00:00%2B02:00") == [str(new.pk)]
    assert ids("modified_until=2024-06-01T13:59:59%2B02:00") == [str(old.pk)]
    # An unencoded "+" arrives as a space; a date-time without offset is local time.
    assert ids("created_since=2023-01-01T00:00:00+01:00") == [str(new.pk)]
    assert ids("created_since=2024-06-01T14:00:01") == []
    assert ids("created_since=2024-06-01T14:00:00") == [str(new.pk)]


def test_filters_are_carried_into_every_link_in_one_canonical_form(body, api):
    for _ in range(3):
        f.PaperFactory(body=body)
    page = api.json(
        papers_url(body)
        + "?omit_internal=true&modified_since=2000-01-01T00:00:00Z&limit=1"
        + "&created_until=2100-01-01T00:00:00%2B01:00"
    )
    expected = [
        ("created_until", "2100-01-01T00:00:00+01:00"),
        ("limit", "1"),
        ("modified_since", "2000-01-01T01:00:00+01:00"),
        ("omit_internal", "true"),
    ]
    for name in ("first", "self", "next", "last"):
        params = parse_qsl(urlsplit(page["links"][name]).query)
        assert [p for p in params if p[0] != "page"] == expected, name
    assert [name for name, _ in parse_qsl(urlsplit(page["links"]["next"]).query)] == [
        "created_until",
        "limit",
        "modified_since",
        "omit_internal",
        "page",
    ]


def test_a_deleted_paper_is_listed_only_under_modified_since(body, api):
    kept, gone = f.PaperFactory(body=body), f.PaperFactory(body=body)
    gone.deleted = True
    gone.save()
    gone_id = f"http://testserver{API}paper/{gone.pk}/"
    assert [p["id"] for p in api.json(papers_url(body))["data"]] == [
        f"http://testserver{API}paper/{kept.pk}/"
    ]
    since = (timezone.now() - dt.timedelta(hours=1)).isoformat().replace("+", "%2B")
    listed = {p["id"]: p for p in api.json(f"{papers_url(body)}?modified_since={since}")["data"]}
    assert listed[gone_id] == {
        "id": gone_id,
        "type": "https://schema.oparl.org/1.1/Paper",
        "created": listed[gone_id]["created"],
        "modified": listed[gone_id]["modified"],
        "deleted": True,
    }
    assert api.json(gone_id)["deleted"] is True
    # Deleted before the date asked for: not listed.
    later = (timezone.now() + dt.timedelta(hours=1)).isoformat().replace("+", "%2B")
    assert api.json(f"{papers_url(body)}?modified_since={later}")["data"] == []


def test_a_deleted_non_public_paper_is_never_shown_even_as_deleted(body, api):
    secret = f.PaperFactory(body=body, public=False, deleted=True)
    api.json(f"{API}paper/{secret.pk}/", expect=404)
    listed = api.json(f"{papers_url(body)}?modified_since=2000-01-01T00:00:00%2B01:00")
    assert listed["data"] == []


def test_a_deleted_agenda_item_reappears_as_deleted_under_modified_since(body, api):
    meeting = f.MeetingFactory(organization=f.OrganizationFactory(body=body))
    item = f.AgendaItemFactory(meeting=meeting)
    item.deleted = True
    item.save()
    items_url = f"{API}body/{body.pk}/agendaitem/"
    assert api.json(items_url)["data"] == []
    assert api.json(f"{API}meeting/{meeting.pk}/")["agendaItem"] == []
    listed = api.json(f"{items_url}?modified_since=2000-01-01T00:00:00%2B01:00")["data"]
    assert [(i["id"], i["deleted"]) for i in listed] == [
        (f"http://testserver{API}agendaitem/{item.pk}/", True)
    ]


def test_omit_internal_leaves_embedded_objects_out(body, api):
    paper = f.PaperFactory(body=body)
    f.ConsultationFactory(paper=paper, organization=f.OrganizationFactory(body=body))
    full = api.json(papers_url(body))["data"][0]
    lean = api.json(papers_url(body) + "?omit_internal=true")["data"][0]
    assert len(full["consultation"]) == 1
    assert "consultation" not in lean
    assert lean["id"] == full["id"]


def test_the_other_bodys_objects_are_not_in_the_list(body, api):
    f.PaperFactory(body=body)
    other = f.PaperFactory(body=f.BodyFactory())
    ids = [p["id"] for p in api.json(papers_url(body))["data"]]
    assert f"http://testserver{API}paper/{other.pk}/" not in ids
    assert len(ids) == 1


def test_the_list_of_a_missing_body_is_not_found(api, db):
    api.json(f"{API}body/999999/paper/", expect=404)


def _rich_paper(body, organization, person):
    paper = f.PaperFactory(body=body)
    paper.originator_persons.add(person)
    paper.originator_organizations.add(organization)
    meeting = f.MeetingFactory(organization=organization)
    item = f.AgendaItemFactory(meeting=meeting)
    f.ConsultationFactory(paper=paper, organization=organization, meeting=meeting, agenda_item=item)
    return paper


@pytest.mark.parametrize("count", [2, 12])
def test_list_queries_do_not_grow_with_the_page(body, api, django_assert_num_queries, count):
    """A page of papers, meetings or persons costs the same queries for 2 rows as for 12."""
    organization = f.OrganizationFactory(body=body)
    person = f.PersonFactory(body=body)
    for _ in range(count):
        _rich_paper(body, organization, person)
        f.MembershipFactory(organization=organization, person=f.PersonFactory(body=body))
    expected = {"paper": 8, "meeting": 7, "person": 4, "organization": 4, "consultation": 3}
    for slug, queries in expected.items():
        with django_assert_num_queries(queries):
            api.json(f"{API}body/{body.pk}/{slug}/")


def test_an_organizations_meetings_are_its_own(body, api):
    beirat, stadtrat = f.OrganizationFactory(body=body), f.OrganizationFactory(body=body)
    own = f.MeetingFactory(organization=beirat)
    f.MeetingFactory(organization=stadtrat)
    organization = api.json(f"{API}organization/{beirat.pk}/")
    meetings = api.json(organization["meeting"])["data"]
    assert [m["id"] for m in meetings] == [f"http://testserver{API}meeting/{own.pk}/"]


def test_a_cancelled_meeting_says_so(body, api):
    meeting = f.MeetingFactory(
        organization=f.OrganizationFactory(body=body), state=models.Meeting.State.CANCELLED
    )
    data = api.json(f"{API}meeting/{meeting.pk}/")
    assert data["cancelled"] is True
    assert data["meetingState"] == "abgesagt"
