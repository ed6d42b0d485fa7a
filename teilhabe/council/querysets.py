"""Reusable filters. `visible_to(user)` is the only way any channel reads council data."""

from __future__ import annotations

from typing import Any, Self

from django.db.models import Q
from django.utils import timezone

from teilhabe.core.models import AliveQuerySet
from teilhabe.council.visibility import current_membership_q, viewer_for


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


class OrganizationQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.alive()

    def holding_meetings(self) -> Self:
        return self.exclude(organization_type__in=["fraktion", "verwaltung"])


class PersonQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Consenting persons for everyone; staff see their body; members see each other."""
        viewer = viewer_for(user)
        q = (
            Q(public_consent=True)
            | Q(body_id__in=viewer.staff_body_ids)
            | Q(pk__in=viewer.person_ids)
        )
        if viewer.organization_ids:
            q |= Q(
                pk__in=self.model._default_manager.filter(
                    memberships__organization_id__in=viewer.organization_ids,
                    memberships__deleted=False,
                ).values("pk")
            )
        return self.alive().filter(q)


class MembershipQuerySet(BodyScopedQuerySet):
    def current(self) -> Self:
        return self.filter(current_membership_q())

    def visible_to(self, user: Any) -> Self:
        from_persons = self.model._meta.get_field("person").related_model
        return self.alive().filter(
            person__in=from_persons._default_manager.visible_to(user),
            organization__deleted=False,
        )


class MeetingQuerySet(BodyScopedQuerySet):
    """Meetings themselves are public; their non-public part is in the agenda items."""

    def visible_to(self, user: Any) -> Self:
        return self.alive().filter(organization__deleted=False)

    def upcoming(self) -> Self:
        return self.filter(start__gte=timezone.now()).exclude(state="cancelled").order_by("start")

    def past(self) -> Self:
        return self.filter(start__lt=timezone.now()).order_by("-start")


def nonpublic_allowed_q(viewer_org_path: str, viewer: Any) -> Q:
    """Staff of the row's body, or current members of the organization at `viewer_org_path`."""
    return Q(body_id__in=viewer.staff_body_ids) | Q(
        **{f"{viewer_org_path}__in": viewer.organization_ids}
    )


class AgendaItemQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        viewer = viewer_for(user)
        return self.alive().filter(
            Q(public=True) | nonpublic_allowed_q("meeting__organization_id", viewer),
            meeting__deleted=False,
        )

    def with_results(self) -> Self:
        return self.exclude(result="")


class PaperQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        viewer = viewer_for(user)
        q = Q(public=True) | Q(body_id__in=viewer.staff_body_ids)
        if viewer.organization_ids:
            q |= Q(
                pk__in=self.model._default_manager.filter(
                    Q(consultations__organization_id__in=viewer.organization_ids)
                    | Q(originator_organizations__in=viewer.organization_ids)
                ).values("pk")
            )
        return self.alive().filter(q)


class ConsultationQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Visible with its paper; one on a hidden agenda item stays hidden altogether."""
        paper_model = self.model._meta.get_field("paper").related_model
        item_model = self.model._meta.get_field("agenda_item").related_model
        return self.alive().filter(
            Q(agenda_item__isnull=True)
            | Q(agenda_item__in=item_model._default_manager.visible_to(user)),
            paper__in=paper_model._default_manager.visible_to(user),
        )


class FileQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """A file is visible exactly when what it is attached to is visible."""
        paper_model = self.model._meta.get_field("paper").related_model
        meeting_model = self.model._meta.get_field("meeting").related_model
        item_model = self.model._meta.get_field("agenda_item").related_model
        return self.alive().filter(
            Q(paper__in=paper_model._default_manager.visible_to(user))
            | Q(meeting__in=meeting_model._default_manager.visible_to(user))
            | Q(agenda_item__in=item_model._default_manager.visible_to(user))
        )
