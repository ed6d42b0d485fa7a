"""Goals: in a field of the same version, a priority from 1, adopted only by an adopted
resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from teilhabe.concept import errors, services
from teilhabe.concept.models import Decision, Goal
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.conftest import MEETING_DAY, resolution
from teilhabe.core import history
from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord
from teilhabe.council.models import AgendaItem

pytestmark = pytest.mark.django_db


def test_goal_create_starts_as_a_draft_and_is_recorded(scene):
    goal = services.goal_create(
        concept_version=scene.draft,
        action_field=scene.field,
        title="Kitaplätze für alle",
        justification="Frühe Bildung",
        priority=1,
        origin=Goal.Origin.WORKING_GROUP,
        origin_organization=scene.ag,
    )
    assert (goal.number, goal.decision, goal.priority) == (2, Decision.DRAFT, 1)
    record = history.history_of(goal).get()
    assert record.action == ChangeRecord.Action.CREATE
    assert record.changes["title"] == [None, "Kitaplätze für alle"]


def test_a_goal_needs_a_field_of_its_own_version(scene, foreign):
    other_version_field = cf.ActionFieldFactory(concept_version=scene.in_force)
    with pytest.raises(errors.FieldOfOtherVersion) as caught:
        services.goal_create(
            concept_version=scene.draft, action_field=other_version_field, title="Ziel"
        )
    assert caught.value.field == "action_field"
    with pytest.raises(errors.CrossBodyReference):
        services.goal_create(concept_version=scene.draft, action_field=foreign.field, title="Z")
    with pytest.raises(errors.CrossBodyReference) as caught:
        services.goal_create(
            concept_version=scene.draft,
            action_field=scene.field,
            title="Ziel",
            origin_organization=foreign.organization,
        )
    assert caught.value.field == "origin_organization"
    deleted = cf.ActionFieldFactory(concept_version=scene.draft, deleted=True)
    with pytest.raises(errors.FieldOfOtherVersion):
        services.goal_create(concept_version=scene.draft, action_field=deleted, title="Ziel")
    with pytest.raises(errors.FieldOfOtherVersion):
        services.goal_update(goal=scene.goal, expected_version=1, action_field=other_version_field)
    assert Goal.objects.filter(concept_version=scene.draft).count() == 1


@pytest.mark.parametrize("priority", [0, -1, True, "1"])
def test_a_priority_is_a_whole_number_from_one(scene, priority):
    with pytest.raises(errors.InvalidPriority) as caught:
        services.goal_create(
            concept_version=scene.draft, action_field=scene.field, title="Z", priority=priority
        )
    assert caught.value.field == "priority"


def test_no_priority_is_allowed(scene):
    goal = services.goal_create(
        concept_version=scene.draft, action_field=scene.field, title="Z", priority=None
    )
    assert goal.priority is None


def test_goal_update_moves_within_the_version_and_is_versioned(scene):
    other = cf.ActionFieldFactory(concept_version=scene.draft)
    services.goal_update(goal=scene.goal, expected_version=1, action_field=other, priority=2)
    with pytest.raises(ConflictError):
        services.goal_update(goal=scene.goal, expected_version=1, title="Alt")
    scene.goal.refresh_from_db()
    assert (scene.goal.action_field, scene.goal.priority, scene.goal.version) == (other, 2, 2)
    changes = history.history_of(scene.goal).first().changes
    assert changes["action_field"] == [scene.field.pk, other.pk]


def test_goal_delete_is_soft_versioned_and_recorded(scene):
    with pytest.raises(ConflictError):
        services.goal_delete(goal=scene.goal, expected_version=2)
    services.goal_delete(goal=scene.goal, expected_version=1)
    scene.goal.refresh_from_db()
    assert scene.goal.deleted
    assert history.history_of(scene.goal).first().action == ChangeRecord.Action.DELETE


def test_goal_adopt_records_the_resolution_and_the_meeting_day(scene):
    item = resolution(scene.beirat)
    services.goal_adopt(goal=scene.goal, expected_version=1, resolution=item)
    scene.goal.refresh_from_db()
    assert (scene.goal.decision, scene.goal.adopted_by, scene.goal.adopted_on) == (
        Decision.ADOPTED,
        item,
        MEETING_DAY,
    )
    changes = history.history_of(scene.goal).first().changes
    assert changes["decision"] == ["draft", "adopted"]
    later = dt.date(2025, 7, 1)
    services.goal_adopt(goal=scene.goal, expected_version=2, resolution=item, adopted_on=later)
    scene.goal.refresh_from_db()
    assert scene.goal.adopted_on == later


def test_a_goal_adopted_by_a_rejected_resolution_is_refused(scene):
    rejected = resolution(scene.beirat, result=AgendaItem.Result.REJECTED, name="Sprachkurse")
    with pytest.raises(errors.ResolutionNotAdopted) as caught:
        services.goal_adopt(goal=scene.goal, expected_version=1, resolution=rejected)
    assert caught.value.message == (
        f"Der Beschluss „{rejected}“ wurde abgelehnt; damit kann nichts beschlossen werden."
    )
    assert caught.value.field == "resolution"
    scene.goal.refresh_from_db()
    assert scene.goal.decision == Decision.DRAFT


def test_goal_adopt_refuses_a_postponed_item_an_early_date_another_body_and_a_stale_goal(
    scene, foreign
):
    with pytest.raises(errors.ResolutionNotAdopted):
        services.goal_adopt(
            goal=scene.goal,
            expected_version=1,
            resolution=resolution(scene.beirat, result=AgendaItem.Result.POSTPONED),
        )
    item = resolution(scene.beirat)
    with pytest.raises(errors.AdoptedBeforeResolution):
        services.goal_adopt(
            goal=scene.goal,
            expected_version=1,
            resolution=item,
            adopted_on=MEETING_DAY - dt.timedelta(days=1),
        )
    with pytest.raises(errors.CrossBodyReference):
        services.goal_adopt(goal=scene.goal, expected_version=1, resolution=foreign.resolution)
    with pytest.raises(ConflictError):
        services.goal_adopt(goal=scene.goal, expected_version=3, resolution=item)
    scene.goal.refresh_from_db()
    assert (scene.goal.decision, scene.goal.version) == (Decision.DRAFT, 1)
