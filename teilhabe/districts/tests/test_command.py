"""`manage.py districts_import FILE --body SLUG [--replace] [--dry-run]`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from teilhabe.core.models import ChangeRecord
from teilhabe.core.tests.factories import BodyFactory
from teilhabe.districts.models import District
from teilhabe.districts.tests.factories import collection, feature, polygon, rectangle

pytestmark = pytest.mark.django_db


def area(code, west, south, east, north, **properties):
    properties.setdefault("name", f"Gebiet {code}")
    return feature(polygon(rectangle(west, south, east, north)), code=code, **properties)


STADTTEIL = area("01", 7.50, 49.70, 7.52, 49.71, name="Nordstadt", ebene="Stadtteil")
QUARTIER = area("0101", 7.50, 49.70, 7.51, 49.71, name="Lindenhof", uebergeordnet="01")


@pytest.fixture
def body():
    return BodyFactory(name="Stadt Musterstadt", slug="musterstadt")


def write(tmp_path, data, name="quartiere.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("districts_import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fail(*args):
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("districts_import", *args, stdout=io.StringIO(), stderr=err)
    return caught.value, err.getvalue()


def test_a_valid_file_is_imported_with_a_report(body, tmp_path):
    path = write(
        tmp_path,
        collection(STADTTEIL, QUARTIER, area("0102", 7.51, 49.70, 7.52, 49.71, parent="01", fid=7)),
    )
    out, err = run(path, "--body", "musterstadt")
    assert err == ""
    assert "Koordinatensystem: WGS 84 (EPSG:4326) (ohne Angabe in der Datei, nach RFC 7946)." in out
    assert "Gebiete in der Datei: 1 × Stadtteil, 2 × Quartier." in out
    assert (
        "Hinweis: Diese Eigenschaften sind unbekannt und werden nicht übernommen: „fid“ (1×)."
        in out
    )
    assert (
        "Übernommen für „Stadt Musterstadt“: 3 neu, 0 geändert, 0 unverändert, 0 entfernt." in out
    )
    assert District.objects.filter(body=body).count() == 3
    out, _err = run(path, "--body", "musterstadt")
    assert "0 neu, 0 geändert, 3 unverändert, 0 entfernt." in out


def test_an_invalid_file_is_reported_on_stderr_and_nothing_is_written(body, tmp_path):
    bowtie = feature(
        polygon([[7.5, 49.7], [7.52, 49.72], [7.52, 49.7], [7.5, 49.72], [7.5, 49.7]]),
        code="0102",
        name="Kreuz",
        parent="01",
    )
    orphan = area("0103", 7.50, 49.70, 7.51, 49.71, parent="99")
    path = write(tmp_path, collection(STADTTEIL, QUARTIER, bowtie, orphan))
    error, err = fail(path, "--body", "musterstadt")
    assert err.splitlines() == [
        "Feature 3 („0102“): Selbstüberschneidung bei (7.51, 49.71).",
        "Feature 4 („0103“): Das übergeordnete Gebiet „99“ steht nicht in der Datei.",
    ]
    assert str(error) == "Die Datei enthält 2 Fehler. Es wurde nichts übernommen."
    assert error.returncode == 1
    assert not District.objects.exists()
    assert not ChangeRecord.objects.exists()


def test_a_utm_file_without_crs_is_read_in_metres(body, tmp_path):
    utm = collection(
        feature(
            polygon(rectangle(448000, 5540000, 449000, 5541000)),
            code="A",
            name="a",
            level="Quartier",
        )
    )
    out, _err = run(write(tmp_path, utm, name="quartiere.json"), "--body", "musterstadt")
    assert "ETRS89 / UTM 32N (EPSG:25832) (aus den Koordinaten in Metern geschlossen)" in out
    assert "Hinweis: Die Datei nennt kein Koordinatensystem" in out
    assert District.objects.get(code="A").min_lat == pytest.approx(50.010046, abs=1e-6)


def test_replace_removes_what_the_file_does_not_name(body, tmp_path):
    run(write(tmp_path, collection(STADTTEIL, QUARTIER)), "--body", "musterstadt")
    only = write(tmp_path, collection(STADTTEIL), name="stadtteile.geojson")
    out, _err = run(only, "--body", "musterstadt")
    assert "0 neu, 0 geändert, 1 unverändert, 0 entfernt." in out
    out, _err = run(only, "--body", "musterstadt", "--replace")
    assert "0 neu, 0 geändert, 1 unverändert, 1 entfernt." in out
    assert list(District.objects.alive().values_list("code", flat=True)) == ["01"]


def test_a_dry_run_reports_and_writes_nothing(body, tmp_path):
    out, _err = run(
        write(tmp_path, collection(STADTTEIL, QUARTIER)), "--body", "musterstadt", "--dry-run"
    )
    assert "Probelauf für „Stadt Musterstadt“, nichts gespeichert: 2 neu" in out
    assert not District.objects.exists()
    assert not ChangeRecord.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ("", "leer.geojson", "Die Datei ist leer."),
        ("{", "kaputt.geojson", "Die Datei ist kein gültiges JSON (Zeile 1, Spalte 2)."),
        ('{"type": "FeatureCollection", "features": []}', "quartiere.csv", "Endung .geojson"),
    ],
)
def test_an_unreadable_file_is_refused(body, tmp_path, content, name, expected):
    error, _err = fail(write(tmp_path, content, name=name), "--body", "musterstadt")
    assert expected in str(error)


def test_a_file_too_big_is_refused_before_it_is_read(body, tmp_path, settings):
    settings.UPLOAD_MAX_BYTES = 100
    path = write(tmp_path, collection(STADTTEIL, QUARTIER))
    error, _err = fail(path, "--body", "musterstadt")
    assert "Die Datei ist zu groß. Erlaubt sind höchstens 100" in str(error)


def test_an_empty_collection_is_reported(body, tmp_path):
    error, err = fail(write(tmp_path, collection()), "--body", "musterstadt")
    assert "Datei: Die Datei enthält keine Gebiete" in err
    assert str(error) == "Die Datei enthält 1 Fehler. Es wurde nichts übernommen."


def test_an_unknown_body_or_file_is_refused(body, tmp_path):
    path = write(tmp_path, collection(STADTTEIL))
    error, _err = fail(path, "--body", "nirgendwo")
    assert str(error) == "Eine Körperschaft mit dem Kürzel „nirgendwo“ gibt es nicht."
    error, _err = fail(str(tmp_path / "fehlt.geojson"), "--body", "musterstadt")
    assert "gibt es nicht" in str(error)


def test_a_body_imported_from_oparl_is_refused(tmp_path):
    BodyFactory(slug="gespiegelt", oparl_source="https://example.org/oparl/body/1")
    error, _err = fail(write(tmp_path, collection(STADTTEIL)), "--body", "gespiegelt")
    assert "OParl-Import" in str(error)
    assert not District.objects.exists()
