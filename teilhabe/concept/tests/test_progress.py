"""The progress roll-up: exact values worked out by hand, and its invariants for any input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teilhabe.concept.progress import (
    FieldFacts,
    GoalFacts,
    MeasureFacts,
    effective_weight,
    goal_progress,
    measure_progress,
    percent,
    rollup,
    version_progress,
)

D = Decimal


# A measure's own progress ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "recorded", "expected"),
    [
        ("done", None, D(100)),
        ("done", 30, D(100)),  # done is done, whatever was recorded before
        ("dropped", 80, None),  # left out of every roll-up
        ("dropped", None, None),
        ("in_progress", 40, D(40)),
        ("planned", None, D(0)),
        ("preparing", 0, D(0)),
        ("postponed", 25, D(25)),
    ],
)
def test_measure_progress(status, recorded, expected):
    assert measure_progress(status, recorded) == expected


@pytest.mark.parametrize(
    ("weight", "expected"),
    [(None, D(1)), (D("2.50"), D("2.50")), (D(0), D(1)), (D(-3), D(1)), (4, D(4))],
)
def test_an_empty_or_impossible_weight_counts_as_one(weight, expected):
    assert effective_weight(weight) == expected


# rollup --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("children", "expected"),
    [
        ([], None),
        ([(None, None), (None, D(5))], None),
        ([(D(40), None)], D(40)),
        ([(D(50), None), (D(100), None)], D(75)),
        ([(D(50), None), (D(100), D(3))], D("87.5")),
        ([(D(100), D("0.5")), (D(0), D("1.5"))], D(25)),
        # children without a value are left out, weight and all
        ([(D(20), None), (None, D(100)), (D(80), D(1))], D(50)),
        ([(D(0), None), (D(100), None), (D(100), None)], D("66.66666666666666666666666667")),
    ],
)
def test_rollup_exact_values(children, expected):
    assert rollup(children) == expected


def test_percent_rounds_half_up_and_keeps_none():
    assert percent(D("27.5")) == 28
    assert percent(D("27.49")) == 27
    assert percent(D("66.66666666666666666666666667")) == 67
    assert percent(None) is None


# A whole version ----------------------------------------------------------------------------


def test_the_version_of_the_scene_worked_out_by_hand():
    """The table in `public_scene`: G1 = 55, G2 none, G3 none, F1 = 55, F2 = 0, all 27.5."""
    fields = [FieldFacts(pk=1), FieldFacts(pk=2)]
    goals = [
        GoalFacts(pk=11, field_id=1),
        GoalFacts(pk=12, field_id=1),
        GoalFacts(pk=13, field_id=2),
    ]
    measures = [
        MeasureFacts(pk=101, field_id=1, goal_ids=(11,), status="done", progress=None),
        MeasureFacts(
            pk=102, field_id=1, goal_ids=(11,), status="in_progress", progress=40, weight=D(3)
        ),
        MeasureFacts(pk=103, field_id=1, goal_ids=(12,), status="dropped", progress=None),
        MeasureFacts(pk=104, field_id=2, goal_ids=(), status="planned", progress=None),
    ]
    result = version_progress(fields, goals, measures)
    assert result.measures == {101: D(100), 102: D(40), 103: None, 104: D(0)}
    assert result.goals == {11: D(55), 12: None, 13: None}
    assert result.fields == {1: D(55), 2: D(0)}
    assert result.version == D("27.5")


def test_a_field_rolls_up_its_goals_and_its_goalless_measures_with_their_weights():
    fields = [FieldFacts(pk=1, weight=D(2)), FieldFacts(pk=2)]
    goals = [GoalFacts(pk=11, field_id=1, weight=D(3))]
    measures = [
        MeasureFacts(pk=101, field_id=1, goal_ids=(11,), status="in_progress", progress=80),
        MeasureFacts(pk=102, field_id=1, goal_ids=(), status="in_progress", progress=20),
        MeasureFacts(pk=103, field_id=2, goal_ids=(), status="done", progress=None),
    ]
    result = version_progress(fields, goals, measures)
    assert result.goals[11] == D(80)
    assert result.fields[1] == D(65)  # (3·80 + 1·20) / 4
    assert result.fields[2] == D(100)
    assert result.version == D(230) / D(3)  # (2·65 + 1·100) / 3


def test_a_measure_serving_two_goals_counts_in_both_and_not_in_its_field_directly():
    fields = [FieldFacts(pk=1)]
    goals = [GoalFacts(pk=11, field_id=1), GoalFacts(pk=12, field_id=1)]
    measures = [
        MeasureFacts(pk=101, field_id=1, goal_ids=(11, 12), status="in_progress", progress=60),
        MeasureFacts(pk=102, field_id=1, goal_ids=(12,), status="planned", progress=None),
    ]
    result = version_progress(fields, goals, measures)
    assert result.goals == {11: D(60), 12: D(30)}
    assert result.fields[1] == D(45)


def test_a_goal_not_among_the_goals_is_ignored_and_the_measure_counts_in_its_field():
    """A goal the reader may not see (or that is gone) does not swallow the measure."""
    result = version_progress(
        [FieldFacts(pk=1)],
        [],
        [MeasureFacts(pk=101, field_id=1, goal_ids=(99,), status="in_progress", progress=70)],
    )
    assert result.fields[1] == D(70)
    assert result.version == D(70)


def test_nothing_to_roll_up_gives_none_all_the_way():
    result = version_progress([FieldFacts(pk=1)], [GoalFacts(pk=11, field_id=1)], [])
    assert result.goals[11] is None
    assert result.fields[1] is None
    assert result.version is None
    assert version_progress([], [], []).version is None


def test_goal_progress_of_its_measures():
    assert goal_progress([]) is None
    assert goal_progress(
        [
            MeasureFacts(pk=1, field_id=1, goal_ids=(), status="done", progress=None),
            MeasureFacts(pk=2, field_id=1, goal_ids=(), status="dropped", progress=None),
            MeasureFacts(pk=3, field_id=1, goal_ids=(), status="planned", progress=50),
        ]
    ) == D(75)


# Invariants for any input -----------------------------------------------------------------------

values = st.integers(min_value=0, max_value=100).map(D) | st.decimals(
    min_value=0, max_value=100, places=4, allow_nan=False, allow_infinity=False
)
weights = st.none() | st.decimals(
    min_value=D("0.01"), max_value=D("9999.99"), places=2, allow_nan=False, allow_infinity=False
)
children_lists = st.lists(st.tuples(st.none() | values, weights), max_size=30)


@given(children_lists)
def test_a_parent_lies_between_its_childrens_min_and_max(children):
    result = rollup(children)
    present = [value for value, _weight in children if value is not None]
    if not present:
        assert result is None
    else:
        assert result is not None
        assert min(present) <= result <= max(present)


@given(values, st.lists(weights, min_size=1, max_size=30))
def test_equal_children_give_that_value(value, child_weights):
    assert rollup([(value, weight) for weight in child_weights]) == value


@given(
    st.lists(st.tuples(values, weights), min_size=1, max_size=30),
    st.decimals(min_value=D("0.01"), max_value=D(1000), places=2),
)
def test_scaling_every_weight_by_the_same_factor_changes_nothing(children, factor):
    scaled = [(value, effective_weight(weight) * factor) for value, weight in children]
    assert rollup(scaled) == rollup(children)


@given(children_lists, st.permutations(range(30)))
def test_the_order_of_the_children_does_not_matter(children, order):
    shuffled = [children[i] for i in order if i < len(children)]
    assert rollup(shuffled) == rollup(children)


statuses = st.sampled_from(["planned", "preparing", "in_progress", "done", "postponed", "dropped"])


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=2),  # field
            st.lists(st.integers(min_value=0, max_value=4), max_size=3, unique=True),  # goals
            statuses,
            st.none() | st.integers(min_value=0, max_value=100),
            weights,
        ),
        max_size=25,
    ),
    st.lists(weights, min_size=5, max_size=5),
    st.lists(weights, min_size=3, max_size=3),
)
def test_every_level_of_a_version_lies_between_its_measures(
    measure_specs, goal_weights, field_weights
):
    """Whatever the shape: each goal, field and the version lie between the smallest and
    largest progress of the measures below them."""
    fields = [FieldFacts(pk=i, weight=w) for i, w in enumerate(field_weights)]
    goals = [GoalFacts(pk=10 + i, field_id=i % 3, weight=w) for i, w in enumerate(goal_weights)]
    measures = [
        MeasureFacts(
            pk=100 + i,
            field_id=field,
            goal_ids=tuple(10 + g for g in goal_ids),
            status=status,
            progress=recorded,
            weight=weight,
        )
        for i, (field, goal_ids, status, recorded, weight) in enumerate(measure_specs)
    ]
    result = version_progress(fields, goals, measures)
    counted = [v for v in result.measures.values() if v is not None]
    if result.version is None:
        assert not counted
    else:
        assert min(counted) <= result.version <= max(counted)
    for goal in goals:
        below = [
            result.measures[m.pk]
            for m in measures
            if goal.pk in m.goal_ids and result.measures[m.pk] is not None
        ]
        if below:
            assert min(below) <= result.goals[goal.pk] <= max(below)
        else:
            assert result.goals[goal.pk] is None
