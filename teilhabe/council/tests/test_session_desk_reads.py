"""What the session desk reads, read cheaply: the attendance list with only what is shown
of its persons, the agenda with only what is shown of its items, the referral targets in
the order of the public lists, and every item's votes, in one query for the whole agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.council import selectors, services
from teilhabe.council.models import AgendaItem, Attendance, Membership, Organization, Vote
from teilhabe.council.selectors.public import ORGANIZATION_TYPE_ORDER
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

START = timezone.make_aware(dt.datetime(2026, 3, 10, 18, 0))


def at(hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, 10, hour, minute))


def test_the_attendance_list_and_its_voters_need_no_further_query():
    """Names, bodies and the vote by name's service read nothing the list left out."""
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body, legal_member_count=3)
    members = [f.MembershipFactory(organization=beirat, person__body=body).person for _ in range(3)]
    deputy = f.MembershipFactory(
        organization=beirat, person__body=body, role=Membership.Role.DEPUTY
    ).person
    meeting = f.MeetingFactory(organization=beirat, start=START)
    item = f.AgendaItemFactory(meeting=meeting)
    services.attendance_prefill(meeting=meeting)
    rows = {row.person_id: row for row in Attendance.objects.filter(meeting=meeting)}
    for person, status, stand_in in [
        (members[0], Attendance.Status.PRESENT, None),
        (members[1], Attendance.Status.REPRESENTED, deputy),
    ]:
        row = rows[person.pk]
        services.attendance_set(
            attendance=row, expected_version=row.version, status=status, deputy=stand_in
        )

    state = selectors.session_attendance(meeting=meeting, at=at(19))

    with CaptureQueriesContext(connection) as captured:
        shown = [(row.person.name, row.deputy.name if row.deputy else "") for row in state.rows]
        bodies = {person.body_id for person in state.voters}
        names = [str(person) for person in state.voters]
    assert len(captured) == 0
    assert sorted(shown) == sorted(
        [(members[0].name, ""), (members[1].name, deputy.name), (members[2].name, "")]
    )
    assert bodies == {body.pk}
    assert sorted(names) == sorted([members[0].name, deputy.name])
    recorded = services.vote_record(
        agenda_item=item,
        by_name=dict.fromkeys(state.voters, "yes"),
        taken_at=at(19),
    )
    assert (recorded.vote.yes, recorded.vote.no, recorded.vote.by_name) == (2, 0, True)


def test_referral_targets_come_in_the_order_of_the_public_lists():
    """Type first (Beirat, Stadtrat, Ausschuss, Arbeitsgruppe), then name, then creation:
    the same order as sorting by the type's CASE expression in the database. Fraktionen,
    the administration, the meeting's own organization and deleted ones are left out."""
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body, name="Beirat")
    kinds = Organization.Type
    for name, kind in [
        ("Zukunft", kinds.ARBEITSGRUPPE),
        ("Arbeit", kinds.ARBEITSGRUPPE),
        ("Soziales", kinds.AUSSCHUSS),
        ("Stadtrat", kinds.STADTRAT),
        ("Bau", kinds.AUSSCHUSS),
        ("Seniorenbeirat", kinds.BEIRAT),
        ("Arbeit", kinds.ARBEITSGRUPPE),  # the same name twice: creation decides
        ("Liste A", kinds.FRAKTION),
        ("Amt 50", kinds.VERWALTUNG),
    ]:
        f.OrganizationFactory(body=body, name=name, organization_type=kind)
    f.OrganizationFactory(body=body, name="Alt", organization_type=kinds.AUSSCHUSS, deleted=True)
    f.OrganizationFactory(name="Anderswo", organization_type=kinds.STADTRAT)  # another body
    meeting = f.MeetingFactory(organization=beirat, start=START)
    staff = f.StaffRoleFactory(body=body).user

    targets = selectors.session_referral_targets(meeting=meeting, user=staff)

    in_sql = list(
        Organization.objects.filter(body=body, deleted=False)
        .exclude(organization_type__in=[kinds.FRAKTION, kinds.VERWALTUNG])
        .exclude(pk=beirat.pk)
        .order_by(ORGANIZATION_TYPE_ORDER, "name", "pk")
    )
    assert targets == in_sql
    assert [org.name for org in targets] == [
        "Seniorenbeirat",
        "Stadtrat",
        "Bau",
        "Soziales",
        "Arbeit",
        "Arbeit",
        "Zukunft",
    ]
    assert targets[4].pk < targets[5].pk


