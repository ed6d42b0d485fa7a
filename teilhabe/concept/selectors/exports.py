"""The rows of a version's open-data export: one per measure, as far as the user may see it.

Read like the version's page (fields, measures with goals and who is responsible), plus
the resolution that adopted each measure and its motion, both through the council's
`visible_to(user)`: a fixed number of queries (7), whatever the number of measures. The
goals a measure serves come with the indicator each names and its target (one query more
when one of them is an indicator of the body's own, for its name).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from teilhabe.concept import progress
from teilhabe.concept.models import ConceptVersion, Measure
from teilhabe.concept.selectors.indicators import Target, definitions_for, target_of
from teilhabe.concept.selectors.measures import (
    MEASURE_ORDER,
    AnyUser,
    measures_query,
    responsible_of,
    version_fields,
    visible_goals_of,
)
from teilhabe.concept.selectors.public import visible_papers, visible_resolutions
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Paper


@dataclass(frozen=True)
class ExportRow:
    measure: Measure
    field_number: int | None
    field_title: str
    goals: list[tuple[int, str]]
    # Of each goal in `goals`: the indicator it names with its target, or None.
    targets: list[Target | None]
    status: str
    status_label: str
    status_since: dt.date | None
    progress: Decimal | None
    start_date: dt.date | None
    end_date: dt.date | None
    planned_cost: Decimal | None
    actual_cost: Decimal | None
    funding_source: str
    responsible: str
    decision: str
    decision_label: str
    adopted_on: dt.date | None
    adopted_by: AgendaItem | None
    motion: Paper | None


def export_rows(*, body: Body, version: ConceptVersion, user: AnyUser) -> list[ExportRow]:
    """One row per visible measure of `version`, in the order of the version's page."""
    fields = {field.pk: field for field in version_fields(version=version, user=user)}
    measures = list(
        measures_query(user=user, body_id=version.body_id)
        .filter(concept_version=version)
        .prefetch_related(
            Prefetch(
                "adopted_by",
                queryset=visible_resolutions(body=body, user=user),
                to_attr="visible_adopted_by",
            ),
            Prefetch(
                "motion", queryset=visible_papers(body=body, user=user), to_attr="visible_motion"
            ),
        )
        .order_by(*MEASURE_ORDER)
    )
    codes = {goal.indicator_code for m in measures for goal in visible_goals_of(m)}
    definitions = definitions_for(version.body_id, codes)
    rows = []
    for measure in measures:
        field = fields.get(measure.action_field_id)
        goals = visible_goals_of(measure)
        rows.append(
            ExportRow(
                measure=measure,
                field_number=field.number if field is not None else None,
                field_title=field.title if field is not None else "",
                goals=[(goal.number, goal.title) for goal in goals],
                targets=[target_of(goal, definitions) for goal in goals],
                status=measure.status,
                status_label=str(measure.get_status_display()),
                status_since=measure.status_since,
                progress=progress.measure_progress(measure.status, measure.progress),
                start_date=measure.start_date,
                end_date=measure.end_date,
                planned_cost=measure.planned_cost,
                actual_cost=measure.actual_cost,
                funding_source=measure.funding_source,
                responsible=str(responsible_of(measure).label),
                decision=measure.decision,
                decision_label=str(measure.get_decision_display()),
                adopted_on=measure.adopted_on,
                adopted_by=getattr(measure, "visible_adopted_by", None),
                motion=getattr(measure, "visible_motion", None),
            )
        )
    return rows
