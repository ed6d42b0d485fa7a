"""Writes of votes and outcomes of agenda items, and the referral to another body.

Rules that hold here:

* A vote is recorded with the quorum as it was when it was taken (who was present with a
  vote, the legal number of members, quorate or not, the rule applied), so later changes
  to the attendance or the rules of procedure do not rewrite it. In a repeat session the
  reduced quorum applies only to an item that repeats a matter postponed for lack of
  quorum (`quorum.repeated_matter_ids`); the rule recorded says so.
* Adopted when yes exceeds no; abstentions do not count; a tie rejects
  (`rules.adopted`). The agenda item gets the result and the counts.
* A vote taken without quorum, or with more votes than voters present, is still
  recorded, as it happened; the service returns warnings the page shows at once, and the
  consistency check lists such votes later.
* A vote by name names only persons present with a vote when it was taken.
* The other outcomes (noted, postponed, withdrawn, referred) end an item without a
  vote. A referral creates, for every paper discussed under the item, the consultation
  of the receiving organization at its next planned meeting (Beratungsfolge).
* Recording a vote or an outcome marks a planned or invited meeting as HELD.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from teilhabe.council import errors, results, rules
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    Meeting,
    Organization,
    Person,
    PersonVote,
    Vote,
)
from teilhabe.council.quorum import VoteWarning, present_voter_ids, quorum_for, vote_warnings
from teilhabe.council.services._common import create, ensure_same_body, fresh, save_checked
from teilhabe.council.services.attendance import locked_open_meeting, mark_held
from teilhabe.council.services.papers import consultation_create

CONCLUDING_OUTCOMES = (
    AgendaItem.Result.NOTED,
    AgendaItem.Result.POSTPONED,
    AgendaItem.Result.WITHDRAWN,
    AgendaItem.Result.REFERRED,
)


def person_field(person: Person | int) -> str:
    """The form field of one person's vote in a vote by name."""
    return f"person-{person if isinstance(person, int) else person.pk}"


@dataclass(frozen=True)
class RecordedVote:
    """A recorded vote, the item it decided, and what does not add up in it."""

    vote: Vote
    agenda_item: AgendaItem
    quorum: rules.Quorum
    warnings: list[VoteWarning] = field(default_factory=list)


def _counts_by_name(by_name: Mapping[Person, str], present: set[int]) -> tuple[int, int, int]:
    counts = dict.fromkeys(Vote.Choice.values, 0)
    for person, choice in by_name.items():
        if choice not in counts:
            raise errors.InvalidVoteChoice(field=person_field(person))
        if person.pk not in present:
            raise errors.VoterNotPresent.for_person(person, field=person_field(person))
        counts[choice] += 1
    return counts[Vote.Choice.YES], counts[Vote.Choice.NO], counts[Vote.Choice.ABSTAIN]


def _checked_counts(yes: int | None, no: int | None, abstain: int | None) -> tuple[int, int, int]:
    counts = (yes, no, abstain)
    for name, value in zip(("yes", "no", "abstain"), counts, strict=True):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise errors.InvalidVoteCount(field=name)
    return yes, no, abstain  # type: ignore[return-value]


@transaction.atomic
def vote_record(
    *,
    agenda_item: AgendaItem,
    yes: int | None = None,
    no: int | None = None,
    abstain: int | None = None,
    taken_at: dt.datetime | None = None,
    by_name: Mapping[Person, str] | None = None,
    expected_version: int | None = None,
) -> RecordedVote:
    """Record a vote on `agenda_item` (at `taken_at`, default now) and its result.

    With `by_name` (person -> "yes" / "no" / "abstain") it is a vote by name: the counts
    come from it, and each person must be present with a vote at `taken_at`
    (else VoterNotPresent, on that person's field). `expected_version` is the item's
    version the caller saw, if they saw one.
    """
    meeting = locked_open_meeting(agenda_item.meeting_id)
    item = fresh(agenda_item)
    moment = taken_at or timezone.now()
    present = present_voter_ids(meeting=meeting, at=moment)
    if by_name is not None:
        ensure_same_body(item.body_id, list(by_name))
        yes, no, abstain = _counts_by_name(by_name, present)
    else:
        yes, no, abstain = _checked_counts(yes, no, abstain)
    if yes + no + abstain == 0:
        raise errors.NoVotesCast()
    quorum = quorum_for(meeting=meeting, voting_present=len(present), agenda_item=item)
    vote = create(
        Vote(
            body_id=item.body_id,
            agenda_item=item,
            taken_at=moment,
            yes=yes,
            no=no,
            abstain=abstain,
            by_name=by_name is not None,
            voting_present=len(present),
            legal_member_count=meeting.organization.legal_member_count,
            quorate=quorum.quorate,
            adopted=rules.adopted(yes, no),
            rule_name=quorum.rule[:300],
        )
    )
    for person, choice in sorted((by_name or {}).items(), key=lambda pair: pair[0].pk):
        create(PersonVote(body_id=item.body_id, vote=vote, person=person, choice=choice))
    item.result = AgendaItem.Result.ADOPTED if vote.adopted else AgendaItem.Result.REJECTED
    item.votes_yes, item.votes_no, item.votes_abstain = yes, no, abstain
    item.referred_to = None
    save_checked(
        item, expected_version=item.version if expected_version is None else expected_version
    )
    mark_held(meeting)
    results.announce_result(item)
    return RecordedVote(vote=vote, agenda_item=item, quorum=quorum, warnings=vote_warnings(vote))


