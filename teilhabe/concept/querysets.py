"""Reusable filters. `visible_to(user)` is the only way any channel reads concept data.

A version of a concept is public once it leaves the draft (in deliberation, in force,
superseded). A draft is seen by the staff of its body and by the current members of the
organization drafting it (the AG). Action fields, goals and measures are seen with their
version.
"""

from __future__ import annotations

from typing import Any, Self

from django.db.models import Q

from teilhabe.core.models import AliveQuerySet
from teilhabe.council.visibility import viewer_for

DRAFT = "draft"


def version_visible_q(user: Any, prefix: str = "") -> Q:
    viewer = viewer_for(user)
    visible = ~Q(**{f"{prefix}state": DRAFT})
    if viewer.staff_body_ids:
        visible |= Q(**{f"{prefix}body_id__in": viewer.staff_body_ids})
    if viewer.organization_ids:
        visible |= Q(**{f"{prefix}drafted_by_id__in": viewer.organization_ids})
    return Q(**{f"{prefix}deleted": False}) & visible


class BodyScopedQuerySet(AliveQuerySet[Any]):
    def for_body(self, body: Any) -> Self:
        return self.filter(body=body)


class ConceptQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """A concept's name is public; what it holds is shown through its versions."""
        return self.alive()


class ConceptVersionQuerySet(BodyScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.filter(version_visible_q(user), concept__deleted=False)

    def in_force(self) -> Self:
        return self.filter(state="in_force")


class VersionPartQuerySet(BodyScopedQuerySet):
    """Action fields, goals and measures: alive, and their version visible."""

    def visible_to(self, user: Any) -> Self:
        return self.alive().filter(version_visible_q(user, "concept_version__"))
