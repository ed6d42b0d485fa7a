"""Open data: a version's measures as CSV, Excel (xlsx) and JSON, one row per measure.

Each export holds what the user may see on the version's page (a draft only for the
body's staff and the drafting AG; a 404 for everyone else), and is downloaded under a
file name made of the concept's title and the version number.

- CSV is written for German spreadsheet programs: UTF-8 with a byte order mark, `;`
  between the columns, decimals with a comma and no thousands separator (1234,50), dates
  as ISO 8601 (2026-03-01). A text that a spreadsheet would take for a formula (one
  starting with =, +, -, @) is prefixed with an apostrophe.
- Excel holds real numbers (euros formatted as such) and real dates; texts stay texts.
- JSON is for programs: ISO 8601 dates, amounts and progress as decimal strings
  ("1234.50"), status and decision both as their code and their label.

The goals a measure serves come with the indicator each names (its code; in JSON also its
name) and its target: value, district (none: the whole city) and year.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_safe

from teilhabe.concept import selectors
from teilhabe.concept.models import ConceptVersion
from teilhabe.core.bodies import body_view
from teilhabe.core.http import get_or_404
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Paper

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_TYPE = "application/json; charset=utf-8"

# Characters that make a spreadsheet cell a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | Decimal | dt.date | None


def _body(request: HttpRequest) -> Body:
    return request.current_body  # type: ignore[attr-defined]


def _resolution_text(item: AgendaItem | None) -> str:
    if item is None:
        return ""
    return gettext("%(meeting)s am %(date)s, TOP %(number)s: %(name)s") % {
        "meeting": item.meeting.title,
        "date": formats.date_format(timezone.localdate(item.meeting.start), "SHORT_DATE_FORMAT"),
        "number": item.number or "–",
        "name": item.name,
    }


def _paper_text(paper: Paper | None) -> str:
    if paper is None:
        return ""
    return f"{paper.reference}: {paper.name}" if paper.reference else paper.name


def _goals_text(row: selectors.ExportRow) -> str:
    return "; ".join(f"{number}. {title}" for number, title in row.goals)


def _named(row: selectors.ExportRow) -> list[tuple[int, selectors.Target]]:
    """(number, target) of the row's goals that name an indicator."""
    return [
        (number, target)
        for (number, _title), target in zip(row.goals, row.targets, strict=True)
        if target is not None
    ]


def _indicators_text(row: selectors.ExportRow) -> str:
    return "; ".join(f"{number}. {target.code}" for number, target in _named(row))


def _targets_text(row: selectors.ExportRow) -> str:
    """Each goal's target as „1. 25,0 % (Gesamtstadt, 2030)“; without a value only where."""
    return "; ".join(
        f"{number}. {target.value_text} ({target.details})"
        if target.value is not None
        else f"{number}. ({target.details})"
        for number, target in _named(row)
    )


# The columns of CSV and Excel: (label, value of a row). ---------------------------------------

Column = tuple[Any, Callable[[ConceptVersion, selectors.ExportRow, str], Cell]]
PLANNED_COST = gettext_lazy("geplante Kosten in Euro")
ACTUAL_COST = gettext_lazy("tatsächliche Kosten in Euro")

COLUMNS: list[Column] = [
    (gettext_lazy("Version"), lambda v, r, url: v.number),
    (gettext_lazy("Nr. Handlungsfeld"), lambda v, r, url: r.field_number),
    (gettext_lazy("Handlungsfeld"), lambda v, r, url: r.field_title),
    (gettext_lazy("Nr."), lambda v, r, url: r.measure.number),
    (gettext_lazy("Maßnahme"), lambda v, r, url: r.measure.title),
    (gettext_lazy("Ziele"), lambda v, r, url: _goals_text(r)),
    (gettext_lazy("Indikatoren der Ziele"), lambda v, r, url: _indicators_text(r)),
    (gettext_lazy("Zielwerte der Ziele"), lambda v, r, url: _targets_text(r)),
    (gettext_lazy("Status"), lambda v, r, url: r.status_label),
    (gettext_lazy("Status seit"), lambda v, r, url: r.status_since),
    (gettext_lazy("Fortschritt in Prozent"), lambda v, r, url: r.progress),
    (gettext_lazy("Beginn"), lambda v, r, url: r.start_date),
    (gettext_lazy("Ende"), lambda v, r, url: r.end_date),
    (PLANNED_COST, lambda v, r, url: r.planned_cost),
    (ACTUAL_COST, lambda v, r, url: r.actual_cost),
    (gettext_lazy("Finanzierung"), lambda v, r, url: r.funding_source),
    (gettext_lazy("Zuständig"), lambda v, r, url: r.responsible),
    (gettext_lazy("Beschlussstand"), lambda v, r, url: r.decision_label),
    (gettext_lazy("beschlossen am"), lambda v, r, url: r.adopted_on),
    (gettext_lazy("Beschluss"), lambda v, r, url: _resolution_text(r.adopted_by)),
    (gettext_lazy("Antrag an den Stadtrat"), lambda v, r, url: _paper_text(r.motion)),
    (gettext_lazy("Adresse"), lambda v, r, url: url),
]
MONEY_COLUMNS = {i for i, (label, _v) in enumerate(COLUMNS) if label in (PLANNED_COST, ACTUAL_COST)}


