"""The big concept of the concept pages' benchmark: sizes, links, idempotence.

Not collected by a plain `pytest` (the test paths are the apps); run `pytest bench`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bench import concept_work, generate
from bench.plan import Plan
from teilhabe.concept.models import ConceptVersion, Measure, MeasureStatusChange

PLAN = Plan(scale=0.01, seed=1, year=2026, today=dt.date(2026, 6, 15))


@pytest.fixture
def concept(db):
    assert generate.generate(PLAN) == 0
    return concept_work.ensure_big_concept()


def test_the_version_in_force_has_500_measures_with_goals_and_history(concept):
    """500 measures, each serving one or two goals of its own version, two status steps each."""
    assert concept.state == ConceptVersion.State.IN_FORCE
    measures = Measure.objects.filter(concept_version=concept)
    assert measures.count() == concept_work.MEASURES
    assert Measure.goals.through.objects.filter(measure__concept_version=concept).count() == 750
    assert not Measure.goals.through.objects.exclude(goal__concept_version=concept).exists()
    assert MeasureStatusChange.objects.filter(measure__concept_version=concept).count() == 1000
    assert len(concept_work.measure_ids()) == concept_work.MEASURES


def test_running_it_again_adds_nothing(concept):
    assert concept_work.ensure_big_concept().pk == concept.pk
    assert Measure.objects.count() == concept_work.MEASURES
