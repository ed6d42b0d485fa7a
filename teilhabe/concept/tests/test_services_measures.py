"""Measures: field, goals, dates, costs, progress, responsibility — and their status history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from teilhabe.concept import errors, services
from teilhabe.concept.models import Measure, MeasureStatusChange, Status
from teilhabe.concept.services._common import checked_amount
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.conftest import resolution
from teilhabe.core import history
from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 1)


def _create(scene, **fields):
    values = {
        "concept_version": scene.draft,
        "action_field": scene.field,
        "title": "Sprachcafé",
        **fields,
    }
    return services.measure_create(**values)


def test_measure_create_records_the_measure_its_links_and_its_first_status(scene):
    person = f.PersonFactory(body=scene.body)
    paper = f.PaperFactory(body=scene.body)
    measure = _create(
        scene,
        goals=[scene.goal],
        responsible_organization=scene.beirat,
        responsible_person=person,
        speaker="N.N.",
        start_date=DAY,
        end_date=DAY,
        planned_cost=Decimal("1500"),
        actual_cost=0,
        progress=10,
        status_since=DAY,
        papers=[paper],
    )
    measure.refresh_from_db()
    assert (measure.number, measure.status, measure.status_since, measure.progress) == (
        1,
        Status.PLANNED,
        DAY,
        10,
    )
    assert (measure.planned_cost, measure.actual_cost, measure.speaker) == (
        Decimal("1500.00"),
        Decimal("0.00"),
        "N.N.",
    )
    assert list(measure.goals.all()) == [scene.goal]
    first = measure.status_changes.get()
    assert (first.status, first.date, first.progress) == (Status.PLANNED, DAY, 10)
    created, links = history.history_of(measure).order_by("id")
    assert created.action == ChangeRecord.Action.CREATE
    assert created.changes["title"] == [None, "Sprachcafé"]
    assert links.changes["goals"] == [[], [str(scene.goal)]]
    assert links.changes["papers"] == [[], [str(paper)]]
    assert history.history_of(first).get().action == ChangeRecord.Action.CREATE


def test_a_measure_created_done_is_complete_and_dated_today_by_default(scene):
    measure = _create(scene, status=Status.DONE, progress=20)
    assert (measure.progress, measure.status_since) == (100, timezone.localdate())


def test_a_measure_without_a_field_is_refused(scene):
    with pytest.raises(errors.MeasureFieldRequired) as caught:
        _create(scene, action_field=None)
    assert caught.value.field == "action_field"
    assert not Measure.objects.exists()


def test_a_measure_needs_field_and_goals_of_its_own_version(scene, foreign):
    other_goal = cf.GoalFactory(action_field__concept_version=scene.in_force)
    with pytest.raises(errors.GoalOfOtherVersion) as caught:
        _create(scene, goals=[scene.goal, other_goal])
    assert caught.value.field == "goals"
    with pytest.raises(errors.CrossBodyReference) as caught:
        _create(scene, goals=[foreign.goal])
    assert caught.value.field == "goals"
    with pytest.raises(errors.FieldOfOtherVersion):
        _create(scene, action_field=other_goal.action_field)
    deleted_goal = cf.GoalFactory(action_field=scene.field, deleted=True)
    with pytest.raises(errors.GoalOfOtherVersion):
        _create(scene, goals=[deleted_goal])
    assert not Measure.objects.exists()


def test_an_end_before_the_start_is_refused_also_against_the_stored_start(scene):
    with pytest.raises(errors.InvalidDateRange) as caught:
        _create(scene, start_date=DAY, end_date=DAY - dt.timedelta(days=1))
    assert caught.value.field == "end_date"
    measure = _create(scene, start_date=DAY)
    with pytest.raises(errors.InvalidDateRange):
        services.measure_update(
            measure=measure, expected_version=1, end_date=DAY - dt.timedelta(days=1)
        )


@pytest.mark.parametrize(
    "cost",
    [
        Decimal("-0.01"),
        Decimal("10.005"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("10000000000"),
        True,
        "100",
        -1,
    ],
)
@pytest.mark.parametrize("name", ["planned_cost", "actual_cost"])
def test_costs_are_amounts_from_zero_with_two_places(scene, name, cost):
    with pytest.raises(errors.InvalidCost) as caught:
        _create(scene, **{name: cost})
    assert caught.value.field == name


@pytest.mark.parametrize(
    ("cost", "stored"),
    [
        (Decimal("0"), Decimal("0.00")),
        (Decimal("-0"), Decimal("0.00")),
        (12, Decimal("12.00")),
        (19.99, Decimal("19.99")),
        (Decimal("9999999999.99"), Decimal("9999999999.99")),
    ],
)
def test_costs_are_stored_with_two_places(scene, cost, stored):
    measure = _create(scene, planned_cost=cost)
    assert str(measure.planned_cost) == str(stored)
    measure.refresh_from_db()
    assert measure.planned_cost == stored


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_an_amount_is_kept_exactly_or_refused(value):
    """Property: an accepted cost equals the number given, with two places; anything with
    more places, below 0 or too large for the column is refused, never rounded."""
    try:
        stored = checked_amount(
            value, error=errors.InvalidCost, field="planned_cost", minimum=Decimal(0), max_digits=12
        )
    except errors.InvalidCost:
        assert (
            not value.is_finite()
            or value < 0
            or value >= Decimal("1E10")
            or value != value.quantize(Decimal("0.01"), rounding="ROUND_DOWN")
        )
    else:
        assert stored == value
        assert stored.as_tuple().exponent == -2
        assert Decimal(0) <= stored < Decimal("1E10")


@pytest.mark.parametrize("progress", [-1, 101, 50.5, True])
def test_progress_is_a_percentage(scene, progress):
    with pytest.raises(errors.InvalidProgress):
        _create(scene, progress=progress)


def test_responsibility_stays_in_the_body(scene, foreign):
    with pytest.raises(errors.CrossBodyReference) as caught:
        _create(scene, responsible_organization=foreign.organization)
    assert caught.value.field == "responsible_organization"
    with pytest.raises(errors.CrossBodyReference) as caught:
        _create(scene, responsible_person=foreign.person)
    assert caught.value.field == "responsible_person"
    with pytest.raises(errors.CrossBodyReference):
        _create(scene, papers=[foreign.paper])
    with pytest.raises(errors.CrossBodyReference):
        _create(scene, resolutions=[foreign.resolution])


def test_an_unknown_status_is_refused(scene):
    with pytest.raises(errors.InvalidStatus):
        _create(scene, status="vielleicht")


def test_measure_update_changes_links_and_is_versioned(scene):
    measure = _create(scene, goals=[scene.goal])
    second = cf.GoalFactory(action_field=scene.field)
    services.measure_update(
        measure=measure, expected_version=1, goals=[second], title="Sprachcafé plus"
    )
    with pytest.raises(ConflictError):
        services.measure_update(measure=measure, expected_version=1, title="Alt")
    measure.refresh_from_db()
    assert (measure.title, measure.version, list(measure.goals.all())) == (
        "Sprachcafé plus",
        2,
        [second],
    )
    records = list(history.history_of(measure).order_by("-id")[:2])
    assert records[0].changes == {"goals": [[str(scene.goal)], [str(second)]]}
    assert records[1].changes == {"title": ["Sprachcafé", "Sprachcafé plus"]}


def test_measure_update_leaves_status_and_decision_alone(scene):
    measure = _create(scene)
    services.measure_update(measure=measure, expected_version=1, speaker="N.N.")
    measure.refresh_from_db()
    assert (measure.status, measure.speaker) == (Status.PLANNED, "N.N.")
    assert history.history_of(measure).first().changes == {"speaker": ["", "N.N."]}


def test_measure_delete_is_soft_and_versioned(scene):
    measure = _create(scene)
    with pytest.raises(ConflictError):
        services.measure_delete(measure=measure, expected_version=2)
    services.measure_delete(measure=measure, expected_version=1)
    measure.refresh_from_db()
    assert measure.deleted


# --- status --------------------------------------------------------------------------------


def test_measure_status_set_writes_the_change_and_the_measure(scene):
    measure = _create(scene, status_since=DAY, progress=0)
    item = resolution(scene.beirat)
    change = services.measure_status_set(
        measure=measure,
        expected_version=1,
        status=Status.IN_PROGRESS,
        date=DAY + dt.timedelta(days=10),
        progress=30,
        note="Erster Kurs läuft",
        resolution=item,
    )
    measure.refresh_from_db()
    assert (measure.status, measure.status_since, measure.progress, measure.version) == (
        Status.IN_PROGRESS,
        DAY + dt.timedelta(days=10),
        30,
        2,
    )
    assert (change.note, change.resolution) == ("Erster Kurs läuft", item)
    assert measure.status_changes.count() == 2
    assert history.history_of(measure).first().changes["status"] == ["planned", "in_progress"]
    assert history.history_of(change).get().action == ChangeRecord.Action.CREATE


def test_a_status_without_progress_keeps_it_and_done_completes_it(scene):
    measure = _create(scene, status_since=DAY, progress=40)
    services.measure_status_set(
        measure=measure, expected_version=1, status=Status.POSTPONED, date=DAY
    )
    measure.refresh_from_db()
    assert measure.progress == 40
    services.measure_status_set(
        measure=measure, expected_version=2, status=Status.DONE, date=DAY, progress=70
    )
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == (Status.DONE, 100)
    assert measure.status_changes.order_by("pk").last().progress == 100


def test_a_status_change_into_the_past_before_its_last_change_is_refused(scene):
    measure = _create(scene, status_since=DAY)
    with pytest.raises(errors.StatusChangeInPast) as caught:
        services.measure_status_set(
            measure=measure,
            expected_version=1,
            status=Status.IN_PROGRESS,
            date=DAY - dt.timedelta(days=1),
        )
    assert caught.value.field == "date"
    assert "01.03.2025" in caught.value.message
    assert MeasureStatusChange.objects.filter(measure=measure).count() == 1
    measure.refresh_from_db()
    assert (measure.status, measure.version) == (Status.PLANNED, 1)


def test_measure_status_set_refuses_bad_values_and_stale_versions(scene, foreign):
    measure = _create(scene, status_since=DAY)
    with pytest.raises(errors.InvalidStatus):
        services.measure_status_set(measure=measure, expected_version=1, status="x", date=DAY)
    with pytest.raises(errors.InvalidProgress):
        services.measure_status_set(
            measure=measure, expected_version=1, status=Status.PLANNED, date=DAY, progress=101
        )
    with pytest.raises(errors.CrossBodyReference):
        services.measure_status_set(
            measure=measure,
            expected_version=1,
            status=Status.PLANNED,
            date=DAY,
            resolution=foreign.resolution,
        )
    services.measure_update(measure=measure, expected_version=1, title="Neu")
    with pytest.raises(ConflictError):
        services.measure_status_set(
            measure=measure, expected_version=1, status=Status.DONE, date=DAY
        )
    assert MeasureStatusChange.objects.filter(measure=measure).count() == 1
