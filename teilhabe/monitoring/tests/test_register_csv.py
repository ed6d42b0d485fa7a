"""Row checks of the register extract: every bad input is reported in German by line."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from teilhabe.monitoring import register_csv

ON = dt.date(2024, 12, 31)
HEADER = (
    "person_id;district_code;year_of_birth;date_of_birth;sex;citizenships;country_of_birth;"
    "moved_from_abroad_on;naturalised;option_flag;residence;resident_since;household_id;"
    "parent_ids"
)
GOOD = "1;A;1980;1980-05-01;w;TUR;TUR;2000-01-01;0;0;main;2000-01-01;h1;"


def _check(tmp_path, *lines, header=HEADER):
    path = tmp_path / "x.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    con = duckdb.connect()
    try:
        return register_csv.load(con, path, reference_date=ON, district_codes={"A"})
    finally:
        con.close()


def test_a_good_row_has_no_problem(tmp_path):
    assert _check(tmp_path, GOOD) == ([], 0)


@pytest.mark.parametrize(
    ("row", "column", "text"),
    [
        ("2;B;1980;;w;TUR;;;;;;;;", "district_code", "Unbekanntes Gebiet „B“"),
        ("2;A;2030;;w;TUR;;;;;;;;", "year_of_birth", "Geburtsjahr 2030 liegt nach dem Stichtag"),
        ("2;A;19x0;;w;TUR;;;;;;;;", "year_of_birth", "ist kein Geburtsjahr"),
        ("2;A;1850;;w;TUR;;;;;;;;", "year_of_birth", "unplausibel"),
        ("2;A;2023;2023-02-30;w;TUR;;;;;;;;", "date_of_birth", "kein gültiges Datum"),
        ("2;A;2023;2022-02-03;w;TUR;;;;;;;;", "date_of_birth", "passt nicht zum Geburtsjahr"),
        ("2;A;1980;;w;TUR;;2025-01-01;;;;;;", "moved_from_abroad_on", "nach dem Stichtag"),
        ("2;A;1980;;w;TUR;;1970-01-01;;;;;;", "moved_from_abroad_on", "vor der Geburt"),
        ("2;A;1980;;w;TUR;;;;;;2019-13-01;;", "resident_since", "kein gültiges Datum"),
        ("2;A;1980;;q;TUR;;;;;;;;", "sex", "kein Geschlechtseintrag"),
        ("2;A;1980;;w;;;;;;;;;", "citizenships", "Mindestens eine Staatsangehörigkeit"),
        ("2;A;1980;;w;tr;;;;;;;;", "citizenships", "„tr“ ist kein dreistelliger"),
        ("2;A;1980;;w;TUR;XXX;;;;;;;", "country_of_birth", "kein Geburtsland"),
        ("2;A;1980;;w;TUR;;;vielleicht;;;;;", "naturalised", "weder 1 noch 0"),
        ("2;A;1980;;w;TUR;;;;;dritte;;;", "residence", "weder main"),
        ("2;A;1980;;w;TUR;;;;;;;;2", "parent_ids", "Höchstens zwei"),
        (";A;1980;;w;TUR;;;;;;;;", "person_id", "Pflichtangabe fehlt"),
    ],
)
def test_bad_rows_are_reported(tmp_path, row, column, text):
    problems, invalid = _check(tmp_path, GOOD, row)
    assert invalid == 1
    assert [(p.line, p.column) for p in problems] == [(3, column)]
    assert text in str(problems[0])
    assert str(problems[0]).startswith(f"Zeile 3, Spalte „{column}“")


@pytest.mark.parametrize("year", ["2147483647", "-2147483648", "99999"])
def test_an_absurd_birth_year_with_dates_is_reported_not_a_crash(tmp_path, year):
    """Dates are compared with the birth year; a year no date can have is only reported."""
    row = f"2;A;{year};;w;TUR;;2000-01-01;0;0;main;2000-01-01;h2;"
    problems, invalid = _check(tmp_path, GOOD, row)
    assert invalid == 1
    assert [(p.line, p.column) for p in problems] == [(3, "year_of_birth")]


def test_duplicate_person_ids(tmp_path):
    problems, invalid = _check(tmp_path, GOOD, GOOD)
    assert invalid == 2
    assert {p.line for p in problems} == {2, 3}
    assert "mehrfach" in problems[0].message


def test_missing_columns_refuse_the_file(tmp_path):
    problems, _invalid = _check(tmp_path, "1;A", header="person_id;district_code")
    assert len(problems) == 1
    assert problems[0].line is None
    assert "year_of_birth" in problems[0].message


def test_columns_in_any_order_and_optional_ones_absent(tmp_path):
    problems, invalid = _check(
        tmp_path, "TUR;w;1980;A;1", header="citizenships;sex;year_of_birth;district_code;person_id"
    )
    assert (problems, invalid) == ([], 0)
