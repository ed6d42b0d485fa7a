"""Reusable filters. `visible_to(user)` is the only way any channel reads council data."""

from __future__ import annotations

from typing import Any, Self

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from teilhabe.core.models import AliveQuerySet
from teilhabe.council.visibility import Viewer, current_membership_q, viewer_for


class BodyScopedQuerySet(AliveQuerySet[Any]):
    def for_body(self, body: Any) -> Self:
        return self.filter(body=body)


class LocationQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Places are public reference data: every alive one, for everyone."""
        return self.alive()


class LegislativeTermQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Legislative terms are public reference data: every alive one, for everyone."""
        return self.alive()


class SessionRulesQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Rules of procedure are published statutes: every alive one, for everyone."""
        return self.alive()


class OrganizationQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.alive()

    def holding_meetings(self) -> Self:
        return self.exclude(organization_type__in=["fraktion", "verwaltung"])


def _q(prefix: str, **lookups: Any) -> Q:
    return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})


def _any_of(prefix: str, lookup: str, values: frozenset[int]) -> Q | None:
    """`lookup IN values`, or None when there are none (an anonymous visitor's rights):
    the filter then has no branch that can never match, which saves building it."""
    return _q(prefix, **{f"{lookup}__in": values}) if values else None


def _either(*conditions: Q | None) -> Q:
    result = Q()
    for condition in conditions:
        if condition is not None:
            result = condition if not result else result | condition
    return result


# Visibility as conditions on a row reached by `prefix` (e.g. "paper__"), so a related
# model filters through a join on its own foreign key instead of an IN over a whole table:
# the query planner then starts from the few rows a page asks for.


def person_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Consenting persons for everyone; staff see their body; members see each other."""
    q = _either(
        _q(prefix, public_consent=True),
        _any_of(prefix, "body_id", viewer.staff_body_ids),
        _any_of(prefix, "pk", viewer.person_ids),
    )
    if viewer.organization_ids:
        fellow_members = (
            apps.get_model("council", "Membership")
            .objects.filter(organization_id__in=viewer.organization_ids, deleted=False)
            .values("person_id")
        )
        q |= _q(prefix, pk__in=fellow_members)
    return _q(prefix, deleted=False) & q


def agenda_item_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Public items for everyone; non-public ones for the body's staff and the members of
    the meeting's organization."""
    return _q(prefix, deleted=False, meeting__deleted=False) & _either(
        _q(prefix, public=True),
        _any_of(prefix, "body_id", viewer.staff_body_ids),
        _any_of(prefix, "meeting__organization_id", viewer.organization_ids),
    )


def paper_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Public papers for everyone; non-public ones for the body's staff and the members of
    the organizations that consult or originated them or for whose session they were filed."""
    q = _either(
        _q(prefix, public=True),
        _any_of(prefix, "body_id", viewer.staff_body_ids),
        _paper_concerns_member_q(viewer, prefix),
    )
    return _q(prefix, deleted=False) & q


def _paper_concerns_member_q(viewer: Viewer, prefix: str) -> Q | None:
    """The paper is consulted or originated by an organization the viewer belongs to, or
    filed for a session of one."""
    if not viewer.organization_ids:
        return None
    # Correlated EXISTS: a member of a long-lived Beirat is concerned by thousands of
    # papers; the check per row stays an index look-up.
    paper_ref = OuterRef(prefix.removesuffix("__") or "pk")
    consulted = apps.get_model("council", "Consultation").objects.filter(
        paper_id=paper_ref, organization_id__in=viewer.organization_ids, deleted=False
    )
    originated = apps.get_model("council", "Paper").originator_organizations.through
    by_own = originated.objects.filter(
        paper_id=paper_ref, organization_id__in=viewer.organization_ids
    )
    # A motion filed for a session concerns the members of the organization holding it
    # (the filer and co-signers among them) before it is put on the agenda.
    filed_for_own = _q(prefix, submitted_for__organization_id__in=viewer.organization_ids)
    return Q(Exists(consulted)) | Q(Exists(by_own)) | filed_for_own


def meeting_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Meetings themselves are public; their non-public part is in the agenda items."""
    return _q(prefix, deleted=False, organization__deleted=False)


def file_audience_q(viewer: Viewer) -> Q:
    """Who may see a file whose parent they may see: a public file everyone, a non-public
    one (an invitation listing the non-public items) the body's staff and the members of
    the organization concerned — the meeting's (also for an item's file) or, for a
    paper's file, those consulting or originating the paper."""
    return _either(
        Q(public=True),
        _any_of("", "body_id", viewer.staff_body_ids),
        _any_of("", "meeting__organization_id", viewer.organization_ids),
        _any_of("", "agenda_item__meeting__organization_id", viewer.organization_ids),
        _paper_concerns_member_q(viewer, "paper__"),
    )


class PersonQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.filter(person_visible_q(viewer_for(user)))


class MembershipQuerySet(BodyScopedQuerySet):
    def current(self) -> Self:
        return self.filter(current_membership_q())

    def visible_to(self, user: Any) -> Self:
        """Visible with its person (consent!) and while its organization exists."""
        return self.alive().filter(
            person_visible_q(viewer_for(user), "person__"), organization__deleted=False
        )


class MeetingQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.filter(meeting_visible_q(viewer_for(user)))

    def upcoming(self) -> Self:
        return self.filter(start__gte=timezone.now()).exclude(state="cancelled").order_by("start")

    def past(self) -> Self:
        return self.filter(start__lt=timezone.now()).order_by("-start")


class AgendaItemQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.filter(agenda_item_visible_q(viewer_for(user)))

    def with_results(self) -> Self:
        return self.exclude(result="")


class PaperQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.filter(paper_visible_q(viewer_for(user)))


class ConsultationQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Visible with its paper; one on a hidden agenda item stays hidden altogether."""
        viewer = viewer_for(user)
        return self.alive().filter(
            paper_visible_q(viewer, "paper__"),
            Q(agenda_item__isnull=True) | agenda_item_visible_q(viewer, "agenda_item__"),
        )


class FileQuerySet(BodyScopedQuerySet):
    def of_visible_parents(self, user: Any) -> Self:
        """For prefetching the files of papers, meetings or items that were themselves read
        through `visible_to`: the parent is visible, so only `alive()` and the file's own
        audience (`public`) are left to check, and the query stays cheap."""
        return self.alive().filter(file_audience_q(viewer_for(user)))

    def visible_to(self, user: Any) -> Self:
        """A file is visible when what it is attached to is visible and, if it is not
        public, the user is staff of its body or a member of the organization concerned."""
        viewer = viewer_for(user)
        return self.alive().filter(
            (Q(paper__isnull=False) & paper_visible_q(viewer, "paper__"))
            | (Q(meeting__isnull=False) & meeting_visible_q(viewer, "meeting__"))
            | (Q(agenda_item__isnull=False) & agenda_item_visible_q(viewer, "agenda_item__")),
            file_audience_q(viewer),
        )
