"""Fields of action: numbering, weight, versioned edits, deletion only when empty."""

from __future__ import annotations

from decimal import Decimal

import pytest

from teilhabe.concept import errors, services
from teilhabe.concept.models import ActionField
from teilhabe.concept.tests import factories as cf
from teilhabe.core import history
from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


def test_action_field_create_numbers_on_and_is_recorded(scene):
    created = services.action_field_create(
        concept_version=scene.draft, title="Arbeit", weight=Decimal("1.5")
    )
    assert (created.number, created.weight, created.body) == (2, Decimal("1.50"), scene.body)
    assert history.history_of(created).get().changes["title"] == [None, "Arbeit"]
    chosen = services.action_field_create(concept_version=scene.draft, title="Wohnen", number=7)
    assert chosen.number == 7


@pytest.mark.parametrize("weight", [Decimal(0), Decimal("-1"), Decimal("0.001"), 10000, "2"])
def test_a_weight_is_a_number_above_zero_with_two_places(scene, weight):
    with pytest.raises(errors.InvalidWeight) as caught:
        services.action_field_create(concept_version=scene.draft, title="Arbeit", weight=weight)
    assert caught.value.field == "weight"


def test_action_field_update_is_versioned(scene):
    services.action_field_update(action_field=scene.field, expected_version=1, title="Sprache")
    with pytest.raises(ConflictError):
        services.action_field_update(action_field=scene.field, expected_version=1, title="Alt")
    scene.field.refresh_from_db()
    assert (scene.field.title, scene.field.version) == ("Sprache", 2)
    assert history.history_of(scene.field).first().changes == {
        "title": ["Sprache und Bildung", "Sprache"]
    }


def test_a_field_with_alive_goals_or_measures_is_not_deleted(scene):
    with pytest.raises(errors.ActionFieldNotEmpty):
        services.action_field_delete(action_field=scene.field, expected_version=1)
    services.goal_delete(goal=scene.goal, expected_version=1)
    measure = cf.MeasureFactory(action_field=scene.field)
    with pytest.raises(errors.ActionFieldNotEmpty):
        services.action_field_delete(action_field=scene.field, expected_version=1)
    services.measure_delete(measure=measure, expected_version=1)
    services.action_field_delete(action_field=scene.field, expected_version=1)
    scene.field.refresh_from_db()
    assert scene.field.deleted
    assert history.history_of(scene.field).first().action == ChangeRecord.Action.DELETE


def test_action_field_delete_on_stale_version_is_a_conflict(scene):
    empty = cf.ActionFieldFactory(concept_version=scene.draft)
    services.action_field_update(action_field=empty, expected_version=1, title="Neu")
    with pytest.raises(ConflictError):
        services.action_field_delete(action_field=empty, expected_version=1)
    assert not ActionField.objects.get(pk=empty.pk).deleted
