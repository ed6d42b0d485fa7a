"""Measures from a spreadsheet: the template to fill in, and the upload that imports it.

The upload is read by `spreadsheet.read_table` (size, type and zip-bomb checks; a refusal
is a message at the file field, never an error page) and imported by
`services.measures_import`, all rows or none. The page reports row by row what was wrong
and how many measures were imported, or that nothing was imported and why.

The table speaks the body's official language (German) whatever the page's language:
its column headers, the statuses typed into it and the report on its rows. So a template
downloaded by one person reads back for another, and the report quotes the table's words.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from teilhabe.concept.forms import MeasuresUploadForm
from teilhabe.concept.forms import choices as form_choices
from teilhabe.concept.import_errors import MeasuresImportRefused
from teilhabe.concept.services.imports import MeasuresImport, measures_import
from teilhabe.concept.spreadsheet import read_table
from teilhabe.concept.spreadsheet.template import template_xlsx
from teilhabe.concept.views.staff_common import (
    EDIT_MEASURE,
    body_of,
    concept_view,
    page,
    version_or_404,
    version_url,
    writable,
)
from teilhabe.council.views.staff import run_service

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@concept_view
def spreadsheet_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The XLSX template for the version's measures, naming its fields and goals."""
    version = version_or_404(request, pk, EDIT_MEASURE)
    with translation.override(settings.LANGUAGE_CODE):
        content = _template(version)
    response = HttpResponse(content, content_type=XLSX)
    name = slugify(f"massnahmen-{version.concept.title}-{version.number}") or "massnahmen"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _template(version: Any) -> bytes:
    return template_xlsx(
        version_title=_("%(concept)s, Version %(number)s")
        % {"concept": version.concept.title, "number": version.number},
        fields=list(form_choices.fields_of(version)),
        goals=list(form_choices.goals_of(version).select_related("action_field")),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def import_measures(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_or_404(request, pk, EDIT_MEASURE)
    body = body_of(request)
    posted = request.method == "POST"
    form = MeasuresUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        body=body,
        user=request.user,
    )
    context: dict[str, Any] = {}
    if posted and form.is_valid():
        with translation.override(settings.LANGUAGE_CODE):
            rows = run_service(
                form,
                lambda: read_table(form.cleaned_data["file"]),
                fields={"upload_rejected": "file"},
            )
            if rows is not None:
                context = _import(form, version, rows)
    return page(
        request,
        "concept/staff/import.html",
        {
            "form": form,
            "version": version,
            "title": _("Maßnahmen aus einer Tabelle übernehmen"),
            "subtitle": _("%(concept)s, Version %(number)s")
            % {"concept": version.concept.title, "number": version.number},
            "submit_label": _("Tabelle prüfen und importieren"),
            "multipart": True,
            "cancel_url": version_url(request, version),
            "editable": writable(request, version),
            **context,
        },
    )


def _import(form: MeasuresUploadForm, version: Any, rows: list[Any]) -> dict[str, Any]:
    """Import the rows; the report names every row with a problem (skipped or, when
    nothing was imported, the reason), and the measures created."""
    refused: list[Any] = []

    def call() -> MeasuresImport:
        try:
            return measures_import(
                concept_version=version, rows=rows, skip_invalid=form.cleaned_data["skip_invalid"]
            )
        except MeasuresImportRefused as exc:
            refused.extend(exc.rows)
            raise

    result = run_service(form, call)
    checked = result.rows if result is not None else refused
    return {
        "result": result,
        "row_count": len(checked),
        "report_rows": [row for row in checked if not row.valid],
    }
