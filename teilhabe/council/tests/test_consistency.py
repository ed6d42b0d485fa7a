"""Consistency warnings about a meeting: each appears exactly when the data does not add up,
and the check costs the same few queries for any meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.council import consistency, selectors
from teilhabe.council.models import AgendaItem, Invitation, Meeting, Minutes, Paper, Vote
from teilhabe.council.rules import local_date
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    term = f.LegislativeTermFactory()
    beirat = f.OrganizationFactory(body=term.body)
    return f.MeetingFactory(
        organization=beirat,
        legislative_term=term,
        number=5,
        start=timezone.now() - dt.timedelta(days=2),
    )


def codes(meeting):
    return [warning.code for warning in consistency.meeting_warnings(meeting)]


def _paper_on(meeting, day, **kwargs):
    paper = f.PaperFactory(body=meeting.body, date=day, **kwargs)
    item = f.AgendaItemFactory(meeting=meeting)
    f.ConsultationFactory(
        paper=paper, organization=meeting.organization, meeting=meeting, agenda_item=item
    )
    return paper


def _vote(meeting, *, yes, no, abstain, present, quorate=True, item=None):
    result = AgendaItem.Result.ADOPTED if yes > no else AgendaItem.Result.REJECTED
    if item is None:
        item = f.AgendaItemFactory(meeting=meeting, result=result)
    else:
        AgendaItem.objects.filter(pk=item.pk).update(result=result)
    return Vote.objects.create(
        body=meeting.body,
        agenda_item=item,
        taken_at=meeting.start,
        yes=yes,
        no=no,
        abstain=abstain,
        voting_present=present,
        quorate=quorate,
        adopted=yes > no,
        rule_name="GemO RLP",
    )


def _invitation(meeting, *, days_before, in_time):
    return Invitation.objects.create(
        body=meeting.body,
        meeting=meeting,
        sent_at=meeting.start - dt.timedelta(days=days_before),
        notice_days_required=4,
        full_days=days_before - 1,
        in_time=in_time,
        rule_name="GemO RLP",
    )


def test_a_meeting_in_order_has_no_warnings(meeting):
    _paper_on(meeting, local_date(meeting.start))
    _vote(meeting, yes=5, no=3, abstain=1, present=9)
    _invitation(meeting, days_before=6, in_time=True)
    assert consistency.meeting_warnings(meeting) == []


def test_a_paper_dated_after_the_session_day(meeting):
    """Dated on the session day is fine; the day after is not."""
    day = local_date(meeting.start)
    _paper_on(meeting, day)
    assert codes(meeting) == []
    paper = _paper_on(meeting, day + dt.timedelta(days=1), name="Nachgereichter Antrag")
    (warning,) = consistency.meeting_warnings(meeting)
    assert warning.code == "paper_after_meeting"
    assert "Nachgereichter Antrag" in warning.message
    assert warning.link == reverse(
        "council_staff:paper_edit", kwargs={"body": meeting.body.slug, "pk": paper.pk}
    )


def test_a_report_dated_after_the_session_is_named_a_report(meeting):
    _paper_on(
        meeting,
        local_date(meeting.start) + dt.timedelta(days=3),
        paper_type=Paper.Type.REPORT,
    )
    (warning,) = consistency.meeting_warnings(meeting)
    assert warning.message.startswith("Der Bericht")


def test_a_paper_on_a_deleted_item_or_deleted_itself_does_not_count(meeting):
    later = local_date(meeting.start) + dt.timedelta(days=1)
    paper = _paper_on(meeting, later)
    Paper.objects.filter(pk=paper.pk).update(deleted=True)
    other = _paper_on(meeting, later)
    AgendaItem.objects.filter(consultations__paper=other).update(deleted=True)
    # Still linked to the meeting itself: counts.
    assert codes(meeting) == ["paper_after_meeting"]
    other.consultations.update(meeting=None)
    assert codes(meeting) == []


def test_a_session_number_used_twice(meeting):
    """Twice in the same organization and term; deleted meetings and other terms do not count."""
    other_term = f.LegislativeTermFactory(body=meeting.body, name="2019–2024")
    f.MeetingFactory(organization=meeting.organization, legislative_term=other_term, number=5)
    f.MeetingFactory(
        organization=meeting.organization,
        legislative_term=meeting.legislative_term,
        number=5,
        deleted=True,
    )
    assert codes(meeting) == []
    twin = f.MeetingFactory(
        organization=meeting.organization, legislative_term=meeting.legislative_term, number=5
    )
    (warning,) = consistency.meeting_warnings(meeting)
    assert warning.code == "meeting_number_twice"
    assert str(twin.pk) in warning.link


def test_more_votes_than_voting_members_present(meeting):
    """yes + no + abstain may equal those present; one more is a warning."""
    _vote(meeting, yes=5, no=3, abstain=1, present=9)
    assert codes(meeting) == []
    _vote(meeting, yes=5, no=3, abstain=2, present=9)
    assert codes(meeting) == ["more_votes_than_present"]


def test_a_vote_without_quorum(meeting):
    _vote(meeting, yes=3, no=1, abstain=0, present=4, quorate=False)
    (warning,) = consistency.meeting_warnings(meeting)
    assert warning.code == "vote_without_quorum"
    assert "GemO RLP" in warning.message


def test_only_the_current_vote_of_an_item_counts(meeting):
    """A vote recorded again supersedes the earlier one; an outcome without a vote (here:
    postponed) supersedes every vote. Superseded votes stay recorded but raise no warning."""
    first = _vote(meeting, yes=3, no=1, abstain=0, present=4, quorate=False)
    item = first.agenda_item
    _vote(meeting, yes=5, no=1, abstain=0, present=9, item=item)
    assert codes(meeting) == []
    _vote(meeting, yes=3, no=1, abstain=0, present=4, quorate=False, item=item)
    assert codes(meeting) == ["vote_without_quorum"]
    AgendaItem.objects.filter(pk=item.pk).update(result=AgendaItem.Result.POSTPONED)
    assert codes(meeting) == []


def test_a_vote_of_a_deleted_item_does_not_count(meeting):
    vote = _vote(meeting, yes=3, no=1, abstain=0, present=4, quorate=False)
    AgendaItem.objects.filter(pk=vote.agenda_item_id).update(deleted=True)
    assert codes(meeting) == []


def test_an_item_made_non_public_after_the_minutes_were_published(meeting):
    item = f.AgendaItemFactory(meeting=meeting, public=True, name="Bauvorhaben")
    Minutes.objects.create(
        body=meeting.body,
        meeting=meeting,
        state=Minutes.State.PUBLISHED,
        published_item_ids=[item.pk],
    )
    assert codes(meeting) == []
    AgendaItem.objects.filter(pk=item.pk).update(public=False)
    (warning,) = consistency.meeting_warnings(meeting)
    assert warning.code == "nonpublic_item_published"
    assert "Bauvorhaben" in warning.message


def test_the_latest_invitation_decides_whether_it_was_too_late(meeting):
    """Invited in time, then invited again too late (a changed agenda): warned."""
    _invitation(meeting, days_before=6, in_time=True)
    assert codes(meeting) == []
    _invitation(meeting, days_before=2, in_time=False)
    (warning,) = consistency.meeting_warnings(meeting)
    assert warning.code == "invitation_late"
    assert "1 voller Kalendertag vor" in warning.message


def test_warnings_cost_the_same_queries_for_any_meeting(meeting, django_assert_num_queries):
    """One query per check, plus the body for the links, whatever the meeting holds."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    with django_assert_num_queries(6):
        consistency.meeting_warnings(meeting)
    later = local_date(meeting.start) + dt.timedelta(days=1)
    for _ in range(4):
        _paper_on(meeting, later)
        _vote(meeting, yes=9, no=9, abstain=9, present=3, quorate=False)
    item = f.AgendaItemFactory(meeting=meeting, public=False)
    Minutes.objects.create(
        body=meeting.body, meeting=meeting, state="published", published_item_ids=[item.pk]
    )
    _invitation(meeting, days_before=2, in_time=False)
    f.MeetingFactory(
        organization=meeting.organization, legislative_term=meeting.legislative_term, number=5
    )
    meeting = Meeting.objects.get(pk=meeting.pk)
    with django_assert_num_queries(7):
        # The published minutes add the look-up of their items.
        warnings = consistency.meeting_warnings(meeting)
    assert len(warnings) == 1 + 4 + 1 + 8 + 1


