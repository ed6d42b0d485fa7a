"""The measures of a version as every page, total and export reads them.

One query for the measures and one each for their goals, responsible persons and
responsible organizations, whatever their number. Related rows are prefetched through
their own `visible_to(user)` and stored under `visible_*` names: a responsible person who
did not consent to publication is `None` there for the public, so no page can name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.concept.models import ActionField, ConceptVersion, Goal, Measure
from teilhabe.concept.progress import MeasureFacts
from teilhabe.council.models import Organization, Person

# An authenticated user, AnonymousUser or None: `visible_to` accepts all three.
AnyUser = Any

NO_RESPONSIBLE = "keine"
HIDDEN_PERSON = "nv"

NO_RESPONSIBLE_LABEL = _("ohne Zuständigkeit")
HIDDEN_PERSON_LABEL = _("eine Person (Name nicht veröffentlicht)")


def goal_links(user: AnyUser) -> Prefetch:
    """A measure's goals, as `visible_goals` (number and title, for links)."""
    return Prefetch(
        "goals",
        queryset=Goal.objects.visible_to(user)
        .filter(action_field__deleted=False)
        .only("id", "number", "title", "action_field_id", "concept_version_id", "lineage")
        .order_by("number", "pk"),
        to_attr="visible_goals",
    )


def responsible_prefetches(user: AnyUser, body_id: int) -> list[Prefetch]:
    """A measure's responsible person and organization, as `visible_responsible_*`."""
    return [
        Prefetch(
            "responsible_person",
            queryset=Person.objects.visible_to(user).filter(body_id=body_id),
            to_attr="visible_responsible_person",
        ),
        Prefetch(
            "responsible_organization",
            queryset=Organization.objects.visible_to(user).filter(body_id=body_id),
            to_attr="visible_responsible_organization",
        ),
    ]


def measure_prefetches(user: AnyUser, body_id: int) -> list[Prefetch]:
    """A measure's goals and who is responsible (3 queries for any number of measures)."""
    return [goal_links(user), *responsible_prefetches(user, body_id)]


def measures_query(*, user: AnyUser, body_id: int) -> QuerySet[Measure]:
    """Visible measures with their goals and who is responsible (4 queries when read)."""
    return (
        Measure.objects.visible_to(user)
        .filter(body_id=body_id, action_field__deleted=False)
        .prefetch_related(*measure_prefetches(user, body_id))
    )


def version_measures(*, version: ConceptVersion, user: AnyUser) -> list[Measure]:
    """The measures of `version` in the order of their fields and numbers."""
    return list(
        measures_query(user=user, body_id=version.body_id)
        .filter(concept_version=version)
        .order_by("action_field__number", "action_field_id", "number", "pk")
    )


def version_fields(*, version: ConceptVersion, user: AnyUser) -> list[ActionField]:
    return list(
        ActionField.objects.visible_to(user)
        .filter(concept_version=version)
        .order_by("number", "pk")
    )


def version_goals(*, version: ConceptVersion, user: AnyUser) -> list[Goal]:
    return list(
        Goal.objects.visible_to(user)
        .filter(concept_version=version, action_field__deleted=False)
        .order_by("number", "pk")
    )


# Who is responsible ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Responsible:
    """Who answers for a measure: its organization, else its person, else nobody.

    `key` is what the page's filter uses ("o<pk>", "p<pk>", "keine", "nv").
    """

    key: str
    label: str | Promise
    organization: Organization | None = None
    person: Person | None = None

    @property
    def missing(self) -> bool:
        return self.key == NO_RESPONSIBLE


def responsible_of(measure: Measure) -> Responsible:
    """From the prefetched `visible_responsible_*` (no query)."""
    organization = getattr(measure, "visible_responsible_organization", None)
    if organization is not None:
        return Responsible(
            key=f"o{organization.pk}", label=organization.name, organization=organization
        )
    person = getattr(measure, "visible_responsible_person", None)
    if person is not None:
        return Responsible(key=f"p{person.pk}", label=person.name, person=person)
    if measure.responsible_person_id is not None:
        return Responsible(key=HIDDEN_PERSON, label=HIDDEN_PERSON_LABEL)
    return Responsible(key=NO_RESPONSIBLE, label=NO_RESPONSIBLE_LABEL)


def visible_goals_of(measure: Measure) -> list[Goal]:
    return list(getattr(measure, "visible_goals", []))


def facts_of(measure: Measure) -> MeasureFacts:
    """What the progress roll-up needs of a measure (from what is prefetched, no query)."""
    return MeasureFacts(
        pk=measure.pk,
        field_id=measure.action_field_id,
        goal_ids=tuple(goal.pk for goal in visible_goals_of(measure)),
        status=measure.status,
        progress=measure.progress,
        weight=measure.weight,
    )
