"""factory_boy factories for districts, and builders for small GeoJSON files in tests."""

from __future__ import annotations

from typing import Any

import factory

from teilhabe.core.tests.factories import BodyFactory
from teilhabe.districts.geojson import measure
from teilhabe.districts.models import District, Level


def rectangle(west: float, south: float, east: float, north: float) -> list[list[float]]:
    """A closed ring, counter-clockwise."""
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def polygon(*rings: list[Any]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": list(rings)}


_SQUARE = object()


def feature(geometry: Any = _SQUARE, /, **properties: Any) -> dict[str, Any]:
    """A GeoJSON feature (by default a small square); properties as they stand in the file."""
    if geometry is _SQUARE:
        geometry = polygon(rectangle(7.5, 49.7, 7.51, 49.71))
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(*features: dict[str, Any], crs: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "FeatureCollection", "features": list(features)}
    if crs is not None:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    return data


def _shape(district: Any) -> Any:
    return measure(district.geometry)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    body = factory.SubFactory(BodyFactory)
    code = factory.Sequence(lambda n: f"{n:04d}")
    name = factory.Sequence(lambda n: f"Quartier {n}")
    level = Level.QUARTIER
    geometry = factory.LazyFunction(lambda: polygon(rectangle(7.5, 49.7, 7.51, 49.71)))
    min_lon = factory.LazyAttribute(lambda d: _shape(d).bbox[0])
    min_lat = factory.LazyAttribute(lambda d: _shape(d).bbox[1])
    max_lon = factory.LazyAttribute(lambda d: _shape(d).bbox[2])
    max_lat = factory.LazyAttribute(lambda d: _shape(d).bbox[3])
    area = factory.LazyAttribute(lambda d: _shape(d).area)
