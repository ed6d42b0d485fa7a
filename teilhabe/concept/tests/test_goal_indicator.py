"""A goal names the indicator of the monitoring that shows its effect, with a target value,
district and year: the services check them (a code the monitoring computes for the body
with one value per area, a value in the range of its kind, a district of the body, a
year in range, no target without an indicator), a revision carries them forward, and the
comparison of two versions counts a change of them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from teilhabe.concept import errors, selectors, services
from teilhabe.concept.models import ConceptVersion, Goal
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.monitoring_scene import build_districts
from teilhabe.core import history
from teilhabe.council.tests import factories as f
from teilhabe.districts.tests.factories import DistrictFactory
from teilhabe.monitoring.models import Indicator

pytestmark = pytest.mark.django_db


def _own_indicator(body, code="kita_quote", name="Kita-Quote"):
    return Indicator.objects.create(
        body=body,
        code=code,
        name=name,
        definition="Kinder in Kitas je 100 Kinder.",
        numerator=[["citizenship_status", "foreigner"]],
        denominator=[["population", "total"]],
    )


@pytest.fixture
def districts(scene):
    return build_districts(scene.body)


def _create(scene, **fields):
    return services.goal_create(
        concept_version=scene.draft, action_field=scene.field, title="Ziel", **fields
    )


def _update(goal, **fields):
    goal.refresh_from_db()
    return services.goal_update(goal=goal, expected_version=goal.version, **fields)


# What a goal may name ---------------------------------------------------------------------


def test_a_goal_names_a_catalogue_indicator_with_target_district_and_year(scene, districts):
    goal = _create(
        scene,
        indicator_code=" foreigners_share ",
        target_value=Decimal("15.5"),
        target_district=districts.part,
        target_year=2030,
    )
    goal.refresh_from_db()
    assert (goal.indicator_code, goal.target_value, goal.target_district, goal.target_year) == (
        "foreigners_share",
        Decimal("15.50"),
        districts.part,
        2030,
    )
    record = history.history_of(goal).get()
    assert record.changes["indicator_code"] == [None, "foreigners_share"]


def test_an_indicator_without_a_target_is_allowed_a_target_without_one_is_not(scene, districts):
    watched = _create(scene, indicator_code="residents")
    assert (watched.indicator_code, watched.target_value) == ("residents", None)
    for fields in (
        {"target_value": Decimal(10)},
        {"target_district": districts.part},
        {"target_year": 2030},
    ):
        with pytest.raises(errors.TargetWithoutIndicator) as caught:
            _create(scene, **fields)
        assert caught.value.field == "indicator_code"
        assert "gehören zu einem Indikator" in str(caught.value)
    # Taking the indicator away from a goal with a target is refused too.
    goal = _create(scene, indicator_code="foreigners_share", target_value=Decimal(20))
    with pytest.raises(errors.TargetWithoutIndicator):
        _update(goal, indicator_code="")
    goal.refresh_from_db()
    assert goal.indicator_code == "foreigners_share"
    cleared = _update(goal, indicator_code="", target_value=None)
    assert (cleared.indicator_code, cleared.target_value) == ("", None)


def test_an_unknown_code_and_another_bodys_own_indicator_are_refused_alike(scene, foreign):
    _own_indicator(foreign.body, code="anderswo_quote")
    for code in ("erfunden", "anderswo_quote", "x" * 200):
        with pytest.raises(errors.UnknownIndicator) as caught:
            _create(scene, indicator_code=code)
        assert caught.value.field == "indicator_code"
        assert "gibt es im Monitoring nicht" in str(caught.value)
    with pytest.raises(errors.UnknownIndicator):
        _create(scene, indicator_code=17)
    assert not Goal.objects.filter(concept_version=scene.draft).exclude(pk=scene.goal.pk).exists()


def test_the_bodys_own_alive_indicator_can_be_named(scene):
    _own_indicator(scene.body)
    goal = _create(scene, indicator_code="kita_quote", target_value=Decimal(80))
    assert goal.indicator_code == "kita_quote"
    removed = _own_indicator(scene.body, code="alt_quote")
    removed.deleted = True
    removed.save()
    with pytest.raises(errors.UnknownIndicator):
        _create(scene, indicator_code="alt_quote")


def test_only_indicators_with_one_value_per_area_can_be_named(scene):
    for code in ("age_groups", "citizenships_top10", "foreigners_dissimilarity"):
        with pytest.raises(errors.IndicatorNotScalar) as caught:
            _create(scene, indicator_code=code)
        assert caught.value.field == "indicator_code"
    for code in (
        "residents",
        "foreigners_share",
        "foreigners_location_quotient",
        "foreigners_share_change",
    ):
        assert _create(scene, indicator_code=code).indicator_code == code


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("foreigners_share", Decimal("100.5"), "zwischen 0 und 100"),
        ("foreigners_share", Decimal(-1), "zwischen 0 und 100"),
        ("residents", Decimal("1500.5"), "ganze Zahl ab 0"),
        ("residents", Decimal(-3), "ganze Zahl ab 0"),
        ("foreigners_location_quotient", Decimal("-0.1"), "Lagequotienten"),
        ("foreigners_share", Decimal("10.005"), "höchstens zwei Nachkommastellen"),
        ("foreigners_share", Decimal("1E+12"), "höchstens zwei Nachkommastellen"),
        ("foreigners_share", "zehn", "höchstens zwei Nachkommastellen"),
    ],
)
def test_a_target_out_of_its_kinds_range_is_refused_at_the_field(scene, code, value, message):
    with pytest.raises(errors.InvalidTargetValue) as caught:
        _create(scene, indicator_code=code, target_value=value)
    assert caught.value.field == "target_value"
    assert message in str(caught.value)


def test_a_change_may_go_either_way_and_a_range_is_checked_on_update(scene):
    change = _create(scene, indicator_code="foreigners_share_change", target_value=Decimal(-2))
    assert change.target_value == Decimal("-2.00")
    share = _create(scene, indicator_code="foreigners_share", target_value=Decimal(20))
    with pytest.raises(errors.InvalidTargetValue):
        _update(share, target_value=Decimal(150))
    # A new indicator is checked against the target the goal already has.
    with pytest.raises(errors.InvalidTargetValue):
        _update(share, indicator_code="residents", target_value=Decimal("20.5"))
    assert _update(share, indicator_code="residents").indicator_code == "residents"


def test_the_target_district_is_one_of_the_body_and_alive(scene, foreign, districts):
    other = DistrictFactory(body=foreign.body)
    with pytest.raises(errors.CrossBodyReference) as caught:
        _create(scene, indicator_code="foreigners_share", target_district=other)
    assert caught.value.field == "target_district"
    gone = DistrictFactory(body=scene.body, deleted=True)
    with pytest.raises(errors.TargetDistrictGone) as caught:
        _create(scene, indicator_code="foreigners_share", target_district=gone)
    assert caught.value.field == "target_district"


@pytest.mark.parametrize("year", [1989, 2101, True, "2030"])
def test_the_target_year_is_a_year_from_1990_to_2100(scene, year):
    with pytest.raises(errors.InvalidTargetYear) as caught:
        _create(scene, indicator_code="residents", target_year=year)
    assert caught.value.field == "target_year"


def test_what_a_goal_names_stays_editable_when_the_monitoring_drops_it(scene, districts):
    """A removed own indicator or district is not checked again when other fields change;
    choosing it anew is refused."""
    own = _own_indicator(scene.body)
    quartier = districts.quartiere[1]
    goal = _create(
        scene, indicator_code="kita_quote", target_value=Decimal(80), target_district=quartier
    )
    own.deleted = True
    own.save()
    quartier.deleted = True
    quartier.save()
    saved = _update(goal, title="Neuer Titel", target_value=Decimal("85.5"))
    assert (saved.title, saved.indicator_code, saved.target_district_id) == (
        "Neuer Titel",
        "kita_quote",
        quartier.pk,
    )
    other = _create(scene, indicator_code="residents")
    with pytest.raises(errors.UnknownIndicator):
        _update(other, indicator_code="kita_quote")
    with pytest.raises(errors.TargetDistrictGone):
        _update(other, target_district=quartier)


def test_the_table_refuses_a_target_without_an_indicator(scene):
    """The check constraint holds whatever writes the row."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.filter(pk=scene.goal.pk).update(target_value=Decimal(5))
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.filter(pk=scene.goal.pk).update(indicator_code="residents", target_year=3000)


