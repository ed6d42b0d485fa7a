"""Reads for motions and the member area: where each motion stands, a member's sessions.

Every read starts from `visible_to(user)`; a motion's path is read from its consultations
(Beratungsfolge, e.g. AG -> Beirat -> Stadtrat) prefetched in one query, so a list of
motions costs the same number of queries for 2 motions as for 200.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Body
from teilhabe.council import rules
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)
from teilhabe.council.selectors.citations import imported_resolution_choices
from teilhabe.council.selectors.public import AnyUser
from teilhabe.council.visibility import current_membership_q, viewer_for

RECENT_MEETINGS = 10
RECENT_DAYS = 365

# Roles that may file and sign a motion in an organization (advisory members may not).
FILING_ROLE_VALUES = [
    Membership.Role.MEMBER,
    Membership.Role.CHAIR,
    Membership.Role.DEPUTY_CHAIR,
    Membership.Role.DEPUTY,
]
HOLDING_MEETINGS_TYPES = [
    value
    for value in Organization.Type.values
    if value not in (Organization.Type.FRAKTION, Organization.Type.VERWALTUNG)
]


@dataclass(frozen=True)
class MotionStep:
    """One organization's part in the motion's path, with its session and result."""

    consultation: Consultation
    organization: Organization
    meeting: Meeting | None
    agenda_item: AgendaItem | None

    @property
    def result(self) -> str:
        return self.agenda_item.result if self.agenda_item is not None else ""


@dataclass(frozen=True)
class MotionStanding:
    """Where a motion stands: eingereicht, auf der Tagesordnung or beraten."""

    SUBMITTED = "submitted"
    ON_AGENDA = "on_agenda"
    DISCUSSED = "discussed"

    state: str
    label: str | Promise
    steps: list[MotionStep]


STATE_LABELS = {
    MotionStanding.SUBMITTED: _("eingereicht"),
    MotionStanding.ON_AGENDA: _("auf der Tagesordnung"),
    MotionStanding.DISCUSSED: _("beraten"),
}


def motion_consultations(user: AnyUser) -> Prefetch:
    """The visible Beratungsfolge of each paper as `visible_consultations` (one query)."""
    return Prefetch(
        "consultations",
        queryset=Consultation.objects.visible_to(user)
        .filter(organization__deleted=False)
        .select_related("organization", "meeting", "agenda_item")
        .order_by("order", "pk"),
        to_attr="visible_consultations",
    )


def motion_standing(paper: Paper) -> MotionStanding:
    """The standing of `paper` from its prefetched `visible_consultations` (no query).

    The latest step that reached a session decides: with a result the motion was
    discussed ("beraten"), without one it is on the agenda; no step on an agenda yet:
    submitted ("eingereicht").
    """
    steps = [
        MotionStep(
            consultation=c,
            organization=c.organization,
            meeting=c.meeting if c.meeting is not None and not c.meeting.deleted else None,
            agenda_item=(
                c.agenda_item if c.agenda_item is not None and not c.agenda_item.deleted else None
            ),
        )
        for c in getattr(paper, "visible_consultations", [])
    ]
    on_agenda = [step for step in steps if step.agenda_item is not None]
    if not on_agenda:
        state = MotionStanding.SUBMITTED
    elif on_agenda[-1].result:
        state = MotionStanding.DISCUSSED
    else:
        state = MotionStanding.ON_AGENDA
    return MotionStanding(state=state, label=STATE_LABELS[state], steps=steps)


def member_person(*, body: Body | int, user: AnyUser) -> Person | None:
    """The user's person in `body` (None: the user has no member area here)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.alive().filter(body=body, user=user).first()


def _member_organization_ids(user: AnyUser, body: Body) -> list[int]:
    return sorted(viewer_for(user).organization_ids)


