"""Public reads of the council app: every public page, feed and download gets its rows here.

Each selector starts from `visible_to(user)` and `.for_body(body)`, so "not yours" and
"does not exist" look the same (`DoesNotExist`, which the views turn into a 404). Related
rows are loaded with `select_related` / `prefetch_related` whose querysets are again
`visible_to(user)`: a page costs the same number of queries for 2 rows as for 2,000.
Prefetched lists are stored under `visible_*` / `public_*` names so a template cannot
mistake them for the unfiltered relation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from teilhabe.core.models import Body
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    File,
    Meeting,
    Membership,
    Minutes,
    Organization,
    Paper,
    Person,
    Vote,
)
from teilhabe.council.selectors.citations import related_papers_prefetch
from teilhabe.council.visibility import current_membership_q, viewer_for

# An authenticated user, AnonymousUser or None: `visible_to` accepts all three.
AnyUser = Any

SEARCH_MAX_LENGTH = 200


def _choice_order(field: str, values: list[str]) -> Case:
    """Sort by the order in which `values` are listed (e.g. a TextChoices' declaration)."""
    return Case(
        *(When(**{field: value}, then=Value(i)) for i, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


ORGANIZATION_TYPE_ORDER = _choice_order("organization_type", list(Organization.Type.values))
ROLE_ORDER = _choice_order(
    "role",
    [
        Membership.Role.CHAIR,
        Membership.Role.DEPUTY_CHAIR,
        Membership.Role.MEMBER,
        Membership.Role.DEPUTY,
        Membership.Role.ADVISORY,
    ],
)


def _visible_files(user: AnyUser) -> Prefetch:
    """The files of rows read through `visible_to` (see `FileQuerySet.of_visible_parents`).

    A file's extracted text (for search) can be long and no page lists it: not loaded."""
    return Prefetch(
        "files",
        queryset=File.objects.of_visible_parents(user).defer("text").order_by("name", "pk"),
        to_attr="visible_files",
    )


def _meeting_files(user: AnyUser, meeting: Meeting) -> Prefetch:
    """The files of a meeting or of its items, which all concern the meeting's organization:
    its members and the body's staff see them all, everyone else the public ones. Known
    from the meeting, this spares the general audience check per file."""
    viewer = viewer_for(user)
    files = File.objects.alive().defer("text").order_by("name", "pk")
    if not (viewer.is_staff_of(meeting.body_id) or viewer.is_member_of(meeting.organization_id)):
        files = files.filter(public=True)
    return Prefetch("files", queryset=files, to_attr="visible_files")


# The paper of a consultation is shown only as a link (reference, name): its long texts
# (proposed resolution, justification) are not loaded.
CONSULTATION_PAPER_FIELDS = ("paper__id", "paper__reference", "paper__name")


def _visible_consultations(user: AnyUser) -> Prefetch:
    return Prefetch(
        "consultations",
        queryset=Consultation.objects.visible_to(user)
        .select_related("paper")
        .only(
            "id",
            "agenda_item_id",
            "paper_id",
            "organization_id",
            "order",
            "role",
            "authoritative",
            *CONSULTATION_PAPER_FIELDS,
        )
        .order_by("order", "pk"),
        to_attr="visible_consultations",
    )


# Organizations ------------------------------------------------------------------------------


def organization_list(
    *, body: Body, user: AnyUser, holding_meetings: bool = False
) -> QuerySet[Organization]:
    """The body's organizations, Beirat first, in the order of `Organization.Type`.

    With `holding_meetings`, only those that meet (no factions, no administrative units).
    """
    organizations = Organization.objects.visible_to(user).for_body(body)
    if holding_meetings:
        organizations = organizations.holding_meetings()
    return organizations.select_related("parent").order_by(ORGANIZATION_TYPE_ORDER, "name", "pk")


def organization_get(*, body: Body, user: AnyUser, pk: int) -> Organization:
    """One organization with its location, parent and (visible) child organizations."""
    return (
        Organization.objects.visible_to(user)
        .for_body(body)
        .select_related("parent", "location")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Organization.objects.visible_to(user).order_by("name", "pk"),
                to_attr="visible_children",
            )
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Members:
    """The current members a user may see, and how many more there are without consent."""

    visible: list[Membership]
    hidden_count: int


def organization_members(*, organization: Organization, user: AnyUser) -> Members:
    """Current memberships, chair first; persons who did not consent are only counted."""
    current = Membership.objects.current().filter(organization=organization, person__deleted=False)
    visible = list(
        current.visible_to(user)
        .select_related("person", "on_behalf_of")
        .order_by(ROLE_ORDER, "person__family_name", "person__given_name", "pk")
    )
    return Members(visible=visible, hidden_count=max(current.count() - len(visible), 0))


# Meetings -----------------------------------------------------------------------------------


def meeting_list(
    *, body: Body, user: AnyUser, organization: Organization | None = None
) -> QuerySet[Meeting]:
    """The body's meetings, newest first, optionally of one organization."""
    meetings = (
        Meeting.objects.visible_to(user)
        .for_body(body)
        .select_related("organization", "location")
        .order_by("-start", "-pk")
    )
    if organization is not None:
        meetings = meetings.filter(organization=organization)
    return meetings


def meeting_list_upcoming(
    *,
    body: Body,
    user: AnyUser,
    organization: Organization | None = None,
    include_cancelled: bool = False,
    limit: int = 5,
) -> list[Meeting]:
    """The next `limit` meetings, soonest first."""
    meetings = meeting_list(body=body, user=user, organization=organization).filter(
        start__gte=timezone.now()
    )
    if not include_cancelled:
        meetings = meetings.exclude(state=Meeting.State.CANCELLED)
    return list(meetings.order_by("start", "pk")[:limit])


def meeting_list_past(
    *, body: Body, user: AnyUser, organization: Organization | None = None
) -> QuerySet[Meeting]:
    return meeting_list(body=body, user=user, organization=organization).filter(
        start__lt=timezone.now()
    )


def meeting_get(*, body: Body, user: AnyUser, pk: int) -> Meeting:
    """One meeting with the agenda items, papers and files the user may see.

    `visible_agenda_items` holds the items in agenda order (non-public ones only for
    members and staff), `visible_files` the meeting's own files and
    `nonpublic_item_count` how many non-public items the meeting has: the public learns
    that there is a non-public part, never what is in it. `minutes_published` says whether
    the public part of its minutes is published. Each item's `last_vote_by_name` says
    whether its last vote was by name (see `public_named_votes`).
    """
    nonpublic_count = (
        AgendaItem.objects.alive()
        .filter(meeting=OuterRef("pk"), public=False)
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last_vote_by_name = (
        Vote.objects.alive()
        .filter(agenda_item=OuterRef("pk"))
        .order_by("-pk")  # the vote recorded last is the current one (see current_vote)
        .values("by_name")[:1]
    )
    meeting = (
        Meeting.objects.visible_to(user)
        .for_body(body)
        .select_related("organization", "location", "legislative_term")
        .annotate(
            nonpublic_item_count=Coalesce(Subquery(nonpublic_count), 0),
            # For the link to the public minutes (same query, no extra round trip).
            minutes_published=Exists(
                Minutes.objects.filter(
                    meeting=OuterRef("pk"), deleted=False, state=Minutes.State.PUBLISHED
                )
            ),
        )
        .get(pk=pk)
    )
    items = (
        AgendaItem.objects.visible_to(user)
        .annotate(last_vote_by_name=Subquery(last_vote_by_name))
        .order_by("order", "number", "pk")
        .prefetch_related(_visible_consultations(user), _meeting_files(user, meeting))
    )
    prefetch_related_objects(
        [meeting],
        Prefetch("agenda_items", queryset=items, to_attr="visible_agenda_items"),
        _meeting_files(user, meeting),
    )
    return meeting


def meeting_list_for_calendar(*, organization: Organization) -> QuerySet[Meeting]:
    """An organization's meetings for its iCal feed: public data only, whoever asks.

    Calendar apps subscribe without a login and the feed's address gets shared, so the
    feed is built as if for an anonymous visitor, not for the requesting user.
    """
    return (
        Meeting.objects.visible_to(None)
        .for_body(organization.body_id)
        .filter(organization=organization)
        .select_related("organization", "location")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.visible_to(None).order_by("order", "number", "pk"),
                to_attr="public_agenda_items",
            )
        )
        .order_by("start", "pk")
    )


def resolution_list(*, body: Body, user: AnyUser, limit: int = 10) -> list[AgendaItem]:
    """The latest agenda items with a result (Beschlüsse), newest meeting first.

    Looked for in the body's latest meetings (by the (body, start) index), so the cost does
    not grow with the number of bodies an instance hosts.
    """
    recent_meetings = (
        Meeting.objects.visible_to(user).for_body(body).order_by("-start").values("pk")[: limit * 5]
    )
    return list(
        AgendaItem.objects.visible_to(user)
        .for_body(body)
        .filter(meeting__in=recent_meetings)
        .with_results()
        .filter(meeting__organization__deleted=False)
        .select_related("meeting", "meeting__organization")
        # What the list shows; the rest of the three rows is not loaded.
        .only(
            "id",
            "meeting_id",
            "name",
            "public",
            "result",
            "votes_yes",
            "votes_no",
            "votes_abstain",
            "meeting__id",
            "meeting__name",
            "meeting__number",
            "meeting__start",
            "meeting__organization_id",
            "meeting__organization__id",
            "meeting__organization__name",
        )
        .prefetch_related(_visible_consultations(user))
        .order_by("-meeting__start", "order", "pk")[:limit]
    )


# Papers -------------------------------------------------------------------------------------


def paper_list(
    *,
    body: Body,
    user: AnyUser,
    paper_type: str | None = None,
    search: str | None = None,
) -> QuerySet[Paper]:
    """Papers, newest first; `search` matches the reference or the title."""
    papers = Paper.objects.visible_to(user).for_body(body).order_by("-date", "-pk")
    if paper_type:
        papers = papers.filter(paper_type=paper_type)
    if search:
        papers = papers.filter(Q(reference__icontains=search) | Q(name__icontains=search))
    return papers


def paper_get(*, body: Body, user: AnyUser, pk: int) -> Paper:
    """One paper with originators, related papers, consultation path and files (visible)."""
    consultations = (
        Consultation.objects.visible_to(user)
        .filter(organization__deleted=False)
        .select_related("organization", "meeting", "agenda_item")
        .order_by("order", "pk")
    )
    return (
        Paper.objects.visible_to(user)
        .for_body(body)
        .select_related("submitted_for__organization")
        .prefetch_related(
            Prefetch(
                "originator_persons",
                queryset=Person.objects.visible_to(user).order_by("family_name", "given_name"),
                to_attr="visible_originator_persons",
            ),
            Prefetch(
                "originator_organizations",
                queryset=Organization.objects.visible_to(user).order_by("name"),
                to_attr="visible_originator_organizations",
            ),
            # Of this body or of an imported one (the Stadtrat's), each with its body.
            related_papers_prefetch(body=body, user=user),
            Prefetch("consultations", queryset=consultations, to_attr="visible_consultations"),
            _visible_files(user),
        )
        .get(pk=pk)
    )


# Persons ------------------------------------------------------------------------------------


def person_list(*, body: Body, user: AnyUser) -> QuerySet[Person]:
    """Persons the user may see (consent!), each with their current visible memberships."""
    memberships = (
        Membership.objects.visible_to(user)
        .current()
        .select_related("organization")
        .order_by(ROLE_ORDER, "organization__name", "pk")
    )
    return (
        Person.objects.visible_to(user)
        .for_body(body)
        .prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="visible_current_memberships")
        )
        .order_by("family_name", "given_name", "pk")
    )


def person_get(*, body: Body, user: AnyUser, pk: int) -> Person:
    """One visible person with all visible memberships (current first) and papers."""
    memberships = (
        Membership.objects.visible_to(user)
        .select_related("organization", "on_behalf_of")
        .annotate(
            is_current=Case(
                When(current_membership_q(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-is_current", "-start_date", "organization__name", "pk")
    )
    return (
        Person.objects.visible_to(user)
        .for_body(body)
        .prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="visible_memberships"),
            Prefetch(
                "originated_papers",
                queryset=Paper.objects.visible_to(user).for_body(body).order_by("-date", "-pk"),
                to_attr="visible_originated_papers",
            ),
        )
        .get(pk=pk)
    )


# Files --------------------------------------------------------------------------------------


def file_get(*, body: Body, user: AnyUser, pk: int, file_name: str) -> File:
    """A file the user may download; a wrong `file_name` is as unknown as a wrong pk."""
    return File.objects.visible_to(user).for_body(body).get(pk=pk, file_name=file_name)


def file_is_public(*, file: File) -> bool:
    """Whether an anonymous visitor may download `file` (decides how it may be cached)."""
    return File.objects.visible_to(None).filter(pk=file.pk).exists()
