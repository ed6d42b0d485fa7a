"""The measures spreadsheet: reading uploads safely and checking every row."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from teilhabe.concept.models import Status
from teilhabe.concept.spreadsheet import COLUMNS, Lookups, check_rows, read_table
from teilhabe.concept.spreadsheet import reader as reader_module
from teilhabe.concept.spreadsheet.reader import RawRow
from teilhabe.concept.spreadsheet.rows import parse_money, parse_progress
from teilhabe.concept.spreadsheet.template import template_xlsx
from teilhabe.concept.tests.factories import ActionFieldFactory, GoalFactory
from teilhabe.core.errors import UploadRejected
from teilhabe.council.tests.factories import OrganizationFactory

HEADERS = [str(column.header) for column in COLUMNS]


def xlsx(rows: list[list[object]], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("massnahmen.xlsx", buffer.getvalue())


def csv_file(text: str, encoding: str = "utf-8-sig", name: str = "m.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


def row(**cells: object) -> list[object]:
    return [cells.get(column.key) for column in COLUMNS]


# Reading --------------------------------------------------------------------------------


def test_an_xlsx_is_read_by_its_headers_and_empty_rows_are_left_out():
    upload = xlsx([row(action_field=1, title="Sprachcafé"), row(), row(title="Zweite")])
    rows = read_table(upload)
    assert [r.number for r in rows] == [2, 4]
    assert rows[0].cells["title"] == "Sprachcafé"
    assert rows[0].cells["action_field"] == 1
    assert rows[1].cells["action_field"] is None


def test_a_german_excel_csv_with_semicolons_in_windows_1252_is_read():
    text = "Handlungsfeld;Titel;Geplante Kosten (€)\r\n1;Straßenfest;1.250,50\r\n"
    rows = read_table(csv_file(text, encoding="cp1252"))
    assert rows[0].cells == {
        "action_field": "1",
        "title": "Straßenfest",
        "planned_cost": "1.250,50",
    }


def test_headers_are_matched_without_regard_to_case_and_spaces():
    rows = read_table(csv_file("  handlungsfeld ,TITEL\n2,Kurs\n"))
    assert rows[0].cells == {"action_field": "2", "title": "Kurs"}


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("m.xlsx", b""), "leer"),
        (SimpleUploadedFile("m.pdf", b"%PDF-1.4 ..."), "XLSX- oder CSV"),
        (SimpleUploadedFile("m.xlsx", b"<html><script>alert(1)</script>"), "keine XLSX"),
        (SimpleUploadedFile("m.csv", b"\x00\x01binary\x00"), "keine CSV"),
        (csv_file("Titel;Beschreibung\nKurs;Text\n"), "„Handlungsfeld“"),
        (csv_file("Handlungsfeld;Titel\n;\n"), "keine Maßnahmen"),
    ],
)
def test_what_is_not_a_measures_table_is_refused_with_a_message(upload, message):
    with pytest.raises(UploadRejected) as refused:
        read_table(upload)
    assert message in refused.value.message


def test_a_docx_renamed_to_xlsx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types>wordprocessingml</Types>")
    with pytest.raises(UploadRejected, match="keine XLSX"):
        read_table(SimpleUploadedFile("m.xlsx", buffer.getvalue()))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(reader_module, "MAX_UNPACKED_BYTES", 10_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "spreadsheetml")
        archive.writestr("xl/big.xml", "0" * 50_000)
    with pytest.raises(UploadRejected, match="entpackt zu groß"):
        read_table(SimpleUploadedFile("m.xlsx", buffer.getvalue()))


def test_too_big_and_too_long_uploads_are_refused(monkeypatch):
    monkeypatch.setattr(reader_module, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(UploadRejected, match="zu groß"):
        read_table(csv_file("Handlungsfeld;Titel\n" + "1;x\n" * 50))
    monkeypatch.setattr(reader_module, "MAX_UPLOAD_BYTES", 10_000_000)
    monkeypatch.setattr(reader_module, "MAX_ROWS", 3)
    with pytest.raises(UploadRejected, match="mehr als 3 Zeilen"):
        read_table(csv_file("Handlungsfeld;Titel\n" + "1;x\n" * 5))


def test_a_formula_is_never_evaluated_only_the_value_excel_stored_is_read():
    """A formula written without a stored result (as a script would) reads as empty."""
    upload = xlsx([row(action_field=1, title='=HYPERLINK("http://evil","x")')])
    assert read_table(upload)[0].cells["title"] is None


# Checking rows ----------------------------------------------------------------------------


@pytest.fixture
def lookups(db):
    field = ActionFieldFactory(number=1, title="Sprache und Bildung")
    other = ActionFieldFactory(concept_version=field.concept_version, body=field.body, number=2)
    goals = [
        GoalFactory(action_field=field, number=1),
        GoalFactory(action_field=other, number=2),
    ]
    fachstelle = OrganizationFactory(
        body=field.body, name="Fachstelle Migration und Integration", short_name="Fachstelle"
    )
    return Lookups(fields=[field, other], goals=goals, organizations=[fachstelle])


def check(lookups, **cells):
    return check_rows([RawRow(number=7, cells=cells)], lookups)[0]


def test_a_complete_row_becomes_the_fields_of_a_measure(lookups):
    checked = check(
        lookups,
        action_field="sprache UND bildung",
        goals="1, 2",
        title="Sprachcafé",
        responsible_organization="fachstelle",
        speaker="N.N.",
        start_date=dt.datetime(2025, 3, 1),
        end_date="31.12.2025",
        status="in Umsetzung",
        progress="40 %",
        planned_cost="1.250,50 €",
        actual_cost=300,
        funding_source="Landesförderung",
    )
    assert checked.valid, checked.errors
    values = checked.values
    assert values["action_field"] == lookups.fields[0]
    assert values["goals"] == lookups.goals
    assert values["responsible_organization"] == lookups.organizations[0]
    assert (values["start_date"], values["end_date"]) == (
        dt.date(2025, 3, 1),
        dt.date(2025, 12, 31),
    )
    assert values["status"] == Status.IN_PROGRESS
    assert values["progress"] == 40
    assert values["planned_cost"] == Decimal("1250.50")
    assert values["actual_cost"] == Decimal("300.00")
    assert values["speaker"] == "N.N."


def test_every_problem_of_a_row_is_named_with_its_column(lookups):
    checked = check(
        lookups,
        goals="1, 9",
        title="",
        responsible_organization="Ordnungsamt",
        start_date="2025-05-01",
        end_date="01.04.2025",
        status="fertig",
        progress=140,
        planned_cost="viel",
        actual_cost="-5",
    )
    assert not checked.valid
    text = " ".join(checked.errors)
    for expected in (
        "„Handlungsfeld“: Jede Maßnahme braucht ein Handlungsfeld.",
        "„Ziele“: Kein Ziel mit der Nummer 9",
        "„Titel“: Jede Maßnahme braucht einen Titel.",
        "„Zuständige Stelle“: Keine Stelle „Ordnungsamt“",
        "„Ende“: Das Ende liegt vor dem Beginn.",
        "„Status“: „fertig“ ist kein Status.",
        "„Fortschritt (%)“: Der Fortschritt liegt zwischen 0 und 100.",
        "„Geplante Kosten (€)“: „viel“ ist kein Betrag.",
        "„Tatsächliche Kosten (€)“: Ein Betrag darf nicht negativ sein.",
    ):
        assert expected in text
    assert len(checked.errors) == 9


def test_an_unknown_field_and_a_too_long_title_are_refused(lookups):
    checked = check(lookups, action_field="Wohnen", title="x" * 301)
    assert checked.errors == [
        "Spalte „Handlungsfeld“: Kein Handlungsfeld „Wohnen“ in dieser Version.",
        "Spalte „Titel“: Höchstens 300 Zeichen.",
    ]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.250,50", Decimal("1250.50")),
        ("1250,5", Decimal("1250.50")),
        ("1250.5", Decimal("1250.50")),
        ("126.000", Decimal("126000.00")),
        ("300 EUR", Decimal("300.00")),
        (0, Decimal("0.00")),
        (1250.5, Decimal("1250.50")),
    ],
)
def test_amounts_are_read_as_germans_and_spreadsheets_write_them(text, amount):
    assert parse_money(text) == amount


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400", True])
def test_amounts_that_are_no_amounts_are_refused(value):
    with pytest.raises(ValueError):  # noqa: PT011 (the row check turns it into a message)
        parse_money(value)


@pytest.mark.parametrize(("value", "progress"), [(0, 0), ("100", 100), (40.0, 40), ("55 %", 55)])
def test_progress_is_a_whole_number_from_0_to_100(value, progress):
    assert parse_progress(value) == progress


@pytest.mark.parametrize("value", [-1, 101, "12,5", "halb"])
def test_other_progress_values_are_refused(value):
    with pytest.raises(ValueError):  # noqa: PT011
        parse_progress(value)


# Template ---------------------------------------------------------------------------------


def test_the_filled_in_template_reads_back_as_valid_rows(lookups):
    data = template_xlsx(
        version_title="Integrationskonzept 2.0", fields=lookups.fields, goals=lookups.goals
    )
    workbook = load_workbook(io.BytesIO(data))
    assert [sheet.title for sheet in workbook.worksheets] == ["Maßnahmen", "Listen", "Hinweise"]
    table = workbook.worksheets[0]
    assert [cell.value for cell in table[1]] == HEADERS
    assert table.data_validations.dataValidation  # choices for field and status
    table.append(row(action_field="Sprache und Bildung", title="Kurs", status="geplant"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_table(SimpleUploadedFile("vorlage.xlsx", buffer.getvalue()))
    checked = check_rows(rows, lookups)
    assert [c.valid for c in checked] == [True]
    notes = " ".join(str(c.value) for r in workbook.worksheets[2].iter_rows() for c in r)
    assert "Integrationskonzept 2.0" in notes
    assert f"1: {lookups.goals[0].title}" in notes
