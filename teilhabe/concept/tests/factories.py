"""factory_boy factories for the concept model; every object belongs to one body.

A part of a version (field, goal, measure) takes its body and version from the object it
hangs on, so `MeasureFactory(action_field=field)` builds a consistent measure.
"""

from __future__ import annotations

import factory

from teilhabe.concept import models
from teilhabe.core.tests.factories import BodyFactory


class ConceptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Concept

    body = factory.SubFactory(BodyFactory)
    title = "Integrationskonzept"


class ConceptVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConceptVersion

    concept = factory.SubFactory(ConceptFactory)
    body = factory.SelfAttribute("concept.body")
    number = factory.Sequence(lambda n: f"{n + 1}.0")
    title = factory.LazyAttribute(lambda o: f"Integrationskonzept {o.number}")
    state = models.ConceptVersion.State.IN_FORCE


class ActionFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActionField

    concept_version = factory.SubFactory(ConceptVersionFactory)
    body = factory.SelfAttribute("concept_version.body")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Handlungsfeld {n + 1}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Goal

    action_field = factory.SubFactory(ActionFieldFactory)
    concept_version = factory.SelfAttribute("action_field.concept_version")
    body = factory.SelfAttribute("action_field.body")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Ziel {n + 1}")
    justification = "Weil es nötig ist."


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Measure
        skip_postgeneration_save = True

    action_field = factory.SubFactory(ActionFieldFactory)
    concept_version = factory.SelfAttribute("action_field.concept_version")
    body = factory.SelfAttribute("action_field.body")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Maßnahme {n + 1}")

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.goals.set(extracted)
