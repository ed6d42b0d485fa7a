"""Measures from a spreadsheet: the template, the upload (refused files are a message at
the field), and the import — all rows or none, invalid rows skipped only when asked, and
a row the service refuses rolls the whole import back. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from teilhabe.concept import errors
from teilhabe.concept.import_errors import (
    ImportHasInvalidRows,
    ImportRowRefused,
    NothingToImport,
)
from teilhabe.concept.models import Measure, MeasureStatusChange, Status
from teilhabe.concept.services import imports
from teilhabe.concept.spreadsheet import COLUMNS, RawRow
from teilhabe.concept.tests.staff_people import build_people, logged_in, text_of, url

pytestmark = pytest.mark.django_db

HEADERS = [str(column.header) for column in COLUMNS]
GOOD = {"action_field": "1", "title": "Sprachcafé", "planned_cost": "1.200,00", "goals": "1"}


def _csv(*rows: dict[str, str]) -> SimpleUploadedFile:
    keys = [column.key for column in COLUMNS]
    lines = [";".join(HEADERS)]
    lines += [";".join(row.get(key, "") for key in keys) for row in rows]
    return SimpleUploadedFile("massnahmen.csv", "\n".join(lines).encode("cp1252"), "text/csv")


def _table(bad_at: int | None = None, count: int = 3) -> SimpleUploadedFile:
    """`count` measures; the one at index `bad_at` ends before it starts."""
    rows = []
    for index in range(count):
        row = {**GOOD, "title": f"Maßnahme aus Zeile {index + 2}"}
        if index == bad_at:
            row.update(start_date="01.05.2026", end_date="01.04.2026")
        rows.append(row)
    return _csv(*rows)


@pytest.fixture
def ag(client, scene):
    scene.people = build_people(scene)
    return logged_in(client, scene.people["ag_member"])


def _upload(client, scene, file, skip=False):
    data = {"file": file}
    if skip:
        data["skip_invalid"] = "on"
    return client.post(url(scene, "measures_import", pk=scene.draft.pk), data)


def test_the_template_names_the_columns_fields_and_goals(ag, scene):
    response = ag.get(url(scene, "spreadsheet_template", pk=scene.draft.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="massnahmen-integrationskonzept-musterstadt-20.xlsx"'
        in (response["Content-Disposition"])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADERS
    notes = [row[0] for row in workbook["Hinweise"].iter_rows(values_only=True)]
    assert "1: Mehr Sprachkurse" in notes


def test_all_valid_rows_are_imported_and_reported(ag, scene):
    response = _upload(ag, scene, _table())
    assert response.status_code == 200
    assert "3 Maßnahmen wurden importiert." in text_of(response)
    measures = Measure.objects.filter(concept_version=scene.draft).order_by("number")
    assert [m.title for m in measures] == [f"Maßnahme aus Zeile {n}" for n in (2, 3, 4)]
    assert measures[0].planned_cost == Decimal("1200.00")
    assert list(measures[0].goals.all()) == [scene.goal]


def test_one_bad_row_imports_nothing_and_names_the_row(ag, scene):
    response = _upload(ag, scene, _table(bad_at=1))
    assert response.status_code == 200
    text = text_of(response)
    assert "Zeile 3 ist ungültig; es wurde nichts importiert." in text
    assert "3 Spalte „Ende“: Das Ende liegt vor dem Beginn." in text  # the report row
    assert not Measure.objects.filter(concept_version=scene.draft).exists()


def test_with_skip_the_good_rows_are_imported_and_the_bad_reported(ag, scene):
    response = _upload(ag, scene, _table(bad_at=1), skip=True)
    text = text_of(response)
    assert "2 Maßnahmen wurden importiert." in text
    assert "1 ungültige Zeile wurde übersprungen" in text
    assert "Übersprungene Zeilen" in text
    titles = set(
        Measure.objects.filter(concept_version=scene.draft).values_list("title", flat=True)
    )
    assert titles == {"Maßnahme aus Zeile 2", "Maßnahme aus Zeile 4"}


def test_a_table_of_bad_rows_imports_nothing_even_with_skip(ag, scene):
    response = _upload(ag, scene, _csv({"title": "Ohne Feld"}), skip=True)
    text = text_of(response)
    assert "Keine Zeile der Tabelle ist gültig; es wurde nichts importiert." in text
    assert "Jede Maßnahme braucht ein Handlungsfeld." in text
    assert not Measure.objects.exists()


def test_a_refusal_of_the_service_rolls_back_every_row(ag, scene, monkeypatch):
    real = imports.measure_create
    calls = []

    def refuse_the_third(**kwargs):
        calls.append(kwargs["title"])
        if len(calls) == 3:
            raise errors.InvalidCost(field="planned_cost")
        return real(**kwargs)

    monkeypatch.setattr(imports, "measure_create", refuse_the_third)
    response = _upload(ag, scene, _table(count=4))
    assert response.status_code == 200
    assert "Zeile 4 wurde nicht angenommen: Kosten sind ein Betrag" in text_of(response)
    assert "vollständig zurückgenommen" in text_of(response)
    assert len(calls) == 3
    assert not Measure.objects.exists()
    assert not MeasureStatusChange.objects.exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            SimpleUploadedFile("liste.txt", b"Titel;Handlungsfeld"),
            "Bitte laden Sie eine Tabelle als XLSX- oder CSV-Datei hoch.",
        ),
        (SimpleUploadedFile("liste.xlsx", b"kein Zip"), "Die Datei ist keine XLSX-Tabelle."),
        (SimpleUploadedFile("leer.csv", b""), "Die übertragene Datei ist leer."),
        (SimpleUploadedFile("kopf.csv", b"Titel;Status\n"), "In der ersten Zeile fehlen Spalten"),
    ],
)
def test_refused_uploads_are_a_message_at_the_file_field(ag, scene, file, message):
    response = _upload(ag, scene, file)
    assert response.status_code == 200
    assert 'id="id_file_error"' in response.content.decode()
    assert message in text_of(response)
    assert not Measure.objects.exists()


def test_an_xlsx_table_is_imported_too(ag, scene):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    row = dict.fromkeys(column.key for column in COLUMNS)
    row.update(action_field="Sprache und Bildung", title="Aus Excel", status="in Umsetzung")
    row.update(progress=30, planned_cost=1500)
    sheet.append([row[column.key] for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("massnahmen.xlsx", buffer.getvalue())
    assert "1 Maßnahme wurde importiert." in text_of(_upload(ag, scene, file))
    measure = Measure.objects.get(title="Aus Excel")
    assert (measure.status, measure.progress, measure.planned_cost) == (
        Status.IN_PROGRESS,
        30,
        Decimal("1500.00"),
    )


# The service itself ---------------------------------------------------------------------------


def _rows(*cells: dict[str, object]) -> list[RawRow]:
    return [RawRow(number=index + 2, cells=dict(row)) for index, row in enumerate(cells)]


def test_service_all_or_nothing(scene):
    rows = _rows(GOOD, {"title": "ohne Handlungsfeld"})
    with pytest.raises(ImportHasInvalidRows) as refused:
        imports.measures_import(concept_version=scene.draft, rows=rows, skip_invalid=False)
    assert [row.valid for row in refused.value.rows] == [True, False]
    assert not Measure.objects.exists()
    result = imports.measures_import(concept_version=scene.draft, rows=rows, skip_invalid=True)
    assert [m.title for m in result.created] == ["Sprachcafé"]
    assert [row.number for row in result.skipped] == [3]
    with pytest.raises(NothingToImport):
        imports.measures_import(concept_version=scene.draft, rows=rows[1:], skip_invalid=True)


def test_service_refusal_names_the_row_and_keeps_nothing(scene, monkeypatch):
    def refuse(**kwargs):
        raise errors.InvalidDateRange()

    monkeypatch.setattr(imports, "measure_create", refuse)
    with pytest.raises(ImportRowRefused) as refused:
        imports.measures_import(concept_version=scene.draft, rows=_rows(GOOD), skip_invalid=False)
    assert refused.value.row == 2
    assert "Zeile 2 wurde nicht angenommen: Das Ende darf nicht vor dem Beginn liegen." in str(
        refused.value.message
    )


def test_service_refuses_a_superseded_version(scene):
    scene.in_force.state = scene.in_force.State.SUPERSEDED
    scene.in_force.save()
    with pytest.raises(errors.VersionSuperseded):
        imports.measures_import(concept_version=scene.in_force, rows=_rows(GOOD), skip_invalid=True)


def test_the_table_speaks_german_whatever_the_page_language(ag, scene, settings):
    """A template downloaded in German reads back for someone who reads the pages in
    Arabic; the statuses are German words and the report quotes the table in German."""
    ag.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    template = ag.get(url(scene, "spreadsheet_template", pk=scene.draft.pk))
    sheet = load_workbook(io.BytesIO(template.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS
    response = _upload(ag, scene, _csv({**GOOD, "status": "in Umsetzung"}, {"title": "Ohne"}))
    assert 'lang="ar"' in response.content.decode()
    assert "Zeile 3 ist ungültig; es wurde nichts importiert." in text_of(response)
    response = _upload(ag, scene, _csv({**GOOD, "status": "in Umsetzung"}))
    assert Measure.objects.get(title="Sprachcafé").status == Status.IN_PROGRESS


@pytest.mark.django_db(transaction=True)
def test_a_refused_import_commits_nothing(scene, monkeypatch):
    """With real commits (not the test's savepoints): the rows created before the refused
    one are gone after the transaction."""
    real = imports.measure_create
    calls = []

    def refuse_the_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise errors.InvalidProgress()
        return real(**kwargs)

    monkeypatch.setattr(imports, "measure_create", refuse_the_second)
    with pytest.raises(ImportRowRefused):
        imports.measures_import(
            concept_version=scene.draft, rows=_rows(GOOD, GOOD, GOOD), skip_invalid=False
        )
    assert len(calls) == 2
    assert not Measure.objects.exists()
    assert not MeasureStatusChange.objects.exists()
