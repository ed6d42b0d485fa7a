"""Thresholds and needs: the rules at their edges, suppression, idempotence, state changes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from teilhabe.concept.tests.factories import GoalFactory
from teilhabe.core.errors import ConflictError
from teilhabe.core.history import history_of
from teilhabe.council.tests import factories as f
from teilhabe.participation import errors, services
from teilhabe.participation.models import Need, Rule, Threshold
from teilhabe.participation.tests.world import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot():
    return make_world()


def proposed(snapshot, rule, value, indicator="women_share"):
    services.threshold_create(body=snapshot.body, indicator=indicator, rule=rule, value=value)
    return sorted(need.district.code for need in services.needs_propose(snapshot=snapshot))


@pytest.mark.parametrize(
    ("rule", "value", "codes"),
    [
        # Q1 60,0 % and Q4 50,0 % against the city's 44,8 %: 15,2 and 5,2 points above.
        (Rule.ABOVE_CITY, "15.2", ["Q1"]),
        (Rule.ABOVE_CITY, "15.21", []),
        (Rule.ABOVE_CITY, "5.2", ["Q1", "Q4"]),
        (Rule.ABOVE_VALUE, "60", []),
        (Rule.ABOVE_VALUE, "59.99", ["Q1"]),
        (Rule.ABOVE_VALUE, "49.99", ["Q1", "Q4"]),
        (Rule.BELOW_CITY, "0", []),
    ],
)
def test_rules_at_their_edges(snapshot, rule, value, codes):
    assert proposed(snapshot, rule, value) == codes


@pytest.mark.parametrize(
    ("rule", "value", "district", "city", "expected"),
    [
        (Rule.ABOVE_CITY, "2", Decimal("12"), Decimal("10"), True),
        (Rule.ABOVE_CITY, "2", Decimal("11.9"), Decimal("10"), False),
        (Rule.ABOVE_CITY, "2", Decimal("12"), None, False),
        (Rule.BELOW_CITY, "2", Decimal("8"), Decimal("10"), True),
        (Rule.BELOW_CITY, "2", Decimal("8.1"), Decimal("10"), False),
        (Rule.ABOVE_VALUE, "10", Decimal("10"), None, False),
        (Rule.ABOVE_VALUE, "10", Decimal("10.1"), None, True),
        (Rule.ABOVE_VALUE, "10", None, Decimal("1"), False),
    ],
)
def test_exceeded(rule, value, district, city, expected):
    assert Threshold(rule=rule, value=Decimal(value)).exceeded(district, city) is expected


def test_a_suppressed_value_never_proposes_a_need(snapshot):
    # Q2 (40 %) and Q3 (5 %) are far below the city's 44,8 %, but shown as ".".
    assert proposed(snapshot, Rule.BELOW_CITY, "1") == []
    assert proposed(snapshot, Rule.ABOVE_VALUE, "-1") == ["Q1", "Q4"]
    texts = set(Need.objects.values_list("value_text", "city_text"))
    assert texts == {("60,0\xa0%", "44,8\xa0%"), ("50,0\xa0%", "44,8\xa0%")}
    assert "." not in {text for pair in texts for text in pair}


def test_a_need_keeps_the_values_as_shown(snapshot):
    proposed(snapshot, Rule.ABOVE_CITY, "10")
    need = Need.objects.get()
    assert (need.value, need.city_value) == (Decimal("60.0"), Decimal("44.8"))
    assert need.state == Need.State.PROPOSED
    assert history_of(need).count() == 1


def test_proposing_twice_creates_nothing_new(snapshot):
    assert proposed(snapshot, Rule.ABOVE_VALUE, "0") == ["Q1", "Q4"]
    assert services.needs_propose(snapshot=snapshot) == []
    assert Need.objects.count() == 2


def test_an_inactive_or_deleted_threshold_proposes_nothing(snapshot):
    threshold = services.threshold_create(
        body=snapshot.body, indicator="women_share", rule=Rule.ABOVE_VALUE, value=0, active=False
    )
    assert services.needs_propose(snapshot=snapshot) == []
    threshold = services.threshold_update(
        threshold=threshold,
        expected_version=threshold.version,
        indicator="women_share",
        rule=Rule.ABOVE_VALUE,
        value=0,
    )
    services.threshold_delete(threshold=threshold, expected_version=threshold.version)
    assert services.needs_propose(snapshot=snapshot) == []
    assert [r.action for r in history_of(threshold)] == ["delete", "update", "create"]


def test_threshold_checks(snapshot):
    body = snapshot.body
    with pytest.raises(errors.UnknownIndicator):
        services.threshold_create(body=body, indicator="nope", rule=Rule.ABOVE_VALUE, value=1)
    with pytest.raises(errors.UnknownIndicator):  # the city's only
        services.threshold_create(
            body=body, indicator="foreigners_dissimilarity", rule=Rule.ABOVE_VALUE, value=1
        )
    with pytest.raises(errors.CategoryRequired):
        services.threshold_create(body=body, indicator="age_groups", rule=Rule.ABOVE_VALUE, value=1)
    with pytest.raises(errors.CategoryRequired):
        services.threshold_create(
            body=body, indicator="women_share", category="w", rule=Rule.ABOVE_VALUE, value=1
        )
    with pytest.raises(errors.InvalidValue):
        services.threshold_create(
            body=body, indicator="women_share", rule=Rule.ABOVE_VALUE, value="1.005"
        )
    assert not Threshold.objects.exists()


def test_threshold_update_on_a_stale_version_is_refused(snapshot):
    threshold = services.threshold_create(
        body=snapshot.body, indicator="women_share", rule=Rule.ABOVE_VALUE, value=1
    )
    with pytest.raises(ConflictError):
        services.threshold_update(
            threshold=threshold,
            expected_version=threshold.version + 1,
            indicator="women_share",
            rule=Rule.ABOVE_VALUE,
            value=2,
        )
    threshold.refresh_from_db()
    assert threshold.value == 1


@pytest.fixture
def need(snapshot):
    proposed(snapshot, Rule.ABOVE_CITY, "10")
    return Need.objects.get()


def test_confirm_dismiss_comment_with_history(need):
    need = services.need_confirm(need=need, expected_version=need.version)
    assert need.state == Need.State.CONFIRMED
    need = services.need_comment(need=need, expected_version=need.version, comment=" Kita ")
    need = services.need_dismiss(need=need, expected_version=need.version)
    need.refresh_from_db()
    assert (need.state, need.comment, need.version) == (Need.State.DISMISSED, "Kita", 4)
    assert [r.action for r in history_of(need)] == ["update", "update", "update", "create"]


def test_a_stale_version_changes_nothing(need):
    stale = need.version
    services.need_confirm(need=need, expected_version=stale)
    with pytest.raises(ConflictError):
        services.need_dismiss(need=need, expected_version=stale)
    need.refresh_from_db()
    assert need.state == Need.State.CONFIRMED
    assert history_of(need).count() == 2


def test_link_to_a_goal_of_the_same_body_only(need):
    goal = GoalFactory(action_field__concept_version__concept__body=need.body)
    other = GoalFactory()
    with pytest.raises(errors.GoalOfOtherBody):
        services.need_link_goal(need=need, expected_version=need.version, goal=other)
    need = services.need_link_goal(need=need, expected_version=need.version, goal=goal)
    assert need.goal == goal
    need = services.need_link_goal(need=need, expected_version=need.version, goal=None)
    need.refresh_from_db()
    assert need.goal is None


def test_needs_are_per_body(snapshot):
    proposed(snapshot, Rule.ABOVE_VALUE, "0")
    other = make_world(f.BodyFactory())
    assert services.needs_propose(snapshot=other) == []
