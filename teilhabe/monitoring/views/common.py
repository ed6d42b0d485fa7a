"""What the monitoring's public pages and downloads share: the body's snapshots and
districts, the figures of chosen snapshots, and the query parameters.

Every value shown comes from `indicators.compute` (through `figures_by_snapshot`), the one
place that protects the figures (by suppression or by the Cell-Key Method, as each
snapshot chose); pages, maps and downloads only arrange its `Figure`s. The
reads are a fixed number of queries whatever the number of districts or snapshots: the
snapshots, the districts, the hierarchy, the body's own indicators, and the counts of the
snapshots asked for (with the one before each) in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext

from teilhabe.core.models import Body
from teilhabe.districts.models import District, Level
from teilhabe.monitoring import indicators, selectors
from teilhabe.monitoring.catalogue import IndicatorDefinition, Kind
from teilhabe.monitoring.confidentiality import CellKey, Shown
from teilhabe.monitoring.confidentiality.primary import PERCENT
from teilhabe.monitoring.models import Count, Indicator, Snapshot

SNAPSHOT_PARAM = "stichtag"
INDICATOR_PARAM = "indikator"
METHOD_PARAM = "einteilung"
DEFAULT_INDICATOR = "foreigners_share"
SHOWN_VALUE_LENGTH = 40
# Indicators with one value per district: they can be mapped and compared.
SCALAR_KINDS = {Kind.COUNT, Kind.SHARE, Kind.LOCATION_QUOTIENT, Kind.CHANGE}


def body_of(request: HttpRequest) -> Body:
    return request.current_body  # type: ignore[attr-defined]


def shown_param(raw: str) -> str:
    text = "".join(ch for ch in raw if ch.isprintable()).strip()
    return text[:SHOWN_VALUE_LENGTH] + ("…" if len(text) > SHOWN_VALUE_LENGTH else "")


def snapshots_of(body: Body) -> list[Snapshot]:
    """The body's alive snapshots, the newest first."""
    return list(Snapshot.objects.alive().filter(body=body).order_by("-reference_date", "pk"))


def districts_of(body: Body) -> list[District]:
    return list(District.objects.alive().filter(body=body).order_by("code", "pk"))


def definitions_of(body: Body) -> list[IndicatorDefinition]:
    """The catalogue's indicators and the body's own."""
    return [
        *indicators.DEFINITIONS,
        *(
            indicators.custom_definition(row)
            for row in Indicator.objects.alive().filter(body=body).order_by("code", "pk")
        ),
    ]


def earlier_of(snapshot: Snapshot, snapshots: Sequence[Snapshot]) -> Snapshot | None:
    """The snapshot just before `snapshot` (for the indicators of change)."""
    older = [s for s in snapshots if s.reference_date < snapshot.reference_date]
    return max(older, key=lambda s: s.reference_date) if older else None


def figures_by_snapshot(
    body: Body,
    wanted: Sequence[Snapshot],
    snapshots: Sequence[Snapshot],
    definitions: Sequence[IndicatorDefinition],
) -> dict[int, list[indicators.Figure]]:
    """Every figure of each snapshot in `wanted`, computed by `indicators.compute` with the
    snapshot before it for the changes."""
    if not wanted:
        return {}
    earlier = {s.pk: earlier_of(s, snapshots) for s in wanted}
    needed = {s.pk for s in wanted} | {s.pk for s in earlier.values() if s is not None}
    perturbed = {s.pk for s in [*wanted, *earlier.values()] if s is not None and s.perturbed}
    counts: dict[int, dict[CellKey, int]] = {pk: {} for pk in needed}
    keys: dict[int, dict[CellKey, int]] = {pk: {} for pk in perturbed}
    rows = Count.objects.filter(snapshot_id__in=needed).values_list(
        "snapshot_id", "characteristic", "category", "district__code", "value", "key"
    )
    for snapshot_id, characteristic, category, code, value, key in rows:
        counts[snapshot_id][(characteristic, category, code)] = value
        if snapshot_id in perturbed and key is not None:
            keys[snapshot_id][(characteristic, category, code)] = key
    parent_of, city = selectors.area_hierarchy(body)
    result = {}
    for snapshot in wanted:
        before = earlier[snapshot.pk]
        result[snapshot.pk] = indicators.compute(
            counts[snapshot.pk],
            parent_of=parent_of,
            city=city,
            definitions=definitions,
            earlier=counts[before.pk] if before is not None else None,
            cell_keys=keys.get(snapshot.pk),
            earlier_cell_keys=keys.get(before.pk) if before is not None else None,
        )
    return result


