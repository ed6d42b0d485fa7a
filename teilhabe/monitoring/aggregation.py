"""A register extract becomes counts per district, characteristic and category.

`aggregate_extract` reads the extract (`register_csv.load`) into an in-memory DuckDB
connection, derives every person's features in SQL and counts them by district ×
characteristic × category (a GROUP BY of the combinations of all categories, then an
UNPIVOT of those groups and their sums). Only these counts leave the function; the
connection, and with it every individual row, is closed before it returns.

The SQL reproduces the pure rules exactly (a test compares it with them row by row on
generated extracts):

* migration background — `derivation.has_migration_background`: a foreigner; or a German
  born abroad, with a foreign citizenship, the naturalisation flag or the option flag;
  or under 18 with a parent (found by `parent_ids` among the extract's rows) in the same
  household who was born abroad or carries the naturalisation flag;
* immigration history — `derivation.has_immigration_history`: born abroad and not
  recorded as arriving before 1950; or both linked parents (both found) so;
* Beirat eligibility — `eligibility.beirat_eligible` on the reference date with nothing
  `proven`; a row without full date of birth or date of moving in, for which that
  function raises `IncompleteRecordError`, counts as `unknown`;
* age — `register.age_on` on the reference date (the full date where given).

Only rows with main residence are counted (residents, "Bevölkerung am Ort der
Hauptwohnung"); rows with secondary residence still serve as parents.

Every cell also gets its cell key for the Cell-Key Method (`confidentiality.cellkey`):
each person's record key is computed in the same pass (`RECORD_KEY_SQL`, the same value
as `cellkey.record_key`) and summed along with the count through both groupings, mod
2**32 at the end. The keys are computed for every extract, whatever the snapshot's
protection; they cost one hash per row. The secret (`record_key_secret`) reaches DuckDB
as a parameter, never as SQL text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from django.conf import settings

from teilhabe.monitoring import characteristics as ch
from teilhabe.monitoring import register_csv
from teilhabe.monitoring.confidentiality.cellkey import KEY_SPACE, key_prefix
from teilhabe.monitoring.derivation import ADULT_AGE, IMMIGRATION_SINCE
from teilhabe.monitoring.eligibility import (
    MINIMUM_AGE,
    MINIMUM_RESIDENCE_MONTHS,
    months_before,
)
from teilhabe.monitoring.errors import Problem

Cell = tuple[str, str, str]  # (district code, characteristic, category)

# The label the record keys' secret is derived with (from MONITORING_CELL_KEY_SECRET, else
# from SECRET_KEY). Changing it changes every new cell key.
SECRET_LABEL = b"teilhabe.monitoring.cellkey.record-key"
# 16 bytes (128 bits) of secret: its hex, the separator and an id of up to 22 bytes fit
# into one block of SHA-256, which halves the cost of the hashes (about 0.25 s for a
# million rows on two cores) against a 32-byte secret.
SECRET_BYTES = 16
# A person's record key in SQL: the first four bytes of SHA-256 over the key prefix
# (the parameter $prefix, `cellkey.key_prefix`) and the person's id, as an integer.
RECORD_KEY_SQL = "CAST('0x' || sha256($prefix || pid)[1:8] AS UBIGINT)"


@dataclass(frozen=True)
class Aggregated:
    """The counts of the valid rows, their cell keys, and what was wrong with the others."""

    counts: dict[Cell, int]
    problems: list[Problem]
    invalid_lines: int
    rows: int
    keys: dict[Cell, int] = field(default_factory=dict)


def record_key_secret() -> bytes:
    """The secret of the record keys: 16 bytes derived (HMAC-SHA256 over a fixed label)
    from the setting MONITORING_CELL_KEY_SECRET, else from SECRET_KEY, so that neither is
    itself hashed with the persons' ids.

    The keys of a snapshot are stored with its counts, so a new secret changes only the
    snapshots imported after it; setting MONITORING_CELL_KEY_SECRET keeps the keys when
    SECRET_KEY is rotated."""
    configured = getattr(settings, "MONITORING_CELL_KEY_SECRET", "") or settings.SECRET_KEY
    key = configured.encode() if isinstance(configured, str) else bytes(configured)
    return hmac.new(key, SECRET_LABEL, hashlib.sha256).digest()[:SECRET_BYTES]


def _codes(values: Collection[str]) -> str:
    return "[" + ", ".join(f"'{value}'" for value in sorted(values)) + "]"


def _age_case(column: str) -> str:
    parts = []
    for code, low, high in ch.AGE_GROUPS:
        condition = f"age >= {low}" + (f" AND age <= {high}" if high is not None else "")
        parts.append(f"WHEN {condition} THEN '{code}'")
    return f"CASE {' '.join(parts)} END"


def _stay_case() -> str:
    parts = [f"WHEN moved IS NULL THEN '{ch.STAY_NONE}'"]
    for code, low, high in ch.STAY_GROUPS:
        condition = f"stay >= {low}" + (f" AND stay < {high}" if high is not None else "")
        parts.append(f"WHEN {condition} THEN '{code}'")
    return f"CASE {' '.join(parts)} END"


def _completed_years(start: str, on: dt.date) -> str:
    """Completed years from the date `start` to `on` (as `register.age_on` counts)."""
    return (
        f"({on.year} - year({start}) - CASE WHEN month({start}) > {on.month} OR "
        f"(month({start}) = {on.month} AND day({start}) > {on.day}) THEN 1 ELSE 0 END)"
    )


def derived_sql(reference_date: dt.date) -> str:
    """A query over `extract` (valid rows only) giving each person's derived columns."""
    on = reference_date
    cutoff = months_before(on, MINIMUM_RESIDENCE_MONTHS).isoformat()
    eu, europe = _codes(ch.EU_STATES), _codes(ch.OTHER_EUROPEAN_STATES)
    # Built from this module's constants and a date only; nothing of the file goes in.
    return f"""
    WITH p AS (
        SELECT *,
            list_contains(cits, 'DEU') AS german,
            list_filter(cits, lambda c: c NOT IN ('DEU', 'XXA', 'XXX')) AS fc,
            (cob IS NOT NULL AND cob <> 'DEU') AS born_abroad,
            CASE WHEN dob IS NULL THEN {on.year} - yob
                 ELSE {_completed_years("dob", on)} END AS age
        FROM extract WHERE line NOT IN (SELECT line FROM invalid)
    ), q AS (
        SELECT *,
            len(fc) > 0 AS has_foreign,
            born_abroad AND (moved IS NULL OR moved >= DATE '{IMMIGRATION_SINCE}')
                AS immigrated
        FROM p
    ), link AS (
        SELECT c.pid AS child,
            bool_or(c.household IS NOT NULL AND c.household = par.household
                    AND (par.born_abroad OR par.naturalised)) AS parent_mb,
            count(*) AS found,
            bool_and(par.immigrated) AS parents_immigrated
        FROM (SELECT pid, household, unnest(parents) AS parent FROM q) AS c
        JOIN q AS par ON par.pid = c.parent
        GROUP BY c.pid
    )
    SELECT q.*,
        (NOT german OR born_abroad OR has_foreign OR naturalised OR option_flag
            OR (age < {ADULT_AGE} AND coalesce(link.parent_mb, false))) AS mb,
        (immigrated OR (coalesce(link.found, 0) = 2 AND link.parents_immigrated)) AS eg,
        CASE WHEN NOT (NOT german OR has_foreign OR naturalised OR option_flag)
                THEN '{ch.NOT_ELIGIBLE}'
             WHEN dob IS NULL OR since IS NULL THEN '{ch.UNKNOWN}'
             WHEN age < {MINIMUM_AGE} THEN '{ch.NOT_ELIGIBLE}'
             WHEN since <= DATE '{cutoff}' THEN '{ch.ELIGIBLE}'
             ELSE '{ch.NOT_ELIGIBLE}' END AS beirat,
        CASE WHEN len(fc) > 0 THEN list_sort(list_transform(fc, lambda c:
                CASE WHEN list_contains({eu}, c) THEN '1' WHEN list_contains({europe}, c)
                THEN '2' ELSE '3' END || c))[1][2:]
             WHEN list_contains(cits, 'XXA') THEN 'XXA' ELSE 'XXX' END AS first_citizenship,
        CASE WHEN moved IS NULL THEN NULL ELSE {_completed_years("moved", on)} END AS stay
    FROM q LEFT JOIN link ON link.child = q.pid
    """  # noqa: S608 - built from this module's constants and a date, nothing of the file


