"""An aggregated table as a CSV file: "district code; characteristic; category; count".

The statistics office may deliver counts instead of an extract. One row per cell, four
columns in this order, a header line optional (recognised by its names: `Gebiet` /
`district_code`, `Merkmal` / `characteristic`, `Ausprägung` / `category`, `Anzahl` /
`count`). Characteristics and categories are the stable codes of `characteristics`.
Counts are whole numbers ≥ 0, written plainly or with German thousands dots ("1.234").

The encoding is detected (UTF-8 with or without BOM, else Windows-1252, else Latin-1), and
the delimiter (`;` or `,`, whichever the first line has more of). `read_counts` checks
every row and reports in German by line: unknown district codes, unknown characteristics
or categories, missing, non-numeric, fractional or negative counts, duplicate cells.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass

from django.utils.translation import gettext as _

from teilhabe.monitoring import characteristics as ch
from teilhabe.monitoring.errors import Problem, UploadRejected

Cell = tuple[str, str, str]  # (district code, characteristic, category)

MAX_BYTES = 50 * 1024 * 1024
HEADER_NAMES = (
    {"gebiet", "bezirk", "district", "district_code", "gebietsschlüssel", "schlüssel"},
    {"merkmal", "characteristic"},
    {"ausprägung", "kategorie", "category"},
    {"anzahl", "count", "wert", "value"},
)
COLUMN_NAMES = ("district_code", "characteristic", "category", "count")
_PLAIN = re.compile(r"-?\d+")
_GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+")
_FRACTION = re.compile(r"-?\d+([.,]\d+)?")


@dataclass(frozen=True)
class ParsedTable:
    counts: dict[Cell, int]
    problems: list[Problem]
    invalid_lines: int
    encoding: str
    delimiter: str


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding."""
    if b"\x00" in data:
        raise UploadRejected(_("Die Datei ist keine CSV-Tabelle (Textdatei)."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _is_header(row: list[str]) -> bool:
    cells = [cell.strip().casefold() for cell in row]
    return len(cells) >= 4 and all(
        cell in names for cell, names in zip(cells[:4], HEADER_NAMES, strict=True)
    )


def _count(text: str) -> tuple[int | None, str | None]:
    """The count, or None with the problem."""
    if not text:
        return None, _("Die Anzahl fehlt.")
    plain = text.replace(" ", "").replace("\u00a0", "")
    if _PLAIN.fullmatch(plain):
        value = int(plain)
    elif _GROUPED.fullmatch(plain):
        value = int(plain.replace(".", ""))
    elif _FRACTION.fullmatch(plain):
        return None, _("„%(value)s“ ist keine ganze Zahl.") % {"value": text}
    else:
        return None, _("„%(value)s“ ist keine Zahl.") % {"value": text}
    if value < 0:
        return None, _("Die Anzahl %(value)s ist negativ.") % {"value": text}
    return value, None


def read_counts(data: bytes, *, district_codes: Collection[str]) -> ParsedTable:
    """The cells of the table `data`, with every problem found by line."""
    if not data.strip():
        raise UploadRejected(_("Die Datei ist leer."))
    if len(data) > MAX_BYTES:
        raise UploadRejected(_("Die Datei ist zu groß."))
    text, encoding = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    known = set(district_codes)
    counts: dict[Cell, int] = {}
    first_line: dict[Cell, int] = {}
    problems: list[Problem] = []
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise UploadRejected(_("Die CSV-Tabelle konnte nicht gelesen werden.")) from exc
    for line, row in enumerate(rows, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if line == 1 and _is_header(row):
            continue
        row_problems = _check_row(row, line, known)
        if row_problems:
            problems.extend(row_problems)
            continue
        district, characteristic, category = (cell.strip() for cell in row[:3])
        value, _problem = _count(row[3].strip())
        cell = (district, characteristic, category)
        if cell in first_line:
            problems.append(
                Problem(
                    _("Diese Zelle steht schon in Zeile %(line)d.") % {"line": first_line[cell]},
                    line=line,
                )
            )
            continue
        first_line[cell] = line
        counts[cell] = value or 0
    invalid = len({problem.line for problem in problems})
    if not counts and not problems:
        problems.append(Problem(_("Die Tabelle enthält keine Zählwerte.")))
    return ParsedTable(counts, problems, invalid, encoding, delimiter)


def _check_row(row: list[str], line: int, known: set[str]) -> list[Problem]:
    cells = [cell.strip() for cell in row]
    if len(cells) != 4:
        return [
            Problem(
                _("Die Zeile hat %(count)d Spalten statt 4 (Gebiet, Merkmal, Ausprägung, Anzahl).")
                % {"count": len(cells)},
                line=line,
            )
        ]
    district, characteristic, category, raw = cells
    problems = []
    if not district:
        problems.append(Problem(_("Der Gebietsschlüssel fehlt."), line, COLUMN_NAMES[0]))
    elif district not in known:
        problems.append(
            Problem(
                _("Unbekanntes Gebiet „%(code)s“ (kein Gebiet der untersten Ebene).")
                % {"code": district},
                line,
                COLUMN_NAMES[0],
            )
        )
    if characteristic not in ch.CATEGORIES:
        problems.append(
            Problem(
                _("Unbekanntes Merkmal „%(code)s“.") % {"code": characteristic},
                line,
                COLUMN_NAMES[1],
            )
        )
    elif not ch.is_known(characteristic, category):
        problems.append(
            Problem(
                _("Unbekannte Ausprägung „%(category)s“ des Merkmals „%(code)s“.")
                % {"category": category, "code": characteristic},
                line,
                COLUMN_NAMES[2],
            )
        )
    _value, problem = _count(raw)
    if problem:
        problems.append(Problem(problem, line, COLUMN_NAMES[3]))
    return problems
