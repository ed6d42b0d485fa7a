"""The monitoring's public pages: map and table, profile, comparison; messages and 404s;
a fixed number of queries however many districts."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # the type of what defusedxml parses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.tests.factories import BodyFactory
from teilhabe.monitoring.tests import public_world

pytestmark = pytest.mark.django_db


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text)  # noqa: S314 (our own SVG, not input)


def _url(name: str, body: str = "musterstadt", **kwargs: str) -> str:
    return reverse(f"monitoring:{name}", kwargs={"body": body, **kwargs})


def _svg(html: str) -> ET.Element:
    start = html.index("<svg")
    return _parse(html[start : html.index("</svg>") + 6])


def test_no_snapshot_yet_is_a_friendly_page(client):
    public_world.build(3, snapshots=False)
    for name in ("index", "comparison"):
        response = client.get(_url(name))
        assert response.status_code == 200
        assert "Noch ist kein Datenstand veröffentlicht" in response.content.decode()
    response = client.get(_url("district", code="Q01"))
    assert response.status_code == 200


def test_index_shows_the_map_and_the_same_values_in_a_table(client):
    public_world.build(3)
    response = client.get(_url("index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "31.12.2024" in html
    svg = _svg(html)
    titles = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert "Quartier 1: ." in titles
    # the table next to the map: each Quartier with its value and a link to its profile
    assert _url("district", code="Q03") in html
    assert "20,4\u00a0%" in html
    assert "Quartier 3: 20,4\u00a0%" in titles
    assert html.count("geheim gehalten") >= 2
    assert public_world.SMALL_SHARE not in html


def test_indicator_snapshot_and_method_are_chosen(client):
    public_world.build(3)
    response = client.get(
        _url("index") + "?indikator=residents&stichtag=2023-12-31&einteilung=gleich"
    )
    html = response.content.decode()
    assert "Einwohnerinnen und Einwohner am 31.12.2023" in html
    assert "gleich großen Intervallen" in html
    assert 'value="residents" selected' in html


def test_unknown_parameters_are_named_never_an_error(client):
    public_world.build(3)
    response = client.get(_url("index") + "?indikator=gibtsnicht&stichtag=morgen&einteilung=rund")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Einen Indikator „gibtsnicht“ gibt es hier nicht" in html
    assert "Einen Datenstand zum Stichtag „morgen“ gibt es nicht" in html
    assert "Eine Klasseneinteilung „rund“ gibt es nicht" in html
    # a change needs an earlier snapshot: not offered for the first one
    response = client.get(_url("index") + "?indikator=residents_change&stichtag=2023-12-31")
    assert "Einen Indikator „residents_change“ gibt es hier nicht" in response.content.decode()


def test_profile_against_the_city_with_series_parent_and_children(client):
    public_world.build(3)
    html = client.get(_url("district", code="Q03")).content.decode()
    assert "Nordstadt" in html
    assert _url("district", code="01") in html
    assert "Zeitreihe" in html
    assert "31.12.2023" in html
    assert "Segregationsindex" in html  # city only
    part = client.get(_url("district", code="01")).content.decode()
    assert _url("district", code="Q01") in part
    assert _url("district", code="Q03") in part
    assert public_world.SMALL_SHARE not in client.get(_url("district", code="Q01")).content.decode()


def test_comparison_of_all_districts(client):
    public_world.build(3)
    response = client.get(_url("comparison") + "?stichtag=2023-12-31")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gebiete im Vergleich, Stichtag 31.12.2023" in html
    for name in ("Musterstadt", "Nordstadt", "Quartier 1", "Quartier 3", "Ausländeranteil"):
        assert name in html
    assert public_world.SMALL_SHARE not in html


def test_not_found(client):
    public_world.build(3)
    BodyFactory(slug="anderswo")
    assert client.get(_url("district", code="Q99")).status_code == 404
    assert client.get(_url("district", body="anderswo", code="Q01")).status_code == 404
    assert client.get(_url("index", body="gibt-es-nicht")).status_code == 404
    assert client.get(_url("index", body="anderswo")).status_code == 200  # no data yet


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("index", {}), ("comparison", {}), ("district", {"code": "Q02"})],
)
def test_a_fixed_number_of_queries_whatever_the_districts(client, name, kwargs):
    public_world.build(3)
    few = _queries(client, _url(name, **kwargs))
    from teilhabe.core.models import Body

    Body.objects.filter(slug="musterstadt").update(slug="alt")
    public_world.build(12)
    many = _queries(client, _url(name, **kwargs))
    assert few == many
    assert many <= 8
