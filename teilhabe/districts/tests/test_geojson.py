"""Reading districts from GeoJSON: coordinate systems, properties and every validation."""

from __future__ import annotations

import io
import json

import pytest
import shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from pyproj import Geod

from teilhabe.core.errors import UploadRejected
from teilhabe.districts import geojson
from teilhabe.districts.errors import DistrictsFileInvalid
from teilhabe.districts.tests.factories import collection, feature, polygon, rectangle

# A point in ETRS89 / UTM 32N and its WGS 84 position, computed once with pyproj
# (Transformer EPSG:25832 -> EPSG:4326, always_xy): 8.274268149, 50.010046125.
UTM_POINT = (448000.0, 5540000.0)
UTM_POINT_WGS84 = (8.274268, 50.010046)


def parse(*features, crs=None, known=()):
    return geojson.parse_collection(collection(*features, crs=crs), known=known)


def problems(*features, crs=None, known=()):
    with pytest.raises(DistrictsFileInvalid) as caught:
        parse(*features, crs=crs, known=known)
    return [str(problem) for problem in caught.value.problems]


def square(code="Q1", west=7.5, south=49.7, size=0.01, **properties):
    properties.setdefault("name", f"Gebiet {code}")
    return feature(
        polygon(rectangle(west, south, west + size, south + size)), code=code, **properties
    )


def utm_square(code, west, south, size, **properties):
    properties.setdefault("name", f"Gebiet {code}")
    return feature(
        polygon(rectangle(west, south, west + size, south + size)), code=code, **properties
    )


# WGS 84 -------------------------------------------------------------------------------------


def test_a_wgs84_file_is_read_with_rounded_counter_clockwise_outlines_bbox_and_area():
    clockwise = [
        [7.50000012345, 49.7],
        [7.5, 49.71],
        [7.51, 49.71],
        [7.51, 49.7],
        [7.50000012345, 49.7],
    ]
    parsed = parse(feature(polygon(clockwise), code="0101", name="Lindenhof", level="Quartier"))
    assert parsed.crs == geojson.WGS84
    assert parsed.crs_source == "default"
    assert parsed.warnings == []
    [district] = parsed.features
    assert (district.index, district.code, district.name) == (1, "0101", "Lindenhof")
    assert district.level == "quartier"
    assert district.parent is None
    ring = district.shape.geometry["coordinates"][0]
    assert district.shape.geometry["type"] == "Polygon"
    assert [7.5, 49.7] in ring  # 7.50000012345 rounded to six decimals
    assert all(len(str(value).split(".")[-1]) <= 6 for point in ring for value in point)
    assert shapely.Polygon(ring).exterior.is_ccw  # RFC 7946: exterior rings counter-clockwise
    assert district.shape.bbox == (7.5, 49.7, 7.51, 49.71)
    geodesic, _perimeter = Geod(ellps="GRS80").geometry_area_perimeter(shapely.Polygon(ring))
    assert district.shape.area == pytest.approx(abs(geodesic), rel=1e-4)
    assert 795_000 < district.shape.area < 810_000  # 1,112 m x 720 m at 49.7° N


def test_a_multipolygon_is_kept_as_such():
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [
            [rectangle(7.5, 49.7, 7.51, 49.71)],
            [rectangle(7.52, 49.7, 7.53, 49.71)],
        ],
    }
    [district] = parse(feature(geometry, code="A", name="Zwei Teile")).features
    assert district.shape.geometry["type"] == "MultiPolygon"
    assert len(district.shape.geometry["coordinates"]) == 2
    assert district.shape.bbox == (7.5, 49.7, 7.53, 49.71)


def test_a_polygon_with_a_hole_keeps_it_clockwise():
    outer = rectangle(7.5, 49.7, 7.53, 49.73)
    hole = rectangle(7.51, 49.71, 7.52, 49.72)
    [district] = parse(feature(polygon(outer, hole), code="A", name="Mit Loch")).features
    shell, inner = district.shape.geometry["coordinates"]
    assert shapely.LinearRing(shell).is_ccw
    assert not shapely.LinearRing(inner).is_ccw
    full = parse(square("A", size=0.03)).features[0].shape.area
    assert district.shape.area < full


