"""The districts import: all or nothing, upsert by code with stable ids, history, replace."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.core.history import acting_as, history_of
from teilhabe.core.models import ChangeRecord
from teilhabe.core.tests.factories import BodyFactory
from teilhabe.districts import services
from teilhabe.districts.errors import DistrictsFileInvalid, ImportedBodyReadOnly
from teilhabe.districts.models import District
from teilhabe.districts.tests.factories import (
    DistrictFactory,
    collection,
    feature,
    polygon,
    rectangle,
)

pytestmark = pytest.mark.django_db


def area(code, west, south, east, north, **properties):
    properties.setdefault("name", f"Gebiet {code}")
    return feature(polygon(rectangle(west, south, east, north)), code=code, **properties)


def city_file(*, nordpark="Nordpark", replace_quartier=None):
    """Musterstadt in small: the city, two Stadtteile, three Quartiere."""
    quartiere = [
        area("0101", 7.50, 49.70, 7.51, 49.71, name="Lindenhof", parent="01"),
        area("0102", 7.51, 49.70, 7.52, 49.71, name=nordpark, parent="01"),
        area("0201", 7.52, 49.70, 7.54, 49.71, name="Gartenstadt", parent="02"),
    ]
    if replace_quartier is not None:
        quartiere[0] = replace_quartier
    return collection(
        area("00", 7.50, 49.70, 7.54, 49.71, name="Musterstadt", level="Stadt"),
        area("01", 7.50, 49.70, 7.52, 49.71, name="Nordstadt", level="Stadtteil", parent="00"),
        area("02", 7.52, 49.70, 7.54, 49.71, name="Oststadt", level="Stadtteil", parent="00"),
        *quartiere,
    )


def counts(result):
    return (result.created, result.updated, result.unchanged, result.removed)


def rows(body):
    return {d.code: d for d in District.objects.for_body(body).alive().select_related("parent")}


@pytest.fixture
def body():
    return BodyFactory()


def test_an_import_creates_the_districts_with_their_hierarchy(body):
    result = services.districts_import(body=body, features=city_file())
    assert counts(result) == (6, 0, 0, 0)
    assert result.levels == {"city": 1, "stadtteil": 2, "quartier": 3}
    stored = rows(body)
    assert stored["00"].level == District.Level.CITY
    assert stored["00"].parent is None
    assert stored["01"].parent == stored["00"]
    assert stored["0102"].parent == stored["01"]
    assert stored["0102"].level == District.Level.QUARTIER
    assert stored["0102"].geometry["type"] == "Polygon"
    assert stored["0102"].bbox == (7.51, 49.7, 7.52, 49.71)
    assert 790_000 < stored["0102"].area < 815_000
    assert stored["00"].area == pytest.approx(sum(stored[c].area for c in ("01", "02")))


def test_importing_the_same_file_twice_changes_nothing(body):
    services.districts_import(body=body, features=city_file())
    before = {code: (d.pk, d.version, d.modified) for code, d in rows(body).items()}
    records = ChangeRecord.objects.count()
    result = services.districts_import(body=body, features=city_file())
    assert counts(result) == (0, 0, 6, 0)
    assert {code: (d.pk, d.version, d.modified) for code, d in rows(body).items()} == before
    assert ChangeRecord.objects.count() == records


def test_a_changed_district_is_updated_in_place_with_its_history(body):
    services.districts_import(body=body, features=city_file())
    old = rows(body)["0102"]
    user = UserFactory()
    with acting_as(user):
        result = services.districts_import(body=body, features=city_file(nordpark="Nordpark-Ost"))
    assert counts(result) == (0, 1, 5, 0)
    new = rows(body)["0102"]
    assert (new.pk, new.name, new.version) == (old.pk, "Nordpark-Ost", old.version + 1)
    latest = history_of(new).first()
    assert latest.action == ChangeRecord.Action.UPDATE
    assert latest.user == user
    assert latest.changes == {"name": ["Nordpark", "Nordpark-Ost"]}


def test_a_changed_outline_is_recorded_by_a_summary_not_in_full(body):
    services.districts_import(body=body, features=city_file())
    moved = area("0101", 7.50, 49.70, 7.51, 49.705, name="Lindenhof", parent="01")
    result = services.districts_import(body=body, features=city_file(replace_quartier=moved))
    assert counts(result) == (0, 1, 5, 0)
    district = rows(body)["0101"]
    assert district.max_lat == 49.705
    changes = history_of(district).first().changes
    assert set(changes) == {"geometry", "max_lat", "area"}
    before, after = changes["geometry"]
    assert before.startswith("Polygon, 5 Punkte (#")
    assert after.startswith("Polygon, 5 Punkte (#")
    assert before != after
    created = history_of(district).last()
    assert created.action == ChangeRecord.Action.CREATE
    assert created.changes["code"] == [None, "0101"]
    assert created.changes["parent"] == [None, rows(body)["01"].pk]
    assert "coordinates" not in str(created.changes)


def test_a_file_with_one_bad_feature_writes_nothing(body):
    broken = area("0101", 7.50, 49.70, 7.51, 49.71, name="Lindenhof", parent="99")
    with pytest.raises(DistrictsFileInvalid) as caught:
        services.districts_import(body=body, features=city_file(replace_quartier=broken))
    assert [str(p) for p in caught.value.problems] == [
        "Feature 4 („0101“): Das übergeordnete Gebiet „99“ steht nicht in der Datei."
    ]
    assert not District.objects.exists()
    assert not ChangeRecord.objects.exists()


def test_a_bad_reimport_leaves_the_stored_districts_as_they_were(body):
    services.districts_import(body=body, features=city_file())
    before = {code: (d.pk, d.version, d.name) for code, d in rows(body).items()}
    records = ChangeRecord.objects.count()
    unclosed = feature(
        polygon([[7.50, 49.70], [7.51, 49.70], [7.51, 49.71], [7.50, 49.71]]),
        code="0101",
        name="Lindenhof",
        parent="01",
    )
    with pytest.raises(DistrictsFileInvalid):
        services.districts_import(
            body=body, features=city_file(nordpark="Neu", replace_quartier=unclosed)
        )
    assert {code: (d.pk, d.version, d.name) for code, d in rows(body).items()} == before
    assert ChangeRecord.objects.count() == records


def test_districts_missing_from_the_file_stay_unless_replace_is_given(body):
    services.districts_import(body=body, features=city_file())
    smaller = collection(
        area("00", 7.50, 49.70, 7.54, 49.71, name="Musterstadt", level="Stadt"),
        area("01", 7.50, 49.70, 7.52, 49.71, name="Nordstadt", level="Stadtteil", parent="00"),
    )
    result = services.districts_import(body=body, features=smaller)
    assert counts(result) == (0, 0, 2, 0)
    assert len(rows(body)) == 6
    removed = rows(body)["0201"]
    result = services.districts_import(body=body, features=smaller, replace=True)
    assert counts(result) == (0, 0, 2, 4)
    assert set(rows(body)) == {"00", "01"}
    removed.refresh_from_db()
    assert removed.deleted
    assert history_of(removed).first().action == ChangeRecord.Action.DELETE


def test_a_removed_district_comes_back_with_its_id(body):
    services.districts_import(body=body, features=city_file())
    old = rows(body)["0201"]
    only_city = collection(area("00", 7.50, 49.70, 7.54, 49.71, name="Musterstadt", level="Stadt"))
    services.districts_import(body=body, features=only_city, replace=True)
    result = services.districts_import(body=body, features=city_file())
    assert counts(result) == (5, 0, 1, 0)
    back = rows(body)["0201"]
    assert back.pk == old.pk
    assert back.parent == rows(body)["02"]
    assert District.objects.filter(body=body, code="0201").count() == 1


def test_a_file_may_name_stored_districts_as_parents_but_not_with_replace(body):
    stadtteile = collection(
        area("01", 7.50, 49.70, 7.52, 49.71, name="Nordstadt", level="Stadtteil"),
    )
    services.districts_import(body=body, features=stadtteile)
    quartiere = collection(area("0101", 7.50, 49.70, 7.51, 49.71, name="Lindenhof", parent="01"))
    result = services.districts_import(body=body, features=quartiere)
    assert counts(result) == (1, 0, 0, 0)
    assert rows(body)["0101"].parent == rows(body)["01"]
    with pytest.raises(DistrictsFileInvalid) as caught:
        services.districts_import(body=body, features=quartiere, replace=True)
    assert "steht nicht in der Datei" in str(caught.value.problems[0])


def test_a_stored_district_of_another_body_is_no_parent(body):
    services.districts_import(
        body=BodyFactory(),
        features=collection(area("01", 7.50, 49.70, 7.52, 49.71, level="Stadtteil")),
    )
    quartiere = collection(area("0101", 7.50, 49.70, 7.51, 49.71, parent="01"))
    with pytest.raises(DistrictsFileInvalid):
        services.districts_import(body=body, features=quartiere)


def test_a_utm_file_is_stored_in_wgs84(body):
    utm = collection(
        feature(
            polygon(rectangle(448000, 5540000, 449000, 5541000)),
            code="A",
            name="a",
            level="Quartier",
        ),
        crs="urn:ogc:def:crs:EPSG::25832",
    )
    result = services.districts_import(body=body, features=utm)
    assert str(result.crs) == "ETRS89 / UTM 32N (EPSG:25832)"
    district = rows(body)["A"]
    assert district.min_lon == pytest.approx(8.274133, abs=1e-6)
    assert district.min_lat == pytest.approx(50.010046, abs=1e-6)
    assert district.area == pytest.approx(1_000_000, rel=2e-3)


def test_a_body_imported_from_oparl_is_refused(body):
    imported = BodyFactory(oparl_source="https://example.org/oparl/body/1")
    with pytest.raises(ImportedBodyReadOnly):
        services.districts_import(body=imported, features=city_file())
    assert not District.objects.exists()


# The model ----------------------------------------------------------------------------------


def test_codes_are_unique_per_body_among_alive_districts(body):
    DistrictFactory(body=body, code="0101")
    DistrictFactory(body=BodyFactory(), code="0101")
    DistrictFactory(body=body, code="0102", deleted=True)
    DistrictFactory(body=body, code="0102")
    with pytest.raises(IntegrityError), transaction.atomic():
        DistrictFactory(body=body, code="0101")


def test_a_city_has_no_parent(body):
    stadtteil = DistrictFactory(body=body, level=District.Level.STADTTEIL)
    with pytest.raises(IntegrityError), transaction.atomic():
        DistrictFactory(body=body, level=District.Level.CITY, parent=stadtteil)


def test_everybody_sees_the_alive_districts_of_a_body(body):
    alive = DistrictFactory(body=body)
    DistrictFactory(body=body, deleted=True)
    other = DistrictFactory()
    assert list(District.objects.visible_to(None).for_body(body)) == [alive]
    assert set(District.objects.visible_to(UserFactory())) == {alive, other}
    assert str(alive) == f"{alive.name} ({alive.code})"
