"""The iCal feed of an organization's meetings (RFC 5545): public data only, for everyone."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.council import models
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "staff", "member_of_other_org", "other_body_staff", "former_member"]
SECRET_ITEM = "Personalsache"  # the world's non-public agenda item
VIDEO = "https://video.example.org/geheim-raum"


@pytest.fixture
def feed(world):
    meeting = world["public_item"].meeting
    beirat = meeting.organization
    meeting.number = 11
    meeting.location = f.LocationFactory(body=world["body"])
    meeting.end = meeting.start + dt.timedelta(hours=2)
    meeting.save()
    world["public_item"].name = "Sprachcafé im Quartier"
    world["public_item"].save()
    cancelled = f.MeetingFactory(
        organization=beirat,
        number=12,
        state=models.Meeting.State.CANCELLED,
        video_conference_url=VIDEO,
        start=timezone.now() + dt.timedelta(days=40),
    )
    other_org_meeting = f.MeetingFactory(
        organization=models.Organization.objects.get(body=world["body"], name="Stadtrat"),
        name="Sitzung des Stadtrats",
    )
    return {
        **world,
        "beirat": beirat,
        "meeting": meeting,
        "cancelled": cancelled,
        "other_org_meeting": other_org_meeting,
    }


def _url(organization, body=None):
    return reverse(
        "council:organization_ical",
        kwargs={"body": (body or organization.body).slug, "pk": organization.pk},
    )


def _events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_feed_is_a_calendar_with_the_right_content_type(client, feed):
    response = client.get(_url(feed["beirat"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    assert calendar["prodid"]
    assert str(calendar["x-wr-calname"]) == feed["beirat"].name


def test_feed_holds_the_organizations_meetings_only(client, feed):
    events = _events(client.get(_url(feed["beirat"])))
    assert len(events) == 2
    summaries = {str(e["summary"]) for e in events.values()}
    assert "Sitzung des Stadtrats" not in " ".join(summaries)


def test_event_fields(client, feed):
    """UID, DTSTAMP, start/end, summary "11. Sitzung – <organization>", location, URL."""
    meeting = feed["meeting"]
    events = _events(client.get(_url(feed["beirat"])))
    event = next(e for e in events.values() if "11. Sitzung" in str(e["summary"]))
    assert str(event["summary"]) == f"11. Sitzung – {feed['beirat'].name}"
    assert event["dtstamp"].dt is not None
    assert event["dtstart"].dt == meeting.start.replace(microsecond=0).astimezone(dt.UTC)
    assert event["dtend"].dt == meeting.end.replace(microsecond=0).astimezone(dt.UTC)
    assert "Rathaus, Sitzungssaal" in str(event["location"])
    assert str(event["url"]) == "http://testserver" + reverse(
        "council:meeting_detail", kwargs={"body": feed["body"].slug, "pk": meeting.pk}
    )
    assert str(event["status"]) == "TENTATIVE"  # planned, not yet invited


def test_cancelled_meeting_has_status_cancelled_and_no_video_link(client, feed):
    events = _events(client.get(_url(feed["beirat"])))
    event = next(e for e in events.values() if "12. Sitzung" in str(e["summary"]))
    assert str(event["status"]) == "CANCELLED"
    assert str(event["location"]) == "Videokonferenz"
    assert VIDEO.encode() not in client.get(_url(feed["beirat"])).content


def test_uid_is_stable_across_requests_and_edits(client, feed):
    """Calendars update an event rather than duplicate it after an edit."""
    before = set(_events(client.get(_url(feed["beirat"]))))
    meeting = feed["meeting"]
    meeting.name = "Sondersitzung zum Integrationskonzept"
    meeting.start += dt.timedelta(hours=1)
    meeting.save()
    after = _events(client.get(_url(feed["beirat"])))
    assert set(after) == before
    assert any("Sondersitzung" in str(e["summary"]) for e in after.values())


@pytest.mark.parametrize("role", ROLES)
def test_feed_never_names_a_nonpublic_item_whoever_asks(client, feed, role):
    """Even for members and staff the feed holds public items only: feeds get shared."""
    response = _get(client, feed["users"][role], _url(feed["beirat"]))
    assert SECRET_ITEM.encode() not in response.content
    assert VIDEO.encode() not in response.content
    events = _events(response)
    description = next(str(e["description"]) for e in events.values() if "11." in e["summary"])
    assert "Sprachcafé im Quartier" in description
    assert SECRET_ITEM not in description


def test_deleted_meetings_and_items_are_left_out(client, feed):
    feed["cancelled"].deleted = True
    feed["cancelled"].save()
    item = feed["public_item"]
    item.deleted = True
    item.save()
    response = client.get(_url(feed["beirat"]))
    assert len(_events(response)) == 1
    assert b"Sprachcaf" not in response.content


def test_feed_of_another_body_or_deleted_organization_is_404(client, feed):
    other_body = f.BodyFactory()
    assert client.get(_url(feed["beirat"], body=other_body)).status_code == 404
    beirat = feed["beirat"]
    beirat.deleted = True
    beirat.save()
    assert client.get(_url(beirat)).status_code == 404


def test_feed_refuses_post(client, feed):
    assert client.post(_url(feed["beirat"])).status_code == 405


@pytest.mark.parametrize("size", [2, 10])
def test_feed_query_count_does_not_grow(client, feed, django_assert_num_queries, size):
    """Body, organization, its children, the meetings, their public items: five queries."""
    for _ in range(size):
        meeting = f.MeetingFactory(
            organization=feed["beirat"], location=f.LocationFactory(body=feed["body"])
        )
        f.AgendaItemFactory(meeting=meeting)
        f.AgendaItemFactory(meeting=meeting, public=False)
    with django_assert_num_queries(5):
        response = client.get(_url(feed["beirat"]))
    assert len(_events(response)) == size + 2
