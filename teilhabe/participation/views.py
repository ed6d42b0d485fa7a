"""Staff pages of thresholds and needs (under /<body>/verwaltung/handlungsbedarfe/).

For staff of the body only (`council.manage`), everyone else gets 404 like the other
staff pages. Needs are proposed from a snapshot by `services.needs_propose`; staff then
confirm or dismiss them, comment on them and link them to a goal of the concept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.council.views.staff import current_body, error_text, run_service, staff_view
from teilhabe.districts.models import District
from teilhabe.participation import selectors, services
from teilhabe.participation.forms import DeleteForm, NeedForm, ProposeForm, ThresholdForm
from teilhabe.participation.models import Need, State, Threshold


def staff_url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return reverse(
        f"participation_staff:{name}", kwargs={"body": current_body(request).slug, **kwargs}
    )


def page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A page of the staff area; an imported body is read-only."""
    return render(
        request, template, {"read_only_body": bool(current_body(request).oparl_source), **context}
    )


def _get(model: Any, request: HttpRequest, pk: int) -> Any:
    found = model.objects.alive().filter(body=current_body(request), pk=pk).first()
    if found is None:
        raise Http404
    return found


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_safe
@staff_view
def need_list(request: HttpRequest) -> HttpResponse:
    """The body's needs, filtered by state (`status`) and district (`gebiet`)."""
    body = current_body(request)
    state = request.GET.get("status", "")
    state = state if state in State.values else ""
    district = _int(request.GET.get("gebiet"))
    return page(
        request,
        "participation/staff/needs.html",
        {
            "needs": list(selectors.need_list(body=body, state=state, district=district)),
            "states": State.choices,
            "state": state,
            "districts": District.objects.alive().filter(body=body).order_by("code"),
            "district": district,
            "goals": list(selectors.goal_choices(body=body)),
            "indicators": selectors.indicator_names(body=body),
            "propose_form": ProposeForm(body=body),
        },
    )


@require_POST
@staff_view
def needs_propose(request: HttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST, body=current_body(request))
    created = None
    if form.is_valid():
        snapshot = form.cleaned_data["snapshot"]
        created = run_service(form, lambda: services.needs_propose(snapshot=snapshot))
    if form.errors:
        messages.error(request, error_text(form))
    elif created is not None:
        messages.success(
            request,
            _("Neu vorgeschlagene Handlungsbedarfe: %(count)s.") % {"count": len(created)},
        )
    return redirect(staff_url(request, "needs"))


ACTIONS = {
    "confirm": lambda need, data: services.need_confirm(
        need=need, expected_version=data["version"]
    ),
    "dismiss": lambda need, data: services.need_dismiss(
        need=need, expected_version=data["version"]
    ),
    "comment": lambda need, data: services.need_comment(
        need=need, expected_version=data["version"], comment=data["comment"]
    ),
    "goal": lambda need, data: services.need_link_goal(
        need=need, expected_version=data["version"], goal=data["goal"]
    ),
}


@require_POST
@staff_view
def need_change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Confirm, dismiss, comment on or link a need to a goal (`action`)."""
    need: Need = _get(Need, request, pk)
    form = NeedForm(request.POST, body=current_body(request))
    if form.is_valid():
        run_service(form, lambda: ACTIONS[action](need, form.cleaned_data))
    if form.errors:
        messages.error(request, error_text(form))
    else:
        messages.success(request, _("Der Handlungsbedarf wurde gespeichert."))
    return redirect(staff_url(request, "needs"))


@require_safe
@staff_view
def threshold_list(request: HttpRequest) -> HttpResponse:
    body = current_body(request)
    return page(
        request,
        "participation/staff/thresholds.html",
        {
            "thresholds": list(selectors.threshold_list(body=body)),
            "indicators": selectors.indicator_names(body=body),
        },
    )


def _threshold_values(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in ("indicator", "category", "rule", "value", "note")} | {
        "active": bool(data["active"])
    }


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def threshold_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A new threshold (without `pk`) or an edit of one."""
    body = current_body(request)
    threshold: Threshold | None = _get(Threshold, request, pk) if pk is not None else None
    if request.method == "POST":
        form = ThresholdForm(request.POST, body=body)
        if form.is_valid():
            values = _threshold_values(form.cleaned_data)
            if threshold is None:
                saved = run_service(form, lambda: services.threshold_create(body=body, **values))
            else:
                version = form.cleaned_data["version"] or 0
                saved = run_service(
                    form,
                    lambda: services.threshold_update(
                        threshold=threshold, expected_version=version, **values
                    ),
                )
            if saved is not None:
                messages.success(request, _("Der Schwellenwert wurde gespeichert."))
                return redirect(staff_url(request, "thresholds"))
    else:
        initial: dict[str, Any] = {"active": True}
        if threshold is not None:
            initial = {
                "indicator": threshold.indicator,
                "category": threshold.category,
                "rule": threshold.rule,
                "value": threshold.value,
                "note": threshold.note,
                "active": threshold.active,
                "version": threshold.version,
            }
        form = ThresholdForm(body=body, initial=initial)
    return page(
        request,
        "participation/staff/threshold_form.html",
        {
            "form": form,
            "threshold": threshold,
            "title": _("Schwellenwert bearbeiten") if threshold else _("Neuer Schwellenwert"),
            "submit_label": _("Speichern"),
            "cancel_url": staff_url(request, "thresholds"),
        },
    )


@require_POST
@staff_view
def threshold_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Without `confirmed`: the question; with it: the threshold is deleted."""
    threshold: Threshold = _get(Threshold, request, pk)
    if request.POST.get("confirmed") != "1":
        return page(
            request,
            "participation/staff/confirm_delete.html",
            {
                "question": _("Den Schwellenwert „%(name)s“ löschen?") % {"name": threshold},
                "seen_version": request.POST.get("version", ""),
                "cancel_url": staff_url(request, "thresholds"),
            },
        )
    form = DeleteForm(request.POST, body=current_body(request))
    if form.is_valid():
        version = form.cleaned_data["version"]
        run_service(
            form,
            lambda: services.threshold_delete(threshold=threshold, expected_version=version),
        )
    if form.errors:
        messages.error(request, error_text(form))
    else:
        messages.success(request, _("Der Schwellenwert wurde gelöscht."))
    return redirect(staff_url(request, "thresholds"))