def _counts_sql(reference_date: dt.date) -> str:
    foreign = "CASE WHEN NOT german THEN {} END"
    eu, europe = _codes(ch.EU_STATES), _codes(ch.OTHER_EUROPEAN_STATES)
    region = (
        f"CASE WHEN first_citizenship IN ('XXA', 'XXX') THEN '{ch.STATELESS_UNKNOWN}' "
        f"WHEN list_contains({eu}, first_citizenship) THEN '{ch.EU}' "
        f"WHEN list_contains({europe}, first_citizenship) THEN '{ch.OTHER_EUROPE}' "
        f"ELSE '{ch.THIRD_COUNTRY}' END"
    )
    yes_no = "CASE WHEN {} THEN 'yes' ELSE 'no' END"
    columns = {
        ch.POPULATION: f"'{ch.TOTAL}'",
        ch.CITIZENSHIP_STATUS: (
            f"CASE WHEN NOT german THEN '{ch.FOREIGNER}' WHEN has_foreign "
            f"THEN '{ch.GERMAN_FURTHER}' ELSE '{ch.GERMAN_ONLY}' END"
        ),
        ch.MIGRATION_BACKGROUND: yes_no.format("mb"),
        ch.IMMIGRATION_HISTORY: yes_no.format("eg"),
        ch.BIRTH_COUNTRY: (
            f"CASE WHEN cob IS NULL THEN '{ch.UNKNOWN}' WHEN cob = 'DEU' THEN '{ch.GERMANY}' "
            f"ELSE '{ch.ABROAD}' END"
        ),
        ch.SEX: "sex",
        ch.AGE_GROUP: _age_case("age"),
        ch.AGE_GROUP_FOREIGNERS: foreign.format(_age_case("age")),
        ch.AGE_GROUP_MIGRATION: f"CASE WHEN mb THEN {_age_case('age')} END",
        ch.AGE_GROUP_IMMIGRATION: f"CASE WHEN eg THEN {_age_case('age')} END",
        ch.CITIZENSHIP: foreign.format("first_citizenship"),
        ch.CITIZENSHIP_REGION: foreign.format(region),
        ch.STAY_DURATION: foreign.format(_stay_case()),
        ch.BEIRAT_ELIGIBLE: "beirat",
    }
    selected = ",\n".join(f'CAST({sql} AS VARCHAR) AS "{name}"' for name, sql in columns.items())
    names = ", ".join(f'"{name}"' for name in columns)
    # Grouped twice: the rows by the combination of all categories (tens of thousands of
    # groups for a million rows), then each characteristic's counts summed from those.
    # The record keys ride along as a sum per group (at most 2**32 per row, so the sums
    # are exact), reduced mod 2**32 only at the end.
    return f"""
    WITH d AS ({derived_sql(reference_date)}),
    c AS (SELECT district, {RECORD_KEY_SQL} AS rk, {selected} FROM d WHERE residence = 'main'),
    g AS (SELECT district, {names}, count(*) AS n, sum(rk) AS k FROM c GROUP BY ALL)
    SELECT district, characteristic, category, sum(n) AS value,
        CAST(sum(k) % {KEY_SPACE} AS UBIGINT) AS cell_key
    FROM (UNPIVOT g ON {names} INTO NAME characteristic VALUE category)
    GROUP BY ALL
    """  # noqa: S608 - constants only, see derived_sql


