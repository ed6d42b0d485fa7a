"""What a version's measures add up to: how many, what was planned and what was spent.

Grouped four ways — by status, by field of action, by responsible unit (the organization,
else the person, else „ohne Zuständigkeit“) and by year (the start date's, else the end
date's, else „ohne Zeitraum“) — each grouping summing to the overall total; and the
headline „26 Maßnahmen umgesetzt, 126.000 € ausgegeben“ (the done measures and their
actual cost). A missing amount counts as 0 €. `figures_of` gives the same figures (count
by status, planned, spent) of any part of them, e.g. the measures serving one goal.

`totals_of(rows)` and `figures_of(rows)` are pure; `totals_for_rows` builds the totals
rows from the measure rows of `measures.version_rows` (no query), `version_totals` reads
them itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.concept.models import ActionField, ConceptVersion, Status
from teilhabe.concept.selectors.measures import (
    HIDDEN_PERSON,
    NO_RESPONSIBLE,
    AnyUser,
    MeasureRow,
    version_fields,
    version_goals,
    version_rows,
)

ZERO = Decimal("0.00")
NO_YEAR = "ohne"
NO_YEAR_LABEL = _("ohne Zeitraum")
STATUS_ORDER = {value: i for i, value in enumerate(Status.values)}

Label = str | Promise


@dataclass(frozen=True)
class TotalsRow:
    """One measure as the totals see it."""

    status: str
    field_key: str
    field_label: Label
    field_order: tuple[int, int]
    responsible_key: str
    responsible_label: Label
    year: int | None
    planned: Decimal | None
    actual: Decimal | None


@dataclass(frozen=True)
class Group:
    key: str
    label: Label
    count: int
    planned: Decimal
    actual: Decimal


@dataclass(frozen=True)
class Totals:
    count: int
    planned: Decimal
    actual: Decimal
    done_count: int
    done_actual: Decimal
    by_status: list[Group]
    by_field: list[Group]
    by_responsible: list[Group]
    by_year: list[Group]

    @property
    def groupings(self) -> list[tuple[Label, Label, list[Group]]]:
        """The four groupings with their heading and column label, for a page to show."""
        return [
            (_("Nach Status"), _("Status"), self.by_status),
            (_("Nach Handlungsfeld"), _("Handlungsfeld"), self.by_field),
            (_("Nach Zuständigkeit"), _("Zuständig"), self.by_responsible),
            (_("Nach Jahr"), _("Jahr"), self.by_year),
        ]


def _amount(value: Decimal | None) -> Decimal:
    return value if value is not None else ZERO


def _group(
    rows: list[TotalsRow],
    key: Callable[[TotalsRow], str],
    label: Callable[[TotalsRow], Label],
    order: Callable[[TotalsRow], tuple[object, ...]],
) -> list[Group]:
    groups: dict[str, list[TotalsRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    ordered = sorted(groups.values(), key=lambda members: order(members[0]))
    return [
        Group(
            key=key(members[0]),
            label=label(members[0]),
            count=len(members),
            planned=sum((_amount(r.planned) for r in members), ZERO),
            actual=sum((_amount(r.actual) for r in members), ZERO),
        )
        for members in ordered
    ]


def responsible_order(key: str, label: Label) -> tuple[object, ...]:
    """Units and persons by name, then a person not named, then none."""
    rank = {HIDDEN_PERSON: 1, NO_RESPONSIBLE: 2}.get(key, 0)
    return (rank, str(label).casefold(), key)


def _responsible_order(row: TotalsRow) -> tuple[object, ...]:
    return responsible_order(row.responsible_key, row.responsible_label)


def _year_label(row: TotalsRow) -> Label:
    return str(row.year) if row.year is not None else NO_YEAR_LABEL


def totals_of(rows: Iterable[TotalsRow]) -> Totals:
    """The totals of `rows`: overall, the headline and the four groupings."""
    rows = list(rows)
    done = [row for row in rows if row.status == Status.DONE]
    return Totals(
        count=len(rows),
        planned=sum((_amount(r.planned) for r in rows), ZERO),
        actual=sum((_amount(r.actual) for r in rows), ZERO),
        done_count=len(done),
        done_actual=sum((_amount(r.actual) for r in done), ZERO),
        by_status=_group(
            rows,
            key=lambda r: r.status,
            label=lambda r: Status(r.status).label if r.status in STATUS_ORDER else r.status,
            order=lambda r: (STATUS_ORDER.get(r.status, len(STATUS_ORDER)), r.status),
        ),
        by_field=_group(
            rows,
            key=lambda r: r.field_key,
            label=lambda r: r.field_label,
            order=lambda r: r.field_order,
        ),
        by_responsible=_group(
            rows,
            key=lambda r: r.responsible_key,
            label=lambda r: r.responsible_label,
            order=_responsible_order,
        ),
        by_year=_group(
            rows,
            key=lambda r: str(r.year) if r.year is not None else NO_YEAR,
            label=_year_label,
            order=lambda r: (r.year is None, r.year or 0),
        ),
    )


def field_label(field: ActionField) -> str:
    return f"{field.number}. {field.title}"


def totals_row(row: MeasureRow, fields: dict[int, ActionField]) -> TotalsRow:
    """A measure row as a totals row (no query)."""
    field = fields.get(row.field_id)
    when = row.start_date or row.end_date
    return TotalsRow(
        status=row.status,
        field_key=str(row.field_id),
        field_label=field_label(field) if field is not None else "–",
        field_order=(field.number, field.pk) if field is not None else (0, row.field_id),
        responsible_key=row.responsible.key,
        responsible_label=row.responsible.label,
        year=when.year if when is not None else None,
        planned=row.planned_cost,
        actual=row.actual_cost,
    )


def totals_for_rows(rows: Iterable[MeasureRow], fields: Iterable[ActionField]) -> Totals:
    by_pk = {field.pk: field for field in fields}
    return totals_of(totals_row(row, by_pk) for row in rows)


def version_totals(*, version: ConceptVersion, user: AnyUser) -> Totals:
    """The totals of a version the user may see (its measures read as for its page)."""
    goals = version_goals(version=version, user=user)
    return totals_for_rows(
        version_rows(version=version, user=user, goals=goals),
        version_fields(version=version, user=user),
    )


# The figures of a part of a version -----------------------------------------------------------


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: Label
    count: int


@dataclass(frozen=True)
class Figures:
    """How many measures, how many in each status (in the order of `Status`, only those
    with any), and what they planned and spent."""

    count: int
    by_status: list[StatusCount]
    planned: Decimal
    actual: Decimal


def figures_of(rows: Iterable[MeasureRow]) -> Figures:
    """The figures of `rows` (a missing amount counts as 0 €, as in the totals)."""
    counts: dict[str, int] = {}
    planned = actual = ZERO
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
        if row.planned_cost is not None:
            planned += row.planned_cost
        if row.actual_cost is not None:
            actual += row.actual_cost
    ordered = sorted(
        counts, key=lambda status: (STATUS_ORDER.get(status, len(STATUS_ORDER)), status)
    )
    return Figures(
        count=sum(counts.values()),
        by_status=[
            StatusCount(
                status=status,
                label=Status(status).label if status in STATUS_ORDER else status,
                count=counts[status],
            )
            for status in ordered
        ],
        planned=planned,
        actual=actual,
    )
