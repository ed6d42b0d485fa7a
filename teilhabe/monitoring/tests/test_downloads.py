"""Downloads of a snapshot's indicators: CSV, Excel, GeoJSON, suppressed like the pages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from teilhabe.monitoring.models import Snapshot
from teilhabe.monitoring.selectors import snapshot_figures
from teilhabe.monitoring.tests import public_world

pytestmark = pytest.mark.django_db

DAY = public_world.DAY.isoformat()


def _url(kind: str, day: str = DAY) -> str:
    return reverse(
        f"monitoring:table_{kind}", kwargs={"body": "musterstadt", "reference_date": day}
    )


def _csv_rows(client) -> list[dict[str, str]]:
    response = client.get(_url("csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="musterstadt-monitoring-2024-12-31.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def _geojson(client) -> dict:
    response = client.get(_url("geojson"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_csv_for_german_spreadsheets(client):
    public_world.build(3)
    rows = _csv_rows(client)
    share = next(
        r
        for r in rows
        if r["Gebietsschlüssel"] == "Q03" and r["Indikator (Kennung)"] == "foreigners_share"
    )
    assert share["Wert"] == "20,4"
    assert share["Wert wie veröffentlicht"] == "20,4\u00a0%"
    assert share["geheim gehalten"] == "nein"
    secret = next(
        r
        for r in rows
        if r["Gebietsschlüssel"] == "Q01" and r["Indikator (Kennung)"] == "foreigners_share"
    )
    assert secret["Wert"] == ""
    assert secret["Wert wie veröffentlicht"] == "."
    assert secret["geheim gehalten"] == "ja"


def test_geojson_has_districts_with_their_shown_values(client):
    public_world.build(3)
    document = _geojson(client)
    assert document["type"] == "FeatureCollection"
    features = {f["properties"]["code"]: f for f in document["features"]}
    assert set(features) == {"00", "01", "Q01", "Q02", "Q03"}
    q1 = features["Q01"]["properties"]
    assert q1["parent"] == "01"
    assert q1["reference_date"] == DAY
    assert q1["indicators"]["foreigners_share"] == {"value": None, "shown": ".", "suppressed": True}
    q3 = features["Q03"]["properties"]["indicators"]["foreigners_share"]
    assert q3 == {"value": 20.4, "shown": "20,4\u00a0%", "suppressed": False}
    assert features["Q03"]["geometry"]["type"] == "Polygon"


def test_xlsx_holds_the_same_rows(client):
    from openpyxl import load_workbook

    public_world.build(3)
    response = client.get(_url("xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == len(_csv_rows(client))
    secret = next(r for r in rows if r[1] == "Q01" and r[4] == "foreigners_share")
    assert secret[8] is None
    assert secret[9] == "."
    assert secret[10] == "ja"


def test_unknown_dates_are_not_found(client):
    public_world.build(3)
    for kind in ("csv", "xlsx", "geojson"):
        assert client.get(_url(kind, "2020-01-01")).status_code == 404
        assert client.get(_url(kind, "gestern")).status_code == 404


def test_every_channel_shows_exactly_what_indicators_computes(client):
    """Page table, comparison, CSV and GeoJSON agree figure by figure with `indicators`,
    and the small count's share appears nowhere."""
    public_world.build(3)
    snapshot = Snapshot.objects.get(reference_date=public_world.DAY)
    earlier = Snapshot.objects.get(reference_date=public_world.EARLIER)
    expected = {
        (f.indicator, f.area, f.key): f.shown for f in snapshot_figures(snapshot, earlier=earlier)
    }
    assert expected[("foreigners_share", "Q01", "")].suppressed

    rows = _csv_rows(client)
    from_csv = {
        (r["Indikator (Kennung)"], r["Gebietsschlüssel"], r["Ausprägung"]): r[
            "Wert wie veröffentlicht"
        ]
        for r in rows
        if not r["Rang"]
    }
    assert from_csv == {
        key: shown.text for key, shown in expected.items() if key[0] != "citizenships_top10"
    }
    geo = {
        (indicator, feature["properties"]["code"]): value
        for feature in _geojson(client)["features"]
        for indicator, value in feature["properties"]["indicators"].items()
    }
    for (indicator, area, key), shown in expected.items():
        if area.startswith("Q") and not key:
            assert geo[(indicator, area)]["shown"] == shown.text
            assert geo[(indicator, area)]["suppressed"] is shown.suppressed
            if shown.suppressed:
                assert geo[(indicator, area)]["value"] is None
    index = client.get(
        reverse("monitoring:index", kwargs={"body": "musterstadt"}) + "?indikator=foreigners_share"
    ).content.decode()
    for area in ("Q01", "Q02", "Q03"):
        assert f"Quartier {area[-1]}: {expected[('foreigners_share', area, '')].text}<" in index

    outputs = [
        index,
        client.get(
            reverse("monitoring:comparison", kwargs={"body": "musterstadt"})
        ).content.decode(),
        client.get(
            reverse("monitoring:district", kwargs={"body": "musterstadt", "code": "Q01"})
        ).content.decode(),
        client.get(_url("csv")).content.decode(),
        client.get(_url("geojson")).content.decode(),
    ]
    for output in outputs:
        assert public_world.SMALL_SHARE not in output
        assert "1.46" not in output
        assert "1,46" not in output
    assert not any(r["Gebietsschlüssel"] == "Q01" and r["Wert"] == "2" for r in rows)
