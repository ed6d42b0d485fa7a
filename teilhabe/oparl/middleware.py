"""Kept OParl answers go out before the rest of the middleware runs.

The API is the same for everyone and reads no session, no user and no CSRF token, so a
kept answer (`teilhabe.oparl.publish.http.kept_answer`) needs none of the middleware
that pages need. Put it right after the security and static-file middleware; anything it
does not answer goes on through the whole stack to the view, which keeps its answer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from teilhabe.oparl.publish.http import kept_answer

PREFIX = "/oparl/"


class KeptAnswerMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info.startswith(PREFIX):
            kept = kept_answer(request)
            if kept is not None:
                return kept
        return self.get_response(request)
