"""The register extract as a CSV file: its columns, how it is read, and the row checks.

One row per person (`register.RegisterRecord`), header in the first line, columns in any
order, `;` or `,` as delimiter, UTF-8 (with or without BOM) or Latin-1 / Windows-1252:

==========================  ========  ==================================================
column                      required  content
==========================  ========  ==================================================
person_id                   yes       pseudonymous key, unique in the file
district_code               yes       code of a district of the lowest level
year_of_birth               yes       four digits
date_of_birth                         YYYY-MM-DD
sex                         yes       m, w, d or x
citizenships                yes       ISO 3166-1 alpha-3 codes separated by `|` (XXA
                                      stateless, XXX unresolved); DEU for Germans
country_of_birth                      alpha-3 code, empty if not recorded
moved_from_abroad_on                  YYYY-MM-DD of the last move from abroad
naturalised, option_flag              1/0 (also ja/nein, true/false), empty is 0
residence                             main / secondary (also H / N), empty is main
resident_since                        YYYY-MM-DD
household_id                          generated household
parent_ids                            person_id of up to two parents, separated by `|`
==========================  ========  ==================================================

`load` reads the file with DuckDB (every column declared VARCHAR, so a malformed value is
reported rather than refused by the reader), converts the values in SQL into `extract` of
an in-memory connection, and returns the problems found, each naming the line (the
header is line 1) and the column, in German. The connection is the caller's and lives only
as long as the import; nothing of the extract is written anywhere else.

The file is read once, in parallel: the pass converts every row and marks it `suspect`
when one of the row checks may hold; the checks, as SQL conditions (`checks`), then run
over the suspect rows only, and the two that compare a row with the other rows or with
the districts (TABLE_CHECKS) over the stored rows.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Collection
from pathlib import Path

import duckdb
from django.utils.translation import gettext as _

from teilhabe.monitoring.errors import Problem

REQUIRED = ("person_id", "district_code", "year_of_birth", "sex", "citizenships")
OPTIONAL = (
    "date_of_birth",
    "country_of_birth",
    "moved_from_abroad_on",
    "naturalised",
    "option_flag",
    "residence",
    "resident_since",
    "household_id",
    "parent_ids",
)
COLUMNS = REQUIRED + OPTIONAL
# Problems listed at most; the rest are counted in `invalid_lines`.
MAX_PROBLEMS = 1000
EARLIEST_YEAR = 1890
SAMPLE_BYTES = 1 << 20

# Lists for list_position: DuckDB turns an IN list of five or more constants into a join
# (one per column, over every row of the file).
_TRUE = "['1', 'j', 'ja', 'true', 'wahr', 'y', 'yes']"
_FALSE = "['', '0', 'n', 'nein', 'false', 'falsch', 'no']"

# What `extract` keeps of a row beside `line`, and the texts only the problem messages
# need (kept on the suspect rows only).
KEPT = (
    "pid",
    "district",
    "yob",
    "dob",
    "sex",
    "cits",
    "cob",
    "moved",
    "naturalised",
    "option_flag",
    "residence",
    "since",
    "household",
    "parents",
)
RAW = ("yob_raw", "dob_raw", "moved_raw", "nat_raw", "opt_raw", "res_raw", "since_raw")
# The checks that compare a row with a table: run on the stored rows, not in the pass.
TABLE_CHECKS = ("duplicate", "district")
# The operators of a plan that keeps the rows in the file's order (DuckDB keeps it
# through a projection, not through a join).
ORDER_KEEPING = frozenset({"READ_CSV", "PROJECTION"})


def sniff(path: Path) -> tuple[str, str, list[str]]:
    """The encoding, the delimiter and the header's names, from the start of the file."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(sample.removeprefix(codecs.BOM_UTF8), final=False)
        encoding = "utf-8"
    except UnicodeDecodeError:
        text = sample.decode("latin-1")
        encoding = "latin-1"
    first = text.split("\n", 1)[0].rstrip("\r")
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    names = [name.strip().strip('"').strip().lower() for name in first.split(delimiter)]
    return encoding, delimiter, names


def is_register_header(names: Collection[str]) -> bool:
    return "person_id" in names


