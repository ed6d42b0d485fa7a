"""The measures import: the rows of an uploaded table become measures of one version, all
of them or none.

The page reads the upload (`spreadsheet.read_table`, which refuses what is not a table)
and hands the raw rows here. `measures_import` checks them again inside its transaction,
against the version's fields of action and goals and the body's organizations as they are
under the version's lock, so that no row is written on a check made against an older
state. Then, in that one transaction, it calls `measure_create` for each valid row:

* a table with an invalid row imports nothing (ImportHasInvalidRows), unless the caller
  asked to skip invalid rows; then the valid ones are imported and the others reported;
* a table without a valid row imports nothing (NothingToImport);
* when `measure_create` refuses a row that passed the checks, the whole import is rolled
  back (ImportRowRefused naming the row): nothing is half-written.

Every error carries the checked rows, so the page can report row by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from teilhabe.concept.import_errors import (
    ImportHasInvalidRows,
    ImportRowRefused,
    NothingToImport,
)
from teilhabe.concept.models import ActionField, ConceptVersion, Goal, Measure
from teilhabe.concept.services._common import locked_version
from teilhabe.concept.services.measures import measure_create
from teilhabe.concept.spreadsheet import CheckedRow, Lookups, RawRow, check_rows
from teilhabe.core.errors import TeilhabeError
from teilhabe.council.models import Organization

__all__ = ["MeasuresImport", "measures_import"]


@dataclass(frozen=True)
class MeasuresImport:
    """What an import did: every checked row, the measures created (in row order) and the
    invalid rows that were skipped."""

    rows: list[CheckedRow]
    created: list[Measure]
    skipped: list[CheckedRow]


def _lookups(version: ConceptVersion) -> Lookups:
    return Lookups(
        fields=list(
            ActionField.objects.alive().filter(concept_version=version).order_by("number", "pk")
        ),
        goals=list(
            Goal.objects.alive()
            .filter(concept_version=version)
            .select_related("action_field")
            .order_by("number", "pk")
        ),
        organizations=list(
            Organization.objects.alive().filter(body_id=version.body_id).order_by("name", "pk")
        ),
    )


def _problem(exc: TeilhabeError | ValidationError) -> str:
    if isinstance(exc, TeilhabeError):
        return exc.message
    return " ".join(str(message) for message in exc.messages)


@transaction.atomic
def measures_import(
    *, concept_version: ConceptVersion, rows: Sequence[RawRow], skip_invalid: bool
) -> MeasuresImport:
    """Create a measure of `concept_version` for each row of the table, in one transaction.

    Refused (nothing written): a superseded version or a body imported from OParl (as by
    every service), an invalid row unless `skip_invalid`, no valid row, and any row that
    `measure_create` refuses.
    """
    version = locked_version(concept_version)
    checked = check_rows(rows, _lookups(version))
    invalid = [row for row in checked if not row.valid]
    if invalid and not skip_invalid:
        raise ImportHasInvalidRows.for_rows(checked)
    valid = [row for row in checked if row.valid]
    if not valid:
        raise NothingToImport(rows=checked)
    created = []
    for row in valid:
        try:
            created.append(measure_create(concept_version=version, **row.values))
        except (TeilhabeError, ValidationError) as exc:
            # Raised out of the transaction, this undoes the rows created before.
            raise ImportRowRefused.for_row(row.number, _problem(exc), rows=checked) from exc
    return MeasuresImport(rows=checked, created=created, skipped=invalid)
