"""Public reads of the integration concept: its versions, a version's overview, a goal and
a measure with everything that decided them.

Each selector starts from `visible_to(user)` and `.for_body(body)`, so a draft the user may
not see and another body's record both answer `DoesNotExist` (a 404 in the views). Papers
and resolutions are read through the council's own `visible_to(user)`: a non-public paper
linked to a public measure is not shown to whoever may not see it. Every page costs a
fixed number of queries, whatever the number of fields, goals and measures.

A goal that names an indicator shows it with its target on the version's overview (name
and target only, no figures: `indicators.goal_targets`), and on its own page with the
values the monitoring publishes for it (`indicators.goal_effect`, read once for all the
snapshots shown).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from teilhabe.concept import progress
from teilhabe.concept.models import (
    ActionField,
    ConceptVersion,
    Goal,
    Measure,
    MeasureStatusChange,
)
from teilhabe.concept.selectors.indicators import Effect, Target, goal_effect, goal_targets
from teilhabe.concept.selectors.measures import (
    AnyUser,
    MeasureRow,
    Responsible,
    facts_of,
    measure_prefetches,
    measures_query,
    responsible_of,
    row_of,
    version_fields,
    version_goals,
    version_rows,
)
from teilhabe.concept.selectors.totals import (
    Figures,
    Label,
    Totals,
    figures_of,
    responsible_order,
    totals_for_rows,
)
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
class Contents:
    """What a version holds, as far as the user may see it: its fields and goals (in
    their order) and its measures as rows (in the order of every page)."""

    version: ConceptVersion
    fields: list[ActionField]
    goals: list[Goal]
    rows: list[MeasureRow]

    @property
    def measure_count(self) -> int:
        return len(self.rows)

    def goals_by_field(self) -> list[tuple[ActionField, list[Goal]]]:
        """Each field with its goals (for a filter grouped by field)."""
        goals_of: dict[int, list[Goal]] = {}
        for goal in self.goals:
            goals_of.setdefault(goal.action_field_id, []).append(goal)
        return [(f, goals_of[f.pk]) for f in self.fields if f.pk in goals_of]

    def responsible_choices(self) -> list[tuple[str, Label]]:
        """Who is responsible for its measures, for a filter: (key, label) in the order of
        the totals (units by name, then a hidden person, then none)."""
        seen: dict[str, Responsible] = {}
        for row in self.rows:
            seen.setdefault(row.responsible.key, row.responsible)
        ordered = sorted(seen.values(), key=lambda r: responsible_order(r.key, r.label))
        return [(r.key, r.label) for r in ordered]


def version_contents(*, version: ConceptVersion, user: AnyUser) -> Contents:
    """The fields, goals and measure rows of `version` (6 queries at most)."""
    fields = version_fields(version=version, user=user)
    goals = version_goals(version=version, user=user)
    return Contents(
        version=version,
        fields=fields,
        goals=goals,
        rows=version_rows(version=version, user=user, goals=goals),
    )


@dataclass(frozen=True)
class GoalBlock:
    goal: Goal
    progress: Decimal | None
    # The measures serving it (a measure serving several goals counts with each).
    figures: Figures
    # The indicator it names and its target, if any.
    target: Target | None = None


@dataclass(frozen=True)
class FieldBlock:
    field: ActionField
    progress: Decimal | None
    goals: list[GoalBlock]
    # All measures of the field.
    figures: Figures
    # Its measures that serve none of its goals (nor any other goal), and their roll-up.
    other: Figures
    other_progress: Decimal | None


@dataclass(frozen=True)
class Overview:
    """A version's structure and figures: fields → goals with their progress, their
    measures counted by status and their money, and the totals of the whole."""

    contents: Contents
    rolled: progress.VersionProgress
    totals: Totals
    blocks: list[FieldBlock]

    @property
    def progress(self) -> Decimal | None:
        return self.rolled.version

    @property
    def measure_count(self) -> int:
        return self.contents.measure_count

    @property
    def shared_measures(self) -> bool:
        """Whether some measure serves more than one goal (and counts with each)."""
        return any(len(row.goal_ids) > 1 for row in self.contents.rows)


def _blocks(
    contents: Contents, rolled: progress.VersionProgress, targets: dict[int, Target]
) -> list[FieldBlock]:
    """Fields → goals with their figures and targets (no query)."""
    by_goal: dict[int, list[MeasureRow]] = {goal.pk: [] for goal in contents.goals}
    by_field: dict[int, list[MeasureRow]] = {}
    goalless: dict[int, list[MeasureRow]] = {}
    for row in contents.rows:
        by_field.setdefault(row.field_id, []).append(row)
        for pk in row.goal_ids:
            by_goal[pk].append(row)
        if not row.goal_ids:
            goalless.setdefault(row.field_id, []).append(row)
    goals_of: dict[int, list[Goal]] = {}
    for goal in contents.goals:
        goals_of.setdefault(goal.action_field_id, []).append(goal)
    blocks = []
    for f in contents.fields:
        other = goalless.get(f.pk, [])
        blocks.append(
            FieldBlock(
                field=f,
                progress=rolled.fields[f.pk],
                goals=[
                    GoalBlock(
                        goal=g,
                        progress=rolled.goals[g.pk],
                        figures=figures_of(by_goal[g.pk]),
                        target=targets.get(g.pk),
                    )
                    for g in goals_of.get(f.pk, [])
                ],
                figures=figures_of(by_field.get(f.pk, [])),
                other=figures_of(other),
                other_progress=progress.goal_progress(row.facts for row in other),
            )
        )
    return blocks


def version_overview(*, version: ConceptVersion, user: AnyUser) -> Overview:
    """The structure of `version` with the progress of every field and goal, the figures
    and target of each goal and the totals (6 queries at most, whatever the number of
    measures; one more when a goal names one of the body's own indicators)."""
    contents = version_contents(version=version, user=user)
    rolled = progress.version_progress(
        [progress.FieldFacts(pk=f.pk, weight=f.weight) for f in contents.fields],
        [
            progress.GoalFacts(pk=g.pk, field_id=g.action_field_id, weight=g.weight)
            for g in contents.goals
        ],
        [row.facts for row in contents.rows],
    )
    return Overview(
        contents=contents,
        rolled=rolled,
        totals=totals_for_rows(contents.rows, contents.fields),
        blocks=_blocks(contents, rolled, goal_targets(contents.goals, version.body_id)),
    )


# A version's measures, filtered ---------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the measure list is narrowed to (none: everything)."""

    field_pk: int | None = None
    goal_pk: int | None = None
    # Only the measures that serve no goal.
    goalless: bool = False
    status: str | None = None
    responsible: str | None = None

    @property
    def active(self) -> bool:
        return (
            self.field_pk is not None
            or self.goal_pk is not None
            or self.goalless
            or bool(self.status)
            or bool(self.responsible)
        )


def matching(rows: list[MeasureRow], filters: Filters) -> list[MeasureRow]:
    """The rows `filters` select, in their order (no query)."""
    if not filters.active:
        return rows
    return [
        row
        for row in rows
        if (filters.field_pk is None or row.field_id == filters.field_pk)
        and (filters.goal_pk is None or filters.goal_pk in row.goal_ids)
        and not (filters.goalless and row.goal_ids)
        and (not filters.status or row.status == filters.status)
        and (not filters.responsible or row.responsible.key == filters.responsible)
    ]


@dataclass(frozen=True)
class FieldGroup:
    """Consecutive rows of one field (a page of the list, split by field)."""

    field: ActionField | None
    rows: list[MeasureRow]


def grouped_by_field(rows: Iterable[MeasureRow], fields: list[ActionField]) -> list[FieldGroup]:
    """`rows` (in the order of every page) split where the field changes (no query)."""
    by_pk = {f.pk: f for f in fields}
    groups: list[FieldGroup] = []
    for row in rows:
        if not groups or groups[-1].rows[-1].field_id != row.field_id:
            groups.append(FieldGroup(field=by_pk.get(row.field_id), rows=[]))
        groups[-1].rows.append(row)
    return groups


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
    measures: list[MeasureRow]
    # The goals it was carried over into in later versions.
    successors: list[Goal]
    # Its indicator and target with the values the monitoring publishes, if it names one.
    effect: Effect | None = None


# A part of a version is read with its concept and field alive.
ALIVE_PARTS = Q(concept_version__concept__deleted=False, action_field__deleted=False)


def goal_get(*, body: Body, user: AnyUser, pk: int) -> GoalPage:
    """A goal with its version and field, origin, report, resolution, predecessor and
    measures (`visible_*`), and its progress rolled up from the measures (10 queries); if
    it names an indicator, its target and the published values (`goal_effect`: at most 5
    queries more, whatever the number of snapshots)."""
    measures = measures_query(user=user, body_id=body.pk).order_by("number", "pk")
    goal = (
        Goal.objects.visible_to(user)
        .for_body(body)
        .filter(ALIVE_PARTS)
        .select_related(
            "concept_version", "concept_version__concept", "action_field", "target_district"
        )
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
    rows = [row_of(m) for m in measures_of_goal]
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
        measures=rows,
        successors=successors,
        effect=goal_effect(goal, body),
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
