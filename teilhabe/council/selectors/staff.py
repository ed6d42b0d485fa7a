"""Reads for the pages of the integration office (Geschäftsstelle).

The views let only staff of the body in; these selectors still read through
`visible_to(user)`, so staff get exactly what the rules give them (every alive row of
their body) and a selector cannot leak if it is ever called for someone else. Lists come
ordered and with what their table shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from teilhabe.core.models import Body, BodyOwnedModel
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    File,
    Invitation,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)
from teilhabe.council.selectors.public import AnyUser
from teilhabe.council.visibility import current_membership_q

_Owned = TypeVar("_Owned", bound=BodyOwnedModel)


def _staff_rows(model: type[_Owned], *, body: Body | int, user: AnyUser) -> QuerySet[_Owned]:
    rows: Any = model._default_manager.all()
    return rows.visible_to(user).for_body(body)


def staff_record_get(*, model: type[_Owned], body: Body, user: AnyUser, pk: int) -> _Owned:
    """One record of `body` (any council model) for its edit page; else DoesNotExist."""
    return _staff_rows(model, body=body, user=user).get(pk=pk)


@dataclass(frozen=True)
class StaffCounts:
    organizations: int
    persons: int
    upcoming: int
    papers: int
    files: int


def staff_record_counts(*, body: Body, user: AnyUser) -> StaffCounts:
    """How many records the office keeps, for the dashboard (meetings: those ahead)."""
    return StaffCounts(
        organizations=_staff_rows(Organization, body=body, user=user).count(),
        persons=_staff_rows(Person, body=body, user=user).count(),
        upcoming=Meeting.objects.visible_to(user).for_body(body).upcoming().count(),
        papers=_staff_rows(Paper, body=body, user=user).count(),
        files=_staff_rows(File, body=body, user=user).count(),
    )


def staff_organization_list(*, body: Body, user: AnyUser) -> QuerySet[Organization]:
    """Organizations by name, with their parent and `member_count` (current memberships)."""
    return (
        _staff_rows(Organization, body=body, user=user)
        .select_related("parent")
        .annotate(member_count=Count("memberships", filter=current_membership_q("memberships__")))
        .order_by("name", "pk")
    )


def staff_legislative_term_list(*, body: Body, user: AnyUser) -> QuerySet[LegislativeTerm]:
    return _staff_rows(LegislativeTerm, body=body, user=user).order_by("-start_date", "pk")


def staff_person_list(*, body: Body, user: AnyUser) -> QuerySet[Person]:
    """Persons by name, with their account and `membership_count` (all, not deleted)."""
    return (
        _staff_rows(Person, body=body, user=user)
        .select_related("user")
        .annotate(membership_count=Count("memberships", filter=Q(memberships__deleted=False)))
        .order_by("family_name", "given_name", "pk")
    )


def staff_membership_list(*, body: Body, user: AnyUser) -> QuerySet[Membership]:
    return (
        _staff_rows(Membership, body=body, user=user)
        .select_related("person", "organization", "on_behalf_of")
        .order_by("organization__name", "role", "person__family_name", "pk")
    )


def staff_location_list(*, body: Body, user: AnyUser) -> QuerySet[Location]:
    return _staff_rows(Location, body=body, user=user).order_by("description", "pk")


def staff_meeting_list(*, body: Body, user: AnyUser) -> QuerySet[Meeting]:
    """Meetings, newest first, with `item_count` (agenda items not deleted) and
    `invited_late` (the latest invitation is `Invitation.too_late`)."""
    latest = (
        Invitation.objects.filter(meeting=OuterRef("meeting_id"), deleted=False)
        .order_by("-sent_at", "-pk")
        .values("pk")[:1]
    )
    late = Invitation.objects.filter(
        Invitation.TOO_LATE, meeting=OuterRef("pk"), pk=Subquery(latest)
    )
    return (
        _staff_rows(Meeting, body=body, user=user)
        .select_related("organization", "legislative_term", "location")
        .annotate(
            item_count=Count("agenda_items", filter=Q(agenda_items__deleted=False)),
            invited_late=Exists(late),
        )
        .order_by("-start", "-pk")
    )


def staff_agenda_item_list(*, meeting: Meeting, user: AnyUser) -> list[AgendaItem]:
    """The meeting's agenda in order, non-public items included."""
    return list(
        _staff_rows(AgendaItem, body=meeting.body_id, user=user)
        .filter(meeting=meeting)
        .order_by("order", "pk")
    )


def staff_agenda_item_get(*, meeting: Meeting, user: AnyUser, pk: int) -> AgendaItem:
    """One item of `meeting` (an item of another meeting: DoesNotExist)."""
    return (
        _staff_rows(AgendaItem, body=meeting.body_id, user=user).filter(meeting=meeting).get(pk=pk)
    )


def staff_paper_list(*, body: Body, user: AnyUser) -> QuerySet[Paper]:
    """Papers, newest first, with `visible_originator_organizations`."""
    originators = Prefetch(
        "originator_organizations",
        queryset=Organization.objects.visible_to(user).order_by("name"),
        to_attr="visible_originator_organizations",
    )
    return (
        _staff_rows(Paper, body=body, user=user)
        .prefetch_related(originators)
        .order_by("-date", "-pk")
    )


def staff_consultation_list(*, paper: Paper, user: AnyUser) -> QuerySet[Consultation]:
    """The paper's Beratungsfolge in order, with organization, meeting and agenda item."""
    return (
        _staff_rows(Consultation, body=paper.body_id, user=user)
        .filter(paper=paper)
        .select_related("organization", "meeting", "agenda_item")
        .order_by("order", "pk")
    )


def staff_consultation_get(*, paper: Paper, user: AnyUser, pk: int) -> Consultation:
    """One step of `paper`'s Beratungsfolge (a step of another paper: DoesNotExist)."""
    return _staff_rows(Consultation, body=paper.body_id, user=user).filter(paper=paper).get(pk=pk)


def staff_file_list(*, body: Body, user: AnyUser) -> QuerySet[File]:
    """Files, newest upload first, with what each is attached to."""
    return (
        _staff_rows(File, body=body, user=user)
        .select_related("paper", "meeting__organization", "agenda_item__meeting")
        .order_by("-created", "-pk")
    )


def staff_file_list_for(*, target: Paper | Meeting, user: AnyUser) -> QuerySet[File]:
    """The files attached to a paper or (directly) to a meeting, by title."""
    field = "paper" if isinstance(target, Paper) else "meeting"
    files = _staff_rows(File, body=target.body_id, user=user)
    return files.filter(**{field: target}).order_by("name", "pk")
