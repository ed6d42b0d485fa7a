"""What the concept's staff pages read: a version with its parts, a concept overview, a
measure's history. Each read costs a fixed number of queries, whatever the number of
fields, goals and measures (the version page is measured in the tests).

The pages check permissions on the record read here (`permissions.py`); a record of
another body, a deleted one, or one of a deleted version is "does not exist" (a 404).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from teilhabe.concept.models import (
    ActionField,
    Concept,
    ConceptVersion,
    Goal,
    Measure,
    MeasureStatusChange,
)
from teilhabe.concept.selectors import goal_targets
from teilhabe.core.models import Body
from teilhabe.council.models import Organization, Paper
from teilhabe.council.visibility import viewer_for

Part = TypeVar("Part", ActionField, Goal, Measure)


def version_get(*, body: Body, pk: int) -> ConceptVersion:
    """A version of `body` (not deleted, nor its concept), else DoesNotExist."""
    return (
        ConceptVersion.objects.alive()
        .filter(body=body, concept__deleted=False)
        .select_related("concept", "drafted_by", "predecessor")
        .get(pk=pk)
    )


def part_get(model: type[Part], *, body: Body, pk: int) -> Part:
    """A field of action, goal or measure of `body`, alive in an alive version."""
    related = ["concept_version__concept", "concept_version__drafted_by"]
    if model is not ActionField:
        related.append("action_field")
    return (
        model.objects.alive()
        .filter(body=body, concept_version__deleted=False, concept_version__concept__deleted=False)
        .select_related(*related)
        .get(pk=pk)
    )


# The overview ---------------------------------------------------------------------------------


def _alive_count(model: type[Any]) -> Coalesce:
    counted = (
        model.objects.filter(concept_version=OuterRef("pk"), deleted=False)
        .order_by()
        .values("concept_version")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _versions(body: Body) -> Any:
    return (
        ConceptVersion.objects.alive()
        .filter(body=body, concept__deleted=False)
        .select_related("drafted_by")
        .annotate(
            field_count=_alive_count(ActionField),
            goal_count=_alive_count(Goal),
            measure_count=_alive_count(Measure),
        )
        .order_by("created", "pk")
    )


def concept_overview(*, body: Body) -> list[Concept]:
    """The body's concepts, each with `staff_versions` (oldest first, with the counts of
    their fields, goals and measures). Two queries."""
    return list(
        Concept.objects.alive()
        .filter(body=body)
        .prefetch_related(Prefetch("versions", queryset=_versions(body), to_attr="staff_versions"))
        .order_by("title", "pk")
    )


def drafts_of_member(*, body: Body, user: Any) -> list[ConceptVersion]:
    """The drafts of `body` the user drafts as a current member of their AG."""
    organizations = viewer_for(user).organization_ids
    if not organizations:
        return []
    return list(
        _versions(body)
        .filter(state=ConceptVersion.State.DRAFT, drafted_by_id__in=organizations)
        .select_related("concept")
    )


def councils_of(body: Body) -> list[Organization]:
    """The body's city council(s) (Stadtrat), addressees of a measure's motion."""
    return list(
        Organization.objects.alive()
        .filter(body=body, organization_type=Organization.Type.STADTRAT)
        .order_by("name", "pk")
    )


# The version page ---------------------------------------------------------------------------


@dataclass
class FieldBlock:
    """A field of action with its goals and measures, in their order."""

    action_field: ActionField
    goals: list[Goal] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)


def version_parts(version: ConceptVersion) -> list[FieldBlock]:
    """The version's fields of action, each with its goals (with `measure_count` and
    `target`, the indicator they name with its target, or None) and measures (with
    `live_goals`, the alive goals they serve, and their responsible organization). Four
    queries; five when a goal names one of the body's own indicators."""
    blocks = {
        f.pk: FieldBlock(f)
        for f in ActionField.objects.alive()
        .filter(concept_version=version)
        .order_by("number", "pk")
    }
    goals = list(
        Goal.objects.alive()
        .filter(concept_version=version)
        .select_related("report", "target_district")
        .order_by("number", "pk")
    )
    targets = goal_targets(goals, version.body_id)
    measures = (
        Measure.objects.alive()
        .filter(concept_version=version)
        .select_related("responsible_organization")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.alive().only("pk", "number").order_by("number", "pk"),
                to_attr="live_goals",
            )
        )
        .order_by("number", "pk")
    )
    counts: dict[int, int] = {}
    for measure in measures:
        for goal in measure.live_goals:
            counts[goal.pk] = counts.get(goal.pk, 0) + 1
        if measure.action_field_id in blocks:
            blocks[measure.action_field_id].measures.append(measure)
    for goal in goals:
        goal.measure_count = counts.get(goal.pk, 0)
        goal.target = targets.get(goal.pk)
        if goal.action_field_id in blocks:
            blocks[goal.action_field_id].goals.append(goal)
    return list(blocks.values())


def reports_of(version: ConceptVersion) -> list[Paper]:
    """The reports (papers) the version's goals and measures were submitted with, newest
    first."""
    used = Q(pk__in=Goal.objects.filter(concept_version=version).values("report_id")) | Q(
        pk__in=Measure.objects.filter(concept_version=version).values("report_id")
    )
    return list(Paper.objects.alive().filter(used).order_by("-date", "-pk"))


# A measure's page ---------------------------------------------------------------------------


def status_history(measure: Measure) -> list[MeasureStatusChange]:
    """The measure's status changes, oldest first, with the resolutions that decided them."""
    return list(
        MeasureStatusChange.objects.alive()
        .filter(measure=measure)
        .select_related("resolution__meeting")
        .order_by("date", "pk")
    )


def measure_links(measure: Measure) -> Measure:
    """The measure with its goals, papers, resolutions and motion loaded."""
    return (
        Measure.objects.filter(pk=measure.pk)
        .select_related("motion", "report", "adopted_by__meeting")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.alive().order_by("number", "pk")),
            "papers",
            "resolutions__meeting",
        )
        .get()
    )