def _messages() -> dict[str, str]:
    return {
        "missing": _("Pflichtangabe fehlt."),
        "duplicate": _("Die Personenkennung „%(value)s“ kommt mehrfach vor."),
        "district": _("Unbekanntes Gebiet „%(value)s“ (kein Gebiet der untersten Ebene)."),
        "year": _("„%(value)s“ ist kein Geburtsjahr."),
        "year_future": _("Das Geburtsjahr %(value)s liegt nach dem Stichtag."),
        "year_old": _("Das Geburtsjahr %(value)s ist unplausibel."),
        "date": _("„%(value)s“ ist kein gültiges Datum (JJJJ-MM-TT)."),
        "date_future": _("Das Datum %(value)s liegt nach dem Stichtag."),
        "date_before_birth": _("Das Datum %(value)s liegt vor der Geburt."),
        "birth_year_mismatch": _("Das Geburtsdatum %(value)s passt nicht zum Geburtsjahr."),
        "sex": _("„%(value)s“ ist kein Geschlechtseintrag (m, w, d oder x)."),
        "code": _("„%(value)s“ ist kein dreistelliger Staatencode (ISO 3166-1 alpha-3)."),
        "no_citizenship": _("Mindestens eine Staatsangehörigkeit angeben (XXX: ungeklärt)."),
        "country": _("„%(value)s“ ist kein Geburtsland (ohne Angabe bitte leer lassen)."),
        "flag": _("„%(value)s“ ist weder 1 noch 0."),
        "residence": _("„%(value)s“ ist weder main (Hauptwohnung) noch secondary."),
        "parents": _("Höchstens zwei verschiedene Elternteile, nicht die Person selbst."),
    }


def load(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    reference_date: dt.date,
    district_codes: Collection[str],
) -> tuple[list[Problem], int]:
    """Read `path` into the table `extract` of `con`; the problems and the number of
    invalid lines (the table `invalid` holds their numbers).

    One pass over the file converts every row and marks it `suspect` when a row check may
    hold (`_suspect_sql`); the checks then run over the suspect rows and those that a
    check of TABLE_CHECKS finds only."""
    encoding, delimiter, names = sniff(path)
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        return [
            Problem(
                _("In der ersten Zeile fehlen Spalten: %(columns)s.")
                % {"columns": ", ".join(f"„{name}“" for name in missing)}
            )
        ], 0
    declared = [f"c{index}" for index in range(len(names))]
    position = {name: f"c{index}" for index, name in enumerate(names) if name in COLUMNS}
    convert = (_row_sql(position), _suspect_sql(reference_date))
    try:
        _read(con, path, declared, delimiter, encoding, convert)
    except duckdb.Error as exc:
        if encoding != "utf-8" or "unicode" not in str(exc).lower():
            return [
                Problem(
                    _("Die CSV-Datei lässt sich nicht lesen: %(reason)s")
                    % {"reason": str(exc).splitlines()[0]}
                )
            ], 0
        try:
            _read(con, path, declared, delimiter, "latin-1", convert)
        except duckdb.Error as again:
            return [
                Problem(
                    _("Die CSV-Datei lässt sich nicht lesen: %(reason)s")
                    % {"reason": str(again).splitlines()[0]}
                )
            ], 0
    con.execute("CREATE TEMP TABLE districts (code VARCHAR)")
    con.executemany("INSERT INTO districts VALUES (?)", [[code] for code in district_codes])
    con.execute(
        "CREATE TEMP TABLE duplicates AS SELECT pid FROM extract WHERE pid IS NOT NULL "
        "GROUP BY pid HAVING count(*) > 1"
    )
    found = checks(reference_date)
    by_table = " OR ".join(
        f"coalesce({condition}, false)"
        for _column, code, condition, _value in found
        if code in TABLE_CHECKS
    )
    # The rows to check, with the names the checks read. A row that is there for a check
    # of TABLE_CHECKS only has no RAW texts and no other problem: only those checks read it.
    texts = ", ".join(f"problem_texts.{name} AS {name}" for name in RAW)
    con.execute(f"""
        CREATE TEMP TABLE suspects AS SELECT line, suspect, {", ".join(KEPT)}, {texts}
        FROM extract WHERE suspect OR {by_table}
    """)  # noqa: S608 - column names and conditions of this module only
    union = " UNION ALL ".join(
        f"SELECT line, '{column}' AS column_name, '{code}' AS code, "  # noqa: S608
        f"CAST({value} AS VARCHAR) AS value FROM suspects "
        f"WHERE {'' if code in TABLE_CHECKS else 'suspect AND '}({condition})"
        for column, code, condition, value in found
    )
    con.execute(f"CREATE TEMP TABLE problems AS {union}")
    con.execute("DROP TABLE suspects")
    con.execute("CREATE TEMP TABLE invalid AS SELECT DISTINCT line FROM problems")
    invalid_row = con.execute("SELECT count(*) FROM invalid").fetchone()
    invalid = int(invalid_row[0]) if invalid_row else 0
    rows = con.execute(
        f"SELECT line, column_name, code, value FROM problems "  # noqa: S608 - no user input
        f"ORDER BY line, column_name, code LIMIT {MAX_PROBLEMS}"
    ).fetchall()
    messages = _messages()
    problems = [
        Problem(messages[code] % {"value": value or ""}, line=int(line), column=column)
        for line, column, code, value in rows
    ]
    return problems, invalid