# Properties ---------------------------------------------------------------------------------


def test_german_property_names_are_understood():
    parsed = parse(
        feature(
            polygon(rectangle(7.5, 49.7, 7.52, 49.72)),
            Schlüssel="01",
            Bezeichnung="Nordstadt",
            Ebene="Stadtteil",
        ),
        feature(
            polygon(rectangle(7.5, 49.7, 7.51, 49.71)),
            nummer=101,
            bezeichnung="Lindenhof",
            ebene="Viertel",
            uebergeordnet="01",
        ),
    )
    stadtteil, quartier = parsed.features
    assert (stadtteil.code, stadtteil.name, stadtteil.level) == ("01", "Nordstadt", "stadtteil")
    assert (quartier.code, quartier.parent, quartier.level) == ("101", "01", "quartier")
    assert parsed.warnings == []


def test_unknown_properties_are_named_in_a_warning_and_not_taken_over():
    parsed = parse(
        square("A", einwohner=1200, fid=1),
        square("B", south=49.72, einwohner=800),
    )
    [warning] = [w for w in parsed.warnings if "unbekannt" in str(w)]
    assert "„einwohner“ (2×)" in str(warning)
    assert "„fid“ (1×)" in str(warning)
    assert "nicht übernommen" in str(warning)


def test_a_missing_code_names_the_properties_the_feature_has():
    found = problems(feature(polygon(rectangle(7.5, 49.7, 7.51, 49.71)), gebiet="A", name="x"))
    assert found == [
        "Feature 1 (ohne Schlüssel): Die Angabe „Schlüssel“ fehlt. Erwartet wird die "
        "Eigenschaft „code“ oder „schluessel“, „gebietsschluessel“, „nummer“, „nr“, „kennung“, "
        "„kennziffer“; vorhanden: „gebiet“, „name“."
    ]


def test_an_empty_name_a_code_that_is_no_text_and_two_codes_at_once_are_refused():
    found = problems(
        square("A", name="  "),
        feature(polygon(rectangle(7.5, 49.7, 7.51, 49.71)), code=1.5, name="x"),
        square("C", nummer="D"),
    )
    assert found == [
        "Feature 1 („A“): Die Angabe „Name“ ist leer.",
        "Feature 2 (ohne Schlüssel): Die Eigenschaft „code“ (Schlüssel) muss Text oder eine "
        "ganze Zahl sein.",
        "Feature 3 (ohne Schlüssel): Die Eigenschaften „code“, „nummer“ bezeichnen beide die "
        "Angabe „Schlüssel“, haben aber verschiedene Werte. Bitte lassen Sie eine davon weg.",
    ]


def test_an_overlong_code_is_refused():
    [message] = problems(square("X" * 51))
    assert "Die Angabe „Schlüssel“ ist länger als 50 Zeichen." in message


def test_an_unknown_level_lists_the_allowed_ones():
    [message] = problems(square("A", level="Kontinent"))
    assert message == (
        "Feature 1 („A“): Die Ebene „Kontinent“ ist unbekannt. Erlaubt sind: „Stadt“, "
        "„Stadtteil“, „Quartier“."
    )


def test_missing_levels_are_derived_from_the_hierarchy_with_a_warning():
    parsed = parse(
        square("S", size=0.04),
        square("01", size=0.02, parent="S"),
        square("0101", size=0.01, parent="01"),
        square("X", west=7.6),  # alone: a Quartier
    )
    assert [(f.code, f.level, f.level_inferred) for f in parsed.features] == [
        ("S", "city", True),
        ("01", "stadtteil", True),
        ("0101", "quartier", True),
        ("X", "quartier", True),
    ]
    [warning] = parsed.warnings
    assert "Für 4 Features ist keine Ebene angegeben" in str(warning)
    assert "2 × Quartier" in str(warning)


def test_a_missing_level_under_a_parent_with_a_level_is_the_one_below():
    parsed = parse(square("S", size=0.04, level="Stadt"), square("01", size=0.02, parent="S"))
    assert [f.level for f in parsed.features] == ["city", "stadtteil"]


