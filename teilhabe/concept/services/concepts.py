"""Writes of concepts and their versions: draft, deliberation, adoption, revision.

A version's life: `version_create` (a draft, usually drafted by an AG) → `version_submit`
(in deliberation) → `version_adopt` (in force, with the resolutions that adopted it; the
version in force before is superseded) → `version_revise` (a new draft, the
Fortschreibung, that carries every field, goal and measure forward).

Dates of force: `in_force_from` is the first day a version is in force, `in_force_until`
the last one — the day before its successor came into force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Q

from teilhabe.concept import errors
from teilhabe.concept.models import (
    ActionField,
    Concept,
    ConceptVersion,
    Decision,
    Goal,
    Measure,
    MeasureStatusChange,
)
from teilhabe.concept.services._common import (
    apply,
    create,
    ensure_citable,
    ensure_same_body,
    fresh,
    insert_rows,
    locked_rows,
    resolution_day,
    save_checked,
    save_rows,
    set_links,
    update,
    write_records,
)
from teilhabe.core.errors import ConflictError
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Organization

State = ConceptVersion.State


class ConceptFields(TypedDict, total=False):
    title: str
    description: str


class VersionFields(TypedDict, total=False):
    number: str
    title: str
    summary: str
    drafted_by: Organization | None


@transaction.atomic
def concept_create(*, body: Body, **fields: Unpack[ConceptFields]) -> Concept:
    ensure_same_body(body)
    concept = Concept(body=body)
    apply(concept, fields)
    return create(concept)


@transaction.atomic
def concept_update(
    *, concept: Concept, expected_version: int, **fields: Unpack[ConceptFields]
) -> Concept:
    return update(concept, fields, expected_version=expected_version)


def _check_drafted_by(body_id: int, organization: Organization | None) -> None:
    """The drafting organization is a working group (AG) of the body."""
    ensure_same_body(body_id, organization, field="drafted_by")
    if organization is None:
        return
    if organization.deleted or organization.organization_type != Organization.Type.ARBEITSGRUPPE:
        raise errors.NotAWorkingGroup()


def _check_number(concept_id: int, number: str | None, *, exclude: int | None = None) -> None:
    if number is None:
        return
    taken = ConceptVersion.objects.alive().filter(concept_id=concept_id, number=number)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise errors.DuplicateVersionNumber()


def _lock_concept(concept_id: int) -> None:
    """The concept row serialises what changes its set of versions (numbers, the one in
    force, the one open revision)."""
    Concept.objects.select_for_update().filter(pk=concept_id).order_by("pk").first()


@transaction.atomic
def version_create(
    *,
    concept: Concept,
    number: str,
    title: str = "",
    summary: str = "",
    drafted_by: Organization | None = None,
) -> ConceptVersion:
    """A new draft of `concept`, drafted by the working group `drafted_by` (or by staff)."""
    _check_drafted_by(concept.body_id, drafted_by)
    _lock_concept(concept.pk)
    _check_number(concept.pk, number)
    return create(
        ConceptVersion(
            body_id=concept.body_id,
            concept=concept,
            number=number,
            title=title,
            summary=summary,
            drafted_by=drafted_by,
            state=State.DRAFT,
        )
    )


@transaction.atomic
def version_update(
    *, version: ConceptVersion, expected_version: int, **fields: Unpack[VersionFields]
) -> ConceptVersion:
    """Change number, title, summary or drafting AG. The state changes only through
    submit, adopt and revise. A superseded version is history and is not changed."""
    if "drafted_by" in fields:
        _check_drafted_by(version.body_id, fields["drafted_by"])
    _lock_concept(version.concept_id)
    current = fresh(version)
    if current.state == State.SUPERSEDED or current.deleted:
        raise errors.VersionSuperseded()
    if "number" in fields:
        _check_number(current.concept_id, fields["number"], exclude=current.pk)
    apply(current, fields)
    return save_checked(current, expected_version=expected_version)


@transaction.atomic
def version_submit(*, version: ConceptVersion, expected_version: int) -> ConceptVersion:
    """A draft goes into deliberation (its content becomes public)."""
    current = fresh(version)
    if current.state != State.DRAFT or current.deleted:
        raise errors.VersionNotDraft()
    current.state = State.DELIBERATION
    return save_checked(current, expected_version=expected_version)


def _adopted_resolutions(body_id: int, resolutions: Sequence[AgendaItem]) -> list[AgendaItem]:
    """The resolutions as they are now, each of them adopted; else ResolutionNotAdopted
    naming the first that is not."""
    if not resolutions:
        raise errors.ResolutionRequired()
    ensure_citable(body_id, resolutions, field="resolutions")
    current = {
        item.pk: item
        for item in AgendaItem.objects.filter(pk__in=[r.pk for r in resolutions]).select_related(
            "meeting"
        )
    }
    checked = []
    for given in resolutions:
        item = current[given.pk]
        if item.deleted or item.meeting.deleted or item.result != AgendaItem.Result.ADOPTED:
            raise errors.ResolutionNotAdopted.for_item(item, field="resolutions")
        checked.append(item)
    return checked


@transaction.atomic
def version_adopt(
    *,
    version: ConceptVersion,
    expected_version: int,
    resolutions: Sequence[AgendaItem],
    adopted_on: dt.date,
    in_force_from: dt.date | None = None,
) -> ConceptVersion:
    """A version in deliberation is adopted by `resolutions` (agenda items of the Beirat
    and the Stadtrat whose result is ADOPTED) on `adopted_on`, and comes into force on
    `in_force_from` (default: the day it was adopted).

    The version of the concept in force until then (its predecessor or any other) is
    superseded: in force until the day before. Refused: a version not in deliberation, no
    resolution, a resolution not adopted (rejected, postponed, …), an adoption before the
    last resolution's meeting day, coming into force before it was adopted or not after
    the version it supersedes came into force.
    """
    items = _adopted_resolutions(version.body_id, resolutions)
    start = in_force_from or adopted_on
    last_resolution = max(resolution_day(item) for item in items)
    if adopted_on < last_resolution:
        raise errors.AdoptedBeforeResolution.for_date(last_resolution)
    if start < adopted_on:
        raise errors.AdoptedBeforeResolution.for_date(adopted_on, field="in_force_from")
    _lock_concept(version.concept_id)
    current = fresh(version)
    if current.version != expected_version:
        raise ConflictError()
    if current.state != State.DELIBERATION or current.deleted:
        raise errors.VersionNotInDeliberation()
    in_force = ConceptVersion.objects.alive().filter(
        concept_id=current.concept_id, state=State.IN_FORCE
    )
    for previous in in_force.exclude(pk=current.pk):
        old = fresh(previous)
        if old.in_force_from is not None and start <= old.in_force_from:
            raise errors.InForceBeforePredecessor.for_date(old.in_force_from)
        old.state = State.SUPERSEDED
        old.in_force_until = start - dt.timedelta(days=1)
        save_checked(old, expected_version=old.version)
    current.state = State.IN_FORCE
    current.adopted_on = adopted_on
    current.in_force_from = start
    current.in_force_until = None
    save_checked(current, expected_version=expected_version)
    set_links(current, {"resolutions": items}, ["resolutions"], created=False)
    _adopt_open_parts(current, items)
    return current


def _adopt_open_parts(version: ConceptVersion, items: Sequence[AgendaItem]) -> None:
    """The goals and measures of `version` not decided yet (draft, or submitted and not
    decided) are adopted with the version as a whole, by its last resolution (usually the
    Stadtrat's). Rejected ones stay rejected. A fixed number of queries."""
    last = max(items, key=lambda item: (resolution_day(item), item.pk))
    day = resolution_day(last)
    undecided = Q(
        concept_version=version, deleted=False, decision__in=[Decision.DRAFT, Decision.SUBMITTED]
    )
    records = []
    for model in (Goal, Measure):
        rows = locked_rows(model._default_manager.filter(undecided))
        for row in rows:
            row.decision, row.adopted_by_id, row.adopted_on = Decision.ADOPTED, last.pk, day
        records += save_rows(model, rows, ["decision", "adopted_by", "adopted_on"])
    write_records(records)


@transaction.atomic
def version_revise(
    *,
    version: ConceptVersion,
    number: str,
    title: str = "",
    summary: str = "",
    drafted_by: Organization | None = None,
) -> ConceptVersion:
    """Start the revision (Fortschreibung) of the version in force: a new draft whose
    predecessor is `version`, carrying forward every alive field of action, goal and
    measure — same `lineage`, `carried_from` the original, a measure's goals mapped to the
    copied goals, its papers, resolutions and status history copied. Goals and measures
    start again as drafts (to be decided anew); goals keep their indicator and target
    (value, district, year), measures their status, progress and costs.

    Refused: a version not in force, and a concept that already has a draft or a version
    in deliberation (one revision at a time).
    """
    _check_drafted_by(version.body_id, drafted_by)
    _lock_concept(version.concept_id)
    current = ConceptVersion.objects.get(pk=version.pk)
    if current.state != State.IN_FORCE or current.deleted:
        raise errors.VersionNotInForce()
    open_revision = (
        ConceptVersion.objects.alive()
        .filter(concept_id=current.concept_id, state__in=[State.DRAFT, State.DELIBERATION])
        .values_list("number", flat=True)
        .first()
    )
    if open_revision is not None:
        raise errors.RevisionInProgress.for_number(open_revision)
    _check_number(current.concept_id, number)
    revision = create(
        ConceptVersion(
            body_id=current.body_id,
            concept_id=current.concept_id,
            number=number,
            title=title,
            summary=summary or current.summary,
            drafted_by=drafted_by,
            predecessor=current,
            state=State.DRAFT,
        )
    )
    _carry_forward(current, revision)
    return revision


_CARRIED_OVER = ("id", "pk", "created", "modified", "version", "concept_version", "carried_from")


def _copy(original: Any, revision: ConceptVersion, **changes: Any) -> Any:
    """An unsaved copy of `original` in `revision`, remembering where it came from."""
    values = {
        field.attname: getattr(original, field.attname)
        for field in original._meta.concrete_fields
        if field.name not in _CARRIED_OVER
    }
    changes.update(concept_version=revision, carried_from=original)
    for name, value in changes.items():
        # A relation is given by its object: its id column must not override it.
        values.pop(original._meta.get_field(name).attname, None)
        values[name] = value
    return type(original)(**values)


def _carry_forward(source: ConceptVersion, revision: ConceptVersion) -> None:
    fields = list(ActionField.objects.alive().filter(concept_version=source).order_by("pk"))
    field_copies = {f.pk: _copy(f, revision) for f in fields}
    insert_rows(ActionField, list(field_copies.values()))

    undecided = {
        "decision": Decision.DRAFT,
        "report": None,
        "adopted_by": None,
        "adopted_on": None,
    }
    goals = list(
        Goal.objects.alive()
        .filter(concept_version=source, action_field_id__in=field_copies)
        .order_by("pk")
    )
    goal_copies = {
        g.pk: _copy(g, revision, action_field=field_copies[g.action_field_id], **undecided)
        for g in goals
    }
    insert_rows(Goal, list(goal_copies.values()))

    measures = list(
        Measure.objects.alive()
        .filter(concept_version=source, action_field_id__in=field_copies)
        .order_by("pk")
    )
    measure_copies = {
        m.pk: _copy(m, revision, action_field=field_copies[m.action_field_id], **undecided)
        for m in measures
    }
    insert_rows(Measure, list(measure_copies.values()))
    _copy_measure_links(measure_copies, goal_copies)

    changes = MeasureStatusChange.objects.alive().filter(measure_id__in=measure_copies)
    insert_rows(
        MeasureStatusChange,
        [
            _copy_status_change(change, measure_copies[change.measure_id])
            for change in changes.order_by("measure_id", "date", "pk")
        ],
    )


def _copy_status_change(change: MeasureStatusChange, measure: Measure) -> MeasureStatusChange:
    return MeasureStatusChange(
        body_id=change.body_id,
        measure=measure,
        status=change.status,
        date=change.date,
        progress=change.progress,
        note=change.note,
        resolution_id=change.resolution_id,
    )


def _copy_measure_links(measures: dict[int, Measure], goals: dict[int, Goal]) -> None:
    """The copies' goals (mapped to the copied goals; a deleted goal is left behind),
    papers and resolutions, one statement each to read and to write."""
    if not measures:
        return
    through = Measure.goals.through
    through.objects.bulk_create(
        [
            through(measure_id=measures[m].pk, goal_id=goals[g].pk)
            for m, g in through.objects.filter(measure_id__in=measures)
            .values_list("measure_id", "goal_id")
            .order_by("pk")
            if g in goals
        ]
    )
    for name, target in (("papers", "paper_id"), ("resolutions", "agendaitem_id")):
        model = getattr(Measure, name).through
        model.objects.bulk_create(
            [
                model(**{"measure_id": measures[m].pk, target: other})
                for m, other in model.objects.filter(measure_id__in=measures)
                .values_list("measure_id", target)
                .order_by("pk")
            ]
        )
