from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def teilhabe(request: HttpRequest) -> dict[str, Any]:
    """What every page's layout needs: the current body (if any) and text direction.

    `content_language` is the language of what people typed (names, motions,
    resolutions): German, whatever the interface language is (WCAG 3.1.2).
    """
    return {
        "content_language": settings.LANGUAGE_CODE,
        "current_body": getattr(request, "current_body", None),
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
    }
