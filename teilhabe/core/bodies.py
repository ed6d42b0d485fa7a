"""Resolving the tenant from the URL: every body-scoped view gets `request.current_body`.

(`request.body` is Django's raw request payload, hence the longer name.)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from teilhabe.core.models import Body

View = Callable[..., HttpResponseBase]


def body_view(view: View) -> View:
    """Turn the `body` URL slug into `request.current_body`; an unknown or deleted body is a 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, body: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        request.current_body = get_object_or_404(Body.objects.alive(), slug=body)  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper
