"""The XLSX template for the measures of one version: the table to fill in, with lists to
choose from, and a sheet that explains every column and names the version's fields of
action, goals and the statuses."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from teilhabe.concept.models import ActionField, Goal, Status
from teilhabe.concept.spreadsheet.columns import COLUMNS, MAX_ROWS

BOLD = Font(bold=True)


def _column_letter(key: str) -> str:
    return get_column_letter([column.key for column in COLUMNS].index(key) + 1)


def _choice(sheet: Any, key: str, source: str) -> None:
    letter = _column_letter(key)
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.error = _("Bitte einen Wert aus der Liste wählen.")
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)


def template_xlsx(
    *, version_title: str, fields: Sequence[ActionField], goals: Sequence[Goal]
) -> bytes:
    workbook = Workbook()
    table = workbook.active
    table.title = _("Maßnahmen")
    table.append([str(column.header) for column in COLUMNS])
    for cell in table[1]:
        cell.font = BOLD
    table.freeze_panes = "A2"

    lists = workbook.create_sheet(_("Listen"))
    lists.append([_("Handlungsfelder"), _("Status")])
    statuses = [str(label) for _code, label in Status.choices]
    for index in range(max(len(fields), len(statuses))):
        lists.append(
            [
                fields[index].title if index < len(fields) else None,
                statuses[index] if index < len(statuses) else None,
            ]
        )
    if fields:
        _choice(table, "action_field", f"'{lists.title}'!$A$2:$A${len(fields) + 1}")
    _choice(table, "status", f"'{lists.title}'!$B$2:$B${len(statuses) + 1}")

    notes = workbook.create_sheet(_("Hinweise"))
    notes.append([_("Vorlage für die Maßnahmen von: %(version)s") % {"version": version_title}])
    notes["A1"].font = BOLD
    notes.append([])
    notes.append([_("Spalte"), _("Pflicht"), _("Hinweis")])
    for column in COLUMNS:
        notes.append([str(column.header), _("ja") if column.required else "", str(column.hint)])
    notes.append([])
    notes.append([_("Ziele dieser Version"), _("Handlungsfeld")])
    for goal in goals:
        notes.append([f"{goal.number}: {goal.title}", goal.action_field.title])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
