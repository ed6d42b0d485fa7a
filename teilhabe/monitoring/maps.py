"""Choropleth maps of an indicator as inline SVG: pure, no tiles, no script, no request.

Districts come in WGS 84 (GeoJSON Polygon or MultiPolygon, longitude before latitude) and
are drawn in an equirectangular plane whose longitudes are shrunk by the cosine of the
map's middle latitude (at the size of a city indistinguishable from Web Mercator), fitted
into a viewBox `WIDTH` wide.

Values are put into `CLASSES` classes, by quantiles or by equal intervals (`classify`).
Each class has a colour of a sequential scale (viridis: readable in grey and for the
common colour vision deficiencies) AND a pattern of its own (dots, lines, hatching), drawn
in an ink that contrasts at least 3:1 with the class's colour, so the map is read without
colour too. A suppressed district ("geheim gehalten", ".") and a district without a value
("/" too uncertain, "x" not applicable) have their own pattern and legend entry. Each
district carries a `<title>` with its name and value as shown; the legend is part of the
image; the whole is labelled by its title and description: `role="img"`, or, when the
districts link to their profiles, `role="group"` (an image may not hold links) with each
link named like its district. The same values stand in a table next to the map on every
page that shows one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.monitoring.confidentiality.primary import format_decimal

CLASSES = 5
WIDTH = 600
MARGIN = 8
LEGEND_ROW = 24
SWATCH = 18

Number = int | Decimal


class Method(StrEnum):
    """How values are put into classes; the values are the query parameter's."""

    QUANTILES = "quantile"
    EQUAL = "gleich"


# (fill, ink of the pattern): viridis, light to dark; ink black or white, >= 3:1 to fill.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#fde725", "#000000"),
    ("#5ec962", "#000000"),
    ("#21918c", "#ffffff"),
    ("#3b528b", "#ffffff"),
    ("#440154", "#ffffff"),
)
SUPPRESSED_FILL, SUPPRESSED_INK = "#d0d0d0", "#000000"
NO_VALUE_FILL, NO_VALUE_INK = "#ffffff", "#595959"
STROKE = "#1b1b1b"

# A pattern tile of 8 x 8 units per class: what is drawn on the fill in the ink.
_TILES: tuple[str, ...] = (
    '<circle cx="4" cy="4" r="1.1" fill="{ink}"/>',  # sparse dots
    '<path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="{ink}" stroke-width="1.2"/>',  # /
    '<path d="M0 2H8M0 6H8" stroke="{ink}" stroke-width="1.2"/>',  # horizontal lines
    '<path d="M0 8L8 0M0 0L8 8" stroke="{ink}" stroke-width="1.2"/>',  # cross-hatching
    '<path d="M2 0V8M6 0V8M0 4H8" stroke="{ink}" stroke-width="1.2"/>',  # grid
)
_SUPPRESSED_TILE = '<path d="M2 2L6 6M6 2L2 6" stroke="{ink}" stroke-width="1.2"/>'  # crosses
_NO_VALUE_TILE = '<path d="M0 4H3M5 4H8" stroke="{ink}" stroke-width="0.8"/>'  # dashes


@dataclass(frozen=True)
class MapArea:
    """A district on the map: its outline, and its value as published (`value` None when
    it may not or cannot be shown)."""

    code: str
    name: str
    geometry: dict[str, Any]
    text: str
    value: Number | None
    suppressed: bool = False
    href: str = ""


@dataclass(frozen=True)
class LegendEntry:
    key: str  # "0".."4", "suppressed", "none"
    label: str
    fill: str
    ink: str
    count: int


# Classes -------------------------------------------------------------------------------


def classify(values: Sequence[Number], method: Method, classes: int = CLASSES) -> list[Decimal]:
    """The `classes + 1` edges of the classes of `values` (lowest value first, highest
    last); empty for no values.

    Quantiles interpolate linearly between the sorted values (the edge i lies at position
    i·(n−1)/classes); equal intervals divide the range into `classes` equal parts. A value
    on an edge belongs to the lower class (`class_of`).
    """
    if not values:
        return []
    ordered = sorted(Decimal(value) for value in values)
    low, high = ordered[0], ordered[-1]
    if method is Method.EQUAL:
        step = (high - low) / classes
        return [low + step * i for i in range(classes)] + [high]
    last = len(ordered) - 1
    edges = []
    for i in range(classes + 1):
        whole, part = divmod(i * last, classes)
        edge = ordered[whole]
        if part:
            edge += (ordered[whole + 1] - edge) * part / classes
        edges.append(edge)
    return edges


def class_of(value: Number, edges: Sequence[Decimal]) -> int:
    """The class of `value`: how many inner edges it lies above."""
    return sum(1 for edge in edges[1:-1] if Decimal(value) > edge)


# Projection ----------------------------------------------------------------------------


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


@dataclass(frozen=True)
class _Plane:
    west: float
    north: float
    scale: float
    shrink: float
    height: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            MARGIN + (lon - self.west) * self.shrink * self.scale,
            MARGIN + (self.north - lat) * self.scale,
        )


def _plane(areas: Sequence[MapArea]) -> _Plane:
    points = [p for area in areas for ring in _rings(area.geometry) for p in ring]
    if not points:
        return _Plane(0.0, 0.0, 1.0, 1.0, 2 * MARGIN)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    shrink = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * shrink, 1e-9)
    span_y = max(north - south, 1e-9)
    scale = (WIDTH - 2 * MARGIN) / max(span_x, span_y)
    return _Plane(west, north, scale, shrink, span_y * scale + 2 * MARGIN)


