"""The body's own indicators: listed, defined, changed and removed by staff.

An own indicator is the share of a numerator over a denominator, each a sum of counts of
chosen (characteristic, category) pairs, or without a denominator a count
(`models.Indicator`); it is computed and protected like the catalogue's and appears on
every page, map and download of the monitoring. The form offers the categories grouped by
characteristic and the citizenships as ISO codes; the services check them. The code is
fixed once the indicator exists, since goals of the concept may name it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.council.views.staff import current_body, error_text, run_service, staff_view
from teilhabe.monitoring import services
from teilhabe.monitoring.forms import IndicatorDeleteForm, IndicatorForm
from teilhabe.monitoring.models import Indicator
from teilhabe.monitoring.views import staff_reads
from teilhabe.monitoring.views.staff import page, staff_url

TEXTS = ("name", "definition", "relevance", "data_source", "method_notes")


def _indicator(request: HttpRequest, pk: int) -> Indicator:
    try:
        return staff_reads.indicator_get(body=current_body(request), pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


@require_safe
@staff_view
def indicator_list(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "monitoring/staff/indicators.html",
        {"indicators": staff_reads.indicator_list(body=current_body(request))},
    )


def _form_page(request: HttpRequest, form: IndicatorForm, title: str) -> HttpResponse:
    return page(
        request,
        "monitoring/staff/indicator_form.html",
        {"form": form, "title": title, "cancel_url": staff_url(request, "indicators")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def indicator_create(request: HttpRequest) -> HttpResponseBase:
    body = current_body(request)
    form = IndicatorForm(request.POST if request.method == "POST" else None, body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run_service(
            form,
            lambda: services.indicator_create(
                body=body,
                code=data["code"],
                numerator=data["numerator_pairs"],
                denominator=data["denominator_pairs"],
                **{name: data[name] for name in TEXTS},
            ),
        )
        if created is not None:
            messages.success(
                request, _("Der Indikator „%(name)s“ wurde angelegt.") % {"name": created}
            )
            return redirect(staff_url(request, "indicators"))
    return _form_page(request, form, _("Eigenen Indikator anlegen"))


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    body = current_body(request)
    indicator = _indicator(request, pk)
    if request.method == "POST":
        form = IndicatorForm(
            request.POST, body=body, editing=True, initial={"code": indicator.code}
        )
    else:
        form = IndicatorForm(body=body, editing=True, initial=IndicatorForm.initial_of(indicator))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.indicator_update(
                indicator=indicator,
                expected_version=data["version"] or 0,
                numerator=data["numerator_pairs"],
                denominator=data["denominator_pairs"],
                **{name: data[name] for name in TEXTS},
            ),
        )
        if saved is not None:
            messages.success(
                request, _("Der Indikator „%(name)s“ wurde gespeichert.") % {"name": saved}
            )
            return redirect(staff_url(request, "indicators"))
    return _form_page(request, form, _("Indikator „%(name)s“ bearbeiten") % {"name": indicator})


@require_POST
@staff_view
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Without `confirmed`: the question; with it, the indicator is removed."""
    body = current_body(request)
    indicator = _indicator(request, pk)
    if request.POST.get("confirmed") != "1":
        return page(
            request,
            "monitoring/staff/confirm_delete.html",
            {
                "question": _(
                    "Den Indikator „%(name)s“ löschen? Er wird dann nirgends mehr berechnet; "
                    "Ziele, die ihn nennen, zeigen keinen Wert mehr."
                )
                % {"name": indicator},
                "seen_version": request.POST.get("version", ""),
                "cancel_url": staff_url(request, "indicators"),
            },
        )
    form = IndicatorDeleteForm(request.POST, body=body)
    if form.is_valid():
        run_service(
            form,
            lambda: services.indicator_delete(
                indicator=indicator, expected_version=form.cleaned_data["version"]
            ),
        )
    if form.errors:
        messages.error(request, error_text(form))
    else:
        messages.success(
            request, _("Der Indikator „%(name)s“ wurde gelöscht.") % {"name": indicator}
        )
    return redirect(staff_url(request, "indicators"))
