"""Writes of attendance (Anwesenheit): who belongs at the table, who came, who represents whom.

Rules that hold here:

* The list of a meeting holds one row per person who is a member of the meeting's
  organization on the meeting day (chair, members, advisory members), never deputies:
  a deputy appears only in the row of the member they represent (status REPRESENTED).
* A prefilled row starts as ABSENT ("unentschuldigt abwesend"). Nobody is counted
  present before staff say so, so the quorum shown is never too high; whoever is still
  unmarked when the session ends was indeed absent without excuse. Staff mark arrivals
  (PRESENT), apologies (EXCUSED) and representations (REPRESENTED) as they happen.
* A row's vote (`voting`) follows the voting right of the person's membership.
* The first time someone is recorded as present or represented (or a vote or an outcome is
  recorded, see `votes`), a planned or invited meeting becomes HELD: the session is taking
  place. Prefilling the list alone does not, because it may be done ahead of the session.
* Nothing is recorded for a cancelled meeting.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from teilhabe.council import errors
from teilhabe.council.models import Attendance, Meeting, Membership, Person
from teilhabe.council.quorum import meeting_day, membership_on_q
from teilhabe.council.services._common import create, ensure_same_body, fresh, save_checked

_NOT_THERE = (Attendance.Status.EXCUSED, Attendance.Status.ABSENT)


def locked_open_meeting(meeting_id: int) -> Meeting:
    """The meeting, locked for the transaction (so two desks cannot interleave their
    writes); a cancelled meeting is refused."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=meeting_id)
    )
    if meeting.state == Meeting.State.CANCELLED:
        raise errors.SessionMeetingCancelled()
    return meeting


def mark_held(meeting: Meeting) -> Meeting:
    """A planned or invited meeting in which something was recorded has taken place."""
    current = fresh(meeting)
    if current.state in (Meeting.State.PLANNED, Meeting.State.INVITED):
        current.state = Meeting.State.HELD
        save_checked(current, expected_version=current.version)
    return current


def _members_on(meeting: Meeting) -> dict[int, bool]:
    """Person id -> has a vote, for the members (not deputies) on the meeting day."""
    rows = (
        Membership.objects.filter(
            membership_on_q(meeting_day(meeting)),
            organization_id=meeting.organization_id,
            person__deleted=False,
        )
        .exclude(role=Membership.Role.DEPUTY)
        .values_list("person_id", "voting_right")
    )
    voting: dict[int, bool] = {}
    for person_id, voting_right in rows:
        voting[person_id] = voting.get(person_id, False) or voting_right
    return voting


@transaction.atomic
def attendance_prefill(*, meeting: Meeting) -> list[Attendance]:
    """Add a row (ABSENT) for every member on the meeting day who has none yet.

    Idempotent: calling it again adds only members who joined since; existing rows stay
    as they are. Returns the rows it added.
    """
    locked = locked_open_meeting(meeting.pk)
    members = _members_on(locked)
    listed = set(
        Attendance.objects.alive().filter(meeting=locked).values_list("person_id", flat=True)
    )
    return [
        create(
            Attendance(
                body_id=locked.body_id,
                meeting=locked,
                person_id=person_id,
                status=Attendance.Status.ABSENT,
                voting=members[person_id],
            )
        )
        for person_id in sorted(members.keys() - listed)
    ]


def _check_deputy(meeting: Meeting, row: Attendance, deputy: Person) -> None:
    """`deputy` is a deputy of the organization on the meeting day, free to stand in."""
    ensure_same_body(row.body_id, deputy)
    is_deputy = Membership.objects.filter(
        membership_on_q(meeting_day(meeting)),
        organization_id=meeting.organization_id,
        person=deputy,
        person__deleted=False,
        role=Membership.Role.DEPUTY,
    ).exists()
    if not is_deputy or deputy.pk == row.person_id:
        raise errors.NotADeputy()
    busy = (
        Attendance.objects.alive()
        .filter(meeting=meeting, deputy=deputy, status=Attendance.Status.REPRESENTED)
        .exclude(pk=row.pk)
        .exists()
    )
    if busy:
        raise errors.DeputyAlreadyRepresenting()


@transaction.atomic
def attendance_set(
    *,
    attendance: Attendance,
    expected_version: int,
    status: str,
    deputy: Person | None = None,
    arrived: dt.datetime | None = None,
    left: dt.datetime | None = None,
) -> Attendance:
    """Record a member's attendance: status, the deputy standing in, arrival and departure.

    A deputy is named only with status REPRESENTED (and must then be named): a current
    deputy (Stellvertretung) of the meeting's organization on the meeting day, who does
    not already represent another member in this meeting. The times are the attendee's
    (the deputy's, when represented); for EXCUSED and ABSENT they are cleared. `left` may
    not be before `arrived`.
    """
    meeting = locked_open_meeting(attendance.meeting_id)
    current = fresh(attendance)
    if status == Attendance.Status.REPRESENTED:
        if deputy is None:
            raise errors.DeputyRequired()
        _check_deputy(meeting, current, deputy)
    elif deputy is not None:
        raise errors.DeputyOnlyWhenRepresented()
    if status in _NOT_THERE:
        arrived = left = None
    if arrived is not None and left is not None and left < arrived:
        raise errors.AttendanceTimesOutOfOrder()
    voting = _members_on(meeting).get(current.person_id)
    current.status = status
    current.deputy = deputy
    current.arrived = arrived
    current.left = left
    if voting is not None:  # no longer a member: the row keeps what it had
        current.voting = voting
    save_checked(current, expected_version=expected_version)
    if status not in _NOT_THERE:
        mark_held(meeting)
    return current
