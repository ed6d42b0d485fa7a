"""Every write of the council app: `<entity>_<verb>`, keyword-only, each in one transaction.

Rules that hold for every service here:

* Everything a record points at belongs to the record's body (else CrossBodyReference).
* An update names the version its caller saw (`expected_version`); if the row has moved
  on since, ConflictError is raised and nothing is written. The row is re-read under lock
  before the change is applied, so columns the caller did not touch are never overwritten
  with stale values.
* Side effects (background tasks) run only after the transaction commits.
* Data-shape problems (a required field left empty, an unknown choice) raise Django's
  ValidationError from the model's own validation; broken rules raise CouncilError.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import PurePath
from typing import Any, TypedDict, TypeVar, Unpack

from django.core.files.base import File as DjangoFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename

from teilhabe.accounts.models import User
from teilhabe.core.concurrency import save_versioned
from teilhabe.core.models import Body, BodyOwnedModel
from teilhabe.council import errors, tasks, uploads
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)
from teilhabe.council.models.files import upload_path

logger = logging.getLogger(__name__)

_M = TypeVar("_M", bound=BodyOwnedModel)


class OrganizationFields(TypedDict, total=False):
    name: str
    short_name: str
    organization_type: str
    parent: Organization | None
    legal_member_count: int | None
    start_date: dt.date | None
    end_date: dt.date | None
    website: str
    location: Location | None


class LegislativeTermFields(TypedDict, total=False):
    name: str
    start_date: dt.date
    end_date: dt.date | None


class PersonFields(TypedDict, total=False):
    user: User | None
    form_of_address: str
    title: str
    given_name: str
    family_name: str
    email: str
    phone: str
    public_consent: bool
    public_consent_date: dt.date | None


class MembershipFields(TypedDict, total=False):
    person: Person
    organization: Organization
    role: str
    voting_right: bool
    on_behalf_of: Organization | None
    start_date: dt.date | None
    end_date: dt.date | None


class LocationFields(TypedDict, total=False):
    description: str
    street_address: str
    room: str
    postal_code: str
    locality: str


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


class AgendaItemFields(TypedDict, total=False):
    number: str
    name: str
    public: bool
    result: str
    resolution_text: str
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None


class PaperFields(TypedDict, total=False):
    reference: str
    name: str
    date: dt.date
    paper_type: str
    public: bool
    proposed_resolution: str
    justification: str
    originator_persons: Sequence[Person]
    originator_organizations: Sequence[Organization]
    related_papers: Sequence[Paper]


_PAPER_M2M = ("originator_persons", "originator_organizations", "related_papers")


# --- shared rules ---------------------------------------------------------------------------


def _body_id(body: Body | int) -> int:
    return body if isinstance(body, int) else body.pk


def _ensure_same_body(body: Body | int, *refs: BodyOwnedModel | Iterable[Any] | None) -> None:
    """Every referenced record (or every record in a referenced list) is of `body`."""
    body_id = _body_id(body)
    for ref in refs:
        if ref is None:
            continue
        items = [ref] if isinstance(ref, BodyOwnedModel) else list(ref)
        if any(item.body_id != body_id for item in items):
            raise errors.CrossBodyReference()


# Models whose (start, end) fields must be in order; the error is shown at the end field.
_DATE_RANGES: dict[type[Any], tuple[str, str]] = {
    Organization: ("start_date", "end_date"),
    LegislativeTerm: ("start_date", "end_date"),
    Membership: ("start_date", "end_date"),
    Meeting: ("start", "end"),
}


def _ensure_date_order(instance: Any) -> None:
    names = _DATE_RANGES.get(type(instance))
    if names is None:
        return
    start, end = (getattr(instance, name) for name in names)
    if start is not None and end is not None and end < start:
        raise errors.InvalidDateRange(field=names[1])


def _apply(instance: Any, fields: Any, *, skip: Iterable[str] = ()) -> None:
    skipped = set(skip)
    for name, value in fields.items():
        if name not in skipped:
            setattr(instance, name, value)


def _create(instance: _M) -> _M:
    _ensure_date_order(instance)
    instance.full_clean()
    instance.save()
    return instance


def _fresh(instance: _M) -> _M:
    """The row as it is now, locked for the rest of the transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def _update(instance: _M, fields: Any, *, expected_version: int, skip: Iterable[str] = ()) -> _M:
    current = _fresh(instance)
    _apply(current, fields, skip=skip)
    _ensure_date_order(current)
    current.full_clean()
    save_versioned(current, expected_version=expected_version)
    return current


def _soft_delete(instance: _M, *, expected_version: int) -> _M:
    current = _fresh(instance)
    current.deleted = True
    save_versioned(current, expected_version=expected_version)
    return current


# --- organizations, terms, persons, memberships, locations ---------------------------------


