"""The change history: every write names who made it, and the staff's history pages of a
meeting and of a paper show who changed what and when — also after a soft delete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core import history
from teilhabe.core.models import ChangeRecord
from teilhabe.council import selectors, services
from teilhabe.council.models import AgendaItem, Attendance, Consultation, Meeting, Vote
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body)
    staff = f.StaffRoleFactory(body=body, user__first_name="Petra", user__last_name="Amt").user
    return {
        "body": body,
        "beirat": beirat,
        "meeting": f.MeetingFactory(organization=beirat, number=1),
        "paper": f.PaperFactory(body=body),
        "staff": staff,
    }


def _url(office, name, **kwargs):
    return reverse(f"council_staff:{name}", kwargs={"body": office["body"].slug, **kwargs})


def _history_page(client, office, name="meeting_history", key="meeting"):
    return client.get(_url(office, name, pk=office[key].pk))


def test_a_page_request_records_the_logged_in_user(client, office):
    """The middleware makes the staff member the actor of what the page writes."""
    client.force_login(office["staff"])
    meeting = office["meeting"]
    response = client.post(
        _url(office, "agenda_item_create", pk=meeting.pk),
        {"item-name": "Bericht der Verwaltung", "item-public": "on"},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    record = history.history_of(item).get()
    assert record.action == ChangeRecord.Action.CREATE
    assert record.user == office["staff"]
    assert record.changes["name"] == [None, "Bericht der Verwaltung"]


def test_acting_as_names_the_user_outside_a_request(office):
    """A command or task names its user with `acting_as`; without it the change is the
    system's."""
    meeting = office["meeting"]
    with history.acting_as(office["staff"]):
        services.meeting_update(meeting=meeting, expected_version=1, name="Sondersitzung")
    services.meeting_update(meeting=meeting, expected_version=2, name="Festsitzung")
    first, second = history.history_of(meeting).order_by("at", "id")
    assert first.user == office["staff"]
    assert first.changes == {"name": ["", "Sondersitzung"]}
    assert second.user is None
    assert second.changes == {"name": ["Sondersitzung", "Festsitzung"]}


def test_an_anonymous_request_is_not_an_actor(office):
    from django.contrib.auth.models import AnonymousUser

    with history.acting_as(AnonymousUser()):
        item = services.agenda_item_create(meeting=office["meeting"], name="Verschiedenes")
    assert history.history_of(item).get().user is None


def test_meeting_history_page_shows_who_changed_what(client, office):
    """Create, update and delete of an item, newest first, with field names in words and
    the values before and after; the deleted item's history is kept."""
    client.force_login(office["staff"])
    meeting = office["meeting"]
    with history.acting_as(office["staff"]):
        item = services.agenda_item_create(meeting=meeting, name="Haushalt")
        services.agenda_item_update(
            agenda_item=item,
            expected_version=1,
            name="Haushalt 2026",
            result=AgendaItem.Result.ADOPTED,
            public=False,
        )
        services.agenda_item_delete(agenda_item=item, expected_version=2)
    assert AgendaItem.objects.get(pk=item.pk).deleted
    response = _history_page(client, office)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Petra Amt" in content
    # Verbose names, choice labels, yes/no instead of True/False.
    assert "Gegenstand:" in content
    assert "Haushalt" in content
    assert "Haushalt 2026" in content
    assert "angenommen" in content
    assert "nein" in content
    actions = [
        entry["record"].action
        for entry in response.context["entries"]
        if entry["record"].object_id == item.pk
    ]
    assert actions == ["delete", "update", "create"]


def test_meeting_history_holds_the_meetings_records_and_nothing_else(office):
    """The meeting, its items, votes, attendance, minutes and invitations; not another
    meeting's items."""
    meeting = office["meeting"]
    item = services.agenda_item_create(meeting=meeting, name="Antrag")
    other_item = services.agenda_item_create(
        meeting=f.MeetingFactory(organization=office["beirat"]), name="Fremd"
    )
    vote = Vote.objects.create(
        body=meeting.body,
        agenda_item=item,
        taken_at=timezone.now(),
        yes=3,
        no=1,
        abstain=0,
        voting_present=4,
        quorate=True,
        adopted=True,
        rule_name="GemO",
    )
    attendance = Attendance.objects.create(
        body=meeting.body,
        meeting=meeting,
        person=f.PersonFactory(body=meeting.body),
        status=Attendance.Status.PRESENT,
    )
    for record in (vote, attendance):
        history.record_create(record)
    Meeting.objects.filter(pk=meeting.pk).update(start=timezone.now() - dt.timedelta(hours=1))
    minutes = services.minutes_draft(meeting=meeting)
    found = {
        (r.content_type.model, r.object_id) for r in selectors.meeting_history(meeting=meeting)
    }
    assert found == {
        ("agendaitem", item.pk),
        ("vote", vote.pk),
        ("attendance", attendance.pk),
        ("minutes", minutes.pk),
    }
    assert ("agendaitem", other_item.pk) not in found


def test_paper_history_keeps_a_removed_consultation(client, office):
    client.force_login(office["staff"])
    paper = office["paper"]
    response = client.post(
        _url(office, "consultation_create", pk=paper.pk),
        {"consultation-organization": office["beirat"].pk, "consultation-role": "vorberatung"},
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(paper=paper)
    response = client.post(
        _url(office, "consultation_delete", pk=paper.pk, consultation_pk=consultation.pk),
        {"version": consultation.version},
    )
    assert response.status_code == 302
    other = f.PaperFactory(body=office["body"])
    services.paper_update(paper=other, expected_version=1, name="Andere Drucksache")
    page = _history_page(client, office, "paper_history", "paper")
    records = [entry["record"] for entry in page.context["entries"]]
    assert [(r.object_id, r.action) for r in records] == [
        (consultation.pk, "delete"),
        (consultation.pk, "create"),
    ]
    assert all(r.user == office["staff"] for r in records)
    assert "Andere Drucksache" not in page.content.decode()


def test_history_is_paginated_with_constant_queries(client, office):
    client.force_login(office["staff"])
    meeting = office["meeting"]
    with history.acting_as(office["staff"]):
        for i in range(5):
            services.agenda_item_create(meeting=meeting, name=f"Punkt {i}")

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response

    url = _url(office, "meeting_history", pk=meeting.pk)
    few, _ = count(url)
    with history.acting_as(office["staff"]):
        for i in range(55):
            services.agenda_item_create(meeting=meeting, name=f"Weiterer Punkt {i}")
    many, response = count(url)
    assert many == few
    assert len(response.context["entries"]) == 50
    second = client.get(url + "?seite=2")
    assert len(second.context["entries"]) == 10
