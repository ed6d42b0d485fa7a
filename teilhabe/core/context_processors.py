from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation


def teilhabe(request: HttpRequest) -> dict[str, Any]:
    """What every page's layout needs: the current body (if any) and text direction."""
    return {
        "current_body": getattr(request, "current_body", None),
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
    }
