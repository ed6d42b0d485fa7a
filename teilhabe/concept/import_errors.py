"""Errors of the measures import (`services.imports`): each names what was wrong and says
that nothing was imported, and carries the checked rows for the row-by-row report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from teilhabe.concept.errors import ConceptError

__all__ = [
    "ImportHasInvalidRows",
    "ImportRowRefused",
    "MeasuresImportRefused",
    "NothingToImport",
]


class MeasuresImportRefused(ConceptError):
    """An import that wrote nothing; `rows` are the checked rows (CheckedRow) to report."""

    code = "import_refused"
    default_message = _("Es wurde nichts importiert.")

    def __init__(
        self, message: Any = None, *, rows: Sequence[Any] = (), field: str | None = None
    ) -> None:
        super().__init__(message, field=field)
        self.rows = list(rows)


class ImportHasInvalidRows(MeasuresImportRefused):
    code = "import_invalid_rows"
    default_message = _(
        "Die Tabelle enthält ungültige Zeilen; es wurde nichts importiert. Bitte korrigieren "
        "Sie die Zeilen oder wählen Sie „Ungültige Zeilen überspringen“."
    )

    @classmethod
    def for_rows(cls, rows: Sequence[Any]) -> ImportHasInvalidRows:
        invalid = [row.number for row in rows if not row.valid]
        message = ngettext(
            "Zeile %(rows)s ist ungültig; es wurde nichts importiert. Bitte korrigieren Sie "
            "die Zeile oder wählen Sie „Ungültige Zeilen überspringen“.",
            "Die Zeilen %(rows)s sind ungültig; es wurde nichts importiert. Bitte korrigieren "
            "Sie die Zeilen oder wählen Sie „Ungültige Zeilen überspringen“.",
            len(invalid),
        ) % {"rows": ", ".join(str(number) for number in invalid)}
        return cls(message, rows=rows)


class NothingToImport(MeasuresImportRefused):
    code = "nothing_to_import"
    default_message = _("Keine Zeile der Tabelle ist gültig; es wurde nichts importiert.")


class ImportRowRefused(MeasuresImportRefused):
    """A row passed the checks but the service refused it: the import was rolled back."""

    code = "import_row_refused"
    row: int | None = None
    row_message = _(
        "Zeile %(row)s wurde nicht angenommen: %(problem)s Der Import wurde deshalb "
        "vollständig zurückgenommen; es wurde nichts importiert."
    )

    @classmethod
    def for_row(cls, number: int, problem: str, *, rows: Sequence[Any]) -> ImportRowRefused:
        error = cls(str(cls.row_message) % {"row": number, "problem": problem}, rows=rows)
        error.row = number
        return error