# Coordinate systems -------------------------------------------------------------------------


def _nearest_corner(district):
    ring = district.shape.geometry["coordinates"][0]
    x, y = UTM_POINT_WGS84
    return min(ring, key=lambda point: (point[0] - x) ** 2 + (point[1] - y) ** 2)


@pytest.mark.parametrize(
    "name",
    ["EPSG:25832", "urn:ogc:def:crs:EPSG::25832", "http://www.opengis.net/def/crs/EPSG/0/25832"],
)
def test_a_file_in_utm_32n_is_reprojected_to_wgs84(name):
    parsed = parse(utm_square("A", *UTM_POINT, 1000), crs=name)
    assert parsed.crs == geojson.UTM32N
    assert parsed.crs_source == "member"
    assert _nearest_corner(parsed.features[0]) == pytest.approx(list(UTM_POINT_WGS84), abs=1e-6)
    # a square kilometre in UTM is a little more on the ground (scale factor below 1 here)
    assert parsed.features[0].shape.area == pytest.approx(1_000_000, rel=2e-3)


def test_coordinates_plainly_in_metres_are_read_as_utm_32n_with_a_warning():
    parsed = parse(utm_square("A", *UTM_POINT, 1000, level="Quartier"))
    assert parsed.crs == geojson.UTM32N
    assert parsed.crs_source == "metres"
    [warning] = parsed.warnings
    assert "ETRS89 / UTM 32N (EPSG:25832)" in str(warning)
    assert _nearest_corner(parsed.features[0]) == pytest.approx(list(UTM_POINT_WGS84), abs=1e-6)


@pytest.mark.parametrize(
    "name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"]
)
def test_a_named_wgs84_is_wgs84(name):
    assert parse(square("A"), crs=name).crs == geojson.WGS84


def test_an_unsupported_coordinate_system_is_refused():
    [message] = problems(square("A"), crs="EPSG:31467")
    assert message.startswith("Datei: Das Koordinatensystem „EPSG:31467“ wird nicht unterstützt.")
    assert "ETRS89 / UTM 32N (EPSG:25832)" in message


def test_an_unreadable_crs_member_is_refused():
    data = collection(square("A"))
    data["crs"] = {"type": "link", "properties": {"href": "x"}}
    with pytest.raises(DistrictsFileInvalid) as caught:
        geojson.parse_collection(data)
    assert "Die Angabe „crs“ ist nicht lesbar" in str(caught.value.problems[0])


def test_coordinates_out_of_range_of_wgs84_are_refused_with_a_hint_about_metres():
    metres = feature(polygon(rectangle(448000, 5540000, 449000, 5541000)), code="B", name="b")
    [message] = problems(square("A"), metres)
    assert message.startswith(
        "Feature 2 („B“): 5 Koordinaten liegen außerhalb des Bereichs von WGS 84 (EPSG:4326), "
        "zum Beispiel (448000, 5540000): Länge −180 bis 180, Breite −90 bis 90."
    )
    assert "EPSG:25832" in message


def test_a_latitude_beyond_90_is_refused():
    bad = feature(polygon([[7.5, 49.7], [7.6, 49.7], [7.6, 91], [7.5, 49.7]]), code="A", name="a")
    [message] = problems(bad)
    assert "Die Koordinate (7.6, 91) liegt außerhalb des Bereichs von WGS 84" in message


def test_utm_coordinates_out_of_range_are_refused():
    bad = feature(polygon(rectangle(-5000, 5540000, 1000, 5541000)), code="A", name="a")
    [message] = problems(bad, crs="EPSG:25832")
    assert "außerhalb des Bereichs von ETRS89 / UTM 32N (EPSG:25832)" in message
    assert "Rechtswert 0 bis 1.000.000 m" in message


# Geometry -----------------------------------------------------------------------------------


def test_an_unclosed_ring_is_refused():
    ring = [[7.5, 49.7], [7.51, 49.7], [7.51, 49.71], [7.5, 49.71]]
    found = problems(square("A"), feature(polygon(ring), code="B", name="b"))
    assert found == [
        "Feature 2 („B“): Der Außenring ist nicht geschlossen: Der erste Punkt (7.5, 49.7) und "
        "der letzte Punkt (7.5, 49.71) müssen gleich sein."
    ]


