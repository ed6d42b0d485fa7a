"""What the concept's staff pages share: who gets in, the records they work on, the frame.

Who may do what is `teilhabe/concept/permissions.py`: staff of the body everything
(`concept.manage`); the current members of the AG drafting a version, while it is a draft,
its goals and measures and its report (`concept.edit_goal`, `concept.edit_measure`,
`concept.submit_report`). Everyone else gets the same 404 as for a page that does not
exist, never a 403. The pages are thin: parse the form, call a service (through the
council's `submit`, which puts a refusal at the form field it names), redirect or render.

Staff see the pages in the staff frame (with the staff navigation); AG members, who have
no staff pages, in the plain frame.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from teilhabe.concept.models import ActionField, ConceptVersion, Goal, Measure
from teilhabe.concept.views import staff_reads
from teilhabe.core.bodies import View, body_view
from teilhabe.core.models import Body

Part = TypeVar("Part", ActionField, Goal, Measure)

MANAGE = "concept.manage"
EDIT_GOAL = "concept.edit_goal"
EDIT_MEASURE = "concept.edit_measure"
SUBMIT_REPORT = "concept.submit_report"
PARTS_ANCHOR = "#teile"

__all__ = [
    "EDIT_GOAL",
    "EDIT_MEASURE",
    "MANAGE",
    "SUBMIT_REPORT",
    "allow",
    "body_of",
    "concept_view",
    "done",
    "part_or_404",
    "staff_url",
    "version_or_404",
    "version_url",
]


def concept_view(view: View) -> View:
    """Resolve the body from the URL (the view checks the permission on its record)."""
    return body_view(view)


def body_of(request: HttpRequest) -> Body:
    return request.current_body  # type: ignore[attr-defined]


def allow(request: HttpRequest, perm: str, obj: Any) -> None:
    """Let the user in if they have `perm` on `obj`, else 404."""
    if not request.user.has_perm(perm, obj):
        raise Http404


def may(request: HttpRequest, perm: str, obj: Any) -> bool:
    return bool(request.user.has_perm(perm, obj))


def version_or_404(request: HttpRequest, pk: int, perm: str) -> ConceptVersion:
    try:
        version = staff_reads.version_get(body=body_of(request), pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    allow(request, perm, version)
    return version


def part_or_404(request: HttpRequest, model: type[Part], pk: int, perm: str) -> Part:
    try:
        part = staff_reads.part_get(model, body=body_of(request), pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    allow(request, perm, part)
    return part


def staff_url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return reverse(f"concept_staff:{name}", kwargs={"body": body_of(request).slug, **kwargs})


def version_url(request: HttpRequest, version: ConceptVersion | int, anchor: str = "") -> str:
    pk = version if isinstance(version, int) else version.pk
    return staff_url(request, "version", pk=pk) + anchor


def writable(request: HttpRequest, version: ConceptVersion) -> bool:
    """Whether the version's content can change at all: its body is not imported from
    OParl and it is not superseded (the services refuse both; the pages hide the forms)."""
    return not body_of(request).oparl_source and version.state != ConceptVersion.State.SUPERSEDED


def done(request: HttpRequest, text: str, url: str, *, error: bool = False) -> HttpResponse:
    """After an action without a page of its own: the message, then back to `url`."""
    (messages.error if error else messages.success)(request, text)
    return redirect(url)


def page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A page of the concept's staff area, in the frame that fits the user."""
    body = body_of(request)
    return render(
        request,
        template,
        {
            "can_manage": may(request, MANAGE, body),
            "read_only_body": bool(body.oparl_source),
            **context,
        },
    )