def test_the_staff_meeting_page_shows_the_warnings(client, meeting):
    _vote(meeting, yes=3, no=1, abstain=0, present=4, quorate=False)
    client.force_login(f.StaffRoleFactory(body=meeting.body).user)
    url = reverse(
        "council_staff:meeting_edit", kwargs={"body": meeting.body.slug, "pk": meeting.pk}
    )
    content = client.get(url).content.decode()
    assert 'data-code="vote_without_quorum"' in content
    assert "nicht beschlussfähig" in content


def test_an_urgent_shortened_invitation_is_not_too_late(meeting):
    """A shortened notice for urgency is allowed (stated in the invitation and confirmed by
    the body); only a missed notice without urgency is "invited too late"."""
    invitation = _invitation(meeting, days_before=2, in_time=False)
    Invitation.objects.filter(pk=invitation.pk).update(urgent=True, urgency_reason="Frist")
    assert codes(meeting) == []


def test_the_staff_list_flags_a_meeting_by_its_latest_invitation(meeting):
    """Late, then invited again in time: the meeting is no longer flagged."""
    _invitation(meeting, days_before=2, in_time=False)
    rows = selectors.staff_meeting_list(body=meeting.body, user=None)
    assert rows.get(pk=meeting.pk).invited_late
    later = _invitation(meeting, days_before=1, in_time=True)
    Invitation.objects.filter(pk=later.pk).update(sent_at=meeting.start - dt.timedelta(hours=20))
    assert (
        not selectors.staff_meeting_list(body=meeting.body, user=None)
        .get(pk=meeting.pk)
        .invited_late
    )
