from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from teilhabe.concept.models import ConceptVersion
from teilhabe.council.visibility import viewer_for


def concept(request: HttpRequest) -> dict[str, Any]:
    """`drafts_to_edit`: whether the user belongs to an AG drafting a concept version of
    the current body (their way to the draft; staff reach it through "Verwaltung").

    Lazy: the query runs only when a page asks, and never for a visitor without
    memberships.
    """
    body = getattr(request, "current_body", None)
    viewer = viewer_for(getattr(request, "user", None))

    def drafting() -> bool:
        if body is None or not viewer.organization_ids or viewer.is_staff_of(body.pk):
            return False
        return (
            ConceptVersion.objects.alive()
            .filter(
                body=body,
                state=ConceptVersion.State.DRAFT,
                drafted_by_id__in=viewer.organization_ids,
            )
            .exists()
        )

    return {"drafts_to_edit": SimpleLazyObject(drafting)}
