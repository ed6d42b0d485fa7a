"""Pages of the integration office (Geschäftsstelle): the shared frame and the dashboard.

Every staff page is for users with "council.manage" on the current body; everyone else
gets the same 404 as for a page that does not exist. The pages are thin: parse the form,
read through the staff selectors, call a service, redirect or render. A service's refusal
(a conflicting edit, a number already taken, a record of another body) becomes a form
error and the input stays.
The entity pages are in the `staff_*` modules beside this one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_safe

from teilhabe.core.bodies import View, body_view
from teilhabe.core.errors import TeilhabeError
from teilhabe.core.http import get_or_404, paginate
from teilhabe.core.models import Body, BodyOwnedModel
from teilhabe.council import selectors

T = TypeVar("T")
M = TypeVar("M", bound=Model)
Owned = TypeVar("Owned", bound=BodyOwnedModel)

PER_PAGE = 50
UPCOMING_ON_DASHBOARD = 5
MINUTES_OVERDUE_ON_DASHBOARD = 10


def staff_view(view: View) -> View:
    """Resolve the body from the URL and let only its staff in (everyone else: 404)."""

    @wraps(view)
    def check(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.has_perm("council.manage", current_body(request)):
            raise Http404
        return view(request, *args, **kwargs)

    return body_view(check)


def current_body(request: HttpRequest) -> Body:
    return request.current_body  # type: ignore[attr-defined]


def get_for_body(request: HttpRequest, model: type[Owned], pk: int) -> Owned:
    """One record of the current body that the user may see, else 404."""
    return get_or_404(
        selectors.staff_record_get,
        model=model,
        body=current_body(request),
        user=request.user,
        pk=pk,
    )


def run_service(
    form: BaseForm, call: Callable[[], T], *, fields: dict[str, str] | None = None
) -> T | None:
    """Call a service; a refusal becomes an error on `form` (on its field when it names one).

    `fields` maps error codes to the form field their message belongs to.
    """
    try:
        return call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, field_errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, field_errors)
        else:
            form.add_error(None, exc)
    except TeilhabeError as exc:
        field: str | None = (fields or {}).get(exc.code) or getattr(exc, "field", None)
        form.add_error(field if field in form.fields else None, exc.message)
    return None


def submit(form: BaseForm, call: Callable[[], T], **kwargs: Any) -> T | None:
    """Validate `form`, then call the service; None when either refused."""
    return run_service(form, call, **kwargs) if form.is_valid() else None


def error_text(form: BaseForm) -> str:
    """All of a form's errors as one sentence, for a message or a status line."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def list_view(select: Callable[..., QuerySet[Any]], template: str) -> View:
    """A paginated staff list: the rows `select(body=..., user=...)` gives, in `template`."""

    @require_safe
    @staff_view
    def page(request: HttpRequest) -> HttpResponse:
        rows = select(body=current_body(request), user=request.user)
        return render(request, template, {"page": paginate(request, rows, PER_PAGE)})

    page.__name__ = page.__qualname__ = select.__name__.removeprefix("staff_")
    return page


@require_safe
@staff_view
def dashboard(request: HttpRequest) -> HttpResponse:
    """Counts, the next meetings and the way to everything the office keeps."""
    body = current_body(request)
    context = {
        "upcoming": selectors.meeting_list_upcoming(
            body=body, user=request.user, limit=UPCOMING_ON_DASHBOARD
        ),
        "counts": selectors.staff_record_counts(body=body, user=request.user),
        "minutes_overdue": selectors.minutes_overdue_list(
            body=body, user=request.user, limit=MINUTES_OVERDUE_ON_DASHBOARD
        ),
    }
    return render(request, "council/staff/dashboard.html", context)
