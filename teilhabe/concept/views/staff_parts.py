"""The edit pages of a field of action, a goal and a measure.

Each saves through its service with the version the form was built from: if someone
saved the record in the meantime, the conflict message shows and nothing is overwritten.
A measure's page also holds its status (with the dated history) and, for staff of a body
with a Stadtrat, the action that turns it into a motion to the Stadtrat.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.concept import services
from teilhabe.concept.forms import ActionFieldForm, GoalForm, MeasureForm, MotionForm, StatusForm
from teilhabe.concept.models import ActionField, Goal, Measure
from teilhabe.concept.views import staff_reads
from teilhabe.concept.views.staff_common import (
    EDIT_GOAL,
    EDIT_MEASURE,
    MANAGE,
    body_of,
    concept_view,
    done,
    may,
    page,
    part_or_404,
    staff_url,
    version_url,
    writable,
)
from teilhabe.council.views.staff import submit

FORM_TEMPLATE = "concept/staff/form.html"


def _form_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _subtitle(part: Any) -> str:
    version = part.concept_version
    return str(
        _("%(concept)s, Version %(number)s")
        % {"concept": version.concept.title, "number": version.number}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def action_field_edit(request: HttpRequest, pk: int) -> HttpResponse:
    field = part_or_404(request, ActionField, pk, MANAGE)
    data = _form_data(request)
    form = ActionFieldForm(
        data,
        body=body_of(request),
        user=request.user,
        instance=field,
        concept_version=field.concept_version,
    )
    if data is not None:
        saved = submit(
            form,
            lambda: services.action_field_update(
                action_field=field, expected_version=form.expected_version, **form.service_fields()
            ),
        )
        if saved is not None:
            return done(
                request,
                _("Das Handlungsfeld „%(title)s“ wurde gespeichert.") % {"title": saved.title},
                version_url(request, field.concept_version, f"#handlungsfeld-{field.pk}"),
            )
    return page(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "title": _("Handlungsfeld %(number)s bearbeiten") % {"number": field.number},
            "subtitle": _subtitle(field),
            "cancel_url": version_url(request, field.concept_version, f"#handlungsfeld-{field.pk}"),
            "editable": writable(request, field.concept_version),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = part_or_404(request, Goal, pk, EDIT_GOAL)
    data = _form_data(request)
    form = GoalForm(
        data,
        body=body_of(request),
        user=request.user,
        instance=goal,
        concept_version=goal.concept_version,
    )
    back = version_url(request, goal.concept_version, f"#ziel-{goal.pk}")
    if data is not None:
        saved = submit(
            form,
            lambda: services.goal_update(
                goal=goal, expected_version=form.expected_version, **form.service_fields()
            ),
        )
        if saved is not None:
            return done(
                request, _("Ziel %(number)s wurde gespeichert.") % {"number": saved.number}, back
            )
    return page(
        request,
        "concept/staff/goal_edit.html",
        {
            "form": form,
            "goal": goal,
            "title": _("Ziel %(number)s bearbeiten") % {"number": goal.number},
            "subtitle": _subtitle(goal),
            "cancel_url": back,
            "editable": writable(request, goal.concept_version),
        },
    )


# Measures ------------------------------------------------------------------------------------


def _measure_page(
    request: HttpRequest,
    measure: Measure,
    *,
    form: MeasureForm | None = None,
    status_form: StatusForm | None = None,
    motion_form: MotionForm | None = None,
) -> HttpResponse:
    body, user = body_of(request), request.user
    version = measure.concept_version
    editable = writable(request, version)
    staff = may(request, MANAGE, measure)
    councils = staff_reads.councils_of(body) if staff else []
    linked = staff_reads.measure_links(measure)
    context: dict[str, Any] = {
        "form": form or MeasureForm(body=body, user=user, instance=linked, concept_version=version),
        "measure": linked,
        "history": staff_reads.status_history(measure),
        "title": _("Maßnahme %(number)s bearbeiten") % {"number": measure.number},
        "subtitle": _subtitle(measure),
        "cancel_url": version_url(request, version, f"#massnahme-{measure.pk}"),
        "form_action": _measure_url(request, measure),
        "editable": editable,
        "may_manage": staff,
    }
    if staff and editable:
        context["status_form"] = status_form or StatusForm(
            body=body, user=user, measure=measure, prefix="status"
        )
        if councils and linked.motion_id is None:
            context["motion_form"] = motion_form or MotionForm(
                body=body, user=user, measure=measure, councils=councils, prefix="motion"
            )
    return page(request, "concept/staff/measure_edit.html", context)


def _measure_url(request: HttpRequest, measure: Measure, anchor: str = "") -> str:
    return staff_url(request, "measure_edit", pk=measure.pk) + anchor


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = part_or_404(request, Measure, pk, EDIT_MEASURE)
    if request.method != "POST":
        return _measure_page(request, measure)
    form = MeasureForm(
        request.POST,
        body=body_of(request),
        user=request.user,
        instance=staff_reads.measure_links(measure),
        concept_version=measure.concept_version,
    )
    saved = submit(
        form,
        lambda: services.measure_update(
            measure=measure, expected_version=form.expected_version, **form.service_fields()
        ),
    )
    if saved is None:
        return _measure_page(request, measure, form=form)
    return done(
        request,
        _("Maßnahme %(number)s wurde gespeichert.") % {"number": saved.number},
        version_url(request, measure.concept_version, f"#massnahme-{measure.pk}"),
    )


@require_POST
@concept_view
def measure_status(request: HttpRequest, pk: int) -> HttpResponse:
    """A new status of the measure, from a day on; it goes into the history."""
    measure = part_or_404(request, Measure, pk, MANAGE)
    form = StatusForm(
        request.POST, body=body_of(request), user=request.user, measure=measure, prefix="status"
    )
    change = submit(
        form,
        lambda: services.measure_status_set(
            measure=measure, expected_version=form.expected_version, **form.service_fields()
        ),
    )
    if change is None:
        return _measure_page(request, measure, status_form=form)
    return done(
        request,
        _("Der Status „%(status)s“ seit dem %(date)s wurde eingetragen.")
        % {
            "status": change.get_status_display(),
            "date": formats.date_format(change.date, "SHORT_DATE_FORMAT"),
        },
        _measure_url(request, measure, "#status"),
    )


@require_POST
@concept_view
def measure_motion(request: HttpRequest, pk: int) -> HttpResponse:
    """The measure becomes a motion of the Beirat to the Stadtrat."""
    measure = part_or_404(request, Measure, pk, MANAGE)
    councils = staff_reads.councils_of(body_of(request))
    form = MotionForm(
        request.POST,
        body=body_of(request),
        user=request.user,
        measure=measure,
        councils=councils,
        prefix="motion",
    )
    paper = submit(
        form,
        lambda: services.measure_motion_create(
            measure=measure, expected_version=form.expected_version, **form.service_fields()
        ),
    )
    if paper is None:
        return _measure_page(request, measure, motion_form=form)
    return done(
        request,
        _("Der Antrag „%(name)s“ an %(to)s wurde als Drucksache angelegt.")
        % {"name": paper.name, "to": form.cleaned_data["to"]},
        _measure_url(request, measure, "#antrag"),
    )
