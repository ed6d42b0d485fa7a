from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from teilhabe.council.visibility import viewer_for


def council(request: HttpRequest) -> dict[str, Any]:
    body = getattr(request, "current_body", None)
    user = getattr(request, "user", None)
    viewer = viewer_for(user)
    return {
        "is_body_staff": bool(body and viewer.is_staff_of(body.pk)),
        "is_body_member": bool(body and body.pk in viewer.person_body_ids),
    }
