"""Reads of the session desk (Sitzungsverlauf): attendance, quorum, votes and outcomes.

The desk is a staff page; these selectors still start from `visible_to(user)` where the
model has it. Every read costs a fixed number of queries, however many members and
agenda items the meeting has. Public reads of votes (names of a vote by name) are here
too, so the one rule about whose names are shown lives in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from teilhabe.core.models import Body
from teilhabe.council import rules
from teilhabe.council.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Membership,
    Organization,
    Person,
    PersonVote,
    Vote,
)
from teilhabe.council.quorum import (
    RepeatedMatter,
    meeting_day,
    membership_on_q,
    quorum_for,
    repeated_matters,
    vote_warnings,
    voter_ids_among,
    voter_of,
)
from teilhabe.council.selectors.public import AnyUser


def session_meeting_get(*, body: Body, user: AnyUser, pk: int) -> Meeting:
    """A meeting of `body` with its organization; else DoesNotExist."""
    return Meeting.objects.visible_to(user).for_body(body).select_related("organization").get(pk=pk)


# What is read of an attendance row's person and deputy: their name, and their body (a vote
# by name checks it). Contact data, consent and the OParl fields are not needed here, and
# leaving them (and the rows' timestamps) out makes the desk's longest list cheaper to read.
_PERSON_COLUMNS = ("title", "given_name", "family_name", "body", "deleted", "version")
_ATTENDANCE_COLUMNS = (
    "body",
    "meeting",
    "person",
    "status",
    "deputy",
    "voting",
    "arrived",
    "left",
    "deleted",
    "version",
    *(f"person__{name}" for name in _PERSON_COLUMNS),
    *(f"deputy__{name}" for name in _PERSON_COLUMNS),
)


def session_attendance_list(*, meeting: Meeting) -> list[Attendance]:
    """The meeting's attendance rows by name, with person and deputy (of both only the
    name, body and version are read, see `_PERSON_COLUMNS`; the rows are not saved)."""
    return list(
        Attendance.objects.alive()
        .for_body(meeting.body_id)
        .filter(meeting=meeting)
        .select_related("person", "deputy")
        .only(*_ATTENDANCE_COLUMNS)
        .order_by("person__family_name", "person__given_name", "pk")
    )


def session_attendance_get(*, meeting: Meeting, pk: int) -> Attendance:
    """One attendance row of `meeting` (a row of another meeting: DoesNotExist)."""
    return (
        Attendance.objects.alive()
        .for_body(meeting.body_id)
        .select_related("person", "deputy")
        .get(meeting=meeting, pk=pk)
    )


def session_deputies(*, meeting: Meeting) -> list[Person]:
    """The persons who are deputies (Stellvertretung) of the organization on the meeting day."""
    deputy_memberships = Membership.objects.filter(
        membership_on_q(meeting_day(meeting)),
        organization_id=meeting.organization_id,
        role=Membership.Role.DEPUTY,
    ).values("person_id")
    return list(
        Person.objects.alive()
        .for_body(meeting.body_id)
        .filter(pk__in=deputy_memberships)
        .order_by("family_name", "given_name", "pk")
    )


def session_voters(attendances: list[Attendance]) -> list[Person]:
    """Who may be named in a vote by name: the members present and the deputies standing
    in, each with a vote, by name (whether present at the moment of the vote is checked
    when it is recorded)."""
    voters: dict[int, Person] = {}
    for row in attendances:
        voter_id = voter_of(row)
        if voter_id is not None:
            voters[voter_id] = row.person if voter_id == row.person_id else row.deputy  # type: ignore[assignment]
    return sorted(voters.values(), key=lambda person: (person.family_name, person.given_name))


# Results that come from a vote; any other outcome supersedes the votes taken before it.
VOTE_RESULTS = (AgendaItem.Result.ADOPTED, AgendaItem.Result.REJECTED)


def current_vote(item: AgendaItem, votes: list[Vote]) -> Vote | None:
    """The vote whose result `item` has now, among its (loaded) `votes`: the one recorded
    last, if the item's result is a vote's. A vote recorded again supersedes the earlier
    one, and an outcome without a vote (postponed, noted, ...) supersedes every vote; the
    superseded ones stay recorded (the staff history shows them), but no page shows them as
    the result."""
    if item.result not in VOTE_RESULTS or not votes:
        return None
    return max(votes, key=lambda vote: vote.pk)


# What the desk's agenda shows of an item and of the organization it was referred to. The
# agenda is read without the rest (the texts of the resolution and the minutes, timestamps,
# OParl id): its items are only shown. One item read for a form (`session_item_get`) is
# read whole, as the services change and save it.
_LISTED_ITEM_COLUMNS = (
    "body",
    "meeting",
    "number",
    "order",
    "name",
    "public",
    "result",
    "votes_yes",
    "votes_no",
    "votes_abstain",
    "referred_to",
    "deleted",
    "version",
    "referred_to__name",
)


def _items(
    meeting: Meeting, user: AnyUser, pk: int | None = None, repeated_ids: set[int] | None = None
) -> list[AgendaItem]:
    rows = AgendaItem.objects.visible_to(user).for_body(meeting.body_id).filter(meeting=meeting)
    rows = rows.filter(pk=pk) if pk is not None else rows.only(*_LISTED_ITEM_COLUMNS)
    items = list(rows.select_related("referred_to").order_by("order", "pk"))
    # The votes of these items in one query, as prefetch_related would read them, without
    # its machinery (which cost more than the query on a desk of forty items). Votes are
    # only shown here, never saved: their timestamps are left out.
    recorded: dict[int, list[Vote]] = {item.pk: [] for item in items}
    if items:
        votes = (
            Vote.objects.alive()
            .filter(agenda_item_id__in=list(recorded))
            .defer("created", "modified")
        )
        by_pk = {item.pk: item for item in items}
        for vote in votes.order_by("taken_at", "pk"):
            vote.agenda_item = by_pk[vote.agenda_item_id]
            recorded[vote.agenda_item_id].append(vote)
    if repeated_ids is None:
        repeated_ids = {matter.pk for matter in repeated_matters(meeting=meeting)}
    for item in items:
        item.recorded_votes = recorded[item.pk]
        current = current_vote(item, item.recorded_votes)
        item.last_vote = current
        item.vote_warnings = vote_warnings(current) if current is not None else []
        item.reduced_quorum = item.pk in repeated_ids
    return items


def session_items(
    *, meeting: Meeting, user: AnyUser, repeated_ids: set[int] | None = None
) -> list[AgendaItem]:
    """The agenda in order; each item with `recorded_votes` (every vote, superseded ones
    too), `last_vote` (the vote whose result the item has now, see `current_vote`),
    `vote_warnings` (what does not add up in it) and `reduced_quorum` (the item repeats a
    matter postponed for lack of quorum, see `quorum.repeated_matters`). For showing only:
    the items carry the columns of `_LISTED_ITEM_COLUMNS`."""
    return _items(meeting, user, repeated_ids=repeated_ids)


def session_item_get(*, meeting: Meeting, user: AnyUser, pk: int) -> AgendaItem:
    """One item of `meeting` with what `session_items` gives it, read whole (for a form
    and its service); else DoesNotExist."""
    found = _items(meeting, user, pk)
    if not found:
        raise AgendaItem.DoesNotExist
    return found[0]


# Where an organization type stands in the lists (as ORGANIZATION_TYPE_ORDER sorts them).
_TYPE_RANK = {value: rank for rank, value in enumerate(Organization.Type.values)}


def session_referral_targets(*, meeting: Meeting, user: AnyUser) -> list[Organization]:
    """The organizations an item can be referred to: the body's others that meet, in the
    order of the public lists (`ORGANIZATION_TYPE_ORDER`, then name).

    The database sorts by name; the type's rank is applied here by a stable sort, which
    gives the same order as sorting by both in SQL, without building the CASE expression
    on every request."""
    by_name = (
        Organization.objects.visible_to(user)
        .for_body(meeting.body_id)
        .holding_meetings()
        .exclude(pk=meeting.organization_id)
        .order_by("name", "pk")
    )
    return sorted(by_name, key=lambda org: _TYPE_RANK.get(org.organization_type, len(_TYPE_RANK)))


@dataclass(frozen=True)
class AttendanceState:
    """The attendance list and the quorum it gives at `at`: `quorum` the session's
    ordinary one; in a repeat session `repeat_quorum` the reduced one, which holds only
    for the `repeated` items."""

    rows: list[Attendance]
    deputies: list[Person]
    quorum: rules.Quorum
    at: dt.datetime
    voters: list[Person] = field(default_factory=list)
    repeated: list[RepeatedMatter] = field(default_factory=list)
    repeat_quorum: rules.Quorum | None = None


def session_attendance(
    *,
    meeting: Meeting,
    at: dt.datetime | None = None,
    session_rules: rules.Rules | None = None,
    repeated: list[RepeatedMatter] | None = None,
) -> AttendanceState:
    """Attendance, deputies to choose from and the quorum at `at` (default: now)."""
    moment = at or timezone.now()
    rows = session_attendance_list(meeting=meeting)
    session_rules = session_rules or rules.rules_for(meeting.organization)
    if repeated is None:
        repeated = repeated_matters(meeting=meeting)
    present = len(voter_ids_among(rows, moment))
    quorum = quorum_for(meeting=meeting, voting_present=present, session_rules=session_rules)
    repeat_quorum = None
    if repeated:
        repeat_quorum = rules.quorum(
            voting_present=present,
            legal_member_count=meeting.organization.legal_member_count,
            rules=session_rules,
            repeat=True,
        )
    return AttendanceState(
        rows=rows,
        deputies=session_deputies(meeting=meeting),
        quorum=quorum,
        at=moment,
        voters=session_voters(rows),
        repeated=repeated,
        repeat_quorum=repeat_quorum,
    )


@dataclass(frozen=True)
class SessionDesk:
    meeting: Meeting
    attendance: AttendanceState
    items: list[AgendaItem]
    referral_targets: list[Organization]
    rules: rules.Rules


def session_desk(*, meeting: Meeting, user: AnyUser, at: dt.datetime | None = None) -> SessionDesk:
    """Everything the desk shows, in a fixed number of queries."""
    session_rules = rules.rules_for(meeting.organization)
    repeated = repeated_matters(meeting=meeting)
    return SessionDesk(
        meeting=meeting,
        attendance=session_attendance(
            meeting=meeting, at=at, session_rules=session_rules, repeated=repeated
        ),
        items=session_items(
            meeting=meeting, user=user, repeated_ids={matter.pk for matter in repeated}
        ),
        referral_targets=session_referral_targets(meeting=meeting, user=user),
        rules=session_rules,
    )


# Public: the names in a vote by name -------------------------------------------------------


@dataclass
class NamedVotes:
    """Who voted how in a vote by name, as far as it may be published.

    Only persons who consented to publication are named; the others are only counted
    (`unnamed`).
    """

    yes: list[str] = field(default_factory=list)
    no: list[str] = field(default_factory=list)
    abstain: list[str] = field(default_factory=list)
    unnamed: int = 0


def public_named_votes(*, items: list[AgendaItem]) -> None:
    """Give every item in `items` `named_votes`: who voted how in its current vote (the
    one whose result it has, see `current_vote`) if that was by name (a `NamedVotes`),
    else None. An item whose result is not a vote's (postponed after the vote, say) has
    none: a superseded vote is not shown.

    One query for all items, and none when no item's last vote was by name: items read by
    `meeting_get` carry `last_vote_by_name`; for others, any item with a vote's result is
    asked about.
    """
    for item in items:
        item.named_votes = None  # type: ignore[attr-defined]
    voted = {
        item.pk: item
        for item in items
        if item.result in VOTE_RESULTS
        and getattr(item, "last_vote_by_name", item.votes_yes is not None)
    }
    if not voted:
        return
    # The vote recorded last is the current one (`current_vote`).
    last_vote = (
        Vote.objects.alive()
        .filter(agenda_item_id=OuterRef("vote__agenda_item_id"))
        .order_by("-pk")
        .values("pk")[:1]
    )
    rows = (
        PersonVote.objects.alive()
        .filter(
            vote__agenda_item_id__in=list(voted),
            vote__deleted=False,
            vote__by_name=True,
            vote_id=Subquery(last_vote),
        )
        .order_by("person__family_name", "person__given_name", "pk")
        .values_list(
            "vote__agenda_item_id",
            "choice",
            "person__title",
            "person__given_name",
            "person__family_name",
            "person__public_consent",
            "person__deleted",
        )
    )
    for item_id, choice, title, given, family, consent, deleted in rows:
        item = voted[item_id]
        if item.named_votes is None:  # type: ignore[attr-defined]
            item.named_votes = NamedVotes()  # type: ignore[attr-defined]
        named: NamedVotes = item.named_votes  # type: ignore[attr-defined]
        if consent and not deleted:
            getattr(named, choice).append(" ".join(p for p in (title, given, family) if p))
        else:
            named.unnamed += 1
