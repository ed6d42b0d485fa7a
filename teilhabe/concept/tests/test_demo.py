"""Musterstadt's integration concept in the demo: version 1.0 in force, 2.0 in preparation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from teilhabe.concept import selectors
from teilhabe.concept.models import (
    ActionField,
    Concept,
    ConceptVersion,
    Decision,
    Goal,
    Measure,
    MeasureStatusChange,
    Status,
)
from teilhabe.core.models import Body
from teilhabe.council import demo
from teilhabe.council.models import AgendaItem, Consultation, Paper

pytestmark = pytest.mark.django_db

State = ConceptVersion.State


@pytest.fixture
def musterstadt():
    demo.load_demo()
    return Body.objects.get(slug="musterstadt")


def test_version_1_0_is_in_force_with_26_measures_done_for_126000_euros(musterstadt):
    """Adopted in December 2011; eight fields; 26 measures done, 126,000 euros spent."""
    first = ConceptVersion.objects.get(body=musterstadt, number="1.0")
    assert first.state == State.IN_FORCE
    assert (first.adopted_on.year, first.adopted_on.month) == (2011, 12)
    assert ActionField.objects.filter(concept_version=first).count() == 8
    numbers = list(Goal.objects.filter(concept_version=first).values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    done = Measure.objects.filter(concept_version=first, status=Status.DONE)
    assert done.count() == 26
    assert done.aggregate(total=Sum("actual_cost"))["total"] == Decimal("126000")
    assert not done.exclude(progress=100).exists()


def test_every_measure_has_a_field_of_its_version_a_goal_and_a_dated_history(musterstadt):
    measures = Measure.objects.filter(body=musterstadt)
    for measure in measures:
        assert measure.action_field.concept_version_id == measure.concept_version_id
        goals = list(measure.goals.all())
        assert goals
        assert all(g.concept_version_id == measure.concept_version_id for g in goals)
        steps = list(MeasureStatusChange.objects.filter(measure=measure).order_by("date", "pk"))
        assert steps, measure.title
        assert steps[-1].status == measure.status
        assert [s.date for s in steps] == sorted(s.date for s in steps)


def test_version_2_0_is_the_ags_draft_with_the_two_goals_the_beirat_adopted(musterstadt):
    """The AG's prioritised goals went to the Beirat in the non-public item of its 11th
    session with the interim report, and were adopted there."""
    second = ConceptVersion.objects.get(body=musterstadt, number="2.0")
    assert second.state == State.DRAFT
    assert second.predecessor.number == "1.0"
    assert second.drafted_by.name == "AG „Integrationskonzept 2.0“"
    goals = list(
        Goal.objects.filter(concept_version=second, origin=Goal.Origin.WORKING_GROUP).order_by(
            "priority"
        )
    )
    assert [g.priority for g in goals] == [1, 2]
    assert "Ausländerbehörde" in goals[0].title
    assert goals[0].justification
    report = Paper.objects.get(body=musterstadt, name__startswith="Zwischenbericht der AG")
    assert not report.public
    for goal in goals:
        assert goal.decision == Decision.ADOPTED
        assert goal.report == report
        item = goal.adopted_by
        assert item.result == AgendaItem.Result.ADOPTED
        assert not item.public
        assert item.meeting.number == 11
        assert Consultation.objects.filter(paper=report, agenda_item=item).exists()
        assert goal.adopted_on == item.meeting.start.date()


def test_2_0_is_a_revision_of_1_0_with_the_ongoing_measures_carried_over(musterstadt):
    """The fields and goals of 1.0 are carried forward; the measures done or dropped under
    1.0 are not in the draft, the ongoing ones are, with their history."""
    first = ConceptVersion.objects.get(body=musterstadt, number="1.0")
    second = ConceptVersion.objects.get(body=musterstadt, number="2.0")
    carried = ActionField.objects.alive().filter(concept_version=second)
    assert sorted(carried.values_list("lineage", flat=True)) == sorted(
        ActionField.objects.filter(concept_version=first).values_list("lineage", flat=True)
    )
    ongoing = Measure.objects.alive().filter(concept_version=second, carried_from__isnull=False)
    assert sorted(ongoing.values_list("status", flat=True)) == sorted(
        Measure.objects.filter(concept_version=first)
        .exclude(status__in=[Status.DONE, Status.DROPPED])
        .values_list("status", flat=True)
    )
    for measure in ongoing:
        assert measure.status_changes.count() == measure.carried_from.status_changes.count()
    new = Measure.objects.alive().filter(concept_version=second, carried_from__isnull=True)
    assert new.count() == 4


def test_the_measures_of_2_0_carry_the_motions_and_a_speaker_still_unknown(musterstadt):
    second = ConceptVersion.objects.get(body=musterstadt, number="2.0")
    measures = Measure.objects.alive().filter(concept_version=second, carried_from__isnull=True)
    assert measures.filter(speaker="N.N.").count() == 1
    authority = measures.get(motion__name__contains="Ausländerbehörde")
    assert authority.status == Status.PREPARING
    last = authority.status_changes.order_by("-date", "-pk").first()
    assert last.resolution.result == AgendaItem.Result.ADOPTED
    assert last.resolution.meeting.organization.organization_type == "stadtrat"
    waiting = measures.get(motion__name__contains="Beratung und Unterstützung")
    assert waiting.status == Status.PLANNED


def test_two_goals_of_2_0_name_an_indicator_with_a_target_and_read_its_values(musterstadt):
    """The share of under-6-year-olds with a migration background in the whole city and
    the location quotient in the Bahnhofsviertel, each with a target for 2030; the goal's
    values come from the demo's three snapshots, as the monitoring publishes them."""
    second = ConceptVersion.objects.get(body=musterstadt, number="2.0")
    named = (
        Goal.objects.filter(concept_version=second)
        .exclude(indicator_code="")
        .select_related("target_district")
        .order_by("number")
    )
    assert [
        (
            g.indicator_code,
            g.target_value,
            g.target_district.name if g.target_district else None,
            g.target_year,
        )
        for g in named
    ] == [
        ("under6_migration_share", Decimal("65.00"), None, 2030),
        ("migration_location_quotient", Decimal("1.50"), "Bahnhofsviertel", 2030),
    ]
    assert not Goal.objects.filter(body=musterstadt, concept_version__number="1.0").exclude(
        indicator_code=""
    )
    for goal in named:
        effect = selectors.goal_effect(goal, musterstadt)
        assert effect is not None
        assert [r.date.year for r in effect.readings] == [2022, 2017, 2012]
        assert all(r.shown is not None and r.shown.value is not None for r in effect.readings)


def test_replacing_the_demo_deletes_and_reloads_the_concept(musterstadt):
    demo.load_demo(replace=True)
    assert Concept.objects.count() == 1
    assert ConceptVersion.objects.count() == 2
