"""Writes of goals (Ziele): in a field of action of the same version, with a priority."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction

from teilhabe.concept import errors
from teilhabe.concept.models import ActionField, ConceptVersion, Decision, Goal
from teilhabe.concept.services._common import (
    apply,
    create,
    ensure_citable,
    ensure_same_body,
    fresh,
    locked_version,
    resolution_day,
    save_checked,
    soft_delete,
)
from teilhabe.concept.services.fields import checked_weight, next_number
from teilhabe.core.errors import ConflictError
from teilhabe.council.models import AgendaItem, Organization


class GoalFields(TypedDict, total=False):
    number: int
    title: str
    justification: str
    priority: int | None
    origin: str
    origin_organization: Organization | None
    weight: Decimal | None


class GoalChanges(GoalFields, total=False):
    action_field: ActionField


def _check_goal(version: ConceptVersion, fields: Any) -> None:
    """The field of action is an alive one of the goal's version, the organization of the
    body, the priority 1 or more, the weight above 0."""
    ensure_same_body(
        version.body_id, fields.get("origin_organization"), field="origin_organization"
    )
    if "action_field" in fields:
        action_field = fields["action_field"]
        if action_field is None:
            raise errors.FieldOfOtherVersion()
        ensure_same_body(version.body_id, action_field, field="action_field")
        if action_field.concept_version_id != version.pk or action_field.deleted:
            raise errors.FieldOfOtherVersion()
    priority = fields.get("priority")
    if priority is not None and (
        isinstance(priority, bool) or not isinstance(priority, int) or priority < 1
    ):
        raise errors.InvalidPriority()
    checked_weight(fields)


@transaction.atomic
def goal_create(
    *, concept_version: ConceptVersion, action_field: ActionField, **fields: Unpack[GoalFields]
) -> Goal:
    """A goal in `action_field` of `concept_version`; without a number it gets the next
    one of the version. It starts as a draft (decision DRAFT)."""
    version = locked_version(concept_version)
    values: dict[str, Any] = {**fields, "action_field": action_field}
    _check_goal(version, values)
    goal = Goal(body_id=version.body_id, concept_version=version)
    apply(goal, values)
    if values.get("number") is None:
        goal.number = next_number(Goal, version)
    return create(goal)


@transaction.atomic
def goal_update(*, goal: Goal, expected_version: int, **fields: Unpack[GoalChanges]) -> Goal:
    """Change a goal (also move it to another field of action of its version). Its
    decision changes only through a report and the resolution on it, or `goal_adopt`."""
    version = locked_version(goal.concept_version_id)
    _check_goal(version, fields)
    current = fresh(goal)
    apply(current, fields)
    return save_checked(current, expected_version=expected_version)


@transaction.atomic
def goal_delete(*, goal: Goal, expected_version: int) -> Goal:
    """Delete a goal. Measures keep their link to it (as history); a revision leaves it
    behind."""
    locked_version(goal.concept_version_id)
    return soft_delete(goal, expected_version=expected_version)


@transaction.atomic
def goal_adopt(
    *,
    goal: Goal,
    expected_version: int,
    resolution: AgendaItem,
    adopted_on: dt.date | None = None,
) -> Goal:
    """Record by hand that `resolution` adopted `goal` (e.g. a resolution taken before the
    goal was entered here), on `adopted_on` (default: the day of the meeting).

    Refused: a resolution that was not adopted (a rejected one, one postponed or without
    result — ResolutionNotAdopted), one of another body (unless a public one of a body
    imported from OParl), and a date before the meeting.
    """
    ensure_citable(goal.body_id, [resolution], field="resolution")
    item = AgendaItem.objects.select_related("meeting").get(pk=resolution.pk)
    if item.deleted or item.meeting.deleted or item.result != AgendaItem.Result.ADOPTED:
        raise errors.ResolutionNotAdopted.for_item(item, field="resolution")
    day = resolution_day(item)
    if adopted_on is not None and adopted_on < day:
        raise errors.AdoptedBeforeResolution.for_date(day)
    locked_version(goal.concept_version_id)
    current = fresh(goal)
    if current.version != expected_version:
        raise ConflictError()
    current.decision = Decision.ADOPTED
    current.adopted_by = item
    current.adopted_on = adopted_on or day
    return save_checked(current, expected_version=expected_version)
