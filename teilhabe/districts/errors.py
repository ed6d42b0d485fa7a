"""The districts app's typed errors: stable codes for machines, translated messages for people.

A GeoJSON file that cannot be taken as it is raises `DistrictsFileInvalid`, which carries
every problem found (each naming the feature by its number and code), so that a page or a
command can list them all; nothing of such a file is written. A file that is not even
readable (empty, too big, not JSON) raises the core's `UploadRejected` before that. A body
imported from OParl is refused with the council's `ImportedBodyReadOnly`, named here too.
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
    "DistrictsError",
    "DistrictsFileInvalid",
    "ImportedBodyReadOnly",
    "Problem",
    "ProblemReport",
    "UploadRejected",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth knowing about) a file.

    `index` is the feature's number in the file, counted from 1 (None: the file as a
    whole), `code` its code as far as it could be read.
    """

    message: str
    index: int | None = None
    code: str | None = None

    @property
    def where(self) -> str:
        if self.index is None:
            return gettext("Datei")
        if self.code:
            return gettext("Feature %(index)d („%(code)s“)") % {
                "index": self.index,
                "code": self.code,
            }
        return gettext("Feature %(index)d (ohne Schlüssel)") % {"index": self.index}

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class DistrictsError(TeilhabeError):
    field: str | None = None

    def __init__(self, message: Any = None, *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


class DistrictsFileInvalid(DistrictsError):
    """The GeoJSON file has problems; `problems` lists them all, `warnings` what was
    noticed besides (unknown properties, a guessed coordinate system)."""

    code = "districts_file_invalid"
    field = "file"
    default_message = _("Die GeoJSON-Datei enthält Fehler. Es wurde nichts übernommen.")

    def __init__(
        self,
        problems: Sequence[Problem],
        warnings: Sequence[Problem] = (),
        message: Any = None,
    ) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)


class ProblemReport:
    """Collects the problems and warnings of one file while it is checked."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, message: str, index: int | None = None, code: str | None = None) -> None:
        self.problems.append(Problem(message=message, index=index, code=code))

    def warn(self, message: str, index: int | None = None, code: str | None = None) -> None:
        self.warnings.append(Problem(message=message, index=index, code=code))

    def fail(self) -> DistrictsFileInvalid:
        """The error listing every problem: the file's own first, then by feature."""
        ordered = sorted(self.problems, key=lambda p: (p.index is not None, p.index or 0))
        return DistrictsFileInvalid(ordered, self.warnings)