def _voted_agenda(size):
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body, legal_member_count=3)
    meeting = f.MeetingFactory(organization=beirat, start=START)
    items = [f.AgendaItemFactory(meeting=meeting) for _ in range(size)]
    for index, item in enumerate(items):
        if index % 3 == 0:  # one vote, recorded without anyone present: not quorate
            services.vote_record(agenda_item=item, yes=1, no=0, abstain=0, taken_at=at(19))
        if index % 3 == 1:  # voted twice; the later record was taken earlier
            services.vote_record(agenda_item=item, yes=1, no=0, abstain=0, taken_at=at(19))
            services.vote_record(agenda_item=item, yes=0, no=1, abstain=0, taken_at=at(18, 30))
    return body, meeting, items


def test_every_item_carries_its_votes_in_the_order_taken_and_the_last_recorded_counts():
    body, meeting, items = _voted_agenda(6)
    staff = f.StaffRoleFactory(body=body).user

    read = selectors.session_items(meeting=meeting, user=staff)

    assert [item.pk for item in read] == [item.pk for item in items]
    for item in read:
        expected = list(
            Vote.objects.filter(agenda_item=item, deleted=False).order_by("taken_at", "pk")
        )
        assert item.recorded_votes == expected
        assert all(vote.agenda_item is item for vote in item.recorded_votes)
        last = max(expected, key=lambda vote: vote.pk) if expected else None
        assert item.last_vote == last
        assert bool(item.vote_warnings) == (last is not None)  # nobody was present
    twice = read[1]
    assert [vote.taken_at for vote in twice.recorded_votes] == [at(18, 30), at(19)]
    assert twice.last_vote == twice.recorded_votes[0]  # recorded last, though taken first
    assert twice.result == AgendaItem.Result.REJECTED
    assert read[2].recorded_votes == []


def test_a_deleted_vote_is_not_read():
    body, meeting, items = _voted_agenda(1)
    Vote.objects.filter(agenda_item=items[0]).update(deleted=True)
    staff = f.StaffRoleFactory(body=body).user
    (item,) = selectors.session_items(meeting=meeting, user=staff)
    assert (item.recorded_votes, item.last_vote, item.vote_warnings) == ([], None, [])


def test_the_items_cost_two_queries_for_any_agenda_and_one_for_an_empty_one():
    counts = []
    for size in (2, 12):
        body, meeting, _items = _voted_agenda(size)
        staff = f.StaffRoleFactory(body=body).user
        selectors.session_items(meeting=meeting, user=staff)  # the viewer is read once
        with CaptureQueriesContext(connection) as captured:
            assert len(selectors.session_items(meeting=meeting, user=staff)) == size
        counts.append(len(captured))
    assert counts == [2, 2]
    empty = f.MeetingFactory(organization=f.OrganizationFactory(body=body), start=START)
    with CaptureQueriesContext(connection) as captured:
        assert selectors.session_items(meeting=empty, user=staff) == []
    assert len(captured) == 1


def test_the_item_worked_on_shows_everything_without_a_further_query(client):
    """A referred item (with the name of the organization), a voted one and one without a
    result cost the page the same queries; the item read for a form is read whole."""
    body, meeting, items = _voted_agenda(3)
    stadtrat = f.OrganizationFactory(
        body=body, name="Stadtrat <Süd>", organization_type=Organization.Type.STADTRAT
    )
    f.MeetingFactory(organization=stadtrat, start=START + dt.timedelta(days=7))
    referred = f.AgendaItemFactory(meeting=meeting, resolution_text="Beschluss", minutes_note="x")
    services.agenda_item_conclude(
        agenda_item=referred,
        expected_version=referred.version,
        outcome=AgendaItem.Result.REFERRED,
        referred_to=stadtrat,
    )
    plain = f.AgendaItemFactory(meeting=meeting)
    staff = f.StaffRoleFactory(body=body).user
    client.force_login(staff)
    url = reverse("council_staff:session_desk", kwargs={"body": body.slug, "pk": meeting.pk})
    counts = {}
    for name, item in (("referred", referred), ("voted", items[0]), ("plain", plain)):
        client.get(f"{url}?top={item.pk}")  # the session and the user are read once
        with CaptureQueriesContext(connection) as captured:
            html = client.get(f"{url}?top={item.pk}").content.decode()
        counts[name] = len(captured)
        if name == "referred":
            assert "an „Stadtrat &lt;Süd&gt;“" in html
        if name == "voted":
            assert "Ja: 1, Nein: 0, Enthaltungen: 0" in html
    assert counts["referred"] == counts["voted"] == counts["plain"]

    whole = selectors.session_item_get(meeting=meeting, user=staff, pk=referred.pk)
    with CaptureQueriesContext(connection) as captured:
        assert (whole.resolution_text, whole.minutes_note) == ("Beschluss", "x")
        assert whole.referred_to.legal_member_count == stadtrat.legal_member_count
    assert len(captured) == 0
