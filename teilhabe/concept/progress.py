"""How far a concept has come: the progress of measures rolled up to goals, fields and
the version. Pure functions over plain values (no database), exact in `Decimal`.

- A measure's progress is 100 when it is done, none when it was dropped (it is left out
  of every roll-up), else its recorded `progress`, or 0 when none is recorded.
- `rollup` is the weighted mean over the children that have a value; a child's weight is
  its `weight`, or 1 when empty (a weight that is not positive counts as empty too, so a
  bad row can never divide by zero). No child with a value: none.
- A goal's progress is the roll-up of the measures serving it; a field's the roll-up of
  its goals and of its measures that serve no goal; the version's that of its fields.

The mean is computed exactly (as a fraction of integers) and rounded once, so it always lies between
its children's smallest and largest value, equal children give their value, and scaling
every weight by the same factor changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from math import gcd

HUNDRED = Decimal(100)
ONE = Decimal(1)

DONE = "done"
DROPPED = "dropped"


def measure_progress(status: str, progress: int | Decimal | None) -> Decimal | None:
    """A measure's own progress: 100 when done, none when dropped, else `progress` or 0."""
    if status == DONE:
        return HUNDRED
    if status == DROPPED:
        return None
    return Decimal(progress) if progress is not None else Decimal(0)


def effective_weight(weight: Decimal | int | None) -> Decimal:
    """The weight a child counts with: its own, or 1 when empty (or not positive)."""
    if weight is None or weight <= 0:
        return ONE
    return Decimal(weight)


def _sum(total: tuple[int, int], n: int, d: int) -> tuple[int, int]:
    """The exact sum of the fraction `total` and n/d, over their least common denominator."""
    tn, td = total
    if d == td:
        return tn + n, td
    common = td // gcd(td, d) * d
    return tn * (common // td) + n * (common // d), common


def rollup(children: Iterable[tuple[Decimal | None, Decimal | int | None]]) -> Decimal | None:
    """The weighted mean of `(value, weight)` pairs over those with a value; none if none has.

    >>> rollup([(Decimal(50), None), (Decimal(100), Decimal(3))])
    Decimal('87.5')
    """
    # Both sums are kept exact as integer fractions (a Decimal is one: `as_integer_ratio`),
    # so the mean is rounded once, by the final division.
    total = weights = (0, 1)
    for value, weight in children:
        if value is None:
            continue
        wn, wd = effective_weight(weight).as_integer_ratio()
        vn, vd = value.as_integer_ratio()
        total = _sum(total, vn * wn, vd * wd)
        weights = _sum(weights, wn, wd)
    if not weights[0]:
        return None
    return Decimal(total[0] * weights[1]) / Decimal(total[1] * weights[0])


def percent(value: Decimal | None) -> int | None:
    """A progress value as a whole percentage for display (half up), none stays none."""
    if value is None:
        return None
    return int(value.quantize(ONE, rounding=ROUND_HALF_UP))


# The roll-up of a whole version --------------------------------------------------------------


@dataclass(frozen=True)
class MeasureFacts:
    pk: int
    field_id: int
    goal_ids: tuple[int, ...]
    status: str
    progress: int | None
    weight: Decimal | None = None


@dataclass(frozen=True)
class GoalFacts:
    pk: int
    field_id: int
    weight: Decimal | None = None


@dataclass(frozen=True)
class FieldFacts:
    pk: int
    weight: Decimal | None = None


@dataclass(frozen=True)
class VersionProgress:
    """The progress of every measure, goal and field of a version (by pk) and of the whole."""

    measures: Mapping[int, Decimal | None] = field(default_factory=dict)
    goals: Mapping[int, Decimal | None] = field(default_factory=dict)
    fields: Mapping[int, Decimal | None] = field(default_factory=dict)
    version: Decimal | None = None


def goal_progress(measures: Iterable[MeasureFacts]) -> Decimal | None:
    """The roll-up of the measures serving a goal."""
    return rollup((measure_progress(m.status, m.progress), m.weight) for m in measures)


def version_progress(
    fields: Iterable[FieldFacts],
    goals: Iterable[GoalFacts],
    measures: Iterable[MeasureFacts],
) -> VersionProgress:
    """Roll the measures' progress up to the goals, the fields and the version.

    A measure serving goals counts in each of them (a goal not among `goals` is ignored);
    one that serves none of `goals` counts directly in its field.
    """
    fields, goals, measures = list(fields), list(goals), list(measures)
    goal_ids = {goal.pk for goal in goals}
    measure_values = {m.pk: measure_progress(m.status, m.progress) for m in measures}

    serving: dict[int, list[tuple[Decimal | None, Decimal | None]]] = {pk: [] for pk in goal_ids}
    field_children: dict[int, list[tuple[Decimal | None, Decimal | None]]] = {
        f.pk: [] for f in fields
    }
    for m in measures:
        served = [pk for pk in m.goal_ids if pk in goal_ids]
        for pk in served:
            serving[pk].append((measure_values[m.pk], m.weight))
        if not served and m.field_id in field_children:
            field_children[m.field_id].append((measure_values[m.pk], m.weight))

    goal_values = {goal.pk: rollup(serving[goal.pk]) for goal in goals}
    for goal in goals:
        if goal.field_id in field_children:
            field_children[goal.field_id].append((goal_values[goal.pk], goal.weight))

    field_values = {f.pk: rollup(field_children[f.pk]) for f in fields}
    version_value = rollup((field_values[f.pk], f.weight) for f in fields)
    return VersionProgress(
        measures=measure_values, goals=goal_values, fields=field_values, version=version_value
    )
