"""Every write of the districts app: the GeoJSON import, all of it or nothing.

`districts_import` takes the decoded FeatureCollection and, in one transaction under the
lock of the body's row (so two imports of one body run one after the other), checks it
against the districts stored as they are now (`geojson.parse_collection`) and writes it:

* a district is matched by its code: the stored one is updated (its id stays, so what
  points at it keeps pointing), a new code is created — or, when a district of that code
  was removed before, that one comes back with its old id;
* a district whose values are all the same is left alone (no new version, no history);
* districts of the body that the file does not name stay, unless `replace` is given:
  then they are soft-deleted, and the file's parents must all be in the file;
* every creation, change and removal is recorded in the change history, the outline as
  a short description (its type, points and a fingerprint), not in full.

A file with any problem raises `DistrictsFileInvalid` listing them all; nothing is written.
A body imported from OParl is refused (`ImportedBodyReadOnly`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from teilhabe.core import history
from teilhabe.core.concurrency import save_versioned
from teilhabe.core.models import Body, ChangeRecord
from teilhabe.council.services import ensure_writable
from teilhabe.districts import geojson
from teilhabe.districts.errors import Problem
from teilhabe.districts.models import District

__all__ = ["DistrictsImport", "districts_import"]

# Recomputing an area after a library update may move it in the last digits: that is no change.
AREA_TOLERANCE_M2 = 0.01


@dataclass(frozen=True)
class DistrictsImport:
    """What an import did, and how it read the file."""

    created: int
    updated: int
    unchanged: int
    removed: int
    crs: geojson.CoordinateSystem
    crs_source: str
    warnings: tuple[Problem, ...]
    levels: dict[str, int]  # districts of the file by level value


def _known(rows: list[District]) -> list[geojson.KnownDistrict]:
    codes = {row.pk: row.code for row in rows}
    return [
        geojson.KnownDistrict(
            code=row.code,
            name=row.name,
            level=row.level,
            parent=codes.get(row.parent_id) if row.parent_id is not None else None,
            geometry=row.geometry,
        )
        for row in rows
    ]


def _in_order(features: list[geojson.DistrictFeature]) -> list[geojson.DistrictFeature]:
    """Parents before their children (the file's hierarchy has no cycle)."""
    by_code = {feature.code: feature for feature in features}
    depth: dict[str, int] = {}

    def depth_of(feature: geojson.DistrictFeature) -> int:
        if feature.code not in depth:
            parent = by_code.get(feature.parent) if feature.parent is not None else None
            depth[feature.code] = 0 if parent is None else depth_of(parent) + 1
        return depth[feature.code]

    return sorted(features, key=lambda feature: (depth_of(feature), feature.index))


def _values(feature: geojson.DistrictFeature, parent_id: int | None) -> dict[str, Any]:
    west, south, east, north = feature.shape.bbox
    return {
        "name": feature.name,
        "level": feature.level,
        "parent_id": parent_id,
        "geometry": feature.shape.geometry,
        "min_lon": west,
        "min_lat": south,
        "max_lon": east,
        "max_lat": north,
        "area": feature.shape.area,
    }


def _differs(row: District, values: Mapping[str, Any]) -> bool:
    for name, value in values.items():
        current = getattr(row, name)
        if name == "area":
            if not math.isclose(current, value, rel_tol=0, abs_tol=AREA_TOLERANCE_M2):
                return True
        elif current != value:
            return True
    return False


# History: the outline is recorded by what it is, not in full ---------------------------------


def outline_summary(geometry: Any) -> str:
    """`Polygon, 5 Punkte (#1a2b3c4d)`: enough to see that an outline changed."""
    if not isinstance(geometry, dict):
        return ""
    points = _count_points(geometry.get("coordinates"))
    digest = hashlib.sha256(json.dumps(geometry, sort_keys=True).encode()).hexdigest()[:8]
    return f"{geometry.get('type')}, {points} Punkte (#{digest})"


def _count_points(value: Any) -> int:
    if isinstance(value, list) and value and isinstance(value[0], int | float):
        return 1
    return sum(_count_points(item) for item in value) if isinstance(value, list) else 0


def _snapshot(row: District) -> dict[str, Any]:
    values = history.snapshot(row)
    values["geometry"] = outline_summary(values.get("geometry"))
    return values


def _record(row: District, action: str, changes: dict[str, Any]) -> ChangeRecord:
    return ChangeRecord(
        body_id=row.body_id,
        content_type=ContentType.objects.get_for_model(District),
        object_id=row.pk,
        object_repr=str(row)[:300],
        action=action,
        changes=changes,
        user=history.acting_user(),
        at=timezone.now(),
    )


def _created(row: District) -> ChangeRecord:
    return _record(
        row,
        ChangeRecord.Action.CREATE,
        {
            name: change
            for name, change in history.diff({}, _snapshot(row), row).items()
            if change[1] not in ("", None)
        },
    )


def _updated(row: District, before: dict[str, Any]) -> ChangeRecord | None:
    changes = history.diff(before, _snapshot(row), row)
    changes.pop("deleted", None)
    return _record(row, ChangeRecord.Action.UPDATE, changes) if changes else None


# The import ----------------------------------------------------------------------------------


@transaction.atomic
def districts_import(*, body: Body, features: Any, replace: bool = False) -> DistrictsImport:
    """Create, update and (with `replace`) remove the districts of `body` as the
    FeatureCollection `features` describes them; else DistrictsFileInvalid, nothing written.
    """
    ensure_writable(body)
    Body.objects.select_for_update().filter(pk=body.pk).order_by("pk").values_list("pk").get()
    alive = list(
        District.objects.alive().filter(body=body).select_for_update(of=("self",)).order_by("pk")
    )
    parsed = geojson.parse_collection(features, known=() if replace else _known(alive))
    by_code = {row.code: row for row in alive}
    ids = {row.code: row.pk for row in alive}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "removed": 0}
    records: list[ChangeRecord] = []
    for feature in _in_order(parsed.features):
        parent_id = ids[feature.parent] if feature.parent is not None else None
        values = _values(feature, parent_id)
        row = by_code.get(feature.code)
        if row is None:
            row = _create(body, feature.code, values)
            records.append(_created(row))
            counts["created"] += 1
        elif _differs(row, values):
            before = _snapshot(row)
            for name, value in values.items():
                setattr(row, name, value)
            row.full_clean()
            save_versioned(row, expected_version=row.version)
            record = _updated(row, before)
            if record is not None:
                records.append(record)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        ids[feature.code] = row.pk
    if replace:
        named = {feature.code for feature in parsed.features}
        for row in alive:
            if row.code not in named:
                row.deleted = True
                save_versioned(row, expected_version=row.version)
                records.append(_record(row, ChangeRecord.Action.DELETE, {}))
                counts["removed"] += 1
    ChangeRecord.objects.bulk_create(records)
    levels: dict[str, int] = {}
    for feature in parsed.features:
        levels[feature.level] = levels.get(feature.level, 0) + 1
    return DistrictsImport(
        **counts,
        crs=parsed.crs,
        crs_source=parsed.crs_source,
        warnings=tuple(parsed.warnings),
        levels=levels,
    )


def _create(body: Body, code: str, values: dict[str, Any]) -> District:
    """A new district, or the last removed one of that code brought back with its id."""
    row = (
        District.objects.filter(body=body, code=code, deleted=True)
        .select_for_update()
        .order_by("-modified", "-pk")
        .first()
    )
    if row is None:
        row = District(body=body, code=code, **values)
        row.full_clean()
        row.save()
        return row
    for name, value in values.items():
        setattr(row, name, value)
    row.deleted = False
    row.full_clean()
    save_versioned(row, expected_version=row.version)
    return row
