"""Musterstadt's districts in the demo: the city, 4 Stadtteile, 15 Quartiere tiling them."""

from __future__ import annotations

import itertools

import pytest
import shapely

from teilhabe.core.models import Body
from teilhabe.council import demo
from teilhabe.districts import demo as districts_demo
from teilhabe.districts import geojson, services
from teilhabe.districts.models import District, Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def musterstadt():
    demo.load_demo()
    return Body.objects.get(slug="musterstadt")


def outline(district):
    return shapely.geometry.shape(district.geometry)


def test_musterstadt_has_the_city_four_stadtteile_and_fifteen_quartiere(musterstadt):
    districts = District.objects.for_body(musterstadt).alive()
    [city] = districts.filter(level=Level.CITY)
    stadtteile = list(districts.filter(level=Level.STADTTEIL))
    quartiere = list(districts.filter(level=Level.QUARTIER))
    assert (city.name, city.parent) == ("Musterstadt", None)
    assert len(stadtteile) == 4
    assert {s.name for s in stadtteile} >= {"Nordstadt", "Südstadt"}  # named in the concept
    assert all(s.parent == city for s in stadtteile)
    assert len(quartiere) == 15
    assert {q.parent_id for q in quartiere} == {s.pk for s in stadtteile}
    assert not District.objects.exclude(body=musterstadt).exists()


def test_the_quartiere_tile_each_stadtteil_and_the_stadtteile_the_city_exactly(musterstadt):
    districts = District.objects.for_body(musterstadt).alive()
    for parent in districts.exclude(level=Level.QUARTIER):
        children = list(parent.children.all())
        assert children
        union = shapely.union_all([outline(child) for child in children])
        assert union.symmetric_difference(outline(parent)).area == 0
        for one, other in itertools.combinations(children, 2):
            assert outline(one).intersection(outline(other)).area == 0
        assert sum(child.area for child in children) == pytest.approx(parent.area, rel=1e-9)


def test_the_demo_file_passes_the_import_checks_and_reimports_unchanged(musterstadt):
    parsed = geojson.parse_collection(districts_demo.feature_collection())
    assert parsed.warnings == []
    assert [f.level_inferred for f in parsed.features] == [False] * 20
    result = services.districts_import(
        body=musterstadt, features=districts_demo.feature_collection(), replace=True
    )
    assert (result.created, result.updated, result.unchanged, result.removed) == (0, 0, 20, 0)


def test_the_demo_loads_again_with_replace(musterstadt):
    demo.load_demo(replace=True)
    body = Body.objects.get(slug="musterstadt")
    assert District.objects.for_body(body).alive().count() == 20
    assert District.objects.count() == 20
