"""Musterstadt's districts for the demo (`manage.py load_demo`): the city, four Stadtteile
and fifteen Quartiere.

Synthetic on purpose: Musterstadt is fictional, so are its districts. They lie on a
rectangular grid of four by four cells of 0.02° longitude by 0.0125° latitude (about
1.4 km each way) at a made-up place in Rhineland-Palatinate; each Stadtteil is a block of
two by two cells, each Quartier a cell — in the Weststadt one Quartier takes two — so the
Quartiere tile their Stadtteil exactly, and the Stadtteile the city. Every ring runs
through all grid points on its boundary, so neighbours share their vertices.

The districts are loaded through the GeoJSON import (`services.districts_import`), with
every check a real file goes through; registered with the council's demo
(`teilhabe.council.demo.extensions`).
"""

from __future__ import annotations

from typing import Any

from teilhabe.council.demo.extensions import DemoExtension
from teilhabe.council.demo.timeline import Timeline
from teilhabe.districts import services
from teilhabe.districts.models import District, Level

WEST, SOUTH = 7.50, 49.70  # the grid's south-west corner (fictional)
CELL_LON, CELL_LAT = 0.02, 0.0125

# The area in grid cells: (west, south, east, north).
Block = tuple[int, int, int, int]

CITY: tuple[str, str, Block] = ("00", "Musterstadt", (0, 0, 4, 4))
# Stadtteil (code, name, block) -> its Quartiere (code, name, block).
STADTTEILE: tuple[tuple[tuple[str, str, Block], tuple[tuple[str, str, Block], ...]], ...] = (
    (
        ("01", "Nordstadt", (0, 2, 2, 4)),
        (
            ("0101", "Am Bürgerhaus", (0, 3, 1, 4)),
            ("0102", "Nordpark", (1, 3, 2, 4)),
            ("0103", "Lindenhof", (0, 2, 1, 3)),
            ("0104", "Kirchberg", (1, 2, 2, 3)),
        ),
    ),
    (
        ("02", "Oststadt", (2, 2, 4, 4)),
        (
            ("0201", "Bahnhofsviertel", (2, 3, 3, 4)),
            ("0202", "Gartenstadt", (3, 3, 4, 4)),
            ("0203", "Am Sonnenhang", (2, 2, 3, 3)),
            ("0204", "Mühlenviertel", (3, 2, 4, 3)),
        ),
    ),
    (
        ("03", "Südstadt", (2, 0, 4, 2)),
        (
            ("0301", "Marktviertel", (2, 1, 3, 2)),
            ("0302", "Südpark", (3, 1, 4, 2)),
            ("0303", "Am Wasserturm", (2, 0, 3, 1)),
            ("0304", "Rosenhöhe", (3, 0, 4, 1)),
        ),
    ),
    (
        ("04", "Weststadt", (0, 0, 2, 2)),
        (
            ("0401", "Schulviertel", (0, 1, 1, 2)),
            ("0402", "Am Sportplatz", (1, 1, 2, 2)),
            ("0403", "Weststadt-Süd", (0, 0, 2, 1)),
        ),
    ),
)


def _corner(x: int, y: int) -> list[float]:
    return [round(WEST + x * CELL_LON, 6), round(SOUTH + y * CELL_LAT, 6)]


def ring(block: Block) -> list[list[float]]:
    """The block's outline counter-clockwise through every grid point on it, closed."""
    west, south, east, north = block
    points = [(x, south) for x in range(west, east)]
    points += [(east, y) for y in range(south, north)]
    points += [(x, north) for x in range(east, west, -1)]
    points += [(west, y) for y in range(north, south, -1)]
    return [_corner(x, y) for x, y in [*points, points[0]]]


def _feature(code: str, name: str, level: str, block: Block, parent: str | None) -> dict[str, Any]:
    properties = {"code": code, "name": name, "level": level}
    if parent is not None:
        properties["parent"] = parent
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Polygon", "coordinates": [ring(block)]},
    }


def feature_collection() -> dict[str, Any]:
    """Musterstadt's districts as a GeoJSON FeatureCollection (WGS 84)."""
    city_code, city_name, city_block = CITY
    features = [_feature(city_code, city_name, Level.CITY, city_block, None)]
    for (code, name, block), quartiere in STADTTEILE:
        features.append(_feature(code, name, Level.STADTTEIL, block, city_code))
        features += [
            _feature(q_code, q_name, Level.QUARTIER, q_block, code)
            for q_code, q_name, q_block in quartiere
        ]
    return {"type": "FeatureCollection", "features": features}


def _load(loaded: dict[str, Any], timeline: Timeline) -> None:
    services.districts_import(body=loaded["musterstadt"].body, features=feature_collection())


def _delete(body_ids: list[int]) -> None:
    District.objects.filter(body_id__in=body_ids).update(parent=None)
    District.objects.filter(body_id__in=body_ids).delete()


EXTENSION = DemoExtension(load=_load, delete=_delete)
