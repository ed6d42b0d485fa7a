"""The monitoring's typed errors: stable codes for machines, translated messages for people.

A file that cannot be taken as it is raises `SnapshotFileInvalid`, which carries every
problem found, each naming the line (the header is line 1) and the column, so that a page
or a command can list them all; nothing of such a file is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from teilhabe.core.errors import TeilhabeError, UploadRejected
from teilhabe.council.errors import ImportedBodyReadOnly

__all__ = [
    "CellKeyNeedsRegister",
    "ImportedBodyReadOnly",
    "IndicatorInvalid",
    "MonitoringError",
    "NothingToImport",
    "Problem",
    "SnapshotDateTaken",
    "SnapshotFileInvalid",
    "UploadRejected",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: its line (None: the file as a whole) and column."""

    message: str
    line: int | None = None
    column: str | None = None

    @property
    def where(self) -> str:
        if self.line is None:
            return gettext("Datei")
        if self.column:
            return gettext("Zeile %(line)d, Spalte „%(column)s“") % {
                "line": self.line,
                "column": self.column,
            }
        return gettext("Zeile %(line)d") % {"line": self.line}

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class MonitoringError(TeilhabeError):
    field: str | None = None

    def __init__(self, message: Any = None, *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


class SnapshotFileInvalid(MonitoringError):
    """The file has problems; `problems` lists them all (a file-wide one first, then by
    line); `invalid_lines` counts the lines they concern."""

    code = "snapshot_file_invalid"
    field = "file"
    default_message = _("Die Datei enthält Fehler. Es wurde nichts übernommen.")

    def __init__(self, problems: Sequence[Problem], message: Any = None) -> None:
        super().__init__(message)
        self.problems = tuple(
            sorted(problems, key=lambda p: (p.line is not None, p.line or 0, p.column or ""))
        )

    @property
    def invalid_lines(self) -> int:
        return len({p.line for p in self.problems if p.line is not None})


class SnapshotDateTaken(MonitoringError):
    code = "snapshot_date_taken"
    field = "reference_date"
    default_message = _("Für diesen Stichtag gibt es schon einen Datenstand.")


class NothingToImport(MonitoringError):
    code = "snapshot_nothing_to_import"
    field = "file"
    default_message = _("Die Datei enthält keine gültige Zeile. Es wurde nichts übernommen.")


class CellKeyNeedsRegister(MonitoringError):
    """The Cell-Key Method was chosen for an aggregated table, which has no records to
    key (`confidentiality.cellkey`)."""

    code = "snapshot_cellkey_needs_register"
    field = "protection"
    default_message = _(
        "Die Cell-Key-Methode ist nur für einen Auszug aus dem Melderegister möglich, denn "
        "sie braucht die einzelnen Personen. Eine aggregierte Tabelle wird durch Sperrung "
        "kleiner Fallzahlen geschützt."
    )


class IndicatorInvalid(MonitoringError):
    """A body's own indicator cannot be saved as given; the message names why."""

    code = "indicator_invalid"
    default_message = _("Der Indikator kann so nicht gespeichert werden.")
