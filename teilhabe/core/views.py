from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from teilhabe.core.models import Body


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The instance's start page: every body it hosts."""
    return render(request, "core/home.html", {"bodies": Body.objects.alive()})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The same answer for "does not exist" and "you may not see it": no detail leaks.
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
