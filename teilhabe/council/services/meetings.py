"""Writes of meetings and their agendas: numbering, cancelling, building the agenda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from teilhabe.core import history
from teilhabe.core.models import Body
from teilhabe.council import errors, results
from teilhabe.council.models import AgendaItem, LegislativeTerm, Location, Meeting, Organization
from teilhabe.council.services._common import (
    apply,
    create,
    ensure_same_body,
    ensure_writable,
    fresh,
    save_checked,
    soft_delete,
    update,
)
from teilhabe.council.services.embedding import touch_embedding
from teilhabe.council.services.publication import minutes_withdraw_publication


class MeetingFields(TypedDict, total=False):
    organization: Organization
    legislative_term: LegislativeTerm | None
    number: int | None
    name: str
    start: dt.datetime
    end: dt.datetime | None
    location: Location | None
    video_conference_url: str
    state: str
    repeat_of: Meeting | None


class AgendaItemFields(TypedDict, total=False):
    number: str
    name: str
    public: bool
    result: str
    resolution_text: str
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None


def _number_meeting(meeting: Meeting, *, requested: int | None) -> None:
    """Give `meeting` the requested number or the next free one in organization and term.

    Numbers count per organization and legislative term; a number already held by a
    meeting that is not deleted is refused. The organization row is locked, so two
    meetings created at once cannot draw the same number.
    """
    Organization.objects.select_for_update().filter(pk=meeting.organization_id).first()
    siblings = (
        Meeting.objects.alive()
        .filter(
            organization_id=meeting.organization_id,
            legislative_term_id=meeting.legislative_term_id,
        )
        .exclude(pk=meeting.pk)
    )
    if requested is None:
        highest = siblings.aggregate(highest=Max("number"))["highest"]
        meeting.number = (highest or 0) + 1
        return
    if siblings.filter(number=requested).exists():
        raise errors.DuplicateMeetingNumber()
    meeting.number = requested


def _check_meeting(body_id: int, fields: Any) -> None:
    organization = fields.get("organization")
    ensure_same_body(
        body_id,
        organization,
        fields.get("legislative_term"),
        fields.get("location"),
        fields.get("repeat_of"),
    )
    if organization is not None and not organization.holds_meetings:
        raise errors.OrganizationHoldsNoMeetings()


def _check_repeat(meeting: Meeting) -> None:
    """A repeat session is a later session of the same organization."""
    earlier = meeting.repeat_of
    if earlier is None:
        return
    if (
        earlier.pk == meeting.pk
        or earlier.organization_id != meeting.organization_id
        or earlier.start >= meeting.start
    ):
        raise errors.InvalidRepeatSession()


@transaction.atomic
def meeting_create(*, body: Body, **fields: Unpack[MeetingFields]) -> Meeting:
    """Create a meeting; without a number it gets the next one of its organization and term."""
    _check_meeting(body.pk, fields)
    meeting = Meeting(body=body)
    apply(meeting, fields, skip={"number"})
    _check_repeat(meeting)
    _number_meeting(meeting, requested=fields.get("number"))
    return create(meeting)


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, expected_version: int, **fields: Unpack[MeetingFields]
) -> Meeting:
    """Change a meeting. An emptied number keeps the old one unless organization or term change."""
    _check_meeting(meeting.body_id, fields)
    current = fresh(meeting)
    previous = (current.organization_id, current.legislative_term_id, current.number)
    apply(current, fields, skip={"number"})
    _check_repeat(current)
    requested = fields.get("number", previous[2])
    if requested is None and previous[:2] == (
        current.organization_id,
        current.legislative_term_id,
    ):
        requested = previous[2]
    _number_meeting(current, requested=requested)
    return save_checked(current, expected_version=expected_version)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, expected_version: int) -> Meeting:
    return update(meeting, {"state": Meeting.State.CANCELLED}, expected_version=expected_version)


def _alive_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda, with the meeting row locked against concurrent agenda edits."""
    ensure_writable(meeting.body_id)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    return list(AgendaItem.objects.alive().filter(meeting=meeting).order_by("order", "pk"))


def _write_order(items: Sequence[AgendaItem]) -> None:
    """Positions 1..n in the given sequence. A number that followed the position follows it.

    A number counts as derived when it is empty or equals the old position; a number
    set by hand ("3a", "Ö1") is kept. Moving is not an edit of the item, so the
    version stays (an open edit form of a moved item still saves).
    """
    changed = []
    now = timezone.now()
    for position, item in enumerate(items, start=1):
        derived = item.number in ("", str(item.order))
        if item.order == position and not (derived and item.number != str(position)):
            continue
        item._history_before = history.snapshot(item)  # type: ignore[attr-defined]
        if derived:
            item.number = str(position)
        item.order = position
        item.modified = now
        changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["order", "number", "modified"])
    if changed:
        touch_embedding(changed[0])  # the meeting, once for all its items
    for item in changed:
        history.record_update(item, item._history_before)  # type: ignore[attr-defined]


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, **fields: Unpack[AgendaItemFields]) -> AgendaItem:
    """Append an item to the agenda; without a number it is numbered by its position."""
    items = _alive_items(meeting)
    position = max((item.order for item in items), default=0) + 1
    item = AgendaItem(body_id=meeting.body_id, meeting=meeting, order=position)
    apply(item, fields)
    if not item.number:
        item.number = str(position)
    return create(item)


@transaction.atomic
def agenda_item_update(
    *, agenda_item: AgendaItem, expected_version: int, **fields: Unpack[AgendaItemFields]
) -> AgendaItem:
    before = fresh(agenda_item)
    if "number" in fields and not fields["number"]:
        fields["number"] = str(before.order)
    updated = update(agenda_item, fields, expected_version=expected_version)
    if before.public and not updated.public:
        minutes_withdraw_publication(meeting_ids=[updated.meeting_id], item_id=updated.pk)
    if updated.result and updated.result != before.result:
        # A result typed into the item's form counts like one recorded on the desk.
        results.announce_result(updated)
    return updated


@transaction.atomic
def agenda_item_delete(*, agenda_item: AgendaItem, expected_version: int) -> AgendaItem:
    """Soft-delete an item; the items after it close the gap."""
    items = _alive_items(agenda_item.meeting)
    deleted = soft_delete(agenda_item, expected_version=expected_version)
    _write_order([item for item in items if item.pk != agenda_item.pk])
    return deleted


@transaction.atomic
def agenda_item_reorder(*, meeting: Meeting, ordered_ids: Sequence[int]) -> list[AgendaItem]:
    """Put the agenda in the given order; `ordered_ids` must name every item exactly once."""
    items = {item.pk: item for item in _alive_items(meeting)}
    if len(ordered_ids) != len(items) or set(ordered_ids) != set(items):
        raise errors.InvalidAgendaOrder()
    ordered = [items[pk] for pk in ordered_ids]
    _write_order(ordered)
    return ordered


@transaction.atomic
def agenda_item_move(*, agenda_item: AgendaItem, offset: int) -> list[AgendaItem]:
    """Move an item `offset` places (negative: up); at either end it stays where it is."""
    ids = [item.pk for item in _alive_items(agenda_item.meeting)]
    if agenda_item.pk not in ids:
        raise errors.InvalidAgendaOrder()
    old = ids.index(agenda_item.pk)
    new = min(max(old + offset, 0), len(ids) - 1)
    ids.insert(new, ids.pop(old))
    return agenda_item_reorder(meeting=agenda_item.meeting, ordered_ids=ids)
