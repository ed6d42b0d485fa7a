"""Reads of the monitoring: the districts a snapshot counts, its counts, its figures.

The cell keys (`Count.key`) are read only to hand them to `indicators.compute` for a
snapshot protected by the Cell-Key Method; they are never shown."""

from __future__ import annotations

from typing import Any

from teilhabe.districts.models import District, Level
from teilhabe.monitoring import indicators
from teilhabe.monitoring.confidentiality import CellKey
from teilhabe.monitoring.models import Count, Indicator, Snapshot


def leaf_districts(body: Any) -> dict[str, int]:
    """Code -> id of the body's alive districts of the lowest level (without alive
    children, not the city): the districts counts are given for."""
    rows = list(District.objects.alive().filter(body=body).values_list("pk", "code", "level"))
    parents = set(
        District.objects.alive()
        .filter(body=body, parent__isnull=False)
        .values_list("parent_id", flat=True)
    )
    return {code: pk for pk, code, level in rows if pk not in parents and level != Level.CITY}


def area_hierarchy(body: Any) -> tuple[dict[str, str], str]:
    """`parent_of` over the body's alive district codes up to the city, and the city's
    code: the district of level "city" if there is one, else `indicators.CITY`."""
    rows = list(
        District.objects.alive().filter(body=body).values_list("pk", "code", "level", "parent_id")
    )
    codes = {pk: code for pk, code, _level, _parent in rows}
    city = next((code for _pk, code, level, _p in rows if level == Level.CITY), indicators.CITY)
    parent_of: dict[str, str] = {}
    for _pk, code, _level, parent in rows:
        if code == city:
            continue
        parent_of[code] = codes.get(parent, city) if parent is not None else city
    return parent_of, city


def snapshot_counts(snapshot: Snapshot) -> dict[CellKey, int]:
    """The counts of `snapshot` keyed (characteristic, category, district code)."""
    return {
        (characteristic, category, code): value
        for characteristic, category, code, value in Count.objects.filter(
            snapshot=snapshot
        ).values_list("characteristic", "category", "district__code", "value")
    }


def snapshot_cells(snapshot: Snapshot) -> tuple[dict[CellKey, int], dict[CellKey, int] | None]:
    """The counts of `snapshot` and, if it is protected by the Cell-Key Method, their cell
    keys (else None), keyed (characteristic, category, district code); one query."""
    counts: dict[CellKey, int] = {}
    keys: dict[CellKey, int] = {}
    for characteristic, category, code, value, key in Count.objects.filter(
        snapshot=snapshot
    ).values_list("characteristic", "category", "district__code", "value", "key"):
        counts[(characteristic, category, code)] = value
        if key is not None:
            keys[(characteristic, category, code)] = key
    return counts, (keys if snapshot.perturbed else None)


def snapshot_figures(
    snapshot: Snapshot, *, earlier: Snapshot | None = None
) -> list[indicators.Figure]:
    """Every indicator of the catalogue and of the body's own for `snapshot`, protected
    as the snapshot says (and the `earlier` one as it says)."""
    parent_of, city = area_hierarchy(snapshot.body_id)
    definitions = [
        *indicators.DEFINITIONS,
        *(
            indicators.custom_definition(row)
            for row in Indicator.objects.alive().filter(body_id=snapshot.body_id)
        ),
    ]
    counts, keys = snapshot_cells(snapshot)
    before, before_keys = snapshot_cells(earlier) if earlier is not None else (None, None)
    return indicators.compute(
        counts,
        parent_of=parent_of,
        city=city,
        definitions=definitions,
        earlier=before,
        cell_keys=keys,
        earlier_cell_keys=before_keys,
    )