def test_an_unclosed_hole_of_a_multipolygon_part_is_named():
    hole = [[7.502, 49.702], [7.503, 49.702], [7.503, 49.703], [7.502, 49.703]]
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [
            [rectangle(7.52, 49.7, 7.53, 49.71)],
            [rectangle(7.5, 49.7, 7.51, 49.71), hole],
        ],
    }
    [message] = problems(feature(geometry, code="A", name="a"))
    assert "Der 1. Innenring der 2. Teilfläche ist nicht geschlossen" in message


def test_a_ring_with_too_few_points_is_refused():
    [message] = problems(
        feature(polygon([[7.5, 49.7], [7.51, 49.7], [7.5, 49.7]]), code="A", name="a")
    )
    assert message == (
        "Feature 1 („A“): Der Außenring hat nur 3 Punkte. Ein Ring braucht mindestens vier, "
        "der letzte gleich dem ersten."
    )


def test_a_self_intersecting_ring_names_the_crossing():
    bowtie = [[7.5, 49.7], [7.52, 49.72], [7.52, 49.7], [7.5, 49.72], [7.5, 49.7]]
    [message] = problems(feature(polygon(bowtie), code="0101", name="a"))
    assert message == "Feature 1 („0101“): Selbstüberschneidung bei (7.51, 49.71)."


def test_a_self_intersection_in_a_utm_file_is_named_in_metres():
    bowtie = [
        [448000, 5540000],
        [449000, 5541000],
        [449000, 5540000],
        [448000, 5541000],
        [448000, 5540000],
    ]
    [message] = problems(feature(polygon(bowtie), code="A", name="a"), crs="EPSG:25832")
    assert message == "Feature 1 („A“): Selbstüberschneidung bei (448500, 5540500)."


def test_a_hole_outside_its_shell_and_overlapping_parts_are_refused():
    hole_outside = polygon(rectangle(7.5, 49.7, 7.51, 49.71), rectangle(7.6, 49.7, 7.61, 49.71))
    overlapping = {
        "type": "MultiPolygon",
        "coordinates": [[rectangle(7.5, 49.7, 7.52, 49.72)], [rectangle(7.51, 49.71, 7.53, 49.73)]],
    }
    found = problems(
        feature(hole_outside, code="A", name="a"), feature(overlapping, code="B", name="b")
    )
    assert found[0].startswith(
        "Feature 1 („A“): Ein Innenring (Loch) liegt außerhalb des Außenrings"
    )
    assert found[1].startswith("Feature 2 („B“): Selbstüberschneidung bei")


def test_a_ring_that_only_rounding_makes_invalid_is_refused():
    # The fourth point lies 0.0000001° above the bottom edge: after rounding to six
    # decimals it is on it, and the ring touches itself.
    ring = [[7.5, 49.7], [7.52, 49.7], [7.52, 49.71], [7.51, 49.7000001], [7.5, 49.71], [7.5, 49.7]]
    [message] = problems(feature(polygon(ring), code="A", name="a"))
    assert "Nach dem Umrechnen nach WGS 84 und dem Runden auf 6 Nachkommastellen" in message
    assert "Selbstüberschneidung bei (7.51, 49.7)" in message


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (None, "Das Feature hat keine Geometrie."),
        ({"type": "Point", "coordinates": [7.5, 49.7]}, "sondern „Point“"),
        ({"type": "LineString", "coordinates": [[7.5, 49.7], [7.6, 49.7]]}, "sondern „LineString“"),
        ({"type": "Polygon", "coordinates": []}, "Die Geometrie ist leer (keine Koordinaten)."),
        ({"type": "MultiPolygon", "coordinates": [[]]}, "Die 1. Teilfläche ist leer."),
        (
            polygon([[7.5, 49.7], [7.51, 49.7], [7.52, 49.7], [7.5, 49.7]]),
            "Die Fläche ist leer: Ihre Punkte liegen auf einer Linie oder an einer Stelle.",
        ),
        (polygon([[7.5, 49.7], ["7.51", 49.7], [7.51, 49.71], [7.5, 49.7]]), "ungültigen Punkt"),
        (polygon([[7.5, 49.7], [7.51], [7.51, 49.71], [7.5, 49.7]]), "ungültigen Punkt"),
    ],
)
def test_empty_and_non_polygon_geometries_are_refused(geometry, expected):
    [message] = problems(feature(geometry, code="A", name="a"))
    assert message.startswith("Feature 1 („A“): ")
    assert expected in message