# A revision and the comparison --------------------------------------------------------------


@pytest.fixture
def revised(scene, districts):
    """1.0 in force with a goal naming the city's foreigners' share and a district's one,
    revised into 3.0."""
    field = cf.ActionFieldFactory(concept_version=scene.in_force, number=1)
    city_goal = cf.GoalFactory(
        action_field=field,
        number=1,
        indicator_code="foreigners_share",
        target_value=Decimal("15.00"),
        target_year=2030,
    )
    district_goal = cf.GoalFactory(
        action_field=field,
        number=2,
        indicator_code="foreigners_location_quotient",
        target_value=Decimal("1.20"),
        target_district=districts.part,
    )
    scene.draft.deleted = True
    scene.draft.save()
    revision = services.version_revise(version=scene.in_force, number="3.0")
    return revision, city_goal, district_goal


def test_a_revision_carries_indicator_and_target_forward(revised, districts):
    revision, city_goal, district_goal = revised
    copies = {g.carried_from_id: g for g in Goal.objects.filter(concept_version=revision)}
    city_copy, district_copy = copies[city_goal.pk], copies[district_goal.pk]
    assert (city_copy.indicator_code, city_copy.target_value, city_copy.target_year) == (
        "foreigners_share",
        Decimal("15.00"),
        2030,
    )
    assert city_copy.target_district_id is None
    assert (district_copy.indicator_code, district_copy.target_district_id) == (
        "foreigners_location_quotient",
        districts.part.pk,
    )
    assert district_copy.target_value == Decimal("1.20")


def test_the_comparison_counts_a_changed_target_as_a_change(scene, revised, districts):
    revision, city_goal, district_goal = revised
    copies = {g.carried_from_id: g for g in Goal.objects.filter(concept_version=revision)}
    _update(copies[city_goal.pk], target_value=Decimal(12), target_district=districts.part)
    staff = f.StaffRoleFactory(body=scene.body).user
    comparison = selectors.version_comparison(
        version=ConceptVersion.objects.get(pk=revision.pk), predecessor=scene.in_force, user=staff
    )
    assert [g.pk for g in comparison.goals.unchanged] == [copies[district_goal.pk].pk]
    (changed,) = comparison.goals.changed
    assert changed.before.pk == city_goal.pk
    shown = {str(c.label): (c.before, c.after) for c in changed.changes}
    assert shown == {
        "Zielwert": ("15,0\u00a0%", "12,0\u00a0%"),
        "Zielgebiet": ("Gesamtstadt", "Nordstadt"),
    }
    _update(copies[district_goal.pk], indicator_code="migration_location_quotient")
    comparison = selectors.version_comparison(
        version=revision, predecessor=scene.in_force, user=staff
    )
    by_before = {c.before.pk: c for c in comparison.goals.changed}
    shown = {str(c.label): (c.before, c.after) for c in by_before[district_goal.pk].changes}
    assert shown == {
        "Indikator": ("Lagequotient Ausländeranteil", "Lagequotient Migrationshintergrund")
    }