def _check_organization(body_id: int, organization: Organization | None, fields: Any) -> None:
    parent = fields.get("parent")
    _ensure_same_body(body_id, parent, fields.get("location"))
    # Walk up from the new parent: reaching the organization itself would make a cycle.
    seen: set[int] = set()
    while parent is not None and organization is not None and parent.pk not in seen:
        if parent.pk == organization.pk:
            raise errors.InvalidParent()
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def organization_create(*, body: Body, **fields: Unpack[OrganizationFields]) -> Organization:
    _check_organization(body.pk, None, fields)
    return _create(Organization(body=body, **fields))


@transaction.atomic
def organization_update(
    *, organization: Organization, expected_version: int, **fields: Unpack[OrganizationFields]
) -> Organization:
    _check_organization(organization.body_id, organization, fields)
    return _update(organization, fields, expected_version=expected_version)


@transaction.atomic
def legislative_term_create(
    *, body: Body, **fields: Unpack[LegislativeTermFields]
) -> LegislativeTerm:
    return _create(LegislativeTerm(body=body, **fields))


@transaction.atomic
def legislative_term_update(
    *,
    legislative_term: LegislativeTerm,
    expected_version: int,
    **fields: Unpack[LegislativeTermFields],
) -> LegislativeTerm:
    return _update(legislative_term, fields, expected_version=expected_version)


def _check_person(person: Person, fields: Any) -> None:
    """Consent is dated; the date goes with a withdrawn consent. One account, one person."""
    if fields.get("public_consent"):
        if not fields.get("public_consent_date"):
            fields["public_consent_date"] = person.public_consent_date or timezone.localdate()
    elif "public_consent" in fields:
        fields["public_consent_date"] = None
    user = fields.get("user")
    if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        raise errors.UserAlreadyLinked()


@transaction.atomic
def person_create(*, body: Body, **fields: Unpack[PersonFields]) -> Person:
    person = Person(body=body)
    _check_person(person, fields)
    _apply(person, fields)
    return _create(person)


@transaction.atomic
def person_update(
    *, person: Person, expected_version: int, **fields: Unpack[PersonFields]
) -> Person:
    _check_person(_fresh(person), fields)
    return _update(person, fields, expected_version=expected_version)


def _check_membership(body_id: int, fields: Any) -> None:
    _ensure_same_body(
        body_id, fields.get("person"), fields.get("organization"), fields.get("on_behalf_of")
    )


@transaction.atomic
def membership_create(*, body: Body, **fields: Unpack[MembershipFields]) -> Membership:
    _check_membership(body.pk, fields)
    return _create(Membership(body=body, **fields))


@transaction.atomic
def membership_update(
    *, membership: Membership, expected_version: int, **fields: Unpack[MembershipFields]
) -> Membership:
    _check_membership(membership.body_id, fields)
    return _update(membership, fields, expected_version=expected_version)


@transaction.atomic
def membership_end(
    *, membership: Membership, end_date: dt.date, expected_version: int
) -> Membership:
    """End a membership on `end_date` (it stays on record, as OParl wants)."""
    return _update(membership, {"end_date": end_date}, expected_version=expected_version)


@transaction.atomic
def location_create(*, body: Body, **fields: Unpack[LocationFields]) -> Location:
    return _create(Location(body=body, **fields))


@transaction.atomic
def location_update(
    *, location: Location, expected_version: int, **fields: Unpack[LocationFields]
) -> Location:
    return _update(location, fields, expected_version=expected_version)


# --- meetings and agendas -------------------------------------------------------------------


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
    _ensure_same_body(body_id, organization, fields.get("legislative_term"), fields.get("location"))
    if organization is not None and not organization.holds_meetings:
        raise errors.OrganizationHoldsNoMeetings()


@transaction.atomic
def meeting_create(*, body: Body, **fields: Unpack[MeetingFields]) -> Meeting:
    """Create a meeting; without a number it gets the next one of its organization and term."""
    _check_meeting(body.pk, fields)
    meeting = Meeting(body=body)
    _apply(meeting, fields, skip={"number"})
    _number_meeting(meeting, requested=fields.get("number"))
    return _create(meeting)


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, expected_version: int, **fields: Unpack[MeetingFields]
) -> Meeting:
    """Change a meeting. An emptied number keeps the old one unless organization or term change."""
    _check_meeting(meeting.body_id, fields)
    current = _fresh(meeting)
    previous = (current.organization_id, current.legislative_term_id, current.number)
    _apply(current, fields, skip={"number"})
    requested = fields.get("number", previous[2])
    if requested is None and previous[:2] == (
        current.organization_id,
        current.legislative_term_id,
    ):
        requested = previous[2]
    _number_meeting(current, requested=requested)
    _ensure_date_order(current)
    current.full_clean()
    save_versioned(current, expected_version=expected_version)
    return current


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, expected_version: int) -> Meeting:
    return _update(meeting, {"state": Meeting.State.CANCELLED}, expected_version=expected_version)


