"""Writes of goals (Ziele): in a field of action of the same version, with a priority, and
the indicator of the monitoring that shows the goal's effect with its target.

The indicator (`indicator_code`) is one the monitoring computes for the body — a code of
its catalogue or of one of the body's own alive indicators — with one value per area (a
count, share, location quotient or change; not a distribution, ranking or the city's
segregation index). The target value fits the indicator's kind (a share from 0 to 100, a
count whole and not negative, a location quotient not negative), the target district is
one of the body's, the year one from 1990 to 2100. A goal may name an indicator without a
target (to watch it); a target, district or year without an indicator is refused. What a
goal already names is not checked against the monitoring again: a goal whose own
indicator or district was removed since can still be edited otherwise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction

from teilhabe.concept import errors
from teilhabe.concept.models import ActionField, ConceptVersion, Decision, Goal
from teilhabe.concept.models.concepts import TARGET_YEAR_MAX, TARGET_YEAR_MIN
from teilhabe.concept.selectors.indicators import SCALAR_KINDS, definition_of
from teilhabe.concept.services._common import (
    apply,
    checked_amount,
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
from teilhabe.districts.models import District
from teilhabe.monitoring.catalogue import IndicatorDefinition, Kind

# The largest target value in either direction (twelve digits, two of them decimals).
MAX_TARGET = Decimal("9999999999.99")
Targets = tuple[str, Decimal | None, int | None, int | None]


class GoalFields(TypedDict, total=False):
    number: int
    title: str
    justification: str
    priority: int | None
    origin: str
    origin_organization: Organization | None
    weight: Decimal | None
    indicator_code: str
    target_value: Decimal | None
    target_district: District | None
    target_year: int | None


class GoalChanges(GoalFields, total=False):
    action_field: ActionField


def _check_goal(version: ConceptVersion, fields: Any) -> None:
    """The field of action is an alive one of the goal's version, the organization of the
    body, the priority 1 or more, the weight above 0, the target values well formed."""
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
    _clean_target(version, fields)


def _clean_target(version: ConceptVersion, fields: Any) -> None:
    """The shape of the target values given: the code a text (stripped), the value a
    number with at most two places, the district one of the body, the year in range."""
    if "indicator_code" in fields:
        code = fields["indicator_code"] if fields["indicator_code"] is not None else ""
        if not isinstance(code, str):
            raise errors.UnknownIndicator()
        fields["indicator_code"] = code.strip()
    if "target_value" in fields:
        fields["target_value"] = checked_amount(
            fields["target_value"],
            error=errors.InvalidTargetValue,
            field="target_value",
            minimum=-MAX_TARGET,
            max_digits=12,
        )
    if "target_district" in fields:
        ensure_same_body(version.body_id, fields["target_district"], field="target_district")
    year = fields.get("target_year")
    if year is not None and (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not TARGET_YEAR_MIN <= year <= TARGET_YEAR_MAX
    ):
        raise errors.InvalidTargetYear()


def _targets(goal: Goal) -> Targets:
    return goal.indicator_code, goal.target_value, goal.target_district_id, goal.target_year


def _check_range(definition: IndicatorDefinition, value: Decimal) -> None:
    """The target fits the indicator's kind (a change may go either way)."""
    error = errors.InvalidTargetValue
    if definition.kind is Kind.SHARE and not Decimal(0) <= value <= Decimal(100):
        raise error(str(error.share_message))
    if definition.kind is Kind.COUNT and (value < 0 or value != value.to_integral_value()):
        raise error(str(error.count_message))
    if definition.kind is Kind.LOCATION_QUOTIENT and value < 0:
        raise error(str(error.quotient_message))


def _check_target(goal: Goal, before: Targets | None) -> None:
    """The goal as it would be saved (`before`: its targets as stored, None when new):
    no target without an indicator; a newly named indicator known to the monitoring for
    the body and scalar; a changed target in its range; a newly chosen district alive."""
    code, value, district_id, year = _targets(goal)
    if not code:
        if value is not None or district_id is not None or year is not None:
            raise errors.TargetWithoutIndicator()
        return
    old_code, old_value, old_district_id, _old_year = before or ("", None, None, None)
    if code != old_code or value != old_value:
        definition = definition_of(goal.body_id, code)
        if definition is None and code != old_code:
            raise errors.UnknownIndicator()
        if definition is not None:
            if definition.kind not in SCALAR_KINDS:
                raise errors.IndicatorNotScalar()
            if value is not None:
                _check_range(definition, value)
    district = goal.target_district if district_id is not None else None
    if district is not None and district_id != old_district_id and district.deleted:
        raise errors.TargetDistrictGone()


@transaction.atomic
def goal_create(
    *, concept_version: ConceptVersion, action_field: ActionField, **fields: Unpack[GoalFields]
) -> Goal:
    """A goal in `action_field` of `concept_version`, with its indicator and target if
    given; without a number it gets the next one of the version. It starts as a draft
    (decision DRAFT)."""
    version = locked_version(concept_version)
    values: dict[str, Any] = {**fields, "action_field": action_field}
    _check_goal(version, values)
    goal = Goal(body_id=version.body_id, concept_version=version)
    apply(goal, values)
    _check_target(goal, None)
    if values.get("number") is None:
        goal.number = next_number(Goal, version)
    return create(goal)


@transaction.atomic
def goal_update(*, goal: Goal, expected_version: int, **fields: Unpack[GoalChanges]) -> Goal:
    """Change a goal (also move it to another field of action of its version, or name its
    indicator and target). Its decision changes only through a report and the resolution
    on it, or `goal_adopt`."""
    version = locked_version(goal.concept_version_id)
    _check_goal(version, fields)
    current = fresh(goal)
    before = _targets(current)
    apply(current, fields)
    _check_target(current, before)
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