# The hierarchy ------------------------------------------------------------------------------


def test_a_duplicate_code_is_refused_at_each_repetition():
    found = problems(square("A"), square("B", west=7.6), square("A", west=7.7))
    assert found == ["Feature 3 („A“): Der Schlüssel kommt mehrfach vor, zuerst in Feature 1."]


def test_an_unknown_parent_is_refused():
    found = problems(square("A", parent="Z"))
    assert found == ["Feature 1 („A“): Das übergeordnete Gebiet „Z“ steht nicht in der Datei."]
    known = [
        geojson.KnownDistrict("Y", "y", "stadtteil", None, polygon(rectangle(7.5, 49.7, 7.6, 49.8)))
    ]
    found = problems(square("A", parent="Z"), known=known)
    assert "steht weder in der Datei noch unter den gespeicherten Gebieten" in found[0]


def test_a_cycle_in_the_parents_is_refused():
    found = problems(
        square("A", size=0.03, parent="C"),
        square("B", size=0.03, parent="A"),
        square("C", size=0.03, parent="B"),
        square("D", size=0.03, parent="D"),
    )
    assert found == [
        "Feature 1 („A“): Die übergeordneten Gebiete bilden einen Kreis: „A“ → „C“ → „B“ → „A“.",
        "Feature 4 („D“): Das Gebiet ist sich selbst übergeordnet.",
    ]


def test_a_parent_must_be_on_a_higher_level():
    found = problems(
        square("Q", size=0.02, level="Quartier"),
        square("S", size=0.01, level="Stadtteil", parent="Q"),
    )
    assert found == [
        "Feature 2 („S“): Ein Gebiet der Ebene „Stadtteil“ kann nicht unter „Q“ (Quartier) "
        "liegen: Das übergeordnete Gebiet muss eine höhere Ebene haben (Stadt, darunter "
        "Stadtteil, darunter Quartier)."
    ]


def test_a_child_outside_its_parent_is_refused_in_metres_with_one_metre_tolerance():
    parent = utm_square("S", 448000, 5540000, 1000, level="Stadtteil")
    inside = utm_square("Q1", 448000, 5540000, 500, parent="S")
    just_over = feature(
        polygon(rectangle(448500, 5540000, 449000.5, 5540500)), code="Q2", name="q2", parent="S"
    )
    parsed = parse(parent, inside, just_over, crs="EPSG:25832")
    assert [f.code for f in parsed.features] == ["S", "Q1", "Q2"]
    far_over = feature(
        polygon(rectangle(448500, 5540500, 449010, 5541000)), code="Q3", name="q3", parent="S"
    )
    [message] = problems(parent, inside, far_over, crs="EPSG:25832")
    assert message.startswith(
        "Feature 3 („Q3“): Das Gebiet liegt nicht ganz in seinem übergeordneten Gebiet „S“ "
        "(Gebiet S): 5.013 m² ragen bis zu 10 m hinaus, z. B. bei (8.288"
    )
    assert message.endswith("Erlaubt sind 1 m.")


def test_a_stored_parent_is_used_for_levels_and_containment():
    stored = geojson.KnownDistrict(
        "01", "Nordstadt", "stadtteil", None, polygon(rectangle(7.5, 49.7, 7.52, 49.72))
    )
    [district] = parse(square("0101", parent="01"), known=[stored]).features
    assert (district.level, district.level_inferred) == ("quartier", True)
    [message] = problems(square("0102", west=7.515, parent="01"), known=[stored])
    assert "liegt nicht ganz in seinem übergeordneten Gebiet „01“ (Nordstadt)" in message