def signs(
    snapshot: Snapshot, shown: Iterable[Snapshot], figures: Iterable[indicators.Figure]
) -> dict[str, Any]:
    """What the explanation of signs (`monitoring/_signs.html`) says below the figures of
    `snapshot` and of the other snapshots `shown` (a time series): "." only where one of
    them is protected by suppression or a figure is suppressed (a change against such a
    snapshot); whether the Cell-Key Method moved the values of `snapshot`, and the dates
    of the others whose values it moved."""
    snapshots = list(shown)
    return {
        "suppressed_sign": not snapshot.perturbed
        or any(not s.perturbed for s in snapshots)
        or any(f.shown.suppressed for f in figures),
        "perturbed": snapshot.perturbed,
        "perturbed_others": sorted(
            s.reference_date for s in snapshots if s.perturbed and s.pk != snapshot.pk
        ),
    }


def choose_snapshot(
    request: HttpRequest, snapshots: Sequence[Snapshot], problems: list[str]
) -> Snapshot:
    """The snapshot of `?stichtag=YYYY-MM-DD`, else the newest (with a message when the
    date asked for has none); `snapshots` is not empty."""
    raw = request.GET.get(SNAPSHOT_PARAM, "").strip()
    if not raw:
        return snapshots[0]
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        day = None
    found = next((s for s in snapshots if s.reference_date == day), None)
    if found is None:
        problems.append(
            gettext(
                "Einen Datenstand zum Stichtag „%(value)s“ gibt es nicht. "
                "Gezeigt wird der neueste Datenstand."
            )
            % {"value": shown_param(raw)}
        )
        return snapshots[0]
    return found


def scalar_definitions(
    definitions: Iterable[IndicatorDefinition], with_changes: bool
) -> list[IndicatorDefinition]:
    return [
        d
        for d in definitions
        if d.kind in SCALAR_KINDS and (with_changes or d.kind is not Kind.CHANGE)
    ]


def unit_of(definition: IndicatorDefinition, by_code: dict[str, IndicatorDefinition]) -> str:
    if definition.kind is Kind.SHARE:
        return PERCENT
    if definition.kind is Kind.CHANGE:
        base = by_code.get(definition.base)
        if base is not None and base.kind is Kind.SHARE:
            return "\u00a0" + gettext("Prozentpunkte")
    return ""


def area_name(code: str, districts: dict[str, District], body: Body) -> str:
    district = districts.get(code)
    if district is not None:
        return district.name
    return gettext("%(body)s insgesamt") % {"body": body.name}


def leaves(districts: Sequence[District]) -> list[District]:
    """The districts of the lowest level (no alive children, not the city): the map's."""
    parents = {d.parent_id for d in districts if d.parent_id is not None}
    return [d for d in districts if d.pk not in parents and d.level != Level.CITY]


@dataclass
class Table:
    """Figures of one snapshot by (indicator, area, key)."""

    figures: Sequence[indicators.Figure]
    by_key: dict[tuple[str, str, str], indicators.Figure] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {(f.indicator, f.area, f.key): f for f in self.figures}

    def shown(self, indicator: str, area: str, key: str = "") -> Shown | None:
        figure = self.by_key.get((indicator, area, key))
        return figure.shown if figure is not None else None


def file_stem(body: Body, snapshot: Snapshot) -> str:
    from django.utils.text import slugify

    return f"{slugify(body.slug) or 'monitoring'}-monitoring-{snapshot.reference_date.isoformat()}"


def level_label(level: str) -> str:
    return str(Level(level).label) if level in Level.values else ""


Cell = Any
