"""Reading an uploaded table (XLSX or CSV) into raw rows, refusing what is not one.

The upload is checked before anything parses it: its size, that its name's extension
agrees with its content (an XLSX is a ZIP archive with a spreadsheet inside; a CSV is text
in UTF-8 or, as German Excel writes it, Windows-1252), and for an XLSX that its members
do not unpack to more than `MAX_UNPACKED_BYTES` (a "zip bomb"). Nothing is executed:
formulas are read as the values Excel stored, never evaluated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.files.base import File as DjangoFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from teilhabe.concept.spreadsheet.columns import COLUMNS, MAX_ROWS
from teilhabe.core.errors import UploadRejected

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
_XLSX_MARK = b"spreadsheetml"


@dataclass(frozen=True)
class RawRow:
    """One data row as read: its number in the sheet (the header is row 1) and its cells
    by column key (missing columns are absent, empty cells are None)."""

    number: int
    cells: dict[str, Any]


def read_table(uploaded: DjangoFile) -> list[RawRow]:
    """The data rows of `uploaded`, or UploadRejected with a message for the user."""
    size = uploaded.size or 0
    if size == 0:
        raise UploadRejected(_("Die Datei ist leer."))
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejected(
            _("Die Datei ist zu groß. Erlaubt sind höchstens %(limit)s.")
            % {"limit": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    extension = PurePath(uploaded.name or "").suffix.lower()
    uploaded.seek(0)
    data = uploaded.read()
    if extension == ".xlsx":
        table = _xlsx_rows(data)
    elif extension == ".csv":
        table = _csv_rows(data)
    else:
        raise UploadRejected(_("Bitte laden Sie eine Tabelle als XLSX- oder CSV-Datei hoch."))
    return _with_headers(table)


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise UploadRejected(_("Die Tabelle ist entpackt zu groß."))
            types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise UploadRejected(_("Die Datei ist keine XLSX-Tabelle.")) from exc
    if _XLSX_MARK not in types:
        raise UploadRejected(_("Die Datei ist keine XLSX-Tabelle."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=len(COLUMNS) + 10):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        workbook.close()
    except UploadRejected:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise UploadRejected(_("Die XLSX-Tabelle konnte nicht gelesen werden.")) from exc
    return rows


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise UploadRejected(_("Die Datei ist keine CSV-Tabelle (Textdatei)."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> list[list[Any]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[Any]] = []
    try:
        for row in reader:
            rows.append([cell if cell.strip() else None for cell in row])
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as exc:
        raise UploadRejected(_("Die CSV-Tabelle konnte nicht gelesen werden.")) from exc
    return rows


def _header_key(cell: Any) -> str | None:
    text = " ".join(str(cell or "").split()).casefold()
    for column in COLUMNS:
        if text in (str(column.header).casefold(), column.key):
            return column.key
    return None


def _with_headers(table: list[list[Any]]) -> list[RawRow]:
    if not table:
        raise UploadRejected(_("Die Tabelle ist leer."))
    keys = [_header_key(cell) for cell in table[0]]
    missing = [str(c.header) for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        raise UploadRejected(
            _("In der ersten Zeile fehlen Spalten: %(columns)s. Bitte verwenden Sie die Vorlage.")
            % {"columns": ", ".join(f"„{name}“" for name in missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise UploadRejected(
            _("Die Tabelle hat mehr als %(count)s Zeilen. Bitte teilen Sie sie auf.")
            % {"count": MAX_ROWS}
        )
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {
            key: _clean(value) for key, value in zip(keys, values, strict=False) if key is not None
        }
        if any(value is not None for value in cells.values()):
            rows.append(RawRow(number=number, cells=cells))
    if not rows:
        raise UploadRejected(_("Die Tabelle enthält keine Maßnahmen."))
    return rows


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value
