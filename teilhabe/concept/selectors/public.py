"""Public reads of the integration concept: its versions, a version's overview, a goal and
a measure with everything that decided them.

Each selector starts from `visible_to(user)` and `.for_body(body)`, so a draft the user may
not see and another body's record both answer `DoesNotExist` (a 404 in the views). Papers
and resolutions are read through the council's own `visible_to(user)`: a non-public paper
linked to a public measure is not shown to whoever may not see it. Every page costs a
fixed number of queries, whatever the number of fields, goals and measures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from teilhabe.concept import progress
from teilhabe.concept.models import (
    ActionField,
    ConceptVersion,
    Goal,
    Measure,
    MeasureStatusChange,
)
from teilhabe.concept.selectors.measures import (
    AnyUser,
    Responsible,
    facts_of,
    measure_prefetches,
    measures_query,
    responsible_of,
    version_fields,
    version_goals,
    version_measures,
)
from teilhabe.concept.selectors.totals import Totals, totals_for_measures
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Organization, Paper
from teilhabe.council.selectors.citations import citable_body_q
from teilhabe.council.selectors.motions import MotionStanding, motion_consultations, motion_standing

# Versions -------------------------------------------------------------------------------------


def version_list(*, body: Body, user: AnyUser) -> list[ConceptVersion]:
    """The versions the user may see, newest first, each with its concept (one query)."""
    return list(
        ConceptVersion.objects.visible_to(user)
        .for_body(body)
        .select_related("concept")
        .order_by("-created", "-pk")
    )


def version_get(*, body: Body, user: AnyUser, pk: int) -> ConceptVersion:
    """One version the user may see, with its concept."""
    return (
        ConceptVersion.objects.visible_to(user).for_body(body).select_related("concept").get(pk=pk)
    )


def current_version(versions: list[ConceptVersion]) -> ConceptVersion | None:
    """The version in force, else the newest one (of `version_list`); none without any."""
    in_force = [v for v in versions if v.state == ConceptVersion.State.IN_FORCE]
    if in_force:
        return in_force[0]
    return versions[0] if versions else None


def version_from(versions: list[ConceptVersion], pk: int) -> ConceptVersion:
    """The version `pk` among those the user may see (no query)."""
    for version in versions:
        if version.pk == pk:
            return version
    raise ConceptVersion.DoesNotExist


def predecessor_of(
    version: ConceptVersion, versions: list[ConceptVersion]
) -> ConceptVersion | None:
    """The version it was revised from, if the user may see it (no query)."""
    if version.predecessor_id is None:
        return None
    return next((v for v in versions if v.pk == version.predecessor_id), None)


# A version's overview -------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureLine:
    measure: Measure
    progress: Decimal | None
    responsible: Responsible


@dataclass(frozen=True)
class GoalBlock:
    goal: Goal
    progress: Decimal | None
    measures: list[MeasureLine]


@dataclass(frozen=True)
class FieldBlock:
    field: ActionField
    progress: Decimal | None
    goals: list[GoalBlock]
    # Measures of the field that serve none of its goals (nor any other goal).
    other_measures: list[MeasureLine]

    @property
    def empty(self) -> bool:
        return not (self.goals or self.other_measures)


@dataclass(frozen=True)
class Filters:
    """What the overview is narrowed to (none: everything)."""

    field_pk: int | None = None
    status: str | None = None
    responsible: str | None = None

    @property
    def active(self) -> bool:
        return self.field_pk is not None or bool(self.status) or bool(self.responsible)


@dataclass(frozen=True)
class Overview:
    version: ConceptVersion
    fields: list[ActionField]
    goals: list[Goal]
    lines: list[MeasureLine]
    rolled: progress.VersionProgress
    totals: Totals
    filters: Filters
    blocks: list[FieldBlock]

    @property
    def progress(self) -> Decimal | None:
        return self.rolled.version

    @property
    def measure_count(self) -> int:
        return len(self.lines)

    @property
    def shown_count(self) -> int:
        return len(
            {
                line.measure.pk
                for block in self.blocks
                for line in [*block.other_measures, *(x for g in block.goals for x in g.measures)]
            }
        )

    @property
    def responsible_choices(self) -> list[tuple[str, Any]]:
        """The responsible units of the version, for the filter: (key, label)."""
        return [(group.key, group.label) for group in self.totals.by_responsible]


def _line_matches(line: MeasureLine, filters: Filters) -> bool:
    if filters.status and line.measure.status != filters.status:
        return False
    return not (filters.responsible and line.responsible.key != filters.responsible)


def _arrange(overview: Overview, filters: Filters) -> list[FieldBlock]:
    """Fields → goals → measures as `filters` narrow them (no query)."""
    goal_ids = {goal.pk for goal in overview.goals}
    by_goal: dict[int, list[MeasureLine]] = {pk: [] for pk in goal_ids}
    goalless: dict[int, list[MeasureLine]] = {}
    for line in overview.lines:
        served = [g.pk for g in getattr(line.measure, "visible_goals", []) if g.pk in goal_ids]
        for pk in served:
            by_goal[pk].append(line)
        if not served:
            goalless.setdefault(line.measure.action_field_id, []).append(line)
    narrowing = bool(filters.status or filters.responsible)
    blocks = []
    for f in overview.fields:
        if filters.field_pk is not None and f.pk != filters.field_pk:
            continue
        goal_blocks = [
            GoalBlock(
                goal=g,
                progress=overview.rolled.goals[g.pk],
                measures=[x for x in by_goal[g.pk] if _line_matches(x, filters)],
            )
            for g in overview.goals
            if g.action_field_id == f.pk
        ]
        if narrowing:
            goal_blocks = [block for block in goal_blocks if block.measures]
        other = [x for x in goalless.get(f.pk, []) if _line_matches(x, filters)]
        blocks.append(
            FieldBlock(
                field=f,
                progress=overview.rolled.fields[f.pk],
                goals=goal_blocks,
                other_measures=other,
            )
        )
    return blocks


def narrowed(overview: Overview, filters: Filters) -> Overview:
    """The same overview listing only what `filters` select (no query)."""
    return replace(overview, filters=filters, blocks=_arrange(overview, filters))


def version_overview(*, version: ConceptVersion, user: AnyUser) -> Overview:
    """Fields → goals → measures of `version` with their progress and the totals (6 queries).

    Progress and totals are always those of the whole version; `narrowed` only narrows
    what is listed. A measure serving several goals is listed under each.
    """
    fields = version_fields(version=version, user=user)
    goals = version_goals(version=version, user=user)
    measures = version_measures(version=version, user=user)
    rolled = progress.version_progress(
        [progress.FieldFacts(pk=f.pk, weight=f.weight) for f in fields],
        [progress.GoalFacts(pk=g.pk, field_id=g.action_field_id, weight=g.weight) for g in goals],
        [facts_of(m) for m in measures],
    )
    overview = Overview(
        version=version,
        fields=fields,
        goals=goals,
        lines=[
            MeasureLine(measure=m, progress=rolled.measures[m.pk], responsible=responsible_of(m))
            for m in measures
        ],
        rolled=rolled,
        totals=totals_for_measures(measures, fields),
        filters=Filters(),
        blocks=[],
    )
    return narrowed(overview, Filters())


# Papers and resolutions (read through the council's visibility) -------------------------------


def visible_papers(*, body: Body, user: AnyUser) -> QuerySet[Paper]:
    """Papers of the body or of an imported one (the Stadtrat's) the user may see."""
    return Paper.objects.visible_to(user).filter(citable_body_q(body)).select_related("body")


def visible_resolutions(*, body: Body, user: AnyUser) -> QuerySet[AgendaItem]:
    """Agenda items (with their meeting) of the body or of an imported one the user may see."""
    return (
        AgendaItem.objects.visible_to(user)
        .filter(citable_body_q(body))
        .select_related("body", "meeting", "meeting__organization")
    )


# A goal ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalPage:
    goal: Goal
    progress: Decimal | None
    measures: list[MeasureLine]
    # The goals it was carried over into in later versions.
    successors: list[Goal]


# A part of a version is read with its concept and field alive.
ALIVE_PARTS = Q(concept_version__concept__deleted=False, action_field__deleted=False)


def goal_get(*, body: Body, user: AnyUser, pk: int) -> GoalPage:
    """A goal with its version and field, origin, report, resolution, predecessor and
    measures (`visible_*`), and its progress rolled up from the measures (10 queries)."""
    measures = measures_query(user=user, body_id=body.pk).order_by("number", "pk")
    goal = (
        Goal.objects.visible_to(user)
        .for_body(body)
        .filter(ALIVE_PARTS)
        .select_related("concept_version", "concept_version__concept", "action_field")
        .prefetch_related(
            Prefetch(
                "origin_organization",
                queryset=Organization.objects.visible_to(user).for_body(body),
                to_attr="visible_origin_organization",
            ),
            Prefetch(
                "report", queryset=visible_papers(body=body, user=user), to_attr="visible_report"
            ),
            Prefetch(
                "adopted_by",
                queryset=visible_resolutions(body=body, user=user),
                to_attr="visible_adopted_by",
            ),
            Prefetch(
                "carried_from",
                queryset=Goal.objects.visible_to(user).select_related("concept_version"),
                to_attr="visible_carried_from",
            ),
            Prefetch("measures", queryset=measures, to_attr="visible_measures"),
        )
        .get(pk=pk)
    )
    measures_of_goal: list[Measure] = list(getattr(goal, "visible_measures", []))
    lines = [
        MeasureLine(
            measure=m,
            progress=progress.measure_progress(m.status, m.progress),
            responsible=responsible_of(m),
        )
        for m in measures_of_goal
    ]
    successors = list(
        Goal.objects.visible_to(user)
        .for_body(body)
        .filter(carried_from=goal)
        .select_related("concept_version")
        .order_by("concept_version__created", "pk")
    )
    return GoalPage(
        goal=goal,
        progress=progress.goal_progress(facts_of(m) for m in measures_of_goal),
        measures=lines,
        successors=successors,
    )


# A measure ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryStep:
    """One dated status of a measure, in this version or in one it was carried from."""

    change: MeasureStatusChange
    version: ConceptVersion
    earlier: bool
    # The resolution the step followed, if the user may see it.
    resolution: AgendaItem | None = None

    @property
    def date(self) -> dt.date:
        return self.change.date


@dataclass(frozen=True)
class MeasurePage:
    measure: Measure
    progress: Decimal | None
    responsible: Responsible
    history: list[HistoryStep]
    standing: MotionStanding | None
    # The measures of earlier versions it continues (newest first).
    earlier: list[Measure]


def _ancestors(version: ConceptVersion, user: AnyUser) -> list[int]:
    """The pks of the versions `version` was revised from, newest first, as far as the
    user may see them (one query)."""
    predecessors = dict(
        ConceptVersion.objects.visible_to(user)
        .filter(concept_id=version.concept_id)
        .values_list("pk", "predecessor_id")
    )
    ancestors: list[int] = []
    current = version.predecessor_id
    while current is not None and current in predecessors and current not in ancestors:
        ancestors.append(current)
        current = predecessors[current]
    return ancestors


def measure_get(*, body: Body, user: AnyUser, pk: int) -> MeasurePage:
    """A measure with everything that decided and funded it, as far as the user may see it,
    and its dated status history including that of the measures it was carried from
    (14 queries at most)."""
    motions = visible_papers(body=body, user=user).prefetch_related(motion_consultations(user))
    measure = (
        Measure.objects.visible_to(user)
        .for_body(body)
        .filter(ALIVE_PARTS)
        .select_related("concept_version", "concept_version__concept", "action_field")
        .prefetch_related(
            *measure_prefetches(user, body.pk),
            Prefetch(
                "report", queryset=visible_papers(body=body, user=user), to_attr="visible_report"
            ),
            Prefetch(
                "adopted_by",
                queryset=visible_resolutions(body=body, user=user),
                to_attr="visible_adopted_by",
            ),
            Prefetch("motion", queryset=motions, to_attr="visible_motion"),
            Prefetch(
                "papers",
                queryset=visible_papers(body=body, user=user).order_by("-date", "-pk"),
                to_attr="visible_papers",
            ),
            Prefetch(
                "resolutions",
                queryset=visible_resolutions(body=body, user=user).order_by(
                    "meeting__start", "order", "pk"
                ),
                to_attr="visible_resolutions",
            ),
        )
        .get(pk=pk)
    )
    version = measure.concept_version
    ancestors = _ancestors(version, user)
    lineage_q = Q(lineage=measure.lineage, concept_version_id__in=ancestors)
    if measure.carried_from_id is not None:
        lineage_q |= Q(pk=measure.carried_from_id)
    rank = {pk: i for i, pk in enumerate(ancestors)}
    earlier = sorted(
        Measure.objects.visible_to(user)
        .for_body(body)
        .filter(lineage_q)
        .exclude(concept_version=version)
        .select_related("concept_version"),
        key=lambda m: (rank.get(m.concept_version_id, len(rank)), m.pk),
    )
    motion = getattr(measure, "visible_motion", None)
    return MeasurePage(
        measure=measure,
        progress=progress.measure_progress(measure.status, measure.progress),
        responsible=responsible_of(measure),
        history=_history(body, user, measure, earlier),
        standing=motion_standing(motion) if motion is not None else None,
        earlier=earlier,
    )


def _history(
    body: Body, user: AnyUser, measure: Measure, earlier: list[Measure]
) -> list[HistoryStep]:
    """The dated steps of `measure` and of the measures it continues, oldest first, each
    with its resolution if the user may see it (2 queries)."""
    versions = {m.pk: m.concept_version for m in [measure, *earlier]}
    changes = list(
        MeasureStatusChange.objects.alive().filter(measure_id__in=versions).order_by("date", "pk")
    )
    wanted = {change.resolution_id for change in changes if change.resolution_id is not None}
    resolutions = visible_resolutions(body=body, user=user).in_bulk(wanted) if wanted else {}
    steps = [
        HistoryStep(
            change=change,
            version=versions[change.measure_id],
            earlier=change.measure_id != measure.pk,
            resolution=resolutions.get(change.resolution_id)
            if change.resolution_id is not None
            else None,
        )
        for change in changes
    ]
    steps.sort(key=lambda step: (step.date, not step.earlier, step.change.pk))
    return steps
