"""The choropleth: classes, a pattern per class, a legend, titles, well-formed SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # the type of what defusedxml parses
from decimal import Decimal

import pytest

from teilhabe.districts.tests.factories import polygon, rectangle
from teilhabe.monitoring import maps
from teilhabe.monitoring.maps import MapArea, Method

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text)  # noqa: S314 (our own SVG, not input)


def _areas() -> list[MapArea]:
    values = [1, 2, 3, 4, 5, 6]
    areas = [
        MapArea(
            code=f"Q{n}",
            name=f"Quartier {n} & Co",
            geometry=polygon(rectangle(7.5 + 0.01 * n, 49.7, 7.51 + 0.01 * n, 49.71)),
            text=f"{value},0 %",
            value=D(value),
            href=f"/q/{n}/",
        )
        for n, value in enumerate(values)
    ]
    multi = {
        "type": "MultiPolygon",
        "coordinates": [[rectangle(7.4, 49.6, 7.41, 49.61)], [rectangle(7.42, 49.6, 7.43, 49.61)]],
    }
    areas.append(MapArea("S", "Geheimquartier", multi, ".", None, suppressed=True))
    areas.append(
        MapArea("U", "Kleinquartier", polygon(rectangle(7.6, 49.8, 7.61, 49.81)), "/", None)
    )
    return areas


def test_quantile_edges_interpolate_between_sorted_values():
    assert maps.classify([6, 1, 5, 2, 4, 3], Method.QUANTILES) == [D(v) for v in range(1, 7)]
    assert maps.classify([20, 0, 10], Method.QUANTILES) == [D(v) for v in (0, 4, 8, 12, 16, 20)]
    assert maps.classify([D("1.5")], Method.QUANTILES) == [D("1.5")] * 6
    assert maps.classify([], Method.QUANTILES) == []


def test_equal_intervals_divide_the_range():
    assert maps.classify([0, 1, 10], Method.EQUAL) == [D(v) for v in (0, 2, 4, 6, 8, 10)]
    edges = maps.classify([D("-1.0"), D("4.0")], Method.EQUAL)
    assert edges == [D(v) for v in ("-1", "0", "1", "2", "3", "4")]


def test_a_value_on_an_edge_belongs_to_the_lower_class():
    edges = [D(v) for v in (0, 2, 4, 6, 8, 10)]
    assert [maps.class_of(v, edges) for v in (0, 2, D("2.1"), 6, 9, 10)] == [0, 0, 1, 2, 4, 4]


def test_every_pattern_ink_contrasts_with_its_fill():
    for fill, ink in (*maps.PALETTE, (maps.SUPPRESSED_FILL, maps.SUPPRESSED_INK)):
        assert maps.contrast(fill, ink) >= 3, (fill, ink)
    assert maps.contrast(maps.NO_VALUE_FILL, maps.NO_VALUE_INK) >= 4.5
    assert maps.contrast("#ffffff", "#000000") == pytest.approx(21)


def test_the_svg_is_well_formed_with_patterns_legend_and_titles():
    svg = str(maps.choropleth(_areas(), title="Anteil <Test>", description="Beschreibung"))
    root = _parse(svg)  # well-formed, escaped
    # The districts link to their profiles: an image may not hold links, a group may.
    assert root.get("role") == "group"
    links = root.findall(f".//{SVG}a")
    assert [link.get("aria-label") for link in links][:1] == ["Quartier 0 & Co: 1,0 %"]
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text == "Anteil <Test>"
    assert desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    patterns = root.findall(f"{SVG}defs/{SVG}pattern")
    ids = [p.get("id") for p in patterns]
    assert ids == [f"karte-{k}" for k in ("0", "1", "2", "3", "4", "suppressed", "none")]
    drawings = [ET.tostring(p[1]) for p in patterns]
    assert len(set(drawings)) == len(drawings), "each class has a pattern of its own"
    paths = root.findall(f".//{SVG}g[@class='monitoring-map__areas']//{SVG}path")
    assert len(paths) == 8
    titles = [p.find(f"{SVG}title").text for p in paths]
    assert "Quartier 0 & Co: 1,0 %" in titles
    assert "Geheimquartier: ." in titles
    classes = [p.get("data-class") for p in paths]
    assert classes == ["0", "0", "1", "2", "3", "4", "suppressed", "none"]
    assert paths[6].get("fill") == "url(#karte-suppressed)"
    assert paths[6].get("d", "").count("M") == 2  # both parts of the MultiPolygon
    legend = root.find(f".//{SVG}g[@class='monitoring-map__legend']")
    assert legend is not None
    texts = [t.text for t in legend.findall(f"{SVG}text")]
    assert texts[0] == "1 bis 2 (2 Gebiete)"  # as many decimals as the values have
    assert texts[1] == "über 2 bis 3 (1 Gebiet)"
    assert texts[5].startswith("geheim gehalten")
    assert "kein Wert" in texts[6]
    assert "<script" not in svg
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_equal_intervals_chosen_by_the_parameter_class_differently():
    areas = [
        MapArea(f"Q{v}", f"Q{v}", polygon(rectangle(7.5, 49.7, 7.51, 49.71)), str(v), v)
        for v in (0, 1, 2, 10)
    ]
    root = _parse(str(maps.choropleth(areas, title="t", description="d", method=Method.EQUAL)))
    classes = [p.get("data-class") for p in root.iter(f"{SVG}path") if p.get("data-class")]
    assert classes == ["0", "0", "0", "4"]
    root = _parse(str(maps.choropleth(areas, title="t", description="d")))
    classes = [p.get("data-class") for p in root.iter(f"{SVG}path") if p.get("data-class")]
    # quantile edges 0; 0,6; 1,2; 1,8; 4,4; 10
    assert classes == ["0", "1", "3", "4"]


def test_no_districts_still_give_a_valid_image():
    root = _parse(str(maps.choropleth([], title="t", description="d")))
    assert root.get("role") == "img"
