"""The version page: fields of action, goals and measures in their order, with forms to add
and delete them.

Everything works without JavaScript (each form posts and comes back to the page). With
htmx the forms post in the background: an add form is fetched into its field of action
(`_add_form.html`), a successful add or delete returns the parts of the version
(`_parts.html`) and a status line that screen readers announce; a refused add returns the
form with its errors in place. Deleting asks first: htmx in the browser, without
JavaScript a confirmation page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from teilhabe.concept import services
from teilhabe.concept.forms import (
    ActionFieldAddForm,
    GoalAddForm,
    MeasureAddForm,
    MeasuresUploadForm,
)
from teilhabe.concept.models import ActionField, ConceptVersion, Goal, Measure
from teilhabe.concept.views import staff_reads
from teilhabe.concept.views.staff_common import (
    EDIT_GOAL,
    EDIT_MEASURE,
    MANAGE,
    PARTS_ANCHOR,
    SUBMIT_REPORT,
    body_of,
    concept_view,
    done,
    may,
    page,
    part_or_404,
    staff_url,
    version_or_404,
    version_url,
    writable,
)
from teilhabe.council.forms import VersionForm as VersionOnlyForm
from teilhabe.council.views.staff import error_text, submit

VERSION_TEMPLATE = "concept/staff/version.html"
PARTS_TEMPLATE = "concept/staff/_parts.html"


def _htmx(request: HttpRequest) -> bool:
    return bool(request.htmx)  # type: ignore[attr-defined]


def _field_form(
    request: HttpRequest, version: ConceptVersion, data: Any = None
) -> ActionFieldAddForm:
    return ActionFieldAddForm(
        data, prefix="field", body=body_of(request), user=request.user, concept_version=version
    )


def parts_context(
    request: HttpRequest, version: ConceptVersion, *, field_form: Any = None
) -> dict[str, Any]:
    editable = writable(request, version)
    return {
        "version": version,
        "blocks": staff_reads.version_parts(version),
        "editable": editable,
        "may_manage": may(request, MANAGE, version),
        "field_form": field_form or (_field_form(request, version) if editable else None),
    }


def version_context(request: HttpRequest, version: ConceptVersion, **extra: Any) -> dict[str, Any]:
    editable = writable(request, version)
    return {
        **parts_context(request, version, field_form=extra.pop("field_form", None)),
        "may_report": editable
        and version.state == ConceptVersion.State.DRAFT
        and may(request, SUBMIT_REPORT, version),
        "upload_form": MeasuresUploadForm(body=body_of(request), user=request.user)
        if editable
        else None,
        **extra,
    }


@require_safe
@concept_view
def version_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: any version of the body; AG members: the draft they work on."""
    version = version_or_404(request, pk, EDIT_GOAL)
    return page(request, VERSION_TEMPLATE, version_context(request, version))


def parts_done(
    request: HttpRequest, version: ConceptVersion, status: str, *, error: bool = False
) -> HttpResponse:
    """After an add or delete: the fresh parts and the status for htmx, else the page."""
    if _htmx(request):
        context = {
            **parts_context(request, version),
            "oob_status": True,
            "parts_status": status,
            "parts_status_error": error,
        }
        return render(request, PARTS_TEMPLATE, context)
    return done(request, status, version_url(request, version, PARTS_ANCHOR), error=error)


# Fields of action ---------------------------------------------------------------------------