def member_motion_list(*, body: Body, user: AnyUser, person: Person) -> list[Paper]:
    """Motions the person filed or signed, filed by the user, or by an organization the
    person currently belongs to; newest first, each with `standing` (MotionStanding)."""
    organization_ids = _member_organization_ids(user, body)
    mine = (
        Q(originator_persons=person)
        | Q(submitted_by=user)
        | Q(originator_organizations__in=organization_ids)
    )
    ids = (
        Paper.objects.visible_to(user)
        .for_body(body)
        .filter(paper_type=Paper.Type.MOTION)
        .filter(mine)
        .values("pk")
    )
    papers = list(
        Paper.objects.filter(pk__in=ids)
        .select_related("submitted_for__organization")
        .prefetch_related(
            motion_consultations(user),
            Prefetch(
                "originator_organizations",
                queryset=Organization.objects.visible_to(user).order_by("name"),
                to_attr="visible_originator_organizations",
            ),
            Prefetch(
                "originator_persons",
                queryset=Person.objects.visible_to(user).order_by("family_name", "given_name"),
                to_attr="visible_originator_persons",
            ),
        )
        .order_by("-date", "-pk")
    )
    for paper in papers:
        paper.standing = motion_standing(paper)
    return papers


def member_motion_get(*, body: Body, user: AnyUser, pk: int) -> Paper:
    """A motion the user filed (the confirmation page), with its standing; else DoesNotExist."""
    paper = (
        Paper.objects.visible_to(user)
        .for_body(body)
        .filter(paper_type=Paper.Type.MOTION, submitted_by=user)
        .select_related("submitted_for__organization")
        .prefetch_related(
            motion_consultations(user),
            Prefetch(
                "originator_organizations",
                queryset=Organization.objects.visible_to(user).order_by("name"),
                to_attr="visible_originator_organizations",
            ),
            Prefetch(
                "originator_persons",
                queryset=Person.objects.visible_to(user).order_by("family_name", "given_name"),
                to_attr="visible_originator_persons",
            ),
        )
        .get(pk=pk)
    )
    paper.standing = motion_standing(paper)
    return paper


def _member_meetings(body: Body, user: AnyUser) -> QuerySet[Meeting]:
    nonpublic_count = (
        AgendaItem.objects.alive()
        .filter(meeting=OuterRef("pk"), public=False)
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Meeting.objects.visible_to(user)
        .for_body(body)
        .filter(organization_id__in=_member_organization_ids(user, body))
        .select_related("organization", "location")
        .annotate(nonpublic_item_count=Coalesce(Subquery(nonpublic_count), 0))
    )


@dataclass(frozen=True)
class MemberMeetings:
    upcoming: list[Meeting]
    recent: list[Meeting]


def member_meeting_list(*, body: Body, user: AnyUser) -> MemberMeetings:
    """Upcoming meetings (cancelled ones too, marked) and the latest held ones of the
    organizations the user currently belongs to."""
    now = timezone.now()
    meetings = _member_meetings(body, user)
    return MemberMeetings(
        upcoming=list(meetings.filter(start__gte=now).order_by("start", "pk")),
        recent=list(meetings.filter(start__lt=now).order_by("-start", "-pk")[:RECENT_MEETINGS]),
    )


def member_calendar_meetings(*, body: Body, user: AnyUser) -> QuerySet[Meeting]:
    """The meetings of the user's member feed: the last year's and every upcoming one,
    each with `public_agenda_items` (the feed names public items only)."""
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    return (
        _member_meetings(body, user)
        .filter(start__gte=since)
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.visible_to(None).order_by("order", "number", "pk"),
                to_attr="public_agenda_items",
            )
        )
        .order_by("start", "pk")
    )


# Deadlines ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MotionDeadline:
    """When motions for a meeting are due, by which rule, and whether one filed now is late."""

    deadline: dt.datetime
    late_now: bool
    rule_name: str

    @property
    def last_day(self) -> dt.date:
        """The last day on which a motion is still in time (the deadline is the start of
        the following day)."""
        return (timezone.localtime(self.deadline) - dt.timedelta(days=1)).date()