def checks(reference_date: dt.date) -> list[tuple[str, str, str, str]]:
    """Every row check as (column, message code, SQL condition, SQL of the value shown).

    The conditions read a row by the names of `_row_sql`; those of TABLE_CHECKS read a
    table as well (`duplicates`, `districts`) and the row's KEPT columns only."""
    ref = reference_date.isoformat()
    found = [
        ("person_id", "missing", "pid IS NULL", "''"),
        ("person_id", "duplicate", "pid IN (SELECT pid FROM duplicates)", "pid"),
        ("district_code", "missing", "district IS NULL", "''"),
        (
            "district_code",
            "district",
            "district IS NOT NULL AND district NOT IN (SELECT code FROM districts)",
            "district",
        ),
        ("year_of_birth", "missing", "yob_raw IS NULL", "''"),
        ("year_of_birth", "year", "yob_raw IS NOT NULL AND yob IS NULL", "yob_raw"),
        ("year_of_birth", "year_future", f"yob > {reference_date.year}", "yob_raw"),
        ("year_of_birth", "year_old", f"yob < {EARLIEST_YEAR}", "yob_raw"),
        ("date_of_birth", "date", "dob_raw IS NOT NULL AND dob IS NULL", "dob_raw"),
        ("date_of_birth", "date_future", f"dob > DATE '{ref}'", "dob_raw"),
        (
            "date_of_birth",
            "birth_year_mismatch",
            "dob IS NOT NULL AND yob IS NOT NULL AND year(dob) <> yob",
            "dob_raw",
        ),
        ("sex", "missing", "sex IS NULL", "''"),
        ("sex", "sex", "sex IS NOT NULL AND sex NOT IN ('m', 'w', 'd', 'x')", "sex"),
        ("citizenships", "no_citizenship", "len(cits) = 0", "''"),
        (
            "citizenships",
            "code",
            "len(list_filter(cits, lambda c: NOT regexp_full_match(c, '[A-Z]{3}'))) > 0",
            "list_filter(cits, lambda c: NOT regexp_full_match(c, '[A-Z]{3}'))[1]",
        ),
        (
            "country_of_birth",
            "country",
            "cob IS NOT NULL AND (NOT regexp_full_match(cob, '[A-Z]{3}') OR cob IN ('XXA', 'XXX'))",
            "cob",
        ),
        ("naturalised", "flag", "naturalised IS NULL", "nat_raw"),
        ("option_flag", "flag", "option_flag IS NULL", "opt_raw"),
        ("residence", "residence", "residence IS NULL", "res_raw"),
        (
            "parent_ids",
            "parents",
            "len(parents) > 2 OR len(list_distinct(parents)) <> len(parents) "
            "OR list_contains(parents, pid)",
            "''",
        ),
    ]
    for column, raw, parsed in (
        ("moved_from_abroad_on", "moved_raw", "moved"),
        ("resident_since", "since_raw", "since"),
    ):
        found += [
            (column, "date", f"{raw} IS NOT NULL AND {parsed} IS NULL", raw),
            (column, "date_future", f"{parsed} > DATE '{ref}'", raw),
            (
                column,
                "date_before_birth",
                # A year outside the plausible range is reported by its own check;
                # make_date would fail on it (year 2147483647) and end the whole check.
                f"{parsed} < coalesce(dob, CASE WHEN yob BETWEEN {EARLIEST_YEAR} AND "
                f"{reference_date.year} THEN make_date(yob, 1, 1) END)",
                raw,
            ),
        ]
    return found


def _suspect_sql(reference_date: dt.date) -> str:
    """True for a row (named as in `_row_sql`) for which a check not in TABLE_CHECKS
    holds, and for one on which a condition fails with an error (the checks raise it then
    as before): never false for a row with such a problem."""
    conditions = " OR ".join(
        f"coalesce({condition}, false)"
        for _column, code, condition, _value in checks(reference_date)
        if code not in TABLE_CHECKS
    )
    return f"coalesce(TRY({conditions}), true)"