def aggregate_extract(
    path: Path,
    *,
    reference_date: dt.date,
    district_codes: Collection[str],
    memory_limit: str | None = None,
    on_counting: Callable[[], None] | None = None,
    secret: bytes | None = None,
) -> Aggregated:
    """The counts of the valid rows of the extract at `path` and their cell keys (with
    `secret`, by default `record_key_secret()`), with the problems found; `on_counting`
    is called when the rows are read and checked and the counting begins."""
    prefix = key_prefix(secret if secret is not None else record_key_secret())
    con = duckdb.connect(":memory:")
    try:
        if memory_limit:
            con.execute("SET memory_limit = ?", [memory_limit])
        problems, invalid = register_csv.load(
            con, path, reference_date=reference_date, district_codes=district_codes
        )
        if any(problem.line is None for problem in problems):
            return Aggregated(counts={}, problems=problems, invalid_lines=0, rows=0)
        if on_counting is not None:
            on_counting()
        total_row = con.execute("SELECT count(*) FROM extract").fetchone()
        rows = int(total_row[0]) if total_row else 0
        counts: dict[Cell, int] = {}
        keys: dict[Cell, int] = {}
        for district, characteristic, category, value, key in con.execute(
            _counts_sql(reference_date), {"prefix": prefix}
        ).fetchall():
            cell = (str(district), str(characteristic), str(category))
            counts[cell] = int(value)
            keys[cell] = int(key)
        return Aggregated(
            counts=counts, problems=problems, invalid_lines=invalid, rows=rows, keys=keys
        )
    finally:
        con.close()
