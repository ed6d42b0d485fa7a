"""Every write of the monitoring: a snapshot loaded from a file, all of it or nothing.

`snapshot_import` takes an aggregated table (`tables`) or a register extract
(`register_csv`, aggregated by `aggregation` without storing a single row), checks it
against the body's districts of the lowest level, and writes the snapshot with its counts
in one transaction:

* a reference date the body already has a snapshot for is refused (SnapshotDateTaken);
* a file with a problem of its own (header, encoding) is refused whatever is asked;
* a file with invalid rows is refused (SnapshotFileInvalid listing every problem by line
  and column), unless `skip_invalid`: then the valid rows are taken and the problems are
  returned with the result;
* counts that do not add up (categories against their total) are refused;
* a body imported from OParl is refused (ImportedBodyReadOnly);
* `protection` (`models.Protection`, suppression by default) chooses how the snapshot's
  figures are kept confidential; the Cell-Key Method is refused for an aggregated table
  (CellKeyNeedsRegister, at the field `protection`), which has no records to key.

A register extract's counts are written with their cell keys (`Count.key`, from
`aggregation`) whatever the protection; an aggregated table's have none.

`progress`, when given, is told each step as it begins (`Step`, with the share of the
whole done so far), so that a background import can show how far it is.

The heavy reading and aggregation runs before the transaction; inside it, under the lock
of the body's row, the districts are read again and the counts written in bulk.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from teilhabe.core import history
from teilhabe.core.concurrency import save_versioned
from teilhabe.core.models import Body
from teilhabe.council.services import ensure_writable
from teilhabe.monitoring import aggregation, register_csv, tables
from teilhabe.monitoring import characteristics as ch
from teilhabe.monitoring.confidentiality import build_snapshot
from teilhabe.monitoring.errors import (
    CellKeyNeedsRegister,
    IndicatorInvalid,
    NothingToImport,
    Problem,
    SnapshotDateTaken,
    SnapshotFileInvalid,
)
from teilhabe.monitoring.models import Count, Indicator, Protection, Snapshot, Source
from teilhabe.monitoring.selectors import area_hierarchy, leaf_districts

__all__ = ["Progress", "SnapshotImport", "Step", "detect_kind", "snapshot_import"]

BATCH = 5000
Cell = tuple[str, str, str]  # (district code, characteristic, category)


class Step(StrEnum):
    """The steps of an import, in order."""

    READ = "read"  # reading and checking the rows
    COUNT = "count"  # counting a register extract by district and category
    CHECK = "check"  # checking that the counts add up
    WRITE = "write"  # writing the snapshot


# The share of the whole (in percent) done when each step begins.
STEP_START = {Step.READ: 0, Step.COUNT: 40, Step.CHECK: 80, Step.WRITE: 90}

Progress = Callable[[Step, int], None]


def _quiet(_step: Step, _percent: int) -> None:
    return None


@dataclass(frozen=True)
class SnapshotImport:
    """What an import wrote, and the problems of the rows it skipped."""

    snapshot: Snapshot
    cells: int
    skipped_lines: int
    problems: tuple[Problem, ...]


def detect_kind(header_names: Iterable[str]) -> str:
    """`register` for a header naming `person_id`, else `aggregated`."""
    names = {name.strip().strip('"').lower() for name in header_names}
    return Source.REGISTER if register_csv.is_register_header(names) else Source.AGGREGATED


@contextmanager
def _as_path(source: Any) -> Iterator[Path]:
    """A path DuckDB can read: the given one, else a temporary copy deleted afterwards."""
    if isinstance(source, str | os.PathLike):
        yield Path(source)
        return
    handle, name = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(handle, "wb") as target:
            if isinstance(source, bytes):
                target.write(source)
            else:
                source.seek(0)
                shutil.copyfileobj(source, target)
        yield Path(name)
    finally:
        os.unlink(name)


def _bytes(source: Any) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | os.PathLike):
        return Path(source).read_bytes()
    file: IO[bytes] = source
    file.seek(0)
    return file.read()


def _rows_as_counts(rows: Iterable[Any], known: set[str]) -> tables.ParsedTable:
    """Rows given as (district code, characteristic, category, count) in code."""
    lines = []
    for row in rows:
        lines.append(";".join(str(cell) for cell in row))
    return tables.read_counts("\n".join(lines).encode(), district_codes=known)


@dataclass(frozen=True)
class _Parsed:
    counts: dict[Cell, int]
    keys: dict[Cell, int]  # the cell keys of a register extract's counts; empty for a table
    problems: list[Problem]
    invalid_lines: int


def _parse(
    source: Any, kind: str, reference_date: dt.date, known: set[str], progress: Progress
) -> _Parsed:
    progress(Step.READ, STEP_START[Step.READ])
    if kind == Source.REGISTER:
        with _as_path(source) as path:
            result = aggregation.aggregate_extract(
                path,
                reference_date=reference_date,
                district_codes=known,
                on_counting=lambda: progress(Step.COUNT, STEP_START[Step.COUNT]),
            )
        return _Parsed(result.counts, result.keys, result.problems, result.invalid_lines)
    if isinstance(source, list | tuple):
        table = _rows_as_counts(source, known)
    else:
        table = tables.read_counts(_bytes(source), district_codes=known)
    return _Parsed(table.counts, {}, table.problems, table.invalid_lines)


def _header(source: Any) -> list[str]:
    if isinstance(source, list | tuple):
        return []
    if isinstance(source, str | os.PathLike):
        return register_csv.sniff(Path(source))[2]
    data = _bytes(source)[: register_csv.SAMPLE_BYTES]
    first = tables.decode(data)[0].split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return first.split(delimiter)


def _check_sums(counts: dict[Cell, int], parent_of: dict[str, str]) -> None:
    keyed = {(char, cat, district): value for (district, char, cat), value in counts.items()}
    present = {char for char, _cat, _district in keyed}
    totals = {
        char: total
        for char, total in ch.TOTAL_OF.items()
        if char in present and total[0] in present
    }
    try:
        build_snapshot(keyed, parent_of=parent_of, totals=totals)
    except ValueError as exc:
        raise SnapshotFileInvalid(
            [Problem(_("Die Zählwerte passen nicht zusammen: %(detail)s") % {"detail": exc})]
        ) from exc


def snapshot_import(
    *,
    body: Body,
    reference_date: dt.date,
    rows_or_file: Any,
    kind: str | None = None,
    skip_invalid: bool = False,
    note: str = "",
    protection: str = Protection.SUPPRESSION,
    progress: Progress | None = None,
) -> SnapshotImport:
    """Load the snapshot of `body` on `reference_date` from `rows_or_file` (a path, bytes,
    a binary file, or for an aggregated table rows of four values); `kind` is "aggregated"
    or "register", detected from the header when None; `protection` is "suppression" or
    "cellkey" (a register extract only)."""
    report = progress or _quiet
    ensure_writable(body)
    if protection not in Protection.values:
        raise ValueError(f"unknown protection {protection!r}")
    if Snapshot.objects.alive().filter(body=body, reference_date=reference_date).exists():
        raise SnapshotDateTaken()
    if kind is None:
        kind = detect_kind(_header(rows_or_file))
    if kind not in Source.values:
        raise ValueError(f"unknown kind {kind!r}")
    if protection == Protection.CELL_KEY and kind != Source.REGISTER:
        raise CellKeyNeedsRegister()
    known = leaf_districts(body)
    parsed = _parse(rows_or_file, kind, reference_date, set(known), report)
    problems = parsed.problems
    if any(problem.line is None for problem in problems):
        raise SnapshotFileInvalid(problems)
    if problems and not skip_invalid:
        raise SnapshotFileInvalid(problems)
    if not parsed.counts:
        raise NothingToImport()
    report(Step.CHECK, STEP_START[Step.CHECK])
    parent_of, _city = area_hierarchy(body)
    _check_sums(parsed.counts, parent_of)
    report(Step.WRITE, STEP_START[Step.WRITE])
    snapshot = Snapshot(
        body=body, reference_date=reference_date, source=kind, note=note, protection=protection
    )
    return _write(snapshot, parsed)


@transaction.atomic
def _write(snapshot: Snapshot, parsed: _Parsed) -> SnapshotImport:
    body, reference_date, counts = snapshot.body, snapshot.reference_date, parsed.counts
    Body.objects.select_for_update().filter(pk=body.pk).order_by("pk").values_list("pk").get()
    if Snapshot.objects.alive().filter(body=body, reference_date=reference_date).exists():
        raise SnapshotDateTaken()
    known = leaf_districts(body)
    gone = sorted({district for district, _char, _cat in counts} - known.keys())
    if gone:
        raise SnapshotFileInvalid(
            [
                Problem(
                    _("Diese Gebiete gibt es inzwischen nicht mehr: %(codes)s")
                    % {"codes": ", ".join(gone[:20])}
                )
            ]
        )
    snapshot.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            snapshot.save()
    except IntegrityError as exc:  # a concurrent import of the same date
        raise SnapshotDateTaken() from exc
    history.record_create(snapshot)
    Count.objects.bulk_create(
        (
            Count(
                snapshot=snapshot,
                district_id=known[district],
                characteristic=characteristic,
                category=category,
                value=value,
                key=parsed.keys.get((district, characteristic, category)),
            )
            for (district, characteristic, category), value in sorted(counts.items())
        ),
        batch_size=BATCH,
    )
    return SnapshotImport(
        snapshot=snapshot,
        cells=len(counts),
        skipped_lines=parsed.invalid_lines,
        problems=tuple(parsed.problems),
    )


@transaction.atomic
def snapshot_delete(*, snapshot: Snapshot, expected_version: int) -> Snapshot:
    """Soft-delete a snapshot (its date becomes free for a new one); its counts stay in the
    database but are no longer read. Refused on a stale version (ConflictError) and for a
    body imported from OParl."""
    ensure_writable(snapshot.body_id)
    current = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
    current.deleted = True
    save_versioned(current, expected_version=expected_version)
    history.record_delete(current)
    return current


# --- the body's own indicators ----------------------------------------------------------


def _pairs(value: Any, field: str) -> list[list[str]]:
    """`value` as a list of [characteristic, category] pairs, each a known one."""
    pairs = [[str(part) for part in pair] for pair in value or []]
    unknown = [
        f"{characteristic}/{category}"
        for characteristic, category in pairs
        if not ch.is_known(characteristic, category)
    ]
    if unknown:
        raise IndicatorInvalid(
            _("Unbekannte Merkmale oder Ausprägungen: %(pairs)s") % {"pairs": ", ".join(unknown)},
            field=field,
        )
    return [list(pair) for pair in sorted({(c, k) for c, k in pairs})]


def _indicator_check(indicator: Indicator) -> None:
    try:
        indicator.full_clean(exclude=["body"], validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise IndicatorInvalid(" ".join(messages), field=field) from exc


def _indicator_save(indicator: Indicator) -> None:
    try:
        with transaction.atomic():
            indicator.save()
    except IntegrityError as exc:
        raise IndicatorInvalid(
            _("Es gibt schon einen Indikator mit dieser Kennung."), field="code"
        ) from exc


@transaction.atomic
def indicator_create(
    *,
    body: Body,
    code: str,
    name: str,
    definition: str,
    numerator: Iterable[Iterable[str]],
    denominator: Iterable[Iterable[str]] = (),
    relevance: str = "",
    data_source: str = "",
    method_notes: str = "",
) -> Indicator:
    """A new indicator of `body`: the share `numerator` / `denominator` (sums of counts of
    the given (characteristic, category) pairs), or without a denominator a count."""
    ensure_writable(body)
    indicator = Indicator(
        body=body,
        code=code.strip(),
        name=name.strip(),
        definition=definition.strip(),
        relevance=relevance.strip(),
        data_source=data_source.strip(),
        method_notes=method_notes.strip(),
        numerator=_pairs(numerator, "numerator"),
        denominator=_pairs(denominator, "denominator"),
    )
    _indicator_check(indicator)
    if Indicator.objects.alive().filter(body=body, code=indicator.code).exists():
        raise IndicatorInvalid(_("Es gibt schon einen Indikator mit dieser Kennung."), field="code")
    _indicator_save(indicator)
    history.record_create(indicator)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, expected_version: int, **fields: Any) -> Indicator:
    """Change the texts and the numerator and denominator of `indicator`; its code stays,
    since goals of the concept name it. Refused on a stale version (ConflictError)."""
    ensure_writable(indicator.body_id)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk, deleted=False)
    before = history.snapshot(current)
    for name in ("name", "definition", "relevance", "data_source", "method_notes"):
        if name in fields:
            setattr(current, name, str(fields[name]).strip())
    for name in ("numerator", "denominator"):
        if name in fields:
            setattr(current, name, _pairs(fields[name], name))
    _indicator_check(current)
    save_versioned(current, expected_version=expected_version)
    history.record_update(current, before)
    return current


@transaction.atomic
def indicator_delete(*, indicator: Indicator, expected_version: int) -> Indicator:
    """Soft-delete `indicator`: it is no longer computed or shown; its code becomes free."""
    ensure_writable(indicator.body_id)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk, deleted=False)
    current.deleted = True
    save_versioned(current, expected_version=expected_version)
    history.record_delete(current)
    return current
