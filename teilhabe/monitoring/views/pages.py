"""Public pages of the integration monitoring: the map of an indicator with its table, a
district's profile with its time series, and the comparison of all districts.

Everything here is public reference data, for everyone. A query parameter that names
nothing (an indicator, a reference date, a way of classing) is named in a message and
replaced by the default, never an error; an unknown district is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from teilhabe.core.bodies import body_view
from teilhabe.core.pagecache import public_page
from teilhabe.districts.models import District, Level
from teilhabe.monitoring import indicators, maps
from teilhabe.monitoring.catalogue import IndicatorDefinition, Kind
from teilhabe.monitoring.confidentiality import Shown
from teilhabe.monitoring.views import common

# How many snapshots a profile's time series shows at most (the newest).
SERIES_LENGTH = 10


@dataclass(frozen=True)
class Row:
    district: District
    parent: District | None
    shown: Shown | None


@dataclass(frozen=True)
class ProfileRow:
    definition: IndicatorDefinition
    label: str
    here: Shown | None
    city: Shown | None


@dataclass(frozen=True)
class SeriesRow:
    definition: IndicatorDefinition
    cells: list[Shown | None]


def category_label(code: str) -> str:
    """A category code as a label: "0_5" -> "0–5", "65_plus" -> "65+"."""
    return code.replace("_plus", "+").replace("_", "–")


def city_code(districts: list[District]) -> str:
    return next((d.code for d in districts if d.level == Level.CITY), indicators.CITY)


def _method(request: HttpRequest, problems: list[str]) -> maps.Method:
    raw = request.GET.get(common.METHOD_PARAM, "").strip()
    if not raw:
        return maps.Method.QUANTILES
    if raw in {m.value for m in maps.Method}:
        return maps.Method(raw)
    problems.append(
        gettext(
            "Eine Klasseneinteilung „%(value)s“ gibt es nicht. Die Klassen werden nach "
            "Quantilen gebildet."
        )
        % {"value": common.shown_param(raw)}
    )
    return maps.Method.QUANTILES


def _indicator(
    request: HttpRequest, choices: list[IndicatorDefinition], problems: list[str]
) -> IndicatorDefinition:
    by_code = {d.code: d for d in choices}
    default = by_code.get(common.DEFAULT_INDICATOR, choices[0])
    raw = request.GET.get(common.INDICATOR_PARAM, "").strip()
    if not raw:
        return default
    if raw in by_code:
        return by_code[raw]
    problems.append(
        gettext("Einen Indikator „%(value)s“ gibt es hier nicht. Gezeigt wird „%(default)s“.")
        % {"value": common.shown_param(raw), "default": default.name}
    )
    return default


def _profile_url(body_slug: str, code: str) -> str:
    return reverse("monitoring:district", kwargs={"body": body_slug, "code": code})


@require_safe
@body_view
@public_page
def index(request: HttpRequest) -> HttpResponse:
    """The map of an indicator on a reference date, and the same values as a table."""
    body = common.body_of(request)
    snapshots = common.snapshots_of(body)
    if not snapshots:
        return render(request, "monitoring/empty.html")
    problems: list[str] = []
    snapshot = common.choose_snapshot(request, snapshots, problems)
    definitions = common.definitions_of(body)
    by_code = {d.code: d for d in definitions}
    earlier = common.earlier_of(snapshot, snapshots)
    choices = common.scalar_definitions(definitions, with_changes=earlier is not None)
    chosen = _indicator(request, choices, problems)
    method = _method(request, problems)
    table = common.Table(
        common.figures_by_snapshot(body, [snapshot], snapshots, definitions)[snapshot.pk]
    )
    districts = common.districts_of(body)
    by_pk = {d.pk: d for d in districts}
    rows = [
        Row(d, by_pk.get(d.parent_id or 0), table.shown(chosen.code, d.code))
        for d in common.leaves(districts)
    ]
    unit = common.unit_of(chosen, by_code)
    areas = [
        maps.MapArea(
            code=row.district.code,
            name=row.district.name,
            geometry=row.district.geometry,
            text=row.shown.text if row.shown else "x",
            value=row.shown.value if row.shown else None,
            suppressed=bool(row.shown and row.shown.suppressed),
            href=_profile_url(body.slug, row.district.code),
        )
        for row in rows
    ]
    date_text = f"{snapshot.reference_date:%d.%m.%Y}"
    title = gettext("%(indicator)s am %(date)s") % {"indicator": chosen.name, "date": date_text}
    description = gettext(
        "Karte der Quartiere, eingefärbt und gemustert nach %(method)s in fünf Klassen. "
        "Dieselben Werte stehen in der Tabelle unter der Karte."
    ) % {
        "method": gettext("Quantilen")
        if method is maps.Method.QUANTILES
        else gettext("gleich großen Intervallen")
    }
    svg = maps.choropleth(areas, title=title, description=description, method=method, unit=unit)
    return render(
        request,
        "monitoring/index.html",
        {
            "snapshot": snapshot,
            "snapshots": snapshots,
            "problems": problems,
            "choices": choices,
            "chosen": chosen,
            "method": method,
            "methods": [
                (maps.Method.QUANTILES.value, gettext("Quantile")),
                (maps.Method.EQUAL.value, gettext("gleiche Intervalle")),
            ],
            "rows": rows,
            "has_values": any(row.shown is not None for row in rows),
            "city_shown": table.shown(chosen.code, city_code(districts)),
            "map": svg,
            "map_title": title,
            "legend": maps.legend(areas, method, unit),
            "snapshot_param": common.SNAPSHOT_PARAM,
            "indicator_param": common.INDICATOR_PARAM,
            "method_param": common.METHOD_PARAM,
            **common.signs(snapshot, [], (f for f in table.figures if f.indicator == chosen.code)),
        },
    )


def _profile_rows(
    definitions: list[IndicatorDefinition], table: common.Table, here: str, city: str
) -> tuple[list[ProfileRow], list[ProfileRow]]:
    """(rows for the district against the city, rows of the city only)."""
    rows: list[ProfileRow] = []
    city_only: list[ProfileRow] = []
    for definition in definitions:
        name = str(definition.name)
        if definition.kind in common.SCALAR_KINDS:
            if (definition.code, city, "") in table.by_key:
                rows.append(
                    ProfileRow(
                        definition,
                        name,
                        table.shown(definition.code, here),
                        table.shown(definition.code, city),
                    )
                )
        elif definition.kind is Kind.DISTRIBUTION:
            keys = sorted(
                {f.key for f in table.figures if f.indicator == definition.code and f.area == city}
            )
            for key in keys:
                rows.append(
                    ProfileRow(
                        definition,
                        f"{name}: {category_label(key)}",
                        table.shown(definition.code, here, key),
                        table.shown(definition.code, city, key),
                    )
                )
        else:
            for figure in table.figures:
                if figure.indicator == definition.code and figure.area == city:
                    label = f"{name}: {figure.rank}. {figure.key}" if figure.rank else name
                    city_only.append(ProfileRow(definition, label, None, figure.shown))
    return rows, city_only


@require_safe
@body_view
@public_page
def district(request: HttpRequest, code: str) -> HttpResponse:
    """A district: every indicator against the city, over the snapshots."""
    body = common.body_of(request)
    districts = common.districts_of(body)
    current = next((d for d in districts if d.code == code), None)
    if current is None:
        raise Http404
    by_pk = {d.pk: d for d in districts}
    parent = by_pk.get(current.parent_id or 0)
    children = [d for d in districts if d.parent_id == current.pk]
    snapshots = common.snapshots_of(body)
    context: dict[str, object] = {
        "district": current,
        "parent": parent,
        "children": children,
        "level_label": common.level_label(current.level),
        "snapshots": snapshots,
    }
    if not snapshots:
        return render(request, "monitoring/district.html", context)
    problems: list[str] = []
    snapshot = common.choose_snapshot(request, snapshots, problems)
    definitions = common.definitions_of(body)
    series = sorted(snapshots[:SERIES_LENGTH], key=lambda s: s.reference_date)
    wanted = list({s.pk: s for s in [*series, snapshot]}.values())
    figures = common.figures_by_snapshot(body, wanted, snapshots, definitions)
    city = city_code(districts)
    rows, city_only = _profile_rows(definitions, common.Table(figures[snapshot.pk]), code, city)
    tables = {pk: common.Table(found) for pk, found in figures.items()}
    series_rows = [
        SeriesRow(d, [tables[s.pk].shown(d.code, code) for s in series])
        for d in definitions
        if d.kind in {Kind.COUNT, Kind.SHARE, Kind.LOCATION_QUOTIENT}
        and any(tables[s.pk].shown(d.code, code) is not None for s in series)
    ]
    context.update(
        {
            "snapshot": snapshot,
            "problems": problems,
            "rows": rows,
            "city_only": city_only,
            "city_name": common.area_name(city, {d.code: d for d in districts}, body),
            "series": series,
            "series_rows": series_rows,
            "snapshot_param": common.SNAPSHOT_PARAM,
            **common.signs(
                snapshot,
                series,
                (f for found in figures.values() for f in found if f.area in (code, city)),
            ),
        }
    )
    return render(request, "monitoring/district.html", context)


@require_safe
@body_view
@public_page
def comparison(request: HttpRequest) -> HttpResponse:
    """All districts by all indicators with one value per district, on a reference date."""
    body = common.body_of(request)
    snapshots = common.snapshots_of(body)
    if not snapshots:
        return render(request, "monitoring/empty.html")
    problems: list[str] = []
    snapshot = common.choose_snapshot(request, snapshots, problems)
    definitions = common.definitions_of(body)
    table = common.Table(
        common.figures_by_snapshot(body, [snapshot], snapshots, definitions)[snapshot.pk]
    )
    districts = common.districts_of(body)
    city = city_code(districts)
    columns = [
        d
        for d in common.scalar_definitions(definitions, with_changes=True)
        if (d.code, city, "") in table.by_key
    ]
    city_name = common.area_name(city, {d.code: d for d in districts}, body)
    areas = ([] if any(d.code == city for d in districts) else [(city, city_name, None)]) + [
        (d.code, d.name, d) for d in districts
    ]
    matrix = [
        (code, name, item, [table.shown(c.code, code) for c in columns])
        for code, name, item in areas
    ]
    return render(
        request,
        "monitoring/comparison.html",
        {
            "snapshot": snapshot,
            "snapshots": snapshots,
            "problems": problems,
            "columns": columns,
            "matrix": matrix,
            "snapshot_param": common.SNAPSHOT_PARAM,
            **common.signs(snapshot, [], table.figures),
        },
    )
