"""Checking one district's outline and describing it as it is stored (shapely).

`check` takes the rings of a Polygon or MultiPolygon as the file gives them (already
read: closed, at least four points each, see `geojson`) in the file's coordinate system
and returns the outline in WGS 84 — rounded, exterior rings counter-clockwise and holes
clockwise (RFC 7946) — with its bounding box and area; else `OutlineInvalid` with a German
message: coordinates out of range, a self-intersection (naming where, in the file's own
coordinates), a hole outside its shell, overlapping parts, no area at all, or an outline
that only the rounding to six decimals makes invalid.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shapely
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.districts import projection
from teilhabe.districts.projection import WGS84, CoordinateSystem, Polygons

__all__ = ["Checked", "OutlineInvalid", "Shape", "check", "measure"]


@dataclass(frozen=True)
class Shape:
    """An outline as stored: GeoJSON geometry in WGS 84, its bounding box (west, south,
    east, north) and its area in square metres."""

    geometry: dict[str, Any]
    bbox: tuple[float, float, float, float]
    area: float


@dataclass(frozen=True)
class Checked:
    shape: Shape
    outline: Any  # the shapely geometry of `shape.geometry`


class OutlineInvalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_REASONS: dict[str, Callable[[], str]] = {
    "Self-intersection": lambda: _("Selbstüberschneidung bei %(point)s."),
    "Ring Self-intersection": lambda: _("Selbstüberschneidung bei %(point)s."),
    "Hole lies outside shell": lambda: _(
        "Ein Innenring (Loch) liegt außerhalb des Außenrings, bei %(point)s."
    ),
    "Nested holes": lambda: _("Innenringe (Löcher) liegen ineinander, bei %(point)s."),
    "Interior is disconnected": lambda: _(
        "Die Löcher zerteilen die Fläche in getrennte Stücke, bei %(point)s."
    ),
    "Nested shells": lambda: _("Teilflächen liegen ineinander, bei %(point)s."),
    "Duplicate Rings": lambda: _("Ein Ring kommt doppelt vor, bei %(point)s."),
    "Too few points in geometry component": lambda: _(
        "Ein Ring hat weniger als drei verschiedene Punkte, bei %(point)s."
    ),
}
_REASON = re.compile(r"^(?P<reason>[^\[]+?)\s*(?:\[(?P<x>\S+)\s+(?P<y>\S+)\])?$")


def _invalidity(geometry: Any, *, metres: bool) -> str | None:
    """Why `geometry` is no valid area, in German (None: it is one)."""
    if shapely.convex_hull(geometry).area == 0:
        return _("Die Fläche ist leer: Ihre Punkte liegen auf einer Linie oder an einer Stelle.")
    reason = shapely.is_valid_reason(geometry)
    if reason == "Valid Geometry":
        return None
    match = _REASON.match(reason or "")
    where = _("unbekannter Stelle")
    if match and match.group("x"):
        x, y = float(match.group("x")), float(match.group("y"))
        where = projection.point_text(x, y, metres=metres)
    message = _REASONS.get(match.group("reason") if match else "")
    if message is None:
        return _("Die Geometrie ist ungültig (%(reason)s).") % {"reason": reason}
    return message() % {"point": where}


def _outline(kind: str, polygons: Polygons) -> Any:
    parts = [shapely.Polygon(rings[0], rings[1:]) for rings in polygons]
    return shapely.MultiPolygon(parts) if kind == "MultiPolygon" else parts[0]


def _out_of_range(polygons: Polygons, crs: CoordinateSystem) -> str | None:
    outside = [(x, y) for x, y in projection.points(polygons) if not projection.in_range(crs, x, y)]
    if not outside:
        return None
    message = ngettext(
        "Die Koordinate %(point)s liegt außerhalb des Bereichs von %(crs)s: %(range)s.",
        "%(count)d Koordinaten liegen außerhalb des Bereichs von %(crs)s, zum Beispiel "
        "%(point)s: %(range)s.",
        len(outside),
    ) % {
        "count": len(outside),
        "point": projection.point_text(*outside[0], metres=crs.metres),
        "crs": crs,
        "range": projection.range_text(crs),
    }
    if not crs.metres and any(abs(x) > 1000 or abs(y) > 1000 for x, y in outside):
        message += " " + _(
            "Stehen die Koordinaten in Metern, nennen Sie das Koordinatensystem in „crs“ "
            "(z. B. EPSG:25832) oder lassen Sie „crs“ weg."
        )
    return message


def _coordinates(value: Any) -> Any:
    """Shapely's nested tuples as GeoJSON's nested lists."""
    if isinstance(value, tuple | list) and value and isinstance(value[0], int | float):
        return [float(value[0]), float(value[1])]
    return [_coordinates(item) for item in value]


def _describe(kind: str, outline: Any) -> Checked:
    oriented = shapely.orient_polygons(outline, exterior_cw=False)
    coordinates = shapely.geometry.mapping(oriented)["coordinates"]
    west, south, east, north = (float(value) for value in oriented.bounds)
    shape = Shape(
        geometry={"type": kind, "coordinates": _coordinates(coordinates)},
        bbox=(west, south, east, north),
        area=float(projection.to_metric(oriented).area),
    )
    return Checked(shape=shape, outline=oriented)


def check(kind: str, polygons: Polygons, crs: CoordinateSystem) -> Checked:
    """The outline of `kind` (Polygon or MultiPolygon) from `polygons` in `crs`, checked
    and in WGS 84; else OutlineInvalid."""
    problem = _out_of_range(polygons, crs) or _invalidity(
        _outline(kind, polygons), metres=crs.metres
    )
    if problem is not None:
        raise OutlineInvalid(problem)
    rounded = projection.to_wgs84(polygons, crs)
    if not all(
        math.isfinite(x) and projection.in_range(WGS84, x, y) for x, y in projection.points(rounded)
    ):
        raise OutlineInvalid(_("Die Koordinaten lassen sich nicht nach WGS 84 umrechnen."))
    outline = _outline(kind, rounded)
    problem = _invalidity(outline, metres=False)
    if problem is not None:
        raise OutlineInvalid(
            _(
                "Nach dem Umrechnen nach WGS 84 und dem Runden auf %(digits)d Nachkommastellen "
                "ist die Geometrie ungültig: %(problem)s"
            )
            % {"digits": projection.DECIMALS, "problem": problem}
        )
    return _describe(kind, outline)


def measure(geometry: dict[str, Any]) -> Shape:
    """Bounding box and area of a stored WGS 84 geometry (for fixtures and the demo)."""
    return _describe(geometry["type"], shapely.geometry.shape(geometry)).shape
