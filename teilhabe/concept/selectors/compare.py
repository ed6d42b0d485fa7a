"""A version compared with its predecessor: what was added, changed, dropped or carried over.

Fields of action, goals and measures are matched by `lineage` (a revision copies it). A
part is "changed" when one of the values the public pages show differs; each change is
shown as before → after. What the user may not see (a person without consent) is compared
as it is shown, so a comparison never tells more than the two versions' pages.

`compare_parts` is pure; `version_comparison` reads both versions (a fixed number of
queries, whatever their size).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import formats
from django.utils.functional import Promise

from teilhabe.concept.formatting import money
from teilhabe.concept.models import ActionField, ConceptVersion, Goal, Measure
from teilhabe.concept.selectors.indicators import Target, goal_targets
from teilhabe.concept.selectors.measures import (
    AnyUser,
    measures_query,
    responsible_of,
    visible_goals_of,
)

Label = str | Promise
EMPTY = "–"


@dataclass(frozen=True)
class Value:
    """One compared value: its label, what is compared (`key`) and what is shown."""

    label: Label
    key: object
    shown: str


@dataclass(frozen=True)
class Snapshot:
    lineage: uuid.UUID
    obj: Any
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Change:
    label: Label
    before: str
    after: str


@dataclass(frozen=True)
class Changed:
    before: Any
    after: Any
    changes: list[Change]


@dataclass(frozen=True)
class PartComparison:
    added: list[Any]
    changed: list[Changed]
    dropped: list[Any]
    unchanged: list[Any]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.dropped or self.unchanged)


def compare_parts(old: Iterable[Snapshot], new: Iterable[Snapshot]) -> PartComparison:
    """Match `old` and `new` by lineage; added, changed and unchanged in the new order,
    dropped in the old order."""
    old = list(old)
    new = list(new)
    old_by_lineage = {snapshot.lineage: snapshot for snapshot in old}
    new_lineages = {snapshot.lineage for snapshot in new}
    added: list[Any] = []
    changed: list[Changed] = []
    unchanged: list[Any] = []
    for after in new:
        before = old_by_lineage.get(after.lineage)
        if before is None:
            added.append(after.obj)
            continue
        previous = {str(value.label): value for value in before.values}
        changes = [
            Change(label=value.label, before=previous[str(value.label)].shown, after=value.shown)
            for value in after.values
            if str(value.label) in previous and previous[str(value.label)].key != value.key
        ]
        if changes:
            changed.append(Changed(before=before.obj, after=after.obj, changes=changes))
        else:
            unchanged.append(after.obj)
    dropped = [snapshot.obj for snapshot in old if snapshot.lineage not in new_lineages]
    return PartComparison(added=added, changed=changed, dropped=dropped, unchanged=unchanged)


# What is compared -----------------------------------------------------------------------------


def _label(model: type[Model], name: str) -> Label:
    return model._meta.get_field(name).verbose_name  # type: ignore[union-attr]


def _shown(value: object) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, force_grouping=True)
    return str(value)


def _plain(model: type[Model], obj: Model, *names: str) -> list[Value]:
    values = []
    for name in names:
        value = getattr(obj, name)
        values.append(Value(label=_label(model, name), key=value, shown=_shown(value)))
    return values


def _display(model: type[Model], obj: Any, name: str) -> Value:
    """A value with choices: compared by its value, shown by its label."""
    return Value(
        label=_label(model, name),
        key=getattr(obj, name),
        shown=str(getattr(obj, f"get_{name}_display")()),
    )


def _money(model: type[Model], obj: Model, name: str) -> Value:
    value = getattr(obj, name)
    return Value(label=_label(model, name), key=value, shown=money(value))


def _field_value(model: type[Model], field_id: int, fields: dict[int, ActionField]) -> Value:
    field = fields.get(field_id)
    return Value(
        label=_label(model, "action_field"),
        key=field.lineage if field is not None else None,
        shown=field.title if field is not None else EMPTY,
    )


def field_snapshot(field: ActionField) -> Snapshot:
    values = _plain(ActionField, field, "number", "title", "description", "weight")
    return Snapshot(lineage=field.lineage, obj=field, values=tuple(values))


def _target_values(goal: Goal, target: Target | None) -> list[Value]:
    """The indicator by its code (shown by name), the target value, district and year."""
    return [
        Value(
            label=_label(Goal, "indicator_code"),
            key=goal.indicator_code,
            shown=target.name if target is not None else EMPTY,
        ),
        Value(
            label=_label(Goal, "target_value"),
            key=goal.target_value,
            shown=(target.value_text if target is not None else "") or EMPTY,
        ),
        Value(
            label=_label(Goal, "target_district"),
            key=goal.target_district_id,
            shown=target.area if target is not None else EMPTY,
        ),
        *_plain(Goal, goal, "target_year"),
    ]


def goal_snapshot(
    goal: Goal, fields: dict[int, ActionField], targets: dict[int, Target]
) -> Snapshot:
    """`targets`: goal pk -> its target (`indicators.goal_targets`)."""
    target = targets.get(goal.pk)
    values = [
        *_plain(Goal, goal, "number", "title", "justification", "priority"),
        _display(Goal, goal, "origin"),
        _field_value(Goal, goal.action_field_id, fields),
        *_plain(Goal, goal, "weight"),
        *_target_values(goal, target),
        _display(Goal, goal, "decision"),
    ]
    return Snapshot(lineage=goal.lineage, obj=goal, values=tuple(values))


def measure_snapshot(measure: Measure, fields: dict[int, ActionField]) -> Snapshot:
    goals = visible_goals_of(measure)
    responsible = responsible_of(measure)
    values = [
        *_plain(Measure, measure, "number", "title", "description"),
        _field_value(Measure, measure.action_field_id, fields),
        Value(
            label=_label(Measure, "goals"),
            key=frozenset(goal.lineage for goal in goals),
            shown="; ".join(f"{goal.number}. {goal.title}" for goal in goals) or EMPTY,
        ),
        Value(
            label=_label(Measure, "responsible_organization"),
            key=responsible.key,
            shown=str(responsible.label),
        ),
        *_plain(Measure, measure, "organiser", "speaker", "partners", "start_date", "end_date"),
        _display(Measure, measure, "status"),
        *_plain(Measure, measure, "progress"),
        _money(Measure, measure, "planned_cost"),
        _money(Measure, measure, "actual_cost"),
        *_plain(Measure, measure, "funding_source", "weight"),
        _display(Measure, measure, "decision"),
    ]
    return Snapshot(lineage=measure.lineage, obj=measure, values=tuple(values))


# Reading both versions ------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionComparison:
    version: ConceptVersion
    predecessor: ConceptVersion
    fields: PartComparison
    goals: PartComparison
    measures: PartComparison

    @property
    def parts(self) -> list[tuple[str, PartComparison]]:
        return [("fields", self.fields), ("goals", self.goals), ("measures", self.measures)]


def _split(rows: Iterable[Any], version_id: int) -> tuple[list[Any], list[Any]]:
    ours: list[Any] = []
    theirs: list[Any] = []
    for row in rows:
        (ours if row.concept_version_id == version_id else theirs).append(row)
    return ours, theirs


def _snapshots(rows: list[Any], snapshot: Callable[..., Snapshot], *args: Any) -> list[Snapshot]:
    return [snapshot(row, *args) for row in rows]


def version_comparison(
    *, version: ConceptVersion, predecessor: ConceptVersion, user: AnyUser
) -> VersionComparison:
    """Compare two versions the user may see (6 queries; 7 when a goal names one of the
    body's own indicators)."""
    pair = [version.pk, predecessor.pk]
    fields = list(
        ActionField.objects.visible_to(user)
        .filter(concept_version__in=pair)
        .order_by("number", "pk")
    )
    goals = list(
        Goal.objects.visible_to(user)
        .filter(concept_version__in=pair, action_field__deleted=False)
        .select_related("target_district")
        .order_by("number", "pk")
    )
    targets = goal_targets(goals, version.body_id)
    measures = list(
        measures_query(user=user, body_id=version.body_id)
        .filter(concept_version__in=pair)
        .order_by("action_field__number", "action_field_id", "number", "pk")
    )
    by_pk = {field.pk: field for field in fields}
    new_fields, old_fields = _split(fields, version.pk)
    new_goals, old_goals = _split(goals, version.pk)
    new_measures, old_measures = _split(measures, version.pk)
    return VersionComparison(
        version=version,
        predecessor=predecessor,
        fields=compare_parts(
            _snapshots(old_fields, field_snapshot), _snapshots(new_fields, field_snapshot)
        ),
        goals=compare_parts(
            _snapshots(old_goals, goal_snapshot, by_pk, targets),
            _snapshots(new_goals, goal_snapshot, by_pk, targets),
        ),
        measures=compare_parts(
            _snapshots(old_measures, measure_snapshot, by_pk),
            _snapshots(new_measures, measure_snapshot, by_pk),
        ),
    )