def _alive_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda, with the meeting row locked against concurrent agenda edits."""
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
        if derived:
            item.number = str(position)
        item.order = position
        item.modified = now
        changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["order", "number", "modified"])


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, **fields: Unpack[AgendaItemFields]) -> AgendaItem:
    """Append an item to the agenda; without a number it is numbered by its position."""
    items = _alive_items(meeting)
    position = max((item.order for item in items), default=0) + 1
    item = AgendaItem(body_id=meeting.body_id, meeting=meeting, order=position)
    _apply(item, fields)
    if not item.number:
        item.number = str(position)
    return _create(item)


@transaction.atomic
def agenda_item_update(
    *, agenda_item: AgendaItem, expected_version: int, **fields: Unpack[AgendaItemFields]
) -> AgendaItem:
    if "number" in fields and not fields["number"]:
        fields["number"] = str(_fresh(agenda_item).order)
    return _update(agenda_item, fields, expected_version=expected_version)


@transaction.atomic
def agenda_item_delete(*, agenda_item: AgendaItem, expected_version: int) -> AgendaItem:
    """Soft-delete an item; the items after it close the gap."""
    items = _alive_items(agenda_item.meeting)
    deleted = _soft_delete(agenda_item, expected_version=expected_version)
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


# --- papers and consultations ---------------------------------------------------------------


def _check_paper(body_id: int, paper: Paper | None, fields: Any) -> None:
    _ensure_same_body(
        body_id,
        fields.get("originator_persons"),
        fields.get("originator_organizations"),
        fields.get("related_papers"),
    )
    if paper is not None and "related_papers" in fields:
        # A paper is not related to itself.
        fields["related_papers"] = [p for p in fields["related_papers"] if p.pk != paper.pk]


def _set_paper_links(paper: Paper, fields: Any) -> None:
    for name in _PAPER_M2M:
        if name in fields:
            getattr(paper, name).set(fields[name])


@transaction.atomic
def paper_create(*, body: Body, **fields: Unpack[PaperFields]) -> Paper:
    _check_paper(body.pk, None, fields)
    paper = Paper(body=body)
    _apply(paper, fields, skip=_PAPER_M2M)
    _create(paper)
    _set_paper_links(paper, fields)
    return paper


@transaction.atomic
def paper_update(*, paper: Paper, expected_version: int, **fields: Unpack[PaperFields]) -> Paper:
    _check_paper(paper.body_id, paper, fields)
    current = _update(paper, fields, expected_version=expected_version, skip=_PAPER_M2M)
    _set_paper_links(current, fields)
    return current


@transaction.atomic
def consultation_create(
    *,
    paper: Paper,
    organization: Organization,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    role: str = Consultation.Role.PREPARE,
    authoritative: bool = False,
) -> Consultation:
    """Add a step to the paper's Beratungsfolge (appended at the end).

    The meeting must be one of the organization's, and the agenda item one of the
    meeting's; an agenda item alone brings its meeting.
    """
    _ensure_same_body(paper.body_id, organization, meeting, agenda_item)
    if agenda_item is not None:
        if meeting is not None and agenda_item.meeting_id != meeting.pk:
            raise errors.InconsistentConsultation()
        meeting = agenda_item.meeting
    if meeting is not None and meeting.organization_id != organization.pk:
        raise errors.InconsistentConsultation()
    Paper.objects.select_for_update().filter(pk=paper.pk).first()
    last = Consultation.objects.alive().filter(paper=paper).aggregate(last=Max("order"))["last"]
    return _create(
        Consultation(
            body_id=paper.body_id,
            paper=paper,
            organization=organization,
            meeting=meeting,
            agenda_item=agenda_item,
            role=role,
            authoritative=authoritative,
            order=(last or 0) + 1,
        )
    )


@transaction.atomic
def consultation_delete(*, consultation: Consultation, expected_version: int) -> Consultation:
    return _soft_delete(consultation, expected_version=expected_version)


# --- files ----------------------------------------------------------------------------------


@transaction.atomic
def file_upload(
    *,
    body: Body,
    by: User,
    uploaded_file: DjangoFile,
    name: str = "",
    paper: Paper | None = None,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
) -> File:
    """Check, store and attach an upload to exactly one paper, meeting or agenda item.

    Raises UploadRejected for anything but an allowed document or image. Its text is
    extracted in the background once the transaction has committed.
    """
    targets = [target for target in (paper, meeting, agenda_item) if target is not None]
    if len(targets) != 1:
        raise errors.InvalidFileTarget()
    _ensure_same_body(body, *targets)
    checked = uploads.check_upload(uploaded_file)
    original = PurePath(uploaded_file.name or "").name
    file_name = get_valid_filename(original)[-255:]
    file = File(
        body=body,
        name=(name.strip() or PurePath(original).stem)[:300],
        file_name=file_name,
        mime_type=checked.mime_type,
        size=checked.size,
        sha256=checked.sha256,
        paper=paper,
        meeting=meeting,
        agenda_item=agenda_item,
    )
    file.content.name = uploads.store_upload(uploaded_file, path=upload_path(file, file_name))
    file.save()
    transaction.on_commit(partial(tasks.extract_file_text.enqueue, file.pk))
    logger.info("file %s (%s) uploaded by user %s", file.pk, checked.mime_type, by.pk)
    return file