def motion_deadlines(meetings: list[Meeting]) -> dict[int, MotionDeadline]:
    """The deadline of each meeting, by meeting pk, reading the rules of procedure once.

    Picks the rules as `rules.rules_for` does (organization's, else body's, else the
    defaults), for many meetings at once (`rules.rule_book`).
    """
    book = rules.rule_book(body_ids={meeting.body_id for meeting in meetings})
    now = timezone.now()
    result = {}
    for meeting in meetings:
        applied = book.for_organization(
            body_id=meeting.body_id, organization_id=meeting.organization_id
        )
        deadline = rules.motion_deadline(meeting.start, applied)
        result[meeting.pk] = MotionDeadline(
            deadline=deadline,
            late_now=rules.motion_late(now, meeting.start, applied),
            rule_name=applied.name,
        )
    return result


# Choices of the motion form -------------------------------------------------------------------


def motion_meeting_choices(*, body: Body, user: AnyUser) -> QuerySet[Meeting]:
    """Upcoming, not cancelled meetings of the organizations the user may file motions in."""
    person_ids = viewer_for(user).person_ids
    organization_ids = (
        Membership.objects.filter(current_membership_q(), person_id__in=person_ids)
        .filter(role__in=FILING_ROLE_VALUES)
        .values("organization_id")
    )
    return (
        Meeting.objects.visible_to(user)
        .for_body(body)
        .upcoming()
        .filter(organization_id__in=organization_ids)
        .filter(organization__organization_type__in=HOLDING_MEETINGS_TYPES)
        .select_related("organization")
        .order_by("start", "pk")
    )


def motion_originator_choices(*, body: Body, user: AnyUser) -> QuerySet[Organization]:
    """Factions / lists and working groups the user currently belongs to."""
    return (
        Organization.objects.visible_to(user)
        .for_body(body)
        .filter(
            pk__in=_member_organization_ids(user, body),
            organization_type__in=[Organization.Type.FRAKTION, Organization.Type.ARBEITSGRUPPE],
        )
        .order_by("name", "pk")
    )


def motion_co_signer_choices(*, body: Body, user: AnyUser) -> QuerySet[Person]:
    """Fellow members (who may sign) of the organizations the user belongs to, not the user."""
    viewer = viewer_for(user)
    fellows = Membership.objects.filter(
        current_membership_q(),
        organization_id__in=viewer.organization_ids,
        organization__organization_type__in=HOLDING_MEETINGS_TYPES,
        role__in=FILING_ROLE_VALUES,
    ).values("person_id")
    return (
        Person.objects.visible_to(user)
        .for_body(body)
        .filter(pk__in=fellows)
        .exclude(pk__in=viewer.person_ids)
        .order_by("family_name", "given_name", "pk")
    )


def motion_resolution_choices(*, body: Body, user: AnyUser) -> QuerySet[AgendaItem]:
    """Resolutions (items with a result) of the user's organizations they may see, then
    the latest public ones of each body imported from OParl (the Stadtrat's, see
    `selectors.citations`), each with its body and meeting's organization loaded."""
    own = (
        AgendaItem.objects.visible_to(user)
        .for_body(body)
        .with_results()
        .filter(meeting__organization_id__in=_member_organization_ids(user, body))
    )
    return (
        AgendaItem.objects.filter(
            Q(pk__in=own.values("pk")) | Q(pk__in=imported_resolution_choices(user=user))
        )
        .select_related("meeting__organization", "body")
        .annotate(own_first=Case(When(body=body, then=Value(0)), default=Value(1)))
        .order_by("own_first", "body__name", "-meeting__start", "order", "pk")
    )


def staff_motions_submitted_for(*, meeting: Meeting, user: AnyUser) -> list[Paper]:
    """Motions filed for `meeting`, oldest first, each with `on_agenda`: whether it is on
    this meeting's agenda already (one query)."""
    on_agenda = Consultation.objects.alive().filter(
        paper=OuterRef("pk"),
        meeting=meeting,
        agenda_item__isnull=False,
        agenda_item__deleted=False,
    )
    return list(
        Paper.objects.visible_to(user)
        .filter(body_id=meeting.body_id, submitted_for=meeting)
        .annotate(on_agenda=Exists(on_agenda))
        .only("id", "reference", "name", "submitted_at", "late", "obliging", "public")
        .order_by("submitted_at", "pk")
    )
