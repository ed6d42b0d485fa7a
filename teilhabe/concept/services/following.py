"""Goals, measures and motions follow the results the council records.

When the council records the result of an agenda item (vote or outcome), it calls
`follow_result` inside its transaction (`teilhabe.concept.adoption` listens). Goals and
measures submitted with a paper decided under that item follow the result: ADOPTED →
adopted (by that item, on the meeting's day), REJECTED → rejected; other results (noted,
postponed, withdrawn, referred) change nothing. A result recorded again (a vote taken
anew) is followed again, so the current result always holds. A measure whose motion the
Stadtrat decides follows with its status: ADOPTED → PREPARING (if it was PLANNED),
REJECTED → DROPPED, as a dated status change with that resolution.

Whose result decides a paper: an item of an organization that decides it — one whose
consultation of the paper has the role "Entscheidung" or is authoritative; when no step
of its path decides, the organization of its last step; for a motion also any item of the
Stadtrat. A preparing body's result on a paper (a recommendation) is not its decision, even
when staff added its step after the deciding one.

The status change that follows a resolution is dated on the day of the meeting; if the
measure's last status change is later than that (entered before the result was
recorded), it is dated on that last change's day instead, so the history stays in order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.concept.models import (
    ConceptVersion,
    Decision,
    Goal,
    Measure,
    MeasureStatusChange,
    Status,
)
from teilhabe.concept.services._common import (
    in_body_language,
    insert_rows,
    locked_rows,
    save_rows,
    write_records,
)
from teilhabe.council.models import AgendaItem, Consultation, Organization, Paper

FOLLOWED_RESULTS = (AgendaItem.Result.ADOPTED, AgendaItem.Result.REJECTED)


@dataclass(frozen=True)
class _Item:
    """What `follow_result` needs of the item and its meeting."""

    pk: int
    result: str
    day: dt.date
    organization_id: int
    organization_name: str
    council: bool


def _decided_papers(item: AgendaItem) -> tuple[_Item, set[int], set[int]] | None:
    """The item, the papers decided under it and the motions among them; None when no
    paper is discussed under it. Two queries (one when there is no paper)."""
    steps = list(
        Consultation.objects.alive()
        .filter(
            paper__deleted=False,
            paper__consultations__agenda_item=item,
            paper__consultations__deleted=False,
        )
        .values(
            "pk",
            "paper_id",
            "paper__paper_type",
            "organization_id",
            "role",
            "authoritative",
            "order",
        )
        .distinct()
    )
    if not steps:
        return None
    row = (
        AgendaItem.objects.filter(pk=item.pk)
        .values(
            "meeting__start",
            "meeting__organization_id",
            "meeting__organization__name",
            "meeting__organization__organization_type",
        )
        .get()
    )
    info = _Item(
        pk=item.pk,
        result=item.result,
        day=timezone.localtime(row["meeting__start"]).date(),
        organization_id=row["meeting__organization_id"],
        organization_name=row["meeting__organization__name"],
        council=row["meeting__organization__organization_type"] == Organization.Type.STADTRAT,
    )
    deciding: dict[int, set[int]] = defaultdict(set)
    last: dict[int, tuple[int, int, int]] = {}
    motions = set()
    for step in steps:
        paper = step["paper_id"]
        if step["role"] == Consultation.Role.DECIDE or step["authoritative"]:
            deciding[paper].add(step["organization_id"])
        key = (step["order"], step["pk"], step["organization_id"])
        last[paper] = max(last.get(paper, key), key)
        if step["paper__paper_type"] == Paper.Type.MOTION:
            motions.add(paper)
    for paper, (_position, _pk, organization_id) in last.items():
        if paper not in deciding:  # no step decides: the end of the path does
            deciding[paper].add(organization_id)
    decided = {paper for paper, orgs in deciding.items() if info.organization_id in orgs}
    # A motion is decided by the organization deciding it — or by the Stadtrat, wherever
    # on the path it stands.
    return info, decided, (motions if info.council else motions & decided)


def follow_result(*, agenda_item: AgendaItem) -> None:
    """Let the goals, measures and motions decided under `agenda_item` follow its result.

    A fixed number of queries whatever the number of goals and measures: none for a
    result that is not followed, one for an item without a paper, about a dozen otherwise
    (two reads, one statement per kind of write, the history in one statement).
    """
    if agenda_item.result not in FOLLOWED_RESULTS:
        return
    found = _decided_papers(agenda_item)
    if found is None:
        return
    item, reports, motions = found
    if reports or motions:
        _follow(item, reports, motions)


@transaction.atomic
def _follow(item: _Item, reports: set[int], motions: set[int]) -> None:
    open_version = ~Q(concept_version__state=ConceptVersion.State.SUPERSEDED) & Q(
        concept_version__deleted=False, deleted=False
    )
    goals = locked_rows(Goal.objects.filter(open_version, report_id__in=reports))
    last = (
        MeasureStatusChange.objects.alive().filter(measure=OuterRef("pk")).order_by("-date", "-pk")
    )
    measures = locked_rows(
        Measure.objects.filter(open_version)
        .filter(Q(report_id__in=reports) | Q(motion_id__in=motions))
        .annotate(
            last_date=Subquery(last.values("date")[:1]),
            last_resolution=Subquery(last.values("resolution_id")[:1]),
        )
    )
    records = save_rows(Goal, _decide(goals, item), _DECISION_FIELDS)
    decided = _decide([m for m in measures if m.report_id in reports], item)
    moved, changes = _follow_motion([m for m in measures if m.motion_id in motions], item)
    records += save_rows(
        Measure,
        list({m.pk: m for m in [*decided, *moved]}.values()),
        [*_DECISION_FIELDS, "status", "status_since"],
    )
    insert_rows(MeasureStatusChange, changes)
    write_records(records)


_DECISION_FIELDS = ["decision", "adopted_by", "adopted_on"]


def _decide(rows: Iterable[Any], item: _Item) -> list[Any]:
    """Set the decision of the goals or measures (those that change) to the result."""
    target: tuple[str, int | None, dt.date | None]
    if item.result == AgendaItem.Result.ADOPTED:
        target = (Decision.ADOPTED, item.pk, item.day)
    else:
        target = (Decision.REJECTED, None, None)
    changed = []
    for row in rows:
        if (row.decision, row.adopted_by_id, row.adopted_on) != target:
            row.decision, row.adopted_by_id, row.adopted_on = target
            changed.append(row)
    return changed


def _follow_motion(
    measures: Iterable[Any], item: _Item
) -> tuple[list[Measure], list[MeasureStatusChange]]:
    """The measures whose status follows the result on their motion, and their changes.

    ADOPTED moves a PLANNED measure to PREPARING (and one this very item had dropped, when
    its vote is taken anew); REJECTED drops a measure not dropped yet.
    """
    adopted = item.result == AgendaItem.Result.ADOPTED
    moved, changes = [], []
    with in_body_language():
        if adopted:
            note = _("%(organization)s hat den Antrag angenommen.")
        else:
            note = _("%(organization)s hat den Antrag abgelehnt.")
        note %= {"organization": item.organization_name}
    for measure in measures:
        if adopted:
            follows = measure.status == Status.PLANNED or (
                measure.status == Status.DROPPED and measure.last_resolution == item.pk
            )
            status = Status.PREPARING
        else:
            follows = measure.status != Status.DROPPED
            status = Status.DROPPED
        if not follows:
            continue
        day = max(d for d in (item.day, measure.last_date) if d is not None)
        measure.status = status
        measure.status_since = day
        moved.append(measure)
        changes.append(
            MeasureStatusChange(
                body_id=measure.body_id,
                measure=measure,
                status=status,
                date=day,
                progress=measure.progress,
                note=note[:500],
                resolution_id=item.pk,
            )
        )
    return moved, changes
