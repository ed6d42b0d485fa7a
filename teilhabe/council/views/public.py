from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from teilhabe.core.bodies import body_view


@require_safe
@body_view
def body_start(request: HttpRequest) -> HttpResponse:
    return render(request, "council/public/body_start.html", {})


organization_list = meeting_list = paper_list = person_list = body_start