@dataclass(frozen=True)
class Conclusion:
    """An item ended without a vote, and the consultations a referral created."""

    agenda_item: AgendaItem
    referrals: list[Consultation] = field(default_factory=list)
    next_meeting: Meeting | None = None


def _check_referral_target(meeting: Meeting, target: Organization | None) -> Organization:
    if target is None:
        raise errors.ReferralTargetRequired()
    ensure_same_body(meeting.body_id, target)
    if target.deleted or not target.holds_meetings or target.pk == meeting.organization_id:
        raise errors.InvalidReferralTarget()
    return target


def next_meeting_of(organization: Organization, *, after: Meeting) -> Meeting | None:
    """The organization's first planned (or invited) meeting that starts after `after`."""
    return (
        Meeting.objects.alive()
        .filter(
            organization=organization,
            start__gt=after.start,
            state__in=[Meeting.State.PLANNED, Meeting.State.INVITED],
        )
        .order_by("start", "pk")
        .first()
    )


def _refer(item: AgendaItem, meeting: Meeting, target: Organization) -> Conclusion:
    """Add `target` to the Beratungsfolge of every paper discussed under `item`.

    A paper that already has a consultation of `target` still to come (without meeting,
    or at a meeting after this one) keeps it and gets no second one. The new step is
    the decision when the target is the council (Stadtrat), else a preliminary one;
    staff can change it on the paper's page.
    """
    upcoming = next_meeting_of(target, after=meeting)
    decides = target.organization_type == Organization.Type.STADTRAT
    papers = {
        consultation.paper_id: consultation.paper
        for consultation in Consultation.objects.alive()
        .filter(agenda_item=item, paper__deleted=False)
        .select_related("paper")
        .order_by("order", "pk")
    }
    still_to_come = set(
        Consultation.objects.alive()
        .filter(paper_id__in=papers, organization=target)
        .filter(Q(meeting__isnull=True) | Q(meeting__start__gt=meeting.start))
        .values_list("paper_id", flat=True)
    )
    created = [
        consultation_create(
            paper=paper,
            organization=target,
            meeting=upcoming,
            role=Consultation.Role.DECIDE if decides else Consultation.Role.PREPARE,
            authoritative=decides,
        )
        for paper_id, paper in papers.items()
        if paper_id not in still_to_come
    ]
    return Conclusion(agenda_item=item, referrals=created, next_meeting=upcoming)


@transaction.atomic
def agenda_item_conclude(
    *,
    agenda_item: AgendaItem,
    expected_version: int,
    outcome: str,
    referred_to: Organization | None = None,
) -> Conclusion:
    """End an item without a vote: noted, postponed, withdrawn or referred.

    REFERRED needs `referred_to`, another organization of the body that holds meetings;
    for the other outcomes `referred_to` is ignored. The vote counts of an earlier vote
    are cleared from the item (the votes themselves stay recorded).
    """
    if outcome not in CONCLUDING_OUTCOMES:
        raise errors.InvalidOutcome()
    meeting = locked_open_meeting(agenda_item.meeting_id)
    target = None
    if outcome == AgendaItem.Result.REFERRED:
        target = _check_referral_target(meeting, referred_to)
    item = fresh(agenda_item)
    item.result = outcome
    item.referred_to = target
    item.votes_yes = item.votes_no = item.votes_abstain = None
    save_checked(item, expected_version=expected_version)
    mark_held(meeting)
    results.announce_result(item)
    if target is None:
        return Conclusion(agenda_item=item)
    return _refer(item, meeting, target)
