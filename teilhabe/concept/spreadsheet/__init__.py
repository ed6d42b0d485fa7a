"""The measures spreadsheet: a template to fill in, an upload checked row by row, and the
same columns for the export (see `columns.py`)."""

from teilhabe.concept.spreadsheet.columns import COLUMNS, MAX_ROWS, Column
from teilhabe.concept.spreadsheet.reader import RawRow, read_table
from teilhabe.concept.spreadsheet.rows import CheckedRow, Lookups, check_rows

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "CheckedRow",
    "Column",
    "Lookups",
    "RawRow",
    "check_rows",
    "read_table",
]
