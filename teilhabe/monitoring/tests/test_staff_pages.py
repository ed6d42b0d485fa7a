"""The monitoring's staff pages: who gets in, uploads with a preview or a report, deleting."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teilhabe.council.tests import factories as f
from teilhabe.districts.models import District, Level
from teilhabe.districts.tests.factories import (
    DistrictFactory,
    collection,
    feature,
    polygon,
    rectangle,
)
from teilhabe.monitoring.models import Count, Snapshot
from teilhabe.monitoring.services import snapshot_import
from teilhabe.monitoring.views import staff as staff_views
from teilhabe.monitoring.views.staff_districts import PENDING_DIR

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 31)
TABLE = (
    "Gebiet;Merkmal;Ausprägung;Anzahl\n"
    "Q1;population;total;100\nQ1;sex;w;60\nQ1;sex;m;40\n"
    "Q2;population;total;50\nQ2;sex;w;20\nQ2;sex;m;30\n"
)
REGISTER = (
    "person_id;district_code;year_of_birth;sex;citizenships;country_of_birth\n"
    "1;Q1;1980;w;TUR;TUR\n2;Q1;1990;m;DEU;DEU\n3;Q2;2001;w;DEU|POL;POL\n"
)


def area(code, west, south, east, north, **properties):
    properties.setdefault("name", f"Gebiet {code}")
    return feature(polygon(rectangle(west, south, east, north)), code=code, **properties)


STADTTEIL = area("01", 7.50, 49.70, 7.52, 49.71, name="Nordstadt", ebene="Stadtteil")
QUARTIER = area("0101", 7.50, 49.70, 7.51, 49.71, name="Lindenhof", uebergeordnet="01")
BOWTIE = feature(
    polygon([(7.5, 49.7), (7.51, 49.71), (7.51, 49.7), (7.5, 49.71), (7.5, 49.7)]),
    code="0102",
    name="Schleife",
    uebergeordnet="01",
)


@pytest.fixture
def body():
    return f.BodyFactory()


@pytest.fixture
def with_districts(body):
    part = DistrictFactory(body=body, code="S1", level=Level.STADTTEIL)
    DistrictFactory(body=body, code="Q1", parent=part)
    DistrictFactory(body=body, code="Q2", parent=part)
    return body


@pytest.fixture
def staff(client, body):
    client.force_login(f.StaffRoleFactory(body=body).user)
    return client


def url(body, name, **kwargs):
    return reverse(f"monitoring_staff:{name}", kwargs={"body": body.slug, **kwargs})


def geojson_file(data, name="gebiete.geojson"):
    content = json.dumps(data) if not isinstance(data, str) else data
    return SimpleUploadedFile(name, content.encode(), "application/geo+json")


def csv_file(text, name="stand.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), "text/csv")


def pending_files():
    if not default_storage.exists(PENDING_DIR):
        return []
    return default_storage.listdir(PENDING_DIR)[1]


# --- who gets in --------------------------------------------------------------------------


def _pages(body):
    return [url(body, "overview"), url(body, "districts_upload"), url(body, "snapshot_upload")]


def test_every_page_is_for_staff(staff, body):
    for page in _pages(body):
        response = staff.get(page)
        assert response.status_code == 200, page
        assert "Monitoring" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "member", "other_body_staff"])
def test_everyone_else_gets_404(client, body, who):
    if who == "member":
        beirat = f.OrganizationFactory(body=body)
        user = f.UserFactory()
        f.MembershipFactory(organization=beirat, person=f.PersonFactory(body=body, user=user))
        client.force_login(user)
    elif who == "other_body_staff":
        client.force_login(f.StaffRoleFactory().user)
    for page in _pages(body):
        assert client.get(page).status_code == 404, page
    response = client.post(
        url(body, "snapshot_upload"),
        {"reference_date": "2024-12-31", "file": csv_file(TABLE)},
    )
    assert response.status_code == 404
    assert not Snapshot.objects.exists()


def test_the_overview_counts_districts_per_level_and_lists_snapshots(staff, with_districts):
    body = with_districts
    snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode(), note="Test")
    response = staff.get(url(body, "overview"))
    assert response.status_code == 200
    levels = dict(response.context["districts"].levels)
    assert levels == {"Stadt": 0, "Stadtteil": 1, "Quartier": 2}
    content = response.content.decode()
    assert "31.12.2024" in content
    assert "Test" in content
    assert "Sperrung kleiner Fallzahlen" in content  # how the snapshot is protected
    assert response.context["snapshots"][0].cells == 6
    assert reverse("monitoring:index", kwargs={"body": body.slug}) in content


# --- districts: preview, then confirm -------------------------------------------------------


def test_a_valid_file_is_previewed_without_writing_then_imported_on_confirm(staff, body):
    response = staff.post(
        url(body, "districts_upload"),
        {"file": geojson_file(collection(STADTTEIL, QUARTIER))},
    )
    assert response.status_code == 200
    assert response.context["result"].created == 2
    assert "Vorschau" in response.content.decode()
    assert not District.objects.exists()  # the preview was rolled back
    assert len(pending_files()) == 1
    token = response.context["confirm_form"].initial["token"]

    response = staff.post(url(body, "districts_confirm"), {"token": token})
    assert response.status_code == 302
    assert District.objects.filter(body=body).count() == 2
    assert pending_files() == []
    # The token is used up: a second confirmation imports nothing.
    response = staff.post(url(body, "districts_confirm"), {"token": token}, follow=True)
    assert "nicht mehr vor" in response.content.decode()


def test_a_forged_token_imports_nothing(staff, body):
    response = staff.post(
        url(body, "districts_upload"), {"file": geojson_file(collection(STADTTEIL))}
    )
    assert response.context["result"].created == 1
    response = staff.post(url(body, "districts_confirm"), {"token": "x" * 32})
    assert response.status_code == 302
    assert not District.objects.exists()


def test_discarding_the_preview_deletes_the_kept_file(staff, body):
    response = staff.post(
        url(body, "districts_upload"), {"file": geojson_file(collection(STADTTEIL))}
    )
    token = response.context["confirm_form"].initial["token"]
    staff.post(url(body, "districts_confirm"), {"token": token, "discard": "1"})
    assert pending_files() == []
    assert not District.objects.exists()


def test_replace_is_previewed_as_removals(staff, body):
    DistrictFactory(body=body, code="99", level=Level.STADTTEIL)
    response = staff.post(
        url(body, "districts_upload"),
        {"file": geojson_file(collection(STADTTEIL)), "replace": "on"},
    )
    assert response.context["result"].removed == 1
    assert District.objects.alive().filter(code="99").exists()
    token = response.context["confirm_form"].initial["token"]
    staff.post(url(body, "districts_confirm"), {"token": token})
    assert not District.objects.alive().filter(code="99").exists()


def test_an_invalid_file_lists_every_problem_in_german_and_writes_nothing(staff, body):
    response = staff.post(
        url(body, "districts_upload"),
        {
            "file": geojson_file(
                collection(
                    STADTTEIL, BOWTIE, area("0103", 7.5, 49.7, 7.51, 49.71, uebergeordnet="77")
                )
            )
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Fehler in der Datei" in content
    assert "Feature 2 (" in content
    assert "Feature 3 (" in content
    assert "result" not in response.context or response.context["result"] is None
    assert not District.objects.exists()
    assert pending_files() == []


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ("", "leer.geojson", "ist leer"),
        ("{kaputt", "kaputt.geojson", "kein gültiges JSON"),
        ('{"type": "FeatureCollection", "features": []}', "gebiete.txt", "GeoJSON-Datei"),
    ],
)
def test_an_unreadable_file_is_refused_at_the_field(staff, body, content, name, expected):
    response = staff.post(url(body, "districts_upload"), {"file": geojson_file(content, name)})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not District.objects.exists()


# --- snapshots -------------------------------------------------------------------------------


def test_an_aggregated_table_is_loaded(staff, with_districts):
    body = with_districts
    response = staff.post(
        url(body, "snapshot_upload"),
        {"reference_date": "2024-12-31", "file": csv_file(TABLE, encoding="cp1252"), "note": "Amt"},
    )
    assert response.status_code == 200
    assert "übernommen" in response.content.decode()
    snapshot = Snapshot.objects.get(body=body)
    assert (snapshot.reference_date, snapshot.source, snapshot.note) == (DAY, "aggregated", "Amt")
    assert Count.objects.filter(snapshot=snapshot).count() == 6


def test_a_register_extract_is_detected_and_aggregated(staff, with_districts):
    body = with_districts
    response = staff.post(
        url(body, "snapshot_upload"), {"reference_date": "2024-12-31", "file": csv_file(REGISTER)}
    )
    assert response.status_code == 200
    assert Snapshot.objects.get(body=body).source == "register"


def test_invalid_rows_are_reported_and_nothing_is_loaded_unless_skipped(staff, with_districts):
    body = with_districts
    table = TABLE + "X9;population;total;5\nQ1;sex;w;viele\n"
    response = staff.post(
        url(body, "snapshot_upload"), {"reference_date": "2024-12-31", "file": csv_file(table)}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Zeile 8" in content
    assert "Zeile 9" in content
    assert response.context["problem_count"] == 2
    assert not Snapshot.objects.exists()

    response = staff.post(
        url(body, "snapshot_upload"),
        {"reference_date": "2024-12-31", "file": csv_file(table), "skip_invalid": "on"},
    )
    assert response.status_code == 200
    assert response.context["result"].skipped_lines == 2
    assert "Übersprungene Zeilen" in response.content.decode()
    assert Count.objects.count() == 6


def test_the_report_shows_the_first_problems_and_counts_the_rest(
    staff, with_districts, monkeypatch
):
    monkeypatch.setattr(staff_views, "SHOWN_PROBLEMS", 3)
    table = TABLE + "".join(f"X{n};population;total;5\n" for n in range(5))
    response = staff.post(
        url(with_districts, "snapshot_upload"),
        {"reference_date": "2024-12-31", "file": csv_file(table)},
    )
    assert len(response.context["problems"]) == 3
    assert response.context["hidden_problems"] == 2
    assert "… und 2 weitere Fehler." in response.content.decode()


def test_a_date_used_twice_is_refused(staff, with_districts):
    body = with_districts
    snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode())
    response = staff.post(
        url(body, "snapshot_upload"), {"reference_date": "2024-12-31", "file": csv_file(TABLE)}
    )
    assert response.status_code == 200
    assert "Für diesen Stichtag gibt es schon einen Datenstand." in response.content.decode()
    assert "reference_date" in response.context["form"].errors
    assert Snapshot.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reference_date": "gestern"}, "reference_date"),
        ({"reference_date": "2024-12-31", "kind": "bogus"}, "kind"),
    ],
)
def test_bad_input_is_a_form_error(staff, with_districts, data, field):
    response = staff.post(url(with_districts, "snapshot_upload"), {**data, "file": csv_file(TABLE)})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize(("content", "name"), [("", "leer.csv"), (TABLE, "stand.xlsx")])
def test_an_empty_or_foreign_file_is_refused(staff, with_districts, content, name):
    response = staff.post(
        url(with_districts, "snapshot_upload"),
        {"reference_date": "2024-12-31", "file": csv_file(content, name)},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Snapshot.objects.exists()


def test_a_file_without_valid_rows_is_refused(staff, with_districts):
    response = staff.post(
        url(with_districts, "snapshot_upload"),
        {"reference_date": "2024-12-31", "file": csv_file("Gebiet;Merkmal;Ausprägung;Anzahl\n")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Snapshot.objects.exists()


def test_deleting_a_snapshot_asks_first_then_frees_its_date(staff, with_districts):
    body = with_districts
    snapshot = snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode()).snapshot
    delete = url(body, "snapshot_delete", pk=snapshot.pk)
    assert staff.get(delete).status_code == 405
    response = staff.post(delete, {"version": snapshot.version})
    assert response.status_code == 200
    assert "31.12.2024" in response.content.decode()
    assert Snapshot.objects.alive().exists()
    response = staff.post(delete, {"version": snapshot.version, "confirmed": "1"})
    assert response.status_code == 302
    assert not Snapshot.objects.alive().exists()
    snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode())
    assert Snapshot.objects.alive().count() == 1


def test_deleting_with_a_stale_version_changes_nothing(staff, with_districts):
    body = with_districts
    snapshot = snapshot_import(body=body, reference_date=DAY, rows_or_file=TABLE.encode()).snapshot
    response = staff.post(
        url(body, "snapshot_delete", pk=snapshot.pk),
        {"version": snapshot.version + 1, "confirmed": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert Snapshot.objects.alive().exists()


def test_another_bodys_snapshot_is_not_found(staff, body):
    other = f.BodyFactory()
    DistrictFactory(body=other, code="Q1")
    snapshot = snapshot_import(
        body=other, reference_date=DAY, rows_or_file=[("Q1", "population", "total", 5)]
    ).snapshot
    response = staff.post(url(body, "snapshot_delete", pk=snapshot.pk), {"confirmed": "1"})
    assert response.status_code == 404
    assert Snapshot.objects.alive().exists()


def test_an_imported_body_shows_no_forms_and_refuses_uploads(client):
    body = f.BodyFactory(oparl_source="https://ratsinfo.example.org/oparl")
    client.force_login(f.StaffRoleFactory(body=body).user)
    response = client.get(url(body, "overview"))
    assert "schreibgeschützt" in response.content.decode()
    response = client.post(
        url(body, "districts_upload"), {"file": geojson_file(collection(STADTTEIL))}
    )
    assert response.status_code == 200
    assert not District.objects.exists()
