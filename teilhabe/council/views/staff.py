from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from teilhabe.core.bodies import body_view


@body_view
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("council.manage", request.current_body):  # type: ignore[attr-defined]
        raise Http404
    return render(request, "council/staff/dashboard.html", {})
