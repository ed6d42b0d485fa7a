"""The create and edit pages every staff entity shares: one form, one service call.

`create_view(spec)` and `edit_view(spec)` build the two views of an entity from a small
description (its form, its services, where to go afterwards), so that each entity's
module only says what differs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.bodies import View
from teilhabe.core.models import BodyOwnedModel
from teilhabe.council.forms import StaffModelForm
from teilhabe.council.views.staff import current_body, get_for_body, run_service, staff_view

FORM_TEMPLATE = "council/staff/form.html"


@dataclass(frozen=True)
class Editable:
    """What the create and edit pages of one entity need to know."""

    model: type[BodyOwnedModel]
    form_class: type[StaffModelForm]
    create: Callable[..., Model]
    update: Callable[..., Model]
    # The keyword under which the update service takes the record, e.g. "organization".
    kwarg: str
    list_url: str
    new_title: str | Promise
    # Where to go after saving: the list (default) or the record's own edit page.
    edit_url: str | None = None
    template: str = FORM_TEMPLATE
    extra_context: Callable[[HttpRequest, Any], dict[str, Any]] = field(
        default=lambda request, obj: {}
    )


def form_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def saved_message(request: HttpRequest, obj: Any) -> None:
    messages.success(request, _("„%(name)s“ wurde gespeichert.") % {"name": obj})


def form_page(
    request: HttpRequest,
    form: StaffModelForm,
    *,
    save: Callable[[], Any],
    success_url: Callable[[Any], str],
    context: dict[str, Any],
    template: str = FORM_TEMPLATE,
) -> HttpResponse:
    """Validate, save through the service, redirect; else show the form with its errors."""
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, save)
        if saved is not None:
            saved_message(request, saved)
            return redirect(success_url(saved))
    return render(request, template, {"form": form, **context})


def _success_url(spec: Editable, request: HttpRequest) -> Callable[[Any], str]:
    slug = current_body(request).slug
    if spec.edit_url:
        return lambda obj: reverse(spec.edit_url, kwargs={"body": slug, "pk": obj.pk})
    return lambda obj: reverse(spec.list_url, kwargs={"body": slug})


def create_view(spec: Editable) -> View:
    @require_http_methods(["GET", "HEAD", "POST"])
    @staff_view
    def create(request: HttpRequest) -> HttpResponse:
        body = current_body(request)
        form = spec.form_class(
            form_data(request), instance=spec.model(body=body), body=body, user=request.user
        )
        return form_page(
            request,
            form,
            save=lambda: spec.create(body=body, **form.service_fields()),
            success_url=_success_url(spec, request),
            context={
                "title": spec.new_title,
                "cancel_url": reverse(spec.list_url, kwargs={"body": body.slug}),
            },
        )

    create.__name__ = create.__qualname__ = f"{spec.kwarg}_create"
    return create


def _edit_context(spec: Editable, request: HttpRequest, obj: Any) -> dict[str, Any]:
    return {
        "title": _("„%(name)s“ bearbeiten") % {"name": obj},
        "object": obj,
        "cancel_url": reverse(spec.list_url, kwargs={"body": current_body(request).slug}),
        **spec.extra_context(request, obj),
    }


def edit_page_as_saved(
    spec: Editable, request: HttpRequest, obj: Any, *, form_action: str, **typed: Any
) -> HttpResponse:
    """The record's edit page showing the record as saved and a refused sub-form as typed.

    For the forms on an edit page that post elsewhere (an agenda item, a consultation):
    without JavaScript their errors come back on the whole page, whose own form then
    posts to `form_action` (the edit page). `typed` names the refused form under its
    context name, e.g. `add_form=form`.
    """
    form = spec.form_class(instance=obj, body=current_body(request), user=request.user)
    context = {
        "form": form,
        **_edit_context(spec, request, obj),
        **typed,
        "form_action": form_action,
    }
    return render(request, spec.template, context)


def edit_view(spec: Editable) -> View:
    @require_http_methods(["GET", "HEAD", "POST"])
    @staff_view
    def edit(request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_for_body(request, spec.model, pk)
        form = spec.form_class(
            form_data(request), instance=obj, body=current_body(request), user=request.user
        )
        return form_page(
            request,
            form,
            save=lambda: spec.update(
                **{spec.kwarg: obj},
                expected_version=form.expected_version,
                **form.service_fields(),
            ),
            success_url=_success_url(spec, request),
            context=_edit_context(spec, request, obj),
            template=spec.template,
        )

    edit.__name__ = edit.__qualname__ = f"{spec.kwarg}_edit"
    return edit
