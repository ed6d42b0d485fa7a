from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from teilhabe.council.visibility import viewer_for


def council(request: HttpRequest) -> dict[str, Any]:
    body = getattr(request, "current_body", None)
    user = getattr(request, "user", None)
    return {"is_body_staff": bool(body and viewer_for(user).is_staff_of(body.pk))}