@require_POST
@concept_view
def action_field_create(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_or_404(request, pk, MANAGE)
    form = _field_form(request, version, request.POST)
    created = submit(
        form,
        lambda: services.action_field_create(concept_version=version, **form.service_fields()),
    )
    if created is not None:
        status = _("Das Handlungsfeld „%(title)s“ wurde angelegt.") % {"title": created.title}
        return parts_done(request, version, status)
    if _htmx(request):
        context = {
            **parts_context(request, version, field_form=form),
            "oob_status": True,
            "parts_status": _("Das Handlungsfeld wurde nicht angelegt."),
            "parts_status_error": True,
        }
        return render(request, PARTS_TEMPLATE, context)
    return page(request, VERSION_TEMPLATE, version_context(request, version, field_form=form))


# Goals and measures: the add forms ------------------------------------------------------------

ADD_FORMS = {
    "goal": (GoalAddForm, EDIT_GOAL, "goal_create"),
    "measure": (MeasureAddForm, EDIT_MEASURE, "measure_create"),
}


def _slot(request: HttpRequest) -> int | None:
    """The field of action whose block holds the add form (`feld` or `slot`)."""
    raw = request.POST.get("slot") or request.GET.get("feld") or ""
    return int(raw) if raw.isdecimal() else None


def _add_form(
    request: HttpRequest, kind: str, version: ConceptVersion, slot: int | None, data: Any = None
) -> Any:
    form_class = ADD_FORMS[kind][0]
    return form_class(
        data,
        prefix=f"{kind}-{slot}" if slot else kind,
        body=body_of(request),
        user=request.user,
        concept_version=version,
        initial={"action_field": slot},
    )


def _create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    _form_class, perm, url_name = ADD_FORMS[kind]
    version = version_or_404(request, pk, perm)
    slot = _slot(request)
    data = request.POST if request.method == "POST" else None
    form = _add_form(request, kind, version, slot, data)
    if data is not None:
        service = services.goal_create if kind == "goal" else services.measure_create
        created = submit(form, lambda: service(concept_version=version, **form.service_fields()))
        if created is not None:
            if kind == "goal":
                status = _("Ziel %(number)s wurde angelegt.") % {"number": created.number}
            else:
                status = _("Maßnahme %(number)s wurde angelegt.") % {"number": created.number}
            return parts_done(request, version, status)
    context = {
        "form": form,
        "kind": kind,
        "slot": slot,
        "version": version,
        "action": staff_url(request, url_name, pk=version.pk),
        "title": _("Ziel hinzufügen") if kind == "goal" else _("Maßnahme hinzufügen"),
        "cancel_url": version_url(request, version, PARTS_ANCHOR),
    }
    if _htmx(request):
        response = render(request, "concept/staff/_add_form.html", context)
        if data is not None:
            # The refused form goes back where it was, not over the parts.
            retarget(response, f"#add-{slot}" if slot else "#add-new")
            reswap(response, "innerHTML")
        return response
    return page(request, "concept/staff/add_page.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _create(request, pk, "goal")


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def measure_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _create(request, pk, "measure")


# Deleting -------------------------------------------------------------------------------------


def _delete(
    request: HttpRequest, part: Any, delete: Any, status: str, question: str
) -> HttpResponse:
    """Without `confirmed`: the question (a page); with it: delete and report."""
    version = part.concept_version
    form = VersionOnlyForm(request.POST)
    if request.POST.get("confirmed") != "1":
        return page(
            request,
            "concept/staff/confirm_delete.html",
            {
                "question": question,
                "seen_version": request.POST.get("version", ""),
                "title": _("Löschen bestätigen"),
                "cancel_url": version_url(request, version, PARTS_ANCHOR),
            },
        )
    deleted = submit(form, lambda: delete(part, form.cleaned_data["version"]))
    if deleted is None:
        return parts_done(request, version, error_text(form), error=True)
    return parts_done(request, version, status)


@require_POST
@concept_view
def action_field_delete(request: HttpRequest, pk: int) -> HttpResponse:
    field = part_or_404(request, ActionField, pk, MANAGE)
    return _delete(
        request,
        field,
        lambda part, seen: services.action_field_delete(action_field=part, expected_version=seen),
        _("Das Handlungsfeld „%(title)s“ wurde gelöscht.") % {"title": field.title},
        _("Das Handlungsfeld „%(title)s“ löschen?") % {"title": field.title},
    )


@require_POST
@concept_view
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    goal = part_or_404(request, Goal, pk, EDIT_GOAL)
    return _delete(
        request,
        goal,
        lambda part, seen: services.goal_delete(goal=part, expected_version=seen),
        _("Ziel %(number)s wurde gelöscht.") % {"number": goal.number},
        _("Ziel %(number)s „%(title)s“ löschen?") % {"number": goal.number, "title": goal},
    )


@require_POST
@concept_view
def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    measure = part_or_404(request, Measure, pk, EDIT_MEASURE)
    return _delete(
        request,
        measure,
        lambda part, seen: services.measure_delete(measure=part, expected_version=seen),
        _("Maßnahme %(number)s wurde gelöscht.") % {"number": measure.number},
        _("Maßnahme %(number)s „%(title)s“ löschen?")
        % {"number": measure.number, "title": measure.title},
    )