def _path(geometry: dict[str, Any], plane: _Plane) -> str:
    parts = []
    for ring in _rings(geometry):
        xy = [plane.point(float(p[0]), float(p[1])) for p in ring]
        if len(xy) < 3:
            continue
        parts.append(
            "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in xy) + "Z",
        )
    return "".join(parts)


# Drawing -------------------------------------------------------------------------------


def _number(value: Decimal, decimals: int) -> str:
    return format_decimal(value.quantize(Decimal(1).scaleb(-decimals)), decimals)


def _decimals(values: Sequence[Number]) -> int:
    places = [
        -int(Decimal(value).as_tuple().exponent)
        for value in values
        if isinstance(value, Decimal) and isinstance(Decimal(value).as_tuple().exponent, int)
    ]
    return max([0, *places])


def legend(areas: Sequence[MapArea], method: Method, unit: str = "") -> list[LegendEntry]:
    """The legend's entries: each class with its range, then "geheim gehalten" and
    "kein Wert" when a district is so."""
    values = [area.value for area in areas if area.value is not None]
    edges = classify(values, method)
    decimals = _decimals(values)
    entries = []
    counts = [0] * CLASSES
    for value in values:
        counts[class_of(value, edges)] += 1
    for index in range(len(edges) - 1):
        low, high = _number(edges[index], decimals), _number(edges[index + 1], decimals)
        label = (
            _("%(low)s bis %(high)s%(unit)s") % {"low": low, "high": high, "unit": unit}
            if index == 0
            else _("über %(low)s bis %(high)s%(unit)s") % {"low": low, "high": high, "unit": unit}
        )
        fill, ink = PALETTE[index]
        entries.append(LegendEntry(str(index), label, fill, ink, counts[index]))
    suppressed = sum(1 for area in areas if area.suppressed)
    if suppressed:
        entries.append(
            LegendEntry(
                "suppressed",
                _("geheim gehalten („.“)"),
                SUPPRESSED_FILL,
                SUPPRESSED_INK,
                suppressed,
            )
        )
    missing = sum(1 for area in areas if area.value is None and not area.suppressed)
    if missing:
        entries.append(
            LegendEntry("none", _("kein Wert („/“ oder „x“)"), NO_VALUE_FILL, NO_VALUE_INK, missing)
        )
    return entries


def _tile(key: str) -> str:
    if key == "suppressed":
        return _SUPPRESSED_TILE
    if key == "none":
        return _NO_VALUE_TILE
    return _TILES[int(key)]


def _key_of(area: MapArea, edges: Sequence[Decimal]) -> str:
    if area.suppressed:
        return "suppressed"
    if area.value is None:
        return "none"
    return str(class_of(area.value, edges))


def choropleth(
    areas: Sequence[MapArea],
    *,
    title: str,
    description: str,
    method: Method = Method.QUANTILES,
    unit: str = "",
    prefix: str = "karte",
) -> SafeString:
    """The map of `areas` as an `<svg>` element with its legend below the districts."""
    plane = _plane(areas)
    values = [area.value for area in areas if area.value is not None]
    edges = classify(values, method)
    entries = legend(areas, method, unit)
    height = plane.height + MARGIN + LEGEND_ROW * len(entries) + MARGIN
    e = escape
    role = "group" if any(area.href for area in areas) else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="monitoring-map" role="{role}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{e(title)}</title>',
        f'<desc id="{prefix}-desc">{e(description)}</desc>',
        "<defs>",
    ]
    for entry in entries:
        out.append(
            f'<pattern id="{prefix}-{entry.key}" patternUnits="userSpaceOnUse" '
            f'width="8" height="8"><rect width="8" height="8" fill="{entry.fill}"/>'
            + _tile(entry.key).format(ink=entry.ink)
            + "</pattern>"
        )
    out.append("</defs>")
    out.append(f'<g class="monitoring-map__areas" stroke="{STROKE}" stroke-width="1">')
    for area in areas:
        key = _key_of(area, edges)
        label = e(f"{area.name}: {area.text}")
        path = (
            f'<path d="{_path(area.geometry, plane)}" fill="url(#{prefix}-{key})" '
            f'fill-rule="evenodd" data-class="{key}"><title>{label}</title></path>'
        )
        if area.href:
            path = f'<a href="{e(area.href)}" aria-label="{label}">{path}</a>'
        out.append(path)
    out.append("</g>")
    out.append(f'<g class="monitoring-map__legend" font-size="14" fill="{STROKE}">')
    top = plane.height + MARGIN
    for row, entry in enumerate(entries):
        y = top + row * LEGEND_ROW
        out.append(
            f'<rect x="{MARGIN}" y="{y:.0f}" width="{SWATCH}" height="{SWATCH}" '
            f'fill="url(#{prefix}-{entry.key})" stroke="{STROKE}"/>'
            f'<text x="{MARGIN + SWATCH + 8}" y="{y + SWATCH - 4:.0f}">'
            f"{e(entry.label)} ({e(_count_text(entry.count))})</text>"
        )
    out.append("</g></svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def _count_text(count: int) -> str:
    return ngettext("%(count)s Gebiet", "%(count)s Gebiete", count) % {"count": count}


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours given as #rrggbb."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
