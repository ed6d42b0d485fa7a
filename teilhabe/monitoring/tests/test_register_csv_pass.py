"""The one pass over a register extract: every check finds its rows, in either way of
counting lines, and no row gets a problem it does not have."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest

from teilhabe.monitoring import register_csv

ON = dt.date(2024, 12, 31)
HEADER = (
    "person_id;district_code;year_of_birth;date_of_birth;sex;citizenships;country_of_birth;"
    "moved_from_abroad_on;naturalised;option_flag;residence;resident_since;household_id;"
    "parent_ids"
)
GOOD = "{id};A;1980;1980-05-01;w;TUR;TUR;2000-01-01;0;0;main;2000-01-01;h1;"
# A row for every check (column, message code); "{id}" is its person_id.
CASES = {
    ("person_id", "missing"): ";A;1980;;w;TUR;;;;;;;;",
    ("district_code", "missing"): "{id};;1980;;w;TUR;;;;;;;;",
    ("district_code", "district"): "{id};B;1980;;w;TUR;;;;;;;;",
    ("year_of_birth", "missing"): "{id};A;;;w;TUR;;;;;;;;",
    ("year_of_birth", "year"): "{id};A;19x0;;w;TUR;;;;;;;;",
    ("year_of_birth", "year_future"): "{id};A;2030;;w;TUR;;;;;;;;",
    ("year_of_birth", "year_old"): "{id};A;1850;;w;TUR;;;;;;;;",
    ("date_of_birth", "date"): "{id};A;2023;2023-02-30;w;TUR;;;;;;;;",
    ("date_of_birth", "date_future"): "{id};A;2025;2025-01-01;w;TUR;;;;;;;;",
    ("date_of_birth", "birth_year_mismatch"): "{id};A;2023;2022-02-03;w;TUR;;;;;;;;",
    ("sex", "missing"): "{id};A;1980;;;TUR;;;;;;;;",
    ("sex", "sex"): "{id};A;1980;;q;TUR;;;;;;;;",
    ("citizenships", "no_citizenship"): "{id};A;1980;;w;;;;;;;;;",
    ("citizenships", "code"): "{id};A;1980;;w;TUR|tr;;;;;;;;",
    ("country_of_birth", "country"): "{id};A;1980;;w;TUR;XXX;;;;;;;",
    ("naturalised", "flag"): "{id};A;1980;;w;TUR;;;vielleicht;;;;;",
    ("option_flag", "flag"): "{id};A;1980;;w;TUR;;;;vielleicht;;;;",
    ("residence", "residence"): "{id};A;1980;;w;TUR;;;;;dritte;;;",
    ("parent_ids", "parents"): "{id};A;1980;;w;TUR;;;;;;;;{id}",
    ("moved_from_abroad_on", "date"): "{id};A;1980;;w;TUR;;2019-13-01;;;;;;",
    ("moved_from_abroad_on", "date_future"): "{id};A;1980;;w;TUR;;2025-01-01;;;;;;",
    ("moved_from_abroad_on", "date_before_birth"): "{id};A;1980;;w;TUR;;1970-01-01;;;;;;",
    ("resident_since", "date"): "{id};A;1980;;w;TUR;;;;;;2019-13-01;;",
    ("resident_since", "date_future"): "{id};A;1980;;w;TUR;;;;;;2025-01-01;;",
    ("resident_since", "date_before_birth"): "{id};A;1980;1980-05-01;w;TUR;;;;;;1980-04-30;;",
}


@pytest.fixture(params=["parallel", "numbered"])
def way(request, monkeypatch):
    """Both ways `_read` counts lines: by rowid (the plan keeps the order) and by
    row_number() on the reader."""
    if request.param == "numbered":
        monkeypatch.setattr(register_csv, "keeps_order", lambda *args: False)
    return request.param


def _load(path):
    con = duckdb.connect()
    try:
        problems, invalid = register_csv.load(con, path, reference_date=ON, district_codes={"A"})
        lines = con.execute("SELECT count(*) FROM extract").fetchone()
        return problems, invalid, lines[0] if lines else 0
    finally:
        con.close()


def _code(message):
    for code, template in register_csv._messages().items():
        pattern = re.escape(template).replace(re.escape("%(value)s"), ".*")
        if re.fullmatch(pattern, message):
            return code
    raise AssertionError(message)


def test_the_cases_cover_every_check():
    assert set(CASES) | {("person_id", "duplicate")} == {
        (column, code) for column, code, _condition, _value in register_csv.checks(ON)
    }


def test_every_check_finds_its_row_and_no_other(tmp_path, way):
    rows = [GOOD.format(id="good")]
    rows += [row.format(id=f"p{number}") for number, row in enumerate(CASES.values())]
    rows += [GOOD.format(id="twice"), GOOD.format(id="twice")]
    path = tmp_path / "x.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")

    problems, invalid, lines = _load(path)

    found = {(p.line, p.column, _code(p.message)) for p in problems}
    for line, case in enumerate(CASES, start=3):
        assert (line, *case) in found, case
    twice = len(CASES) + 3
    # a good row, and good rows that are there only for their person_id: no other problem
    assert not [p for p in problems if p.line == 2]
    assert {(p.line, p.column, _code(p.message)) for p in problems if p.line >= twice} == {
        (twice, "person_id", "duplicate"),
        (twice + 1, "person_id", "duplicate"),
    }
    unknown = 3 + list(CASES).index(("district_code", "district"))
    assert [(p.column, _code(p.message)) for p in problems if p.line == unknown] == [
        ("district_code", "district")
    ]
    assert invalid == len(CASES) + 2
    assert lines == len(rows)


def test_lines_far_into_the_file(tmp_path, way):
    rows = [GOOD.format(id=f"p{number}") for number in range(30000)]
    rows[12345] = CASES[("sex", "sex")].format(id="s")
    rows[-1] = CASES[("district_code", "district")].format(id="d")
    path = tmp_path / "x.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")

    problems, invalid, lines = _load(path)

    assert [(p.line, p.column) for p in problems] == [
        (12347, "sex"),
        (30001, "district_code"),
    ]
    assert (invalid, lines) == (2, 30000)


def test_the_pass_reads_in_parallel_and_a_join_would_count_by_row_number(tmp_path, monkeypatch):
    path = tmp_path / "x.csv"
    path.write_text("\n".join([HEADER, GOOD.format(id="1")]) + "\n", encoding="utf-8")
    seen = []
    keeps_order = register_csv.keeps_order

    def spy(con, query, parameters):
        seen.append(keeps_order(con, query, parameters))
        return seen[-1]

    monkeypatch.setattr(register_csv, "keeps_order", spy)
    assert _load(path)[:2] == ([], 0)
    assert seen == [True]

    con = duckdb.connect()
    try:
        reader = "FROM read_csv(?, header = true, all_varchar = true)"
        assert register_csv.keeps_order(con, "SELECT lower(sex) AS s " + reader, [str(path)])
        # an IN list this long becomes a join, through which DuckDB does not keep the order
        in_list = "SELECT lower(sex) IN ('a', 'b', 'c', 'd', 'e', 'f', 'g') AS s "
        assert not register_csv.keeps_order(con, in_list + reader, [str(path)])
    finally:
        con.close()