def _export(
    request: HttpRequest, pk: int
) -> tuple[ConceptVersion, list[selectors.ExportRow], Callable[[selectors.ExportRow], str]]:
    body, user = _body(request), request.user
    version = get_or_404(selectors.version_get, body=body, user=user, pk=pk)
    rows = selectors.export_rows(body=body, version=version, user=user)

    def url_for(row: selectors.ExportRow) -> str:
        return request.build_absolute_uri(
            reverse("concept:measure_detail", kwargs={"body": body.slug, "pk": row.measure.pk})
        )

    return version, rows, url_for


def file_name(version: ConceptVersion, extension: str) -> str:
    """e.g. integrationskonzept-2-0.csv (ASCII only, safe in a header)."""
    stem = slugify(f"{version.concept.title} {version.number}".replace(".", "-"))
    return f"{stem or 'integrationskonzept'}.{extension}"


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# CSV ------------------------------------------------------------------------------------------


def _csv_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return _csv_text(str(value))


@require_safe
@body_view
def version_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    version, rows, url_for = _export(request, pk)
    response = HttpResponse(content_type=CSV_TYPE)
    response.write("\ufeff")  # the byte order mark: spreadsheets then read UTF-8
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_text(str(label)) for label, _value in COLUMNS])
    for row in rows:
        writer.writerow([_csv_cell(value(version, row, url_for(row))) for _label, value in COLUMNS])
    return _attachment(response, file_name(version, "csv"))


# Excel ----------------------------------------------------------------------------------------


@require_safe
@body_view
def version_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    version, rows, url_for = _export(request, pk)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Maßnahmen")[:31]
    sheet.append([str(label) for label, _value in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column_index, (_label, value) in enumerate(COLUMNS):
            cell_value = value(version, row, url_for(row))
            cell = sheet.cell(row=row_number, column=column_index + 1)
            cell.value = cell_value
            if isinstance(cell_value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(cell_value, dt.date):
                cell.number_format = "DD.MM.YYYY"
            elif column_index in MONEY_COLUMNS and cell_value is not None:
                cell.number_format = '#,##0.00 "€"'
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    return _attachment(response, file_name(version, "xlsx"))


# JSON -----------------------------------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _decimal(value: Decimal | None) -> str | None:
    return format(value, "f") if value is not None else None


def _resolution_json(item: AgendaItem | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "meeting": item.meeting.title,
        "organization": item.meeting.organization.name,
        "date": timezone.localdate(item.meeting.start).isoformat(),
        "agenda_item": item.number,
        "name": item.name,
        "result": item.result,
    }


def _paper_json(paper: Paper | None) -> dict[str, Any] | None:
    if paper is None:
        return None
    return {
        "reference": paper.reference,
        "name": paper.name,
        "type": paper.paper_type,
        "date": _iso(paper.date),
    }


def _target_json(target: selectors.Target | None) -> dict[str, Any]:
    """A goal's indicator and target; both None when it names no indicator."""
    if target is None:
        return {"indicator": None, "target": None}
    district = target.district
    return {
        "indicator": {"code": target.code, "name": target.name},
        "target": {
            "value": _decimal(target.value),
            "district": {"code": district.code, "name": district.name}
            if district is not None
            else None,
            "year": target.year,
        },
    }


def _measure_json(version: ConceptVersion, row: selectors.ExportRow, url: str) -> dict[str, Any]:
    measure = row.measure
    return {
        "id": measure.pk,
        "url": url,
        "number": measure.number,
        "title": measure.title,
        "field": {"number": row.field_number, "title": row.field_title},
        "goals": [
            {"number": number, "title": title, **_target_json(target)}
            for (number, title), target in zip(row.goals, row.targets, strict=True)
        ],
        "status": row.status,
        "status_label": row.status_label,
        "status_since": _iso(row.status_since),
        "progress": _decimal(row.progress),
        "start_date": _iso(row.start_date),
        "end_date": _iso(row.end_date),
        "planned_cost": _decimal(row.planned_cost),
        "actual_cost": _decimal(row.actual_cost),
        "currency": "EUR",
        "funding_source": row.funding_source,
        "responsible": row.responsible,
        "decision": row.decision,
        "decision_label": row.decision_label,
        "adopted_on": _iso(row.adopted_on),
        "adopted_by": _resolution_json(row.adopted_by),
        "motion": _paper_json(row.motion),
    }


@require_safe
@body_view
def version_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    version, rows, url_for = _export(request, pk)
    document = {
        "concept": version.concept.title,
        "version": {
            "id": version.pk,
            "number": version.number,
            "title": version.title,
            "state": version.state,
            "adopted_on": _iso(version.adopted_on),
            "in_force_from": _iso(version.in_force_from),
            "in_force_until": _iso(version.in_force_until),
        },
        "measures": [_measure_json(version, row, url_for(row)) for row in rows],
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type=JSON_TYPE
    )
    return _attachment(response, file_name(version, "json"))
