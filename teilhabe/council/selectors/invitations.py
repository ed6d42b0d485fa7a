"""Reads for the invitation (Ladung): the document's content, earlier invitations, dispatch.

The invitation goes to the members of the meeting's organization, so its document holds
the whole agenda, the non-public part included, and every paper consulted under it. It is
read only for the staff page (its preview) and for the service that renders the PDF;
members get the PDF as a non-public file (`File.public`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Prefetch, QuerySet

from teilhabe.core.models import Body
from teilhabe.council import links
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    Dispatch,
    Invitation,
    Meeting,
    Membership,
    Person,
)
from teilhabe.council.quorum import repeated_matter_ids
from teilhabe.council.rules import Rules, local_date, rules_for
from teilhabe.council.selectors.public import AnyUser
from teilhabe.council.visibility import viewer_for


@dataclass(frozen=True)
class PaperLink:
    reference: str
    name: str
    type_display: str
    url: str


@dataclass(frozen=True)
class DocumentItem:
    number: str
    name: str
    papers: list[PaperLink]
    # In a repeat session: the item takes up a matter postponed for lack of quorum, and
    # the reduced quorum holds for it (`quorum.repeated_matters`).
    reduced_quorum: bool = False


@dataclass(frozen=True)
class InvitationDocument:
    """What the invitation says; the same for the preview page and the PDF."""

    body: Body
    meeting: Meeting
    public_items: list[DocumentItem]
    nonpublic_items: list[DocumentItem]
    rules: Rules
    meeting_url: str
    urgent: bool = False
    urgency_reason: str = ""

    @property
    def is_repeat(self) -> bool:
        return self.meeting.repeat_of_id is not None

    @property
    def repeat_quorum_minimum(self) -> int:
        return self.rules.repeat_quorum_minimum

    @property
    def repeated_items(self) -> list[DocumentItem]:
        """The items for which the reduced quorum holds, as the invitation must state
        expressly (§ 39 Abs. 2 GemO); every other item needs the ordinary quorum."""
        return [item for item in [*self.public_items, *self.nonpublic_items] if item.reduced_quorum]

    def content_key(self) -> tuple[object, ...]:
        """What the document shows: two documents with equal keys render the same (bar the
        date), so a PDF rendered from one still fits the other."""
        meeting, body, location = self.meeting, self.body, self.meeting.location
        previous = meeting.repeat_of
        return (
            (body.pk, body.name, body.letterhead, body.contact_name),
            (meeting.pk, meeting.version, meeting.title, meeting.start),
            meeting.video_conference_url,
            None
            if location is None
            else (
                location.pk,
                location.version,
                location.deleted,
                location.description,
                location.room,
                location.street_address,
                location.postal_code,
                location.locality,
            ),
            None if previous is None else (previous.pk, previous.title, previous.start),
            self.public_items,
            self.nonpublic_items,
            self.rules,
            self.meeting_url,
            self.urgent,
            self.urgency_reason,
        )

    @property
    def absolute_links(self) -> bool:
        """Whether links carry the site's address (a PDF can only follow those)."""
        return bool(links.base_url())


def _paper_link(consultation: Consultation, body: Body) -> PaperLink:
    paper = consultation.paper
    return PaperLink(
        reference=paper.reference,
        name=paper.name,
        type_display=str(paper.get_paper_type_display()),
        url=links.page_url("council:paper_detail", body=body.slug, pk=paper.pk),
    )


def invitation_document(
    *, meeting: Meeting, urgent: bool = False, urgency_reason: str = ""
) -> InvitationDocument:
    """The invitation of `meeting`: letterhead, meeting, agenda in two parts with papers;
    for a repeat session, which items have the reduced quorum.

    Only for staff and for the members' document: the non-public part is included.
    """
    meeting = (
        Meeting.objects.select_related("body", "organization", "location", "repeat_of")
        .filter(pk=meeting.pk)
        .get()
    )
    consultations = Prefetch(
        "consultations",
        queryset=Consultation.objects.alive()
        .filter(paper__deleted=False)
        .select_related("paper")
        .order_by("order", "pk"),
        to_attr="alive_consultations",
    )
    items = (
        AgendaItem.objects.alive()
        .filter(meeting=meeting)
        .prefetch_related(consultations)
        .order_by("order", "pk")
    )
    body = meeting.body
    repeated_ids = repeated_matter_ids(meeting=meeting)
    document_items: dict[bool, list[DocumentItem]] = {True: [], False: []}
    for item in items:
        seen: set[int] = set()
        papers = []
        for consultation in item.alive_consultations:
            if consultation.paper_id not in seen:
                seen.add(consultation.paper_id)
                papers.append(_paper_link(consultation, body))
        document_items[item.public].append(
            DocumentItem(
                number=item.number,
                name=item.name,
                papers=papers,
                reduced_quorum=item.pk in repeated_ids,
            )
        )
    return InvitationDocument(
        body=body,
        meeting=meeting,
        public_items=document_items[True],
        nonpublic_items=document_items[False],
        rules=rules_for(meeting.organization),
        meeting_url=links.page_url("council:meeting_detail", body=body.slug, pk=meeting.pk),
        urgent=urgent,
        urgency_reason=urgency_reason,
    )


def invitation_recipients(*, meeting: Meeting) -> list[Person]:
    """Everyone who belongs to the meeting's organization on the meeting day, in any role:
    members, chair, deputies (Stellvertretung) and advisory members; each person once."""
    day = local_date(meeting.start)
    memberships = (
        Membership.objects.alive()
        .filter(organization_id=meeting.organization_id, person__deleted=False)
        .exclude(start_date__gt=day)
        .exclude(end_date__lt=day)
    )
    return list(
        Person.objects.filter(pk__in=memberships.values("person_id")).order_by(
            "family_name", "given_name", "pk"
        )
    )


_Row = TypeVar("_Row", Invitation, Dispatch)


def _for_staff(model: type[_Row], meeting: Meeting, user: AnyUser) -> QuerySet[_Row]:
    """The meeting's alive rows of `model`, for the body's staff only (else none): the
    records name persons and non-public agenda items."""
    rows: QuerySet[_Row] = model._default_manager.filter(deleted=False)
    if not viewer_for(user).is_staff_of(meeting.body_id):
        return rows.none()
    return rows.filter(body_id=meeting.body_id, meeting=meeting)


def staff_invitation_list(*, meeting: Meeting, user: AnyUser) -> QuerySet[Invitation]:
    """The meeting's invitations, newest first, with who sent them and their PDF."""
    return (
        _for_staff(Invitation, meeting, user)
        .select_related("sent_by", "file")
        .order_by("-sent_at", "-pk")
    )


def staff_dispatch_list(
    *, meeting: Meeting, user: AnyUser, kind: str = Dispatch.Kind.INVITATION
) -> QuerySet[Dispatch]:
    """The meeting's e-mails of `kind`: the invitations' by invitation (newest first),
    then by recipient; the minutes' by recipient, each one's newest sending first."""
    rows = _for_staff(Dispatch, meeting, user).filter(kind=kind).select_related("person")
    by_name = ["person__family_name", "person__given_name", "person_id"]
    if kind == Dispatch.Kind.INVITATION:
        return rows.select_related("invitation").order_by("-invitation__sent_at", *by_name, "pk")
    return rows.order_by(*by_name, "-pk")


def staff_dispatch_get(*, meeting: Meeting, user: AnyUser, pk: int) -> Dispatch:
    """One dispatch of `meeting` (of another meeting: DoesNotExist)."""
    return _for_staff(Dispatch, meeting, user).get(pk=pk)