def _row_sql(position: dict[str, str]) -> str:
    """A row of `raw` (the file's columns by position c0, c1, …) converted: the names the
    checks read."""

    def col(name: str) -> str:
        return f"nullif(trim(raw.{position[name]}), '')" if name in position else "NULL::VARCHAR"

    return f"""
            {col("person_id")} AS pid,
            {col("district_code")} AS district,
            {col("year_of_birth")} AS yob_raw, TRY_CAST({col("year_of_birth")} AS INTEGER) AS yob,
            {col("date_of_birth")} AS dob_raw, TRY_CAST({col("date_of_birth")} AS DATE) AS dob,
            {col("sex")} AS sex,
            list_filter(list_transform(string_split(coalesce({col("citizenships")}, ''), '|'),
                lambda c: trim(c)), lambda c: c <> '') AS cits,
            {col("country_of_birth")} AS cob,
            {col("moved_from_abroad_on")} AS moved_raw,
            TRY_CAST({col("moved_from_abroad_on")} AS DATE) AS moved,
            {col("naturalised")} AS nat_raw,
            CASE WHEN list_position({_TRUE}, lower(coalesce({col("naturalised")}, ''))) > 0
                    THEN true
                 WHEN list_position({_FALSE}, lower(coalesce({col("naturalised")}, ''))) > 0
                    THEN false END
                AS naturalised,
            {col("option_flag")} AS opt_raw,
            CASE WHEN list_position({_TRUE}, lower(coalesce({col("option_flag")}, ''))) > 0
                    THEN true
                 WHEN list_position({_FALSE}, lower(coalesce({col("option_flag")}, ''))) > 0
                    THEN false END
                AS option_flag,
            {col("residence")} AS res_raw,
            CASE WHEN lower(coalesce({col("residence")}, '')) IN ('', 'main', 'h', 'haupt')
                    THEN 'main'
                 WHEN lower({col("residence")}) IN ('secondary', 'n', 'neben')
                    THEN 'secondary' END AS residence,
            {col("resident_since")} AS since_raw,
            TRY_CAST({col("resident_since")} AS DATE) AS since,
            {col("household_id")} AS household,
            list_filter(list_transform(string_split(coalesce({col("parent_ids")}, ''), '|'),
                lambda c: trim(c)), lambda c: c <> '') AS parents
    """


def _read(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    declared: list[str],
    delimiter: str,
    encoding: str,
    convert: tuple[str, str],
) -> None:
    """The view `extract` from one pass over the file: each row's `line` (the header is
    line 1), the KEPT columns (`_row_sql`), `suspect`, and on suspect rows the RAW texts
    (NULL elsewhere); stored in the table `extract_rows`.

    Read and converted in parallel, the rows are stored in the file's order as long as
    the plan holds no join (`keeps_order`): a row's `rowid` is then its position.
    Otherwise the lines are counted by `row_number() OVER ()` on the reader, which keeps
    the order but reads with one thread."""
    row, suspect = convert
    columns = "{" + ", ".join(f"'{name}': 'VARCHAR'" for name in declared) + "}"
    reader = f"""read_csv(?, auto_detect = false, header = true, delim = ?, quote = '"',
        escape = '"', encoding = ?, null_padding = true, columns = {columns})"""
    texts = "{" + ", ".join(f"'{name}': {name}" for name in RAW) + "}"

    def converted(source: str, line: str) -> str:
        # Columns named by position (c0, c1, …); no value of the file goes in.
        return f"""
            WITH converted AS (SELECT {line}{row} FROM {source} AS raw),
            marked AS (SELECT *, {suspect} AS suspect FROM converted)
            SELECT {line}{", ".join(KEPT)}, suspect,
                CASE WHEN suspect THEN {texts} END AS problem_texts
            FROM marked"""  # noqa: S608

    parameters = [str(path), delimiter, encoding]
    con.execute("DROP VIEW IF EXISTS extract")
    con.execute("DROP TABLE IF EXISTS extract_rows")
    parallel = converted(reader, "")
    if keeps_order(con, parallel, parameters):
        con.execute(f"CREATE TEMP TABLE extract_rows AS {parallel}", parameters)
        con.execute("CREATE TEMP VIEW extract AS SELECT rowid + 2 AS line, * FROM extract_rows")
    else:
        numbered = f"(SELECT row_number() OVER () + 1 AS line, * FROM {reader})"  # noqa: S608
        con.execute(
            f"CREATE TEMP TABLE extract_rows AS {converted(numbered, 'line, ')}", parameters
        )
        con.execute("CREATE TEMP VIEW extract AS SELECT * FROM extract_rows")


def keeps_order(con: duckdb.DuckDBPyConnection, query: str, parameters: list[str]) -> bool:
    """Whether DuckDB's plan for `query` has only operators of ORDER_KEEPING."""
    plan = con.execute(f"EXPLAIN (FORMAT json) {query}", parameters).fetchall()
    operators: set[str] = set()
    nodes = [node for _kind, text in plan for node in json.loads(text)]
    while nodes:
        node = nodes.pop()
        operators.add(str(node.get("name", "")))
        nodes.extend(node.get("children", []))
    return bool(operators) and operators <= ORDER_KEEPING
