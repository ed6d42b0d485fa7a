"""The measures of a version as every page, total and export reads them.

Two ways, each a fixed number of queries whatever the number of measures:

- as model instances (`measures_query`): one query for the measures and one each for their
  goals, responsible persons and responsible organizations, prefetched through their own
  `visible_to(user)` and stored under `visible_*` names — for the pages and exports that
  show a measure's details;
- as plain rows (`version_rows`): the values the overview, its totals and the measure list
  need, one query for the measures and one each for their links to goals and the persons
  and organizations they name — no instance, no prefetch.

Either way a responsible person who did not consent to publication is not read for the
public, so no page can name them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.concept import progress
from teilhabe.concept.models import ActionField, ConceptVersion, Goal, Measure
from teilhabe.concept.progress import MeasureFacts
from teilhabe.council.models import Organization, Person

# An authenticated user, AnonymousUser or None: `visible_to` accepts all three.
AnyUser = Any

NO_RESPONSIBLE = "keine"
HIDDEN_PERSON = "nv"

NO_RESPONSIBLE_LABEL = _("ohne Zuständigkeit")
HIDDEN_PERSON_LABEL = _("eine Person (Name nicht veröffentlicht)")


# What of a measure's goals is read with it: for links, and the indicator and target the
# exports show (with the target district, joined).
GOAL_LINK_FIELDS = (
    "id",
    "number",
    "title",
    "action_field_id",
    "concept_version_id",
    "lineage",
    "indicator_code",
    "target_value",
    "target_year",
    "target_district__code",
    "target_district__name",
    "target_district__deleted",
)


def goal_links(user: AnyUser) -> Prefetch:
    """A measure's goals, as `visible_goals` (number and title, for links; indicator and
    target, for the exports)."""
    return Prefetch(
        "goals",
        queryset=Goal.objects.visible_to(user)
        .filter(action_field__deleted=False)
        .select_related("target_district")
        .only(*GOAL_LINK_FIELDS)
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


# The order of a version's measures on every page and in every export.
MEASURE_ORDER = ("action_field__number", "action_field_id", "number", "pk")


def version_measure_query(*, version: ConceptVersion, user: AnyUser) -> QuerySet[Measure]:
    """The visible measures of `version` (of fields alive), unordered and not yet read."""
    return Measure.objects.visible_to(user).filter(
        body_id=version.body_id, concept_version=version, action_field__deleted=False
    )


def version_fields(*, version: ConceptVersion, user: AnyUser) -> list[ActionField]:
    return list(
        ActionField.objects.visible_to(user)
        .filter(concept_version=version)
        .order_by("number", "pk")
    )


def version_goals(*, version: ConceptVersion, user: AnyUser) -> list[Goal]:
    """The visible goals of `version` (of fields alive), each with its target district."""
    return list(
        Goal.objects.visible_to(user)
        .filter(concept_version=version, action_field__deleted=False)
        .select_related("target_district")
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


def responsible_from(
    organization: Organization | None, person: Person | None, person_id: int | None
) -> Responsible:
    """Who answers for a measure, from its visible organization and person (or none) and
    the pk of the person it names (visible or not)."""
    if organization is not None:
        return Responsible(
            key=f"o{organization.pk}", label=organization.name, organization=organization
        )
    if person is not None:
        return Responsible(key=f"p{person.pk}", label=person.name, person=person)
    if person_id is not None:
        return Responsible(key=HIDDEN_PERSON, label=HIDDEN_PERSON_LABEL)
    return Responsible(key=NO_RESPONSIBLE, label=NO_RESPONSIBLE_LABEL)


def responsible_of(measure: Measure) -> Responsible:
    """From the prefetched `visible_responsible_*` (no query)."""
    return responsible_from(
        getattr(measure, "visible_responsible_organization", None),
        getattr(measure, "visible_responsible_person", None),
        measure.responsible_person_id,
    )


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


# A version's measures as plain rows ----------------------------------------------------------


class MeasureRow(NamedTuple):
    """A measure as the overview, the totals and the measure list read it (values only;
    a named tuple, as hundreds are made for one page).

    `goal_ids` are the goals of the version it serves (in the order of the version's
    goals), as far as the user may see them.
    """

    pk: int
    field_id: int
    number: int
    title: str
    status: str
    progress: int | None
    weight: Decimal | None
    planned_cost: Decimal | None
    actual_cost: Decimal | None
    start_date: dt.date | None
    end_date: dt.date | None
    responsible: Responsible
    goal_ids: tuple[int, ...] = ()

    @property
    def shown_progress(self) -> Decimal | None:
        """Its own progress as the pages show it (100 when done, none when dropped)."""
        return progress.measure_progress(self.status, self.progress)

    @property
    def facts(self) -> MeasureFacts:
        return MeasureFacts(
            pk=self.pk,
            field_id=self.field_id,
            goal_ids=self.goal_ids,
            status=self.status,
            progress=self.progress,
            weight=self.weight,
        )


ROW_VALUES = (
    "pk",
    "action_field_id",
    "number",
    "title",
    "status",
    "progress",
    "weight",
    "planned_cost",
    "actual_cost",
    "start_date",
    "end_date",
    "responsible_organization_id",
    "responsible_person_id",
)


_ORGANIZATION = ROW_VALUES.index("responsible_organization_id")
_PERSON = ROW_VALUES.index("responsible_person_id")


def _by_pk(visible: QuerySet[Any], body_id: int, ids: set[int]) -> dict[int, Any]:
    """The rows of `visible` (persons or organizations the user may see) of the body among
    `ids` (one query; none without any)."""
    if not ids:
        return {}
    return {obj.pk: obj for obj in visible.filter(body_id=body_id, pk__in=sorted(ids))}


def version_rows(
    *, version: ConceptVersion, user: AnyUser, goals: Iterable[Goal]
) -> list[MeasureRow]:
    """The visible measures of `version` as rows, in the order of every page (fields, then
    numbers), each with the goals among `goals` it serves and who is responsible.

    4 queries at most, whatever the number of measures: the measures' values, their links
    to goals, and the visible organizations and persons they name.
    """
    measures = version_measure_query(version=version, user=user)
    values = list(measures.order_by(*MEASURE_ORDER).values_list(*ROW_VALUES))
    if not values:
        return []
    rank = {goal.pk: i for i, goal in enumerate(goals)}
    served: dict[int, list[int]] = {}
    links = Measure.goals.through.objects.filter(measure__concept_version=version).values_list(
        "measure_id", "goal_id"
    )
    for measure_id, goal_id in links:
        if goal_id in rank:
            served.setdefault(measure_id, []).append(goal_id)
    organizations = _by_pk(
        Organization.objects.visible_to(user),
        version.body_id,
        {v[_ORGANIZATION] for v in values if v[_ORGANIZATION] is not None},
    )
    persons = _by_pk(
        Person.objects.visible_to(user),
        version.body_id,
        {v[_PERSON] for v in values if v[_PERSON] is not None},
    )
    responsibles: dict[tuple[int | None, int | None], Responsible] = {}
    rows = []
    for (
        pk,
        field_id,
        number,
        title,
        status,
        recorded,
        weight,
        planned,
        actual,
        start,
        end,
        organization_id,
        person_id,
    ) in values:
        key = (organization_id, person_id)
        responsible = responsibles.get(key)
        if responsible is None:
            responsible = responsibles[key] = responsible_from(
                organizations.get(organization_id), persons.get(person_id), person_id
            )
        goal_ids = served.get(pk)
        rows.append(
            MeasureRow(
                pk=pk,
                field_id=field_id,
                number=number,
                title=title,
                status=status,
                progress=recorded,
                weight=weight,
                planned_cost=planned,
                actual_cost=actual,
                start_date=start,
                end_date=end,
                responsible=responsible,
                goal_ids=tuple(sorted(goal_ids, key=rank.__getitem__)) if goal_ids else (),
            )
        )
    return rows


def row_of(measure: Measure) -> MeasureRow:
    """A measure read by `measures_query` as a row (no query)."""
    return MeasureRow(
        pk=measure.pk,
        field_id=measure.action_field_id,
        number=measure.number,
        title=measure.title,
        status=measure.status,
        progress=measure.progress,
        weight=measure.weight,
        planned_cost=measure.planned_cost,
        actual_cost=measure.actual_cost,
        start_date=measure.start_date,
        end_date=measure.end_date,
        responsible=responsible_of(measure),
        goal_ids=tuple(goal.pk for goal in visible_goals_of(measure)),
    )
