"""Who is present with a vote at a given moment, and whether the meeting then has quorum.

Presence is read from the meeting's attendance rows (`Attendance`): a row counts at the
moment `at` when it has a vote (`voting`) and its person was there:

* status PRESENT: the member, if they had arrived (`arrived` empty or not after `at`) and
  not yet left (`left` empty or after `at`);
* status REPRESENTED: the deputy named in the row, with the same times (the row's times
  are the deputy's, who attends in the member's place);
* EXCUSED and ABSENT never count.

A person counts once, however many rows name them. The quorum itself is the rule of
`teilhabe.council.rules.quorum`, with the organization's legal number of members and, for a
repeat session after a failed quorum, the repeat rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.council import rules
from teilhabe.council.models import Attendance, Meeting, Vote


def meeting_day(meeting: Meeting) -> dt.date:
    """The local calendar day of the meeting (memberships are checked on it)."""
    return rules.local_date(meeting.start)


def membership_on_q(day: dt.date, prefix: str = "") -> Q:
    """A membership that is alive and runs on `day` (empty dates: open-ended)."""

    def q(**lookups: Any) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    return (
        q(deleted=False)
        & (q(start_date__isnull=True) | q(start_date__lte=day))
        & (q(end_date__isnull=True) | q(end_date__gte=day))
    )


def there_at(row: Attendance, at: dt.datetime) -> bool:
    """Whether the row's attendee (member or deputy) was in the room at `at`."""
    arrived_in_time = row.arrived is None or row.arrived <= at
    not_yet_left = row.left is None or row.left > at
    return arrived_in_time and not_yet_left


def voter_of(row: Attendance) -> int | None:
    """The person who casts the row's vote: the member, or the deputy in their place."""
    if not row.voting or row.deleted:
        return None
    if row.status == Attendance.Status.PRESENT:
        return row.person_id
    if row.status == Attendance.Status.REPRESENTED:
        return row.deputy_id
    return None


def voter_ids_among(rows: Iterable[Attendance], at: dt.datetime) -> set[int]:
    """The persons who could vote at `at`, from already loaded attendance rows."""
    found = set()
    for row in rows:
        voter = voter_of(row)
        if voter is not None and there_at(row, at):
            found.add(voter)
    return found


def present_voter_ids(*, meeting: Meeting, at: dt.datetime) -> set[int]:
    """The persons present with a vote at `at` (one query)."""
    rows = Attendance.objects.alive().filter(
        meeting=meeting,
        voting=True,
        status__in=[Attendance.Status.PRESENT, Attendance.Status.REPRESENTED],
    )
    return voter_ids_among(rows, at)


def voting_present_at(*, meeting: Meeting, at: dt.datetime) -> int:
    """How many persons with a vote were present at `at`."""
    return len(present_voter_ids(meeting=meeting, at=at))


def quorum_for(
    *, meeting: Meeting, voting_present: int, session_rules: rules.Rules | None = None
) -> rules.Quorum:
    """The quorum of `meeting` with `voting_present` voters (the rules read if not given)."""
    organization = meeting.organization
    return rules.quorum(
        voting_present=voting_present,
        legal_member_count=organization.legal_member_count,
        rules=session_rules or rules.rules_for(organization),
        repeat=meeting.repeat_of_id is not None,
    )


def quorum_at(*, meeting: Meeting, at: dt.datetime) -> rules.Quorum:
    """Whether `meeting` had quorum at `at`, and by which rule."""
    return quorum_for(meeting=meeting, voting_present=voting_present_at(meeting=meeting, at=at))


# What does not add up in a recorded vote -------------------------------------------------


@dataclass(frozen=True)
class VoteWarning:
    """A vote was recorded although something does not add up; staff see why."""

    code: str
    message: str


NOT_QUORATE = _(
    "Ohne Beschlussfähigkeit abgestimmt: nur %(present)s stimmberechtigte Mitglieder "
    "anwesend (angewandte Regel: %(rule)s)."
)
TOO_MANY_VOTES = _(
    "Mehr Stimmen (%(cast)s) als stimmberechtigte Mitglieder anwesend (%(present)s)."
)


def _text(template: Promise, **params: Any) -> str:
    return str(template) % params


def vote_warnings(vote: Vote) -> list[VoteWarning]:
    """What does not add up in `vote`, judged by the quorum recorded with it."""
    warnings = []
    cast = vote.yes + vote.no + vote.abstain
    if not vote.quorate:
        warnings.append(
            VoteWarning(
                code="not_quorate",
                message=_text(
                    NOT_QUORATE,
                    present=vote.voting_present,
                    rule=vote.rule_name,
                ),
            )
        )
    if cast > vote.voting_present:
        warnings.append(
            VoteWarning(
                code="more_votes_than_present",
                message=_text(TOO_MANY_VOTES, cast=cast, present=vote.voting_present),
            )
        )
    return warnings
