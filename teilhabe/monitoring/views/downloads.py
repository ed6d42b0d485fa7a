"""Open data: a snapshot's indicator table as CSV, Excel (xlsx) and GeoJSON.

The figures are the pages' (`common.figures_by_snapshot`, protected by `indicators`), so
no download shows more than a page. A suppressed figure has no value, only its sign "."
and `suppressed`; a figure too uncertain ("/") or not applicable ("x") has no value either.
Every row says how the snapshot is protected (the last column, "Geheimhaltung": small
counts suppressed, or values moved by the Cell-Key Method; GeoJSON: `protection`).

- CSV for German spreadsheet programs: UTF-8 with a byte order mark, `;` between columns,
  decimal comma, one row per figure (long format).
- Excel: the same rows with real numbers.
- GeoJSON (RFC 7946, WGS 84): every district with its figures as properties
  (`indicators`: code -> {value, shown, suppressed}); a suppressed value is null.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_safe

from teilhabe.core.bodies import body_view
from teilhabe.core.models import Body
from teilhabe.monitoring import indicators
from teilhabe.monitoring.models import Protection, Snapshot
from teilhabe.monitoring.views import common

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON_TYPE = "application/geo+json; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER = (
    gettext_lazy("Stichtag"),
    gettext_lazy("Gebietsschlüssel"),
    gettext_lazy("Gebiet"),
    gettext_lazy("Ebene"),
    gettext_lazy("Indikator (Kennung)"),
    gettext_lazy("Indikator"),
    gettext_lazy("Ausprägung"),
    gettext_lazy("Rang"),
    gettext_lazy("Wert"),
    gettext_lazy("Wert wie veröffentlicht"),
    gettext_lazy("geheim gehalten"),
    gettext_lazy("Geheimhaltung"),
)


def _snapshot(body: Body, reference_date: str) -> tuple[Snapshot, list[Snapshot]]:
    snapshots = common.snapshots_of(body)
    try:
        day = dt.date.fromisoformat(reference_date)
    except ValueError:
        raise Http404 from None
    found = next((s for s in snapshots if s.reference_date == day), None)
    if found is None:
        raise Http404
    return found, snapshots


SHOWN = 9  # the column of the text as published
Line = tuple[str, str, str, str, str, str, str, int | None, int | Decimal | None, str, bool, str]


def _lines(request: HttpRequest, reference_date: str) -> tuple[Snapshot, list[Line]]:
    """The snapshot and its figures as rows, ordered by area and indicator."""
    body = common.body_of(request)
    snapshot, snapshots = _snapshot(body, reference_date)
    definitions = common.definitions_of(body)
    names = {d.code: str(d.name) for d in definitions}
    figures = common.figures_by_snapshot(body, [snapshot], snapshots, definitions)[snapshot.pk]
    districts = {d.code: d for d in common.districts_of(body)}
    order = {d.code: i for i, d in enumerate(definitions)}
    protection = str(Protection(snapshot.protection).label)
    lines: list[Line] = []
    for figure in sorted(
        figures, key=lambda f: (f.area, order.get(f.indicator, 0), f.rank or 0, f.key)
    ):
        district = districts.get(figure.area)
        lines.append(
            (
                snapshot.reference_date.isoformat(),
                figure.area,
                common.area_name(figure.area, districts, body),
                common.level_label(district.level) if district else gettext("Stadt"),
                figure.indicator,
                names.get(figure.indicator, figure.indicator),
                figure.key,
                figure.rank,
                figure.shown.value,
                figure.shown.text,
                figure.shown.suppressed,
                protection,
            )
        )
    return snapshot, lines


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nein")
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@require_safe
@body_view
def table_csv(request: HttpRequest, reference_date: str) -> HttpResponse:
    snapshot, lines = _lines(request, reference_date)
    response = HttpResponse(content_type=CSV_TYPE)
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(label) for label in HEADER])
    for line in lines:
        # The published text is made by `indicators` (digits, signs), never typed in: a
        # change such as "-20" is written as it is shown.
        writer.writerow(
            [
                *(_csv_cell(value) for value in line[:SHOWN]),
                line[SHOWN],
                *(_csv_cell(v) for v in line[SHOWN + 1 :]),
            ]
        )
    return _attachment(response, common.file_stem(common.body_of(request), snapshot) + ".csv")


@require_safe
@body_view
def table_xlsx(request: HttpRequest, reference_date: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    snapshot, lines = _lines(request, reference_date)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Indikatoren")[:31]
    sheet.append([str(label) for label in HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, line in enumerate(lines, start=2):
        for column, value in enumerate(line, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, bool):
                cell.value = gettext("ja") if value else gettext("nein")
            else:
                cell.value = value
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    return _attachment(response, common.file_stem(common.body_of(request), snapshot) + ".xlsx")


def _json_value(value: int | Decimal | None) -> int | float | None:
    if value is None or isinstance(value, int):
        return value
    return float(value)


def _properties(figures: Iterator[indicators.Figure]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for figure in figures:
        name = f"{figure.indicator}.{figure.key}" if figure.key else figure.indicator
        result[name] = {
            "value": None if figure.shown.suppressed else _json_value(figure.shown.value),
            "shown": figure.shown.text,
            "suppressed": figure.shown.suppressed,
        }
    return result


@require_safe
@body_view
def table_geojson(request: HttpRequest, reference_date: str) -> HttpResponse:
    body = common.body_of(request)
    snapshot, snapshots = _snapshot(body, reference_date)
    definitions = common.definitions_of(body)
    figures = common.figures_by_snapshot(body, [snapshot], snapshots, definitions)[snapshot.pk]
    districts = common.districts_of(body)
    by_pk = {d.pk: d for d in districts}
    by_area: dict[str, list[indicators.Figure]] = {}
    for figure in figures:
        by_area.setdefault(figure.area, []).append(figure)
    features = [
        {
            "type": "Feature",
            "id": district.code,
            "bbox": list(district.bbox),
            "geometry": district.geometry,
            "properties": {
                "code": district.code,
                "name": district.name,
                "level": district.level,
                "parent": by_pk[district.parent_id].code if district.parent_id in by_pk else None,
                "reference_date": snapshot.reference_date.isoformat(),
                "protection": snapshot.protection,
                "indicators": _properties(iter(by_area.get(district.code, []))),
            },
        }
        for district in districts
    ]
    document = {"type": "FeatureCollection", "features": features}
    response = HttpResponse(json.dumps(document, ensure_ascii=False), content_type=GEOJSON_TYPE)
    return _attachment(response, common.file_stem(body, snapshot) + ".geojson")
