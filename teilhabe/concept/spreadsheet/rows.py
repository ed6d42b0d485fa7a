"""Checking the rows of an uploaded measures table, one message per problem and row.

`check_rows` turns raw cells into the fields of a measure (as `measure_create` takes them)
or into messages in German that name the row and the column. Nothing is written here; the
import writes only when every row is valid, or when the user chose to skip the invalid
ones (`services.spreadsheet`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.concept.models import ActionField, Goal, Measure, Status
from teilhabe.concept.spreadsheet.columns import COLUMNS
from teilhabe.concept.spreadsheet.reader import RawRow

HEADERS = {column.key: column.header for column in COLUMNS}
TEXT_LIMITS = {
    name: Measure._meta.get_field(name).max_length  # type: ignore[union-attr]
    for name in ("title", "organiser", "speaker", "funding_source")
}
MAX_COST = Decimal("9999999999.99")
_DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d")


@dataclass(frozen=True)
class Lookups:
    """What a row may refer to: the version's fields and goals, the body's organizations."""

    fields: list[ActionField]
    goals: list[Goal]
    organizations: list[Any]

    def field(self, value: Any) -> ActionField | None:
        text = _text(value)
        for candidate in self.fields:
            if text == str(candidate.number) or text.casefold() == candidate.title.casefold():
                return candidate
        return None

    def goal(self, number: str) -> Goal | None:
        return next((g for g in self.goals if str(g.number) == number), None)

    def organization(self, value: Any) -> Any:
        text = _text(value).casefold()
        for candidate in self.organizations:
            if text in (candidate.name.casefold(), (candidate.short_name or "").casefold()):
                return candidate
        return None


@dataclass
class CheckedRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if value is not None else ""


class _Refused(ValueError):
    pass


def parse_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _Refused(_("„%(value)s“ ist kein Datum (z. B. 31.12.2025).") % {"value": text})


def parse_money(value: Any) -> Decimal | None:
    """Euros from a number cell or a German or plain text: "1.250,50", "1250.5", "300 €"."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Refused(_("„%(value)s“ ist kein Betrag.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        text = str(value)
    else:
        text = re.sub(r"(?i)\s|€|eur(o)?", "", str(value))
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise _Refused(_("„%(value)s“ ist kein Betrag.") % {"value": value}) from None
    if not amount.is_finite():
        raise _Refused(_("„%(value)s“ ist kein Betrag.") % {"value": value})
    if amount < 0:
        raise _Refused(_("Ein Betrag darf nicht negativ sein."))
    if amount > MAX_COST:
        raise _Refused(_("Der Betrag ist zu groß."))
    return amount.quantize(Decimal("0.01"))


def parse_progress(value: Any) -> int | None:
    if value is None:
        return None
    text = _text(value).rstrip("%").strip()
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise _Refused(_("„%(value)s“ ist keine Zahl.") % {"value": value}) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise _Refused(_("Der Fortschritt ist eine ganze Zahl von 0 bis 100."))
    if not 0 <= number <= 100:
        raise _Refused(_("Der Fortschritt liegt zwischen 0 und 100."))
    return int(number)


def parse_status(value: Any) -> str:
    if value is None:
        return Status.PLANNED
    text = _text(value).casefold()
    for code, label in Status.choices:
        if text in (code, str(label).casefold()):
            return code
    raise _Refused(
        _("„%(value)s“ ist kein Status. Möglich sind: %(choices)s.")
        % {"value": _text(value), "choices": ", ".join(str(label) for _c, label in Status.choices)}
    )


def _goals(value: Any, lookups: Lookups) -> list[Goal]:
    if value is None:
        return []
    numbers = [part for part in re.split(r"[,;\s]+", _text(value)) if part]
    goals, unknown = [], []
    for number in numbers:
        goal = lookups.goal(number.rstrip("."))
        if goal is None:
            unknown.append(number)
        else:
            goals.append(goal)
    if unknown:
        raise _Refused(
            _("Kein Ziel mit der Nummer %(numbers)s in dieser Version.")
            % {"numbers": ", ".join(unknown)}
        )
    return goals


def _checked_text(name: str, value: Any) -> str:
    text = "" if value is None else str(value).strip()
    limit = TEXT_LIMITS.get(name)
    if limit is not None and len(text) > limit:
        raise _Refused(_("Höchstens %(limit)s Zeichen.") % {"limit": limit})
    return text


def check_row(raw: RawRow, lookups: Lookups) -> CheckedRow:
    row = CheckedRow(number=raw.number)
    cells = raw.cells

    def take(name: str, parse: Any) -> None:
        try:
            row.values[name] = parse(cells.get(name))
        except _Refused as refused:
            row.errors.append(
                _("Spalte „%(column)s“: %(problem)s")
                % {"column": HEADERS[name], "problem": refused}
            )

    def required_field(value: Any) -> ActionField:
        if value is None:
            raise _Refused(_("Jede Maßnahme braucht ein Handlungsfeld."))
        found = lookups.field(value)
        if found is None:
            raise _Refused(
                _("Kein Handlungsfeld „%(value)s“ in dieser Version.") % {"value": _text(value)}
            )
        return found

    def organization(value: Any) -> Any:
        if value is None:
            return None
        found = lookups.organization(value)
        if found is None:
            raise _Refused(_("Keine Stelle „%(value)s“ bekannt.") % {"value": _text(value)})
        return found

    def title(value: Any) -> str:
        text = _checked_text("title", value)
        if not text:
            raise _Refused(_("Jede Maßnahme braucht einen Titel."))
        return text

    take("action_field", required_field)
    take("goals", lambda value: _goals(value, lookups))
    take("title", title)
    for name in ("description", "organiser", "speaker", "partners", "funding_source"):
        take(name, lambda value, name=name: _checked_text(name, value))
    take("responsible_organization", organization)
    take("start_date", parse_date)
    take("end_date", parse_date)
    take("status", parse_status)
    take("progress", parse_progress)
    take("planned_cost", parse_money)
    take("actual_cost", parse_money)
    start, end = row.values.get("start_date"), row.values.get("end_date")
    if start and end and end < start:
        row.errors.append(
            _("Spalte „%(column)s“: %(problem)s")
            % {"column": HEADERS["end_date"], "problem": _("Das Ende liegt vor dem Beginn.")}
        )
    return row


def check_rows(rows: Iterable[RawRow], lookups: Lookups) -> list[CheckedRow]:
    return [check_row(raw, lookups) for raw in rows]