def test_a_stored_child_that_would_fall_outside_its_reimported_parent_is_refused():
    stored_child = geojson.KnownDistrict(
        "0101", "Lindenhof", "quartier", "01", polygon(rectangle(7.5, 49.7, 7.51, 49.71))
    )
    stored_parent = geojson.KnownDistrict(
        "01", "Nordstadt", "stadtteil", None, polygon(rectangle(7.5, 49.7, 7.52, 49.72))
    )
    shrunk = square("01", west=7.505, size=0.015, name="Nordstadt", level="Stadtteil")
    [message] = problems(shrunk, known=[stored_child, stored_parent])
    assert message.startswith(
        "Feature 1 („01“): Das gespeicherte untergeordnete Gebiet „0101“ (Lindenhof) läge nicht "
        "mehr ganz in diesem Gebiet"
    )


def test_every_problem_of_a_file_is_reported_at_once_in_feature_order():
    found = problems(
        square("A", parent="Z"),
        feature(
            polygon([[7.5, 49.7], [7.51, 49.7], [7.51, 49.71], [7.5, 49.71]]), code="B", name="b"
        ),
        square("A", west=7.7),
    )
    assert [message.split(":")[0] for message in found] == [
        "Feature 1 („A“)",
        "Feature 2 („B“)",
        "Feature 3 („A“)",
    ]


# The collection and the upload --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "Die Datei enthält kein GeoJSON-Objekt."),
        ({"type": "Feature"}, "keine GeoJSON-FeatureCollection (Typ: „Feature“)"),
        ({"type": "FeatureCollection"}, "keine Liste „features“"),
        ({"type": "FeatureCollection", "features": []}, "die Liste „features“ ist leer"),
        ({"type": "FeatureCollection", "features": [1]}, "Das ist kein GeoJSON-Feature"),
    ],
)
def test_what_is_no_feature_collection_is_refused(data, expected):
    with pytest.raises(DistrictsFileInvalid) as caught:
        geojson.parse_collection(data)
    assert expected in str(caught.value.problems[0])


def test_too_many_features_or_points_are_refused(monkeypatch):
    monkeypatch.setattr(geojson, "MAX_FEATURES", 2)
    [message] = problems(square("A"), square("B"), square("C"))
    assert "Die Datei enthält 3 Gebiete, erlaubt sind höchstens 2." in message
    monkeypatch.setattr(geojson, "MAX_POSITIONS", 9)
    [message] = problems(square("A"), square("B", west=7.6))
    assert "Die Datei hat 10 Koordinaten, erlaubt sind höchstens 9." in message


def test_load_bytes_accepts_utf8_with_a_byte_order_mark():
    data = json.dumps(collection(square("Ä"))).encode("utf-8-sig")
    assert geojson.load_bytes(data)["features"][0]["properties"]["code"] == "Ä"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "Die Datei ist leer."),
        ('{"a": "ä"}'.encode("latin-1"), "nicht in UTF-8 kodiert"),
        (b'{"type":\n "FeatureCollection",', "kein gültiges JSON (Zeile 2, Spalte"),
        (b'{"type": NaN}', "Die Datei ist kein gültiges JSON."),
        (b"[" * 100_000, "Die Datei ist kein gültiges JSON"),
    ],
)
def test_load_bytes_refuses_what_is_not_json(data, expected):
    with pytest.raises(UploadRejected) as caught:
        geojson.load_bytes(data)
    assert expected in caught.value.message


def test_an_upload_is_checked_before_it_is_parsed(settings):
    good = json.dumps(collection(square("A"))).encode()
    assert geojson.read_upload(SimpleUploadedFile("quartiere.geojson", good))["type"]
    with pytest.raises(UploadRejected, match=r"Endung \.geojson oder \.json"):
        geojson.read_upload(SimpleUploadedFile("quartiere.shp", good))
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(UploadRejected, match="zu groß"):
        geojson.read_upload(SimpleUploadedFile("quartiere.json", good))
    with pytest.raises(UploadRejected, match="zu groß"):
        geojson.load_bytes(io.BytesIO(good).read())
