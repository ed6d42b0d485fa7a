"""Who is present with a vote at a given moment, and whether the meeting then has quorum.

Presence is read from the meeting's attendance rows (`Attendance`): a row counts at the
moment `at` when it has a vote (`voting`) and its person was there:

* status PRESENT: the member, if they had arrived (`arrived` empty or not after `at`) and
  not yet left (`left` empty or after `at`);
* status REPRESENTED: the deputy named in the row, with the same times (the row's times
  are the deputy's, who attends in the member's place);
* EXCUSED and ABSENT never count.

A person counts once, however many rows name them. The quorum itself is the rule of
`teilhabe.council.rules.quorum`, with the organization's legal number of members.

A repeat session (`Meeting.repeat_of`) after a failed quorum has the reduced quorum only
for the matters that were postponed for lack of quorum in the original session
(`repeated_matter_ids`, § 39 Abs. 2 GemO: "zum zweiten Mal zur Verhandlung über denselben
Gegenstand"); for the session as a whole and for every other item on its agenda the
ordinary quorum applies.
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
from teilhabe.council.models import AgendaItem, Attendance, Consultation, Meeting, Vote


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


def _title_key(name: str) -> str:
    """An item's title as compared between the sessions (spacing and case do not count)."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class RepeatedMatter:
    """An agenda item of a repeat session with the reduced quorum."""

    pk: int
    number: str
    name: str


def repeated_matters(*, meeting: Meeting) -> list[RepeatedMatter]:
    """The agenda items of a repeat session that take up a matter postponed for lack of
    quorum in the session it repeats, in agenda order: an item that discusses a paper
    which a postponed item of the original session discussed, or, for an item without
    paper, one with the same title as a postponed item without paper there. Only these
    have the reduced quorum.

    An item of the original session counts when its result is "vertagt": the session was
    not quorate (that is what `repeat_of` records), so what it postponed, it postponed for
    lack of quorum. Empty for a meeting that repeats none (no query); else two queries.
    """
    if meeting.repeat_of_id is None:
        return []
    meeting_ids = [meeting.pk, meeting.repeat_of_id]
    items = list(
        AgendaItem.objects.alive()
        .filter(meeting_id__in=meeting_ids)
        .order_by("order", "pk")
        .values_list("pk", "meeting_id", "number", "name", "result")
    )
    papers: dict[int, set[int]] = {}
    consultations = Consultation.objects.alive().filter(
        agenda_item__meeting_id__in=meeting_ids,
        agenda_item__deleted=False,
        paper__deleted=False,
    )
    for item_id, paper_id in consultations.values_list("agenda_item_id", "paper_id"):
        papers.setdefault(item_id, set()).add(paper_id)
    postponed_papers: set[int] = set()
    postponed_titles: set[str] = set()
    for item_id, meeting_id, _number, name, result in items:
        if meeting_id != meeting.repeat_of_id or result != AgendaItem.Result.POSTPONED:
            continue
        if item_id in papers:
            postponed_papers |= papers[item_id]
        else:
            postponed_titles.add(_title_key(name))
    return [
        RepeatedMatter(pk=item_id, number=number, name=name)
        for item_id, meeting_id, number, name, _result in items
        if meeting_id == meeting.pk
        and (
            bool(papers[item_id] & postponed_papers)
            if item_id in papers
            else _title_key(name) in postponed_titles
        )
    ]


def repeated_matter_ids(*, meeting: Meeting) -> set[int]:
    """The ids of `repeated_matters`."""
    return {matter.pk for matter in repeated_matters(meeting=meeting)}


def quorum_for(
    *,
    meeting: Meeting,
    voting_present: int,
    session_rules: rules.Rules | None = None,
    agenda_item: AgendaItem | None = None,
    repeated_ids: set[int] | None = None,
) -> rules.Quorum:
    """The quorum of `meeting` with `voting_present` voters (the rules read if not given).

    Without `agenda_item`, the ordinary quorum of the session. With it, the quorum for
    that item: the reduced one when the item repeats a matter postponed for lack of
    quorum (`repeated_matter_ids`, read unless the caller passes `repeated_ids`).
    """
    organization = meeting.organization
    repeat = False
    if agenda_item is not None and meeting.repeat_of_id is not None:
        if repeated_ids is None:
            repeated_ids = repeated_matter_ids(meeting=meeting)
        repeat = agenda_item.pk in repeated_ids
    return rules.quorum(
        voting_present=voting_present,
        legal_member_count=organization.legal_member_count,
        rules=session_rules or rules.rules_for(organization),
        repeat=repeat,
    )


def quorum_at(
    *, meeting: Meeting, at: dt.datetime, agenda_item: AgendaItem | None = None
) -> rules.Quorum:
    """Whether `meeting` (or its `agenda_item`) had quorum at `at`, and by which rule."""
    return quorum_for(
        meeting=meeting,
        voting_present=voting_present_at(meeting=meeting, at=at),
        agenda_item=agenda_item,
    )


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
