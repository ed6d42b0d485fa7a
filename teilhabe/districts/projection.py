"""Coordinate systems of district files, and moving outlines between them (pyproj).

Districts are stored in WGS 84 (longitude, latitude; RFC 7946), rounded to `DECIMALS`
places (about 0.1 m). Files may come in WGS 84, ETRS89 or ETRS89 / UTM 32N or 33N (the
systems of German municipal GIS). Lengths and areas are measured in ETRS89-extended /
LAEA Europe (EPSG:3035): equal-area, in metres.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import shapely
from django.utils import formats
from django.utils.translation import gettext as _
from pyproj import Transformer

DECIMALS = 6
METRIC_EPSG = 3035


@dataclass(frozen=True)
class CoordinateSystem:
    epsg: int
    label: str
    metres: bool

    def __str__(self) -> str:
        return f"{self.label} (EPSG:{self.epsg})"


WGS84 = CoordinateSystem(4326, "WGS 84", metres=False)
ETRS89 = CoordinateSystem(4258, "ETRS89", metres=False)
UTM32N = CoordinateSystem(25832, "ETRS89 / UTM 32N", metres=True)
UTM33N = CoordinateSystem(25833, "ETRS89 / UTM 33N", metres=True)
SUPPORTED = {crs.epsg: crs for crs in (WGS84, ETRS89, UTM32N, UTM33N)}
# Plausible easting and northing of ETRS89 / UTM (northern hemisphere), in metres.
UTM_EASTING = (0.0, 1_000_000.0)
UTM_NORTHING = (0.0, 9_400_000.0)

# A ring: its points as (x, y); a polygon: its rings, the exterior first.
Ring = list[tuple[float, float]]
Polygons = list[list[Ring]]

_EPSG_IN_NAME = re.compile(r"EPSG\D*?(?:\d+(?:\.\d+)*)?\D*?(\d+)\s*$", re.IGNORECASE)
_CRS84 = re.compile(r"CRS:?84\s*$", re.IGNORECASE)


def named(name: str) -> CoordinateSystem | None:
    """The supported system a name (`EPSG:25832`, `urn:ogc:def:crs:EPSG::25832`, an
    opengis.net address, `…CRS84`) stands for; None when it is unknown or not supported."""
    if _CRS84.search(name):
        return WGS84
    match = _EPSG_IN_NAME.search(name)
    return SUPPORTED.get(int(match.group(1))) if match else None


def supported_text() -> str:
    return ", ".join(str(crs) for crs in SUPPORTED.values())


@cache
def transformer(source: int, target: int) -> Transformer:
    return Transformer.from_crs(f"EPSG:{source}", f"EPSG:{target}", always_xy=True)


def in_range(crs: CoordinateSystem, x: float, y: float) -> bool:
    if crs.metres:
        return UTM_EASTING[0] < x < UTM_EASTING[1] and UTM_NORTHING[0] <= y < UTM_NORTHING[1]
    return -180 <= x <= 180 and -90 <= y <= 90


def range_text(crs: CoordinateSystem) -> str:
    if crs.metres:
        return _("Rechtswert 0 bis 1.000.000 m, Hochwert 0 bis 9.400.000 m")
    return _("Länge −180 bis 180, Breite −90 bis 90")


def detect(points: Iterable[tuple[float, float]]) -> CoordinateSystem | None:
    """UTM 32N when every point is plainly metres (outside the range of degrees), else None."""
    seen = False
    for x, y in points:
        seen = True
        if in_range(WGS84, x, y):
            return None
    return UTM32N if seen else None


def point_text(x: float, y: float, *, metres: bool = False) -> str:
    digits = 2 if metres else DECIMALS
    return f"({_number(x, digits)}, {_number(y, digits)})"


def _number(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(value: float) -> str:
    """A whole number as people read it here (1.234)."""
    return str(formats.number_format(round(value), use_l10n=True, force_grouping=True))


def points(polygons: Polygons | None) -> Iterable[tuple[float, float]]:
    for rings in polygons or ():
        for ring in rings:
            yield from ring


def _round(value: float) -> float:
    return round(float(value), DECIMALS) + 0.0  # + 0.0: no "-0.0"


def to_wgs84(polygons: Polygons, crs: CoordinateSystem) -> Polygons:
    """The polygons in WGS 84, every coordinate rounded to `DECIMALS` places."""
    if crs.epsg == WGS84.epsg:
        return [[[(_round(x), _round(y)) for x, y in ring] for ring in rings] for rings in polygons]
    convert = transformer(crs.epsg, WGS84.epsg)
    result = []
    for rings in polygons:
        converted = []
        for ring in rings:
            xs, ys = convert.transform([x for x, _y in ring], [y for _x, y in ring])
            converted.append([(_round(x), _round(y)) for x, y in zip(xs, ys, strict=True)])
        result.append(converted)
    return result


def to_metric(outline: Any) -> Any:
    """A shapely geometry in WGS 84, in metres (equal-area)."""
    convert = transformer(WGS84.epsg, METRIC_EPSG)

    def project(coordinates: np.ndarray) -> np.ndarray:
        xs, ys = convert.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack([xs, ys])

    return shapely.transform(outline, project)


def metric_point_text(point: Any) -> str:
    """A shapely point in metres, shown in WGS 84."""
    x, y = transformer(METRIC_EPSG, WGS84.epsg).transform(point.x, point.y)
    return point_text(x, y)
