"""Reads for the minutes (Niederschrift): the document built from the meeting's data.

Attendance, agenda, results and votes are read from the meeting when the minutes are
shown, so they cannot disagree with it; the prose comes from `Minutes` and from each
item's `minutes_note`. The same document serves the staff page (everything, non-public
items marked), the public page and the published PDF (the public part only).

Persons in the public part: the law has minutes name the participants, but Teilhabe
publishes a person's name only with their consent (`Person.public_consent`, the rule of
every public page). The public part therefore names consenting persons and counts the
others ("sowie 2 weitere Mitglieder"); the staff page and the members' copy name everyone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from teilhabe.core.models import Body
from teilhabe.council import rules
from teilhabe.council.models import (
    AgendaItem,
    Attendance,
    Consultation,
    Meeting,
    Minutes,
    PersonVote,
    Vote,
)
from teilhabe.council.querysets import meeting_visible_q
from teilhabe.council.selectors.public import AnyUser
from teilhabe.council.selectors.session import current_vote
from teilhabe.council.visibility import ANONYMOUS, viewer_for


@dataclass
class NamedEntry:
    """One line of the attendance list; `name` is None when it may not be published."""

    name: str | None
    status: str
    deputy_name: str | None = None
    deputy_hidden: bool = False
    arrived: dt.datetime | None = None
    left: dt.datetime | None = None


@dataclass
class AttendanceGroup:
    status: str
    label: str
    entries: list[NamedEntry] = field(default_factory=list)
    hidden: int = 0

    @property
    def total(self) -> int:
        return len(self.entries) + self.hidden


@dataclass
class ChoiceGroup:
    """The members who voted one way in a vote by name."""

    label: str
    names: list[str] = field(default_factory=list)
    hidden: int = 0


@dataclass
class MinutesDocument:
    meeting: Meeting
    minutes: Minutes | None
    # Items in agenda order; each has `minutes_votes` (its current vote, if any, with
    # `choice_groups` on a vote by name) and `minutes_consultations` (the papers it discussed).
    items: list[AgendaItem]
    attendance: list[AttendanceGroup]
    public_only: bool

    @property
    def item_ids(self) -> list[int]:
        return [item.pk for item in self.items]


def _named(person: Any, public_only: bool) -> str | None:
    if person is None:
        return None
    if public_only and not person.public_consent:
        return None
    return str(person.name)


def _attendance(meeting: Meeting, public_only: bool) -> list[AttendanceGroup]:
    groups = {
        status: AttendanceGroup(status=status, label=str(label))
        for status, label in Attendance.Status.choices
    }
    rows = (
        Attendance.objects.alive()
        .filter(meeting=meeting, person__deleted=False)
        .select_related("person", "deputy")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    for row in rows:
        group = groups[row.status]
        name = _named(row.person, public_only)
        if name is None:
            group.hidden += 1
            continue
        deputy = row.deputy if row.deputy is not None and not row.deputy.deleted else None
        deputy_name = _named(deputy, public_only)
        group.entries.append(
            NamedEntry(
                name=name,
                status=row.status,
                deputy_name=deputy_name,
                deputy_hidden=deputy is not None and deputy_name is None,
                arrived=row.arrived,
                left=row.left,
            )
        )
    return [group for group in groups.values() if group.total]


def _choice_groups(vote: Vote, public_only: bool) -> list[ChoiceGroup]:
    groups = {choice: ChoiceGroup(label=str(label)) for choice, label in Vote.Choice.choices}
    for person_vote in vote.minutes_person_votes:  # type: ignore[attr-defined]
        group = groups[person_vote.choice]
        name = _named(person_vote.person, public_only)
        if name is None:
            group.hidden += 1
        else:
            group.names.append(name)
    return [group for group in groups.values() if group.names or group.hidden]


def _items(meeting: Meeting, *, public_only: bool, only_ids: list[int] | None) -> list[AgendaItem]:
    person_votes = Prefetch(
        "person_votes",
        queryset=PersonVote.objects.alive()
        .filter(person__deleted=False)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk"),
        to_attr="minutes_person_votes",
    )
    votes = Prefetch(
        "votes",
        queryset=Vote.objects.alive().order_by("taken_at", "pk").prefetch_related(person_votes),
        to_attr="minutes_votes",
    )
    consultations = Prefetch(
        "consultations",
        queryset=_consultations(public_only),
        to_attr="minutes_consultations",
    )
    items = AgendaItem.objects.alive().filter(meeting=meeting)
    if public_only:
        items = items.filter(public=True)
    if only_ids is not None:
        items = items.filter(pk__in=only_ids)
    result = list(
        items.select_related("referred_to")
        .order_by("order", "pk")
        .prefetch_related(votes, consultations)
    )
    for item in result:
        # Only the vote whose result the item has: a vote superseded by a later one, or by
        # an outcome without a vote, is not part of the minutes (staff see it in the
        # history of the meeting).
        current = current_vote(item, item.minutes_votes)
        item.minutes_votes = [current] if current is not None else []
        for vote in item.minutes_votes:
            vote.choice_groups = _choice_groups(vote, public_only) if vote.by_name else []
    return result


def _consultations(public_only: bool) -> QuerySet[Consultation]:
    """The papers an item discussed: the public ones for the public part, else all."""
    rows = (
        Consultation.objects.visible_to(None)
        if public_only
        else Consultation.objects.alive().filter(paper__deleted=False)
    )
    return rows.select_related("paper").order_by("order", "pk")


def minutes_document(*, meeting: Meeting, public_only: bool) -> MinutesDocument:
    """The minutes of `meeting` as they read now. With `public_only`, the public part:
    public items only (and of those only the ones published, once the minutes are), the
    papers anyone may see, and names only of persons who consented.

    For the staff page (`public_only=False`) the caller must be staff of the meeting's body.
    """
    minutes = Minutes.objects.alive().filter(meeting=meeting).select_related("approved_in").first()
    only_ids = None
    if public_only and minutes is not None and minutes.state == Minutes.State.PUBLISHED:
        only_ids = [int(pk) for pk in minutes.published_item_ids]
    return MinutesDocument(
        meeting=meeting,
        minutes=minutes,
        items=_items(meeting, public_only=public_only, only_ids=only_ids),
        attendance=_attendance(meeting, public_only),
        public_only=public_only,
    )


def published_minutes_get(*, body: Body, user: AnyUser, pk: int) -> Minutes:
    """The published minutes of meeting `pk`, with the meeting; else DoesNotExist.

    The public part is the same for everyone, so `user` does not widen it.
    """
    return (
        Minutes.objects.alive()
        .filter(
            meeting_visible_q(ANONYMOUS, "meeting__"),
            body=body,
            meeting_id=pk,
            state=Minutes.State.PUBLISHED,
        )
        .select_related(
            "meeting__organization",
            "meeting__location",
            "meeting__legislative_term",
            "public_file",
            "approved_in",
        )
        .get()
    )


# Minutes that are due ------------------------------------------------------------------------


def _cutoff(days: int, today: dt.date) -> dt.datetime:
    """Meetings starting before this moment are more than `days` days ago (local dates)."""
    day = today - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def minutes_overdue_list(*, body: Body, user: AnyUser, limit: int = 10) -> list[Meeting]:
    """Meetings held whose minutes have not been sent to the members within the due days
    of their organization's rules (`rules.minutes_due`), newest first.

    Two queries whatever the number of organizations: the body's rules, then the meetings.
    """
    book = rules.rule_book(body_ids=[body.pk])
    default = book.for_body(body.pk)
    own = book.organizations_with_own_rules(body.pk)
    today = timezone.localdate()
    late = Q(start__lt=_cutoff(default.minutes_due_days, today)) & ~Q(organization_id__in=own)
    for organization_id, own_rules in own.items():
        late |= Q(
            organization_id=organization_id, start__lt=_cutoff(own_rules.minutes_due_days, today)
        )
    not_sent = Q(minutes__isnull=True) | Q(minutes__deleted=True) | Q(minutes__sent_at__isnull=True)
    meetings = (
        Meeting.objects.visible_to(user)
        .for_body(body)
        .exclude(state=Meeting.State.CANCELLED)
        .exclude(organization__organization_type__in=["fraktion", "verwaltung"])
        .filter(late, not_sent)
        .select_related("organization")
        .order_by("-start", "-pk")
    )
    found = list(meetings[:limit])
    for meeting in found:
        due_days = own.get(meeting.organization_id, default).minutes_due_days
        meeting.minutes_due_date = rules.local_date(meeting.start) + dt.timedelta(days=due_days)
    return found


def minutes_approval_choices(*, minutes: Minutes) -> QuerySet[Meeting]:
    """Meetings in which `minutes` may be approved: later ones of the same organization that
    have begun and are not cancelled."""
    meeting = minutes.meeting
    return (
        Meeting.objects.alive()
        .filter(
            body_id=meeting.body_id,
            organization_id=meeting.organization_id,
            start__gt=meeting.start,
            start__lte=timezone.now(),
        )
        .exclude(state=Meeting.State.CANCELLED)
        .select_related("organization")
        .order_by("start", "pk")
    )


def member_minutes_get(*, body: Body, user: AnyUser, pk: int) -> Minutes:
    """The minutes of meeting `pk` for a member of its organization (or the body's staff),
    once they have been sent or approved: the whole text, non-public part included, so
    members can read what they are asked to approve. Else DoesNotExist."""
    viewer = viewer_for(user)
    minutes = (
        Minutes.objects.alive()
        .filter(meeting_visible_q(viewer, "meeting__"), body=body, meeting_id=pk)
        .filter(Q(sent_at__isnull=False) | ~Q(state=Minutes.State.DRAFT))
        .select_related("meeting__organization", "meeting__location", "approved_in")
        .get()
    )
    meeting = minutes.meeting
    if not (viewer.is_member_of(meeting.organization_id) or viewer.is_staff_of(meeting.body_id)):
        raise Minutes.DoesNotExist
    return minutes


def minutes_due_state(*, meeting: Meeting, minutes: Minutes | None) -> dict[str, Any]:
    """When the minutes must reach the members, and whether that was missed."""
    applied = rules.rules_for(meeting.organization)
    due = rules.minutes_due(meeting.start, applied)
    sent = rules.local_date(minutes.sent_at) if minutes and minutes.sent_at else None
    return {
        "due_date": due,
        "due_rule": applied.name,
        "due_days": applied.minutes_due_days,
        "overdue": sent is None and timezone.localdate() > due,
        "sent_late": sent is not None and sent > due,
    }
