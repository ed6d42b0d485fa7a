"""Writes of the fields of action (Handlungsfelder) of a version."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Max

from teilhabe.concept import errors
from teilhabe.concept.models import ActionField, ConceptVersion
from teilhabe.concept.services._common import (
    apply,
    checked_amount,
    create,
    fresh,
    locked_version,
    save_checked,
    soft_delete,
)


class ActionFieldFields(TypedDict, total=False):
    number: int
    title: str
    description: str
    weight: Decimal | None


def checked_weight(fields: Any) -> None:
    """A weight is a number above 0 with two places (max. 9999.99), or empty."""
    if "weight" in fields:
        fields["weight"] = checked_amount(
            fields["weight"],
            error=errors.InvalidWeight,
            field="weight",
            minimum=Decimal("0.01"),
            max_digits=6,
        )


def next_number(model: Any, version: ConceptVersion) -> int:
    """The number after the highest one in the version (the version row is locked)."""
    highest = model.objects.alive().filter(concept_version=version).aggregate(n=Max("number"))
    return (highest["n"] or 0) + 1


@transaction.atomic
def action_field_create(
    *, concept_version: ConceptVersion, **fields: Unpack[ActionFieldFields]
) -> ActionField:
    """A field of action of a version that is not superseded; without a number it gets
    the next one."""
    checked_weight(fields)
    version = locked_version(concept_version)
    field = ActionField(body_id=version.body_id, concept_version=version)
    apply(field, fields)
    if fields.get("number") is None:
        field.number = next_number(ActionField, version)
    return create(field)


@transaction.atomic
def action_field_update(
    *, action_field: ActionField, expected_version: int, **fields: Unpack[ActionFieldFields]
) -> ActionField:
    checked_weight(fields)
    locked_version(action_field.concept_version_id)
    current = fresh(action_field)
    apply(current, fields)
    return save_checked(current, expected_version=expected_version)


@transaction.atomic
def action_field_delete(*, action_field: ActionField, expected_version: int) -> ActionField:
    """Delete a field of action; refused while it still holds a goal or measure that is
    not deleted (ActionFieldNotEmpty)."""
    locked_version(action_field.concept_version_id)
    current = fresh(action_field)
    if current.goals.alive().exists() or current.measures.alive().exists():
        raise errors.ActionFieldNotEmpty()
    return soft_delete(current, expected_version=expected_version)
