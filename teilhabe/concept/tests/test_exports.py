"""Open-data exports of a version: CSV (German spreadsheets), Excel and JSON, one row per
measure, only what the user may see; a draft answers 404 to whoever may not see it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.public_scene import (
    DRAFT_SECRET,
    NONPUBLIC_ITEM,
    NONPUBLIC_PAPER,
    SHY_PERSON,
    build_scene,
)

pytestmark = pytest.mark.django_db

HIDDEN = [NONPUBLIC_PAPER, NONPUBLIC_ITEM, SHY_PERSON, DRAFT_SECRET]


@pytest.fixture
def scene(db):
    return build_scene()


def _url(kind, scene, version="v1"):
    return reverse(
        f"concept:version_export_{kind}",
        kwargs={"body": scene["body"].slug, "pk": scene[version].pk},
    )


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# CSV ------------------------------------------------------------------------------------------


def test_csv_for_german_spreadsheets(client, scene):
    response = client.get(_url("csv", scene))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="integrationskonzept-1-0.csv"'
    rows = _csv_rows(response)
    header, *measures = rows
    assert header[:6] == [
        "Version",
        "Nr. Handlungsfeld",
        "Handlungsfeld",
        "Nr.",
        "Maßnahme",
        "Ziele",
    ]
    assert len(measures) == 4
    by_title = {row[4]: dict(zip(header, row, strict=True)) for row in measures}
    cafe = by_title["Sprachcafé in der Stadtbibliothek"]
    assert cafe["Handlungsfeld"] == "Sprache und Bildung"
    assert cafe["Ziele"] == "1. Alle Kinder sprechen bei der Einschulung Deutsch"
    assert cafe["Status"] == "umgesetzt"
    assert cafe["Fortschritt in Prozent"] == "100"
    assert cafe["Beginn"] == "2024-03-01"
    assert cafe["Ende"] == "2024-12-31"
    assert cafe["geplante Kosten in Euro"] == "1200,00"
    assert cafe["tatsächliche Kosten in Euro"] == "1000,00"
    assert cafe["Finanzierung"] == "Landesprogramm"
    assert cafe["Zuständig"] == "Integrationsbüro"
    number = scene["public_item"].number
    assert cafe["Beschluss"].endswith(f"TOP {number}: Integrationskonzept: Maßnahmen")
    assert cafe["Adresse"].endswith(
        f"/musterstadt/integrationskonzept/massnahmen/{scene['m1'].pk}/"
    )
    assert by_title["Vorlesepaten in Kitas"]["tatsächliche Kosten in Euro"] == "250,50"
    assert by_title["Vorlesepaten in Kitas"]["Antrag an den Stadtrat"] == (
        "BMI/2026/3: Antrag: Sprachcafé finanzieren"
    )
    assert by_title["Abendkurs Deutsch"]["Fortschritt in Prozent"] == ""  # dropped
    assert by_title["Ausbildungsmesse"]["Zuständig"] == "eine Person (Name nicht veröffentlicht)"


def test_csv_cells_never_become_formulas(client, scene):
    cf.MeasureFactory(action_field=scene["f2"], title='=HYPERLINK("http://x")', number=9)
    rows = _csv_rows(client.get(_url("csv", scene)))
    titles = [row[4] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in titles


# Excel ----------------------------------------------------------------------------------------


def test_xlsx_holds_numbers_dates_and_texts(client, scene):
    cf.MeasureFactory(action_field=scene["f2"], title="=1+1", number=9)
    response = client.get(_url("xlsx", scene))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="integrationskonzept-1-0.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    assert len(rows) == 5
    cafe = next(r for r in rows if r["Maßnahme"] == "Sprachcafé in der Stadtbibliothek")
    assert cafe["geplante Kosten in Euro"] == 1200
    assert cafe["tatsächliche Kosten in Euro"] == 1000
    assert cafe["Beginn"] == dt.datetime(2024, 3, 1)
    assert cafe["Fortschritt in Prozent"] == 100
    formula = next(r for r in rows if r["Nr."] == 9)
    assert formula["Maßnahme"] == "=1+1"
    cell = next(row[4] for row in sheet.iter_rows(min_row=2) if row[3].value == 9)
    assert cell.data_type == "s"  # a text, not a formula


# JSON -----------------------------------------------------------------------------------------


def test_json_with_iso_dates_and_decimal_strings(client, scene):
    response = client.get(_url("json", scene))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="integrationskonzept-1-0.json"'
    document = json.loads(response.content)
    assert document["concept"] == "Integrationskonzept"
    assert document["version"]["number"] == "1.0"
    assert document["version"]["state"] == "in_force"
    assert document["version"]["in_force_from"] == "2024-01-01"
    measures = {m["title"]: m for m in document["measures"]}
    assert len(measures) == 4
    cafe = measures["Sprachcafé in der Stadtbibliothek"]
    assert cafe["planned_cost"] == "1200.00"
    assert cafe["actual_cost"] == "1000.00"
    assert cafe["progress"] == "100"
    assert cafe["start_date"] == "2024-03-01"
    assert cafe["status"] == "done"
    assert cafe["status_label"] == "umgesetzt"
    assert cafe["field"] == {"number": 1, "title": "Sprache und Bildung"}
    assert cafe["goals"] == [
        {
            "number": 1,
            "title": "Alle Kinder sprechen bei der Einschulung Deutsch",
            "indicator": None,
            "target": None,
        }
    ]
    assert cafe["adopted_by"]["agenda_item"] == scene["public_item"].number
    assert cafe["url"].startswith("http://testserver/musterstadt/integrationskonzept/massnahmen/")
    dropped = measures["Abendkurs Deutsch"]
    assert dropped["progress"] is None
    assert dropped["actual_cost"] is None
    assert Decimal(measures["Vorlesepaten in Kitas"]["actual_cost"]) == Decimal("250.50")
    assert measures["Vorlesepaten in Kitas"]["motion"]["reference"] == "BMI/2026/3"


# Who sees what --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "json"])
@pytest.mark.parametrize("role", ["anonymous", "other_body_staff", "former_ag_member", "ag_member"])
def test_exports_hold_nothing_the_user_may_not_see(client, scene, kind, role):
    user = scene["users"][role]
    if user is not None:
        client.force_login(user)
    content = client.get(_url(kind, scene)).content.decode("utf-8")
    for hidden in HIDDEN:
        assert hidden not in content, (kind, role, hidden)


def test_staff_get_the_non_public_links_and_the_shy_person(client, scene):
    client.force_login(scene["users"]["staff"])
    content = client.get(_url("json", scene)).content.decode("utf-8")
    assert SHY_PERSON in content


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("other_body_staff", 404),
        ("beirat_member", 404),
        ("former_ag_member", 404),
        ("ag_member", 200),
        ("staff", 200),
    ],
)
def test_a_drafts_export(client, scene, kind, role, status):
    user = scene["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(_url(kind, scene, "v2"))
    assert response.status_code == status
    if status == 200 and kind != "xlsx":
        assert DRAFT_SECRET in response.content.decode("utf-8")
        assert 'filename="integrationskonzept-2-0.' in response["Content-Disposition"]


def test_another_bodys_version_is_not_exported_here(client, scene):
    client.force_login(scene["users"]["staff"])
    url = reverse(
        "concept:version_export_csv",
        kwargs={"body": scene["body"].slug, "pk": scene["other_version"].pk},
    )
    assert client.get(url).status_code == 404


def test_exports_refuse_writes(client, scene):
    assert client.post(_url("csv", scene)).status_code == 405
