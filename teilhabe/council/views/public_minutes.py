"""The public minutes page: the published public part of a meeting's minutes.

The public part is the same for everyone (it is what the published PDF holds): public
agenda items only, and persons named only with their consent. Minutes that are not
published, or a meeting without minutes, answer 404.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from teilhabe.core.bodies import body_view
from teilhabe.core.http import get_or_404
from teilhabe.core.pagecache import public_page
from teilhabe.council import selectors


@require_safe
@body_view
@public_page
def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_or_404(
        selectors.published_minutes_get,
        body=request.current_body,  # type: ignore[attr-defined]
        user=request.user,
        pk=pk,
    )
    meeting = minutes.meeting
    public_file = minutes.public_file
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "document": selectors.minutes_document(meeting=meeting, public_only=True),
        "public_file": public_file if public_file is not None and not public_file.deleted else None,
    }
    return render(request, "council/public/minutes_detail.html", context)
