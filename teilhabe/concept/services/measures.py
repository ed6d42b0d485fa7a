"""Writes of measures (Maßnahmen) and of the dated history of their status.

A measure's status, the day since which it holds (`status_since`) and its progress change
only through `measure_status_set` (and the resolution on its motion, see `adoption`), so
that every status it had stays in its history (MeasureStatusChange). Creating a measure
records its first status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from teilhabe.concept import errors
from teilhabe.concept.models import (
    ActionField,
    ConceptVersion,
    Goal,
    Measure,
    MeasureStatusChange,
    Status,
)
from teilhabe.concept.services._common import (
    apply,
    checked_amount,
    checked_progress,
    create,
    ensure_citable,
    ensure_same_body,
    fresh,
    locked_version,
    save_checked,
    set_links,
    soft_delete,
)
from teilhabe.concept.services.fields import checked_weight, next_number
from teilhabe.core.errors import ConflictError
from teilhabe.council.models import AgendaItem, Organization, Paper, Person

# The highest amount a cost column holds: 12 digits, two of them after the point.
COST_DIGITS = 12


class MeasureFields(TypedDict, total=False):
    goals: Sequence[Goal]
    number: int
    title: str
    description: str
    responsible_organization: Organization | None
    responsible_person: Person | None
    organiser: str
    speaker: str
    partners: str
    start_date: dt.date | None
    end_date: dt.date | None
    planned_cost: Decimal | None
    actual_cost: Decimal | None
    funding_source: str
    weight: Decimal | None
    papers: Sequence[Paper]
    resolutions: Sequence[AgendaItem]


class MeasureChanges(MeasureFields, total=False):
    action_field: ActionField


_LINKS = ("goals", "papers", "resolutions")


def _check_measure(version: ConceptVersion, fields: Any, current: Measure | None) -> None:
    """Field of action and goals of the measure's version, organization and person of its
    body, papers and resolutions citable, dates in order, costs and weight numbers."""
    body_id = version.body_id
    if "action_field" in fields:
        action_field = fields["action_field"]
        if action_field is None:
            raise errors.MeasureFieldRequired()
        ensure_same_body(body_id, action_field, field="action_field")
        if action_field.concept_version_id != version.pk or action_field.deleted:
            raise errors.FieldOfOtherVersion()
    if "goals" in fields:
        goals = list(fields["goals"])
        ensure_same_body(body_id, goals, field="goals")
        if any(goal.concept_version_id != version.pk or goal.deleted for goal in goals):
            raise errors.GoalOfOtherVersion()
    ensure_same_body(
        body_id, fields.get("responsible_organization"), field="responsible_organization"
    )
    ensure_same_body(body_id, fields.get("responsible_person"), field="responsible_person")
    ensure_citable(body_id, fields.get("papers"), field="papers")
    ensure_citable(body_id, fields.get("resolutions"), field="resolutions")
    start = fields.get("start_date", current.start_date if current else None)
    end = fields.get("end_date", current.end_date if current else None)
    if start is not None and end is not None and end < start:
        raise errors.InvalidDateRange()
    for name in ("planned_cost", "actual_cost"):
        if name in fields:
            fields[name] = checked_amount(
                fields[name],
                error=errors.InvalidCost,
                field=name,
                minimum=Decimal(0),
                max_digits=COST_DIGITS,
            )
    checked_weight(fields)


def _checked_status(status: str) -> str:
    if status not in Status.values:
        raise errors.InvalidStatus()
    return status


@transaction.atomic
def measure_create(
    *,
    concept_version: ConceptVersion,
    action_field: ActionField | None,
    status: str = Status.PLANNED,
    status_since: dt.date | None = None,
    progress: int | None = None,
    **fields: Unpack[MeasureFields],
) -> Measure:
    """A measure in `action_field` of `concept_version`, serving goals of that version.

    Its first status (default PLANNED, since `status_since`, default today) is recorded as
    its first MeasureStatusChange; DONE means 100 % progress. Without a number it gets the
    next one of the version. A speaker not yet known is written "N.N.".
    """
    version = locked_version(concept_version)
    values: dict[str, Any] = {**fields, "action_field": action_field}
    _check_measure(version, values, None)
    status = _checked_status(status)
    progress = 100 if status == Status.DONE else checked_progress(progress)
    since = status_since or timezone.localdate()
    measure = Measure(
        body_id=version.body_id,
        concept_version=version,
        status=status,
        status_since=since,
        progress=progress,
    )
    apply(measure, values, skip=_LINKS)
    if values.get("number") is None:
        measure.number = next_number(Measure, version)
    create(measure)
    set_links(measure, values, _LINKS, created=True)
    create(
        MeasureStatusChange(
            body_id=measure.body_id,
            measure=measure,
            status=status,
            date=since,
            progress=measure.progress,
        )
    )
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, expected_version: int, **fields: Unpack[MeasureChanges]
) -> Measure:
    """Change a measure. Status and progress change through `measure_status_set`, its
    decision through a report and the resolution on it, its motion through
    `measure_motion_create`."""
    version = locked_version(measure.concept_version_id)
    current = fresh(measure)
    _check_measure(version, fields, current)
    apply(current, fields, skip=_LINKS)
    save_checked(current, expected_version=expected_version)
    set_links(current, fields, _LINKS, created=False)
    return current


@transaction.atomic
def measure_delete(*, measure: Measure, expected_version: int) -> Measure:
    locked_version(measure.concept_version_id)
    return soft_delete(measure, expected_version=expected_version)


def last_change_date(measure: Measure) -> dt.date | None:
    """The day of the measure's latest status change (or of its status, if later)."""
    latest = MeasureStatusChange.objects.alive().filter(measure=measure).aggregate(d=Max("date"))
    days = [day for day in (latest["d"], measure.status_since) if day is not None]
    return max(days, default=None)


@transaction.atomic
def measure_status_set(
    *,
    measure: Measure,
    expected_version: int,
    status: str,
    date: dt.date,
    progress: int | None = None,
    note: str = "",
    resolution: AgendaItem | None = None,
) -> MeasureStatusChange:
    """The measure has `status` from `date` on (with `progress`, default: as before; DONE
    means 100 %), noted and, if a resolution decided it, with that resolution.

    Refused: an unknown status, a progress outside 0–100, a date before the measure's last
    status change (StatusChangeInPast: the history is told in order), a resolution of
    another body (unless a public one of a body imported from OParl).
    """
    status = _checked_status(status)
    checked_progress(progress)
    ensure_citable(measure.body_id, [resolution] if resolution else None, field="resolution")
    locked_version(measure.concept_version_id)
    current = fresh(measure)
    if current.version != expected_version:
        raise ConflictError()
    last = last_change_date(current)
    if last is not None and date < last:
        raise errors.StatusChangeInPast.for_date(last)
    if status == Status.DONE:
        progress = 100
    elif progress is None:
        progress = current.progress
    change = create(
        MeasureStatusChange(
            body_id=current.body_id,
            measure=current,
            status=status,
            date=date,
            progress=progress,
            note=note,
            resolution=resolution,
        )
    )
    current.status = status
    current.status_since = date
    current.progress = progress
    save_checked(current, expected_version=expected_version)
    return change
