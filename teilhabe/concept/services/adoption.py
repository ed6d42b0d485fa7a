"""From the working group to the Beirat and on to the Stadtrat.

1. The AG drafting a version submits goals and measures to the Beirat with an interim
   report (`report_submit`): a council paper of type REPORT, originated by the AG, whose
   proposed resolution lists the goals with their justification and measures, and its
   consultation by the Beirat for decision. The goals and measures point at the report
   and are SUBMITTED.
2. When the council records the result of an agenda item (vote or outcome), it calls
   `follow_result` inside its transaction. Goals and measures submitted with a paper
   decided under that item follow the result: ADOPTED → adopted (by that item, on the
   meeting's day), REJECTED → rejected; other results (noted, postponed, withdrawn,
   referred) change nothing. A result recorded again (a vote taken anew) is followed
   again, so the current result always holds.
3. A measure that needs the Stadtrat becomes a motion (`measure_motion_create`): a paper of
   type MOTION from the Beirat with its path Beirat (preparing) → Stadtrat (deciding).
   When the Stadtrat's result on it is recorded, the measure's status follows as a dated
   status change with that resolution: ADOPTED → PREPARING (if it was PLANNED), REJECTED
   → DROPPED.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from teilhabe.concept import errors
from teilhabe.concept.models import (
    ConceptVersion,
    Decision,
    Goal,
    Measure,
    MeasureStatusChange,
    Status,
)
from teilhabe.concept.services._common import (
    ensure_same_body,
    fresh,
    in_body_language,
    insert_rows,
    locked_rows,
    locked_version,
    save_checked,
    save_rows,
    write_records,
)
from teilhabe.core.errors import ConflictError
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Consultation, Meeting, Organization, Paper
from teilhabe.council.services import consultation_create, paper_create

FOLLOWED_RESULTS = (AgendaItem.Result.ADOPTED, AgendaItem.Result.REJECTED)
# The decisions from which a goal or measure may be (re)submitted with a report.
SUBMITTABLE = (Decision.DRAFT, Decision.REJECTED)


@dataclass(frozen=True)
class SubmittedReport:
    """The AG's interim report and its consultation by the organization it goes to."""

    paper: Paper
    consultation: Consultation
    goals: list[Goal]
    measures: list[Measure]


def _check_addressee(
    body_id: int,
    organization: Organization,
    to: Organization,
    meeting: Meeting | None,
    *,
    meeting_field: str = "meeting",
) -> None:
    """`to` is another organization of the body that holds meetings; `meeting` is one of
    its meetings."""
    ensure_same_body(body_id, to, field="to")
    ensure_same_body(body_id, meeting, field=meeting_field)
    if to.deleted or not to.holds_meetings or to.pk == organization.pk:
        raise errors.InvalidAddressee()
    if meeting is not None and (meeting.organization_id != to.pk or meeting.deleted):
        raise errors.MeetingOfOtherOrganization(field=meeting_field)


def _open_parts(
    model: type[Any], version: ConceptVersion, given: Sequence[Any], *, field: str
) -> list[Any]:
    """The goals or measures of the report, locked, each of `version`, alive and not
    adopted or pending with another report (else ReportPartNotOpen at `field`)."""
    ensure_same_body(version.body_id, given, field=field)
    rows = {
        row.pk: row
        for row in locked_rows(
            model.objects.filter(pk__in=[part.pk for part in given]).select_related("action_field")
        )
    }
    for part in given:
        row = rows[part.pk]
        if row.concept_version_id != version.pk or row.deleted or row.decision not in SUBMITTABLE:
            raise errors.ReportPartNotOpen.for_part(row, field=field)
    return sorted(rows.values(), key=lambda row: (row.action_field.number, row.number, row.pk))


def _report_text(
    version: ConceptVersion, to: Organization, goals: list[Goal], measures: list[Measure]
) -> str:
    """The proposed resolution: per field of action its goals (with justification and the
    measures of the report that serve them), then its other measures of the report."""
    serving: dict[int, list[Measure]] = defaultdict(list)
    served: set[int] = set()
    links = Measure.goals.through.objects.filter(
        measure_id__in=[m.pk for m in measures], goal_id__in=[g.pk for g in goals]
    ).values_list("measure_id", "goal_id")
    by_pk = {m.pk: m for m in measures}
    for measure_id, goal_id in links.order_by("pk"):
        serving[goal_id].append(by_pk[measure_id])
        served.add(measure_id)
    parts: list[Goal | Measure] = [*goals, *measures]
    fields = {part.action_field_id: part.action_field for part in parts}
    lines = [
        _(
            "%(organization)s beschließt die folgenden Ziele und Maßnahmen des "
            "Integrationskonzepts „%(concept)s“ (Version %(number)s):"
        )
        % {"organization": to, "concept": version.concept, "number": version.number}
    ]
    for field in sorted(fields.values(), key=lambda f: (f.number, f.pk)):
        lines += ["", _("Handlungsfeld %(number)s: %(title)s") % _numbered(field)]
        for goal in (g for g in goals if g.action_field_id == field.pk):
            lines += ["", _("Ziel %(number)s: %(title)s") % _numbered(goal)]
            if goal.justification:
                lines.append(_("Begründung: %(text)s") % {"text": goal.justification})
            if serving[goal.pk]:
                lines.append(_("Maßnahmen:"))
                lines += [_measure_line(m) for m in sorted(serving[goal.pk], key=_order)]
        others = [m for m in measures if m.action_field_id == field.pk and m.pk not in served]
        if others:
            lines += ["", _("Weitere Maßnahmen:")]
            lines += [_measure_line(m) for m in others]
    return "\n".join(lines)


def _numbered(part: Any) -> dict[str, Any]:
    return {"number": part.number, "title": part.title}


def _order(part: Any) -> tuple[int, int]:
    return (part.number, part.pk)


def _measure_line(measure: Measure) -> str:
    return "– " + _("Maßnahme %(number)s: %(title)s") % _numbered(measure)


def _submit(model: type[Goal] | type[Measure], rows: list[Any], paper: Paper) -> list[Any]:
    for row in rows:
        row.decision = Decision.SUBMITTED
        row.report = paper
        row.adopted_by = None
        row.adopted_on = None
    write_records(save_rows(model, rows, ["decision", "report", "adopted_by", "adopted_on"]))
    return rows


@transaction.atomic
def report_submit(
    *,
    version: ConceptVersion,
    organization: Organization,
    goals: Sequence[Goal],
    measures: Sequence[Measure] = (),
    to: Organization,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    title: str,
    date: dt.date,
    justification: str = "",
    reference: str = "",
    public: bool = True,
) -> SubmittedReport:
    """The AG `organization` submits `goals` and `measures` of `version` to `to` (the
    Beirat), for `meeting` (or under `agenda_item`, if staff already put the report on the
    agenda) if given.

    Refused: a superseded version, an organization that is not the working group drafting
    the version, nothing to decide, a goal or measure of another version, deleted, adopted
    or pending with another report, an addressee that is the AG itself or holds no
    meetings, a meeting of another organization, anything of another body.
    """
    ensure_same_body(version.body_id, organization, field="organization")
    if organization.organization_type != Organization.Type.ARBEITSGRUPPE or organization.deleted:
        raise errors.NotAWorkingGroup(field="organization")
    if agenda_item is not None:
        ensure_same_body(version.body_id, agenda_item, field="meeting")
        meeting = meeting or agenda_item.meeting
        if agenda_item.meeting_id != meeting.pk or agenda_item.deleted:
            raise errors.MeetingOfOtherOrganization()
    _check_addressee(version.body_id, organization, to, meeting)
    if not goals and not measures:
        raise errors.NothingToReport()
    current = locked_version(version)
    if current.drafted_by_id is not None and current.drafted_by_id != organization.pk:
        raise errors.ReportNotByDraftingGroup()
    goal_rows = _open_parts(Goal, current, goals, field="goals")
    measure_rows = _open_parts(Measure, current, measures, field="measures")
    with in_body_language():
        text = _report_text(current, to, goal_rows, measure_rows)
        justification = justification or _(
            "Die Arbeitsgruppe „%(group)s“ legt ihren Zwischenbericht zum "
            "Integrationskonzept vor und bittet um Beschluss über die genannten Ziele und "
            "Maßnahmen."
        ) % {"group": organization}
    paper = paper_create(
        body=Body.objects.get(pk=current.body_id),
        name=title,
        date=date,
        reference=reference,
        paper_type=Paper.Type.REPORT,
        public=public,
        proposed_resolution=text,
        justification=justification,
        originator_organizations=[organization],
    )
    consultation = consultation_create(
        paper=paper,
        organization=to,
        meeting=meeting,
        agenda_item=agenda_item,
        role=Consultation.Role.DECIDE,
        authoritative=True,
    )
    return SubmittedReport(
        paper=paper,
        consultation=consultation,
        goals=_submit(Goal, goal_rows, paper),
        measures=_submit(Measure, measure_rows, paper),
    )


# Following the results ----------------------------------------------------------------------


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


# A measure becomes a motion to the Stadtrat ---------------------------------------------------


def _motion_text(measure: Measure, to: Organization) -> str:
    version = measure.concept_version
    lines = [
        _(
            "%(organization)s beschließt die Maßnahme „%(title)s“ aus dem Handlungsfeld "
            "„%(field)s“ des Integrationskonzepts „%(concept)s“ (Version %(number)s)."
        )
        % {
            "organization": to,
            "title": measure.title,
            "field": measure.action_field.title,
            "concept": version.concept,
            "number": version.number,
        }
    ]
    if measure.description:
        lines += ["", measure.description]
    details = []
    if measure.responsible_organization_id:
        details.append(_("Zuständig: %(name)s") % {"name": measure.responsible_organization})
    if measure.start_date or measure.end_date:
        details.append(
            _("Zeitraum: %(start)s bis %(end)s")
            % {"start": _date(measure.start_date), "end": _date(measure.end_date)}
        )
    if measure.planned_cost is not None:
        details.append(
            _("Geplante Kosten: %(amount)s €")
            % {"amount": formats.number_format(measure.planned_cost, 2, force_grouping=True)}
        )
    if measure.funding_source:
        details.append(_("Finanzierung: %(source)s") % {"source": measure.funding_source})
    if details:
        lines += ["", *details]
    return "\n".join(lines)


def _date(day: dt.date | None) -> str:
    return str(formats.date_format(day, "d.m.Y")) if day else _("offen")


@transaction.atomic
def measure_motion_create(
    *,
    measure: Measure,
    expected_version: int,
    by: Organization,
    to: Organization,
    title: str = "",
    date: dt.date | None = None,
    by_meeting: Meeting | None = None,
    to_meeting: Meeting | None = None,
    justification: str = "",
    reference: str = "",
    public: bool = True,
) -> Paper:
    """Turn a measure that needs the Stadtrat into a motion of `by` (the Beirat) to `to`
    (the Stadtrat): a paper of type MOTION (dated `date`, default today) with its path
    `by` (preparing, at `by_meeting` if given) → `to` (deciding, at `to_meeting` if given).
    The measure points at it (`motion`), and its status follows the result of `to`.

    Refused: a measure of a superseded version, one that already has a motion (not
    deleted), organizations that hold no meetings or are the same, meetings of other
    organizations, anything of another body.
    """
    ensure_same_body(measure.body_id, by, field="by")
    if by.deleted or not by.holds_meetings:
        raise errors.InvalidAddressee(field="by")
    _check_addressee(measure.body_id, by, to, to_meeting, meeting_field="to_meeting")
    _check_addressee(measure.body_id, to, by, by_meeting, meeting_field="by_meeting")
    locked_version(measure.concept_version_id)
    current = fresh(measure)
    if current.version != expected_version:
        raise ConflictError()
    if (
        current.motion_id is not None
        and not Paper.objects.filter(pk=current.motion_id, deleted=False).exists()
    ):
        current.motion = None
    if current.motion_id is not None:
        raise errors.MotionExists()
    with in_body_language():
        text = _motion_text(current, to)
        name = title or _("Maßnahme „%(title)s“ des Integrationskonzepts") % {
            "title": current.title
        }
    paper = paper_create(
        body=Body.objects.get(pk=current.body_id),
        name=name[:500],
        date=date or timezone.localdate(),
        reference=reference,
        paper_type=Paper.Type.MOTION,
        public=public,
        proposed_resolution=text,
        justification=justification or current.description,
        originator_organizations=[by],
    )
    consultation_create(
        paper=paper, organization=by, meeting=by_meeting, role=Consultation.Role.PREPARE
    )
    consultation_create(
        paper=paper,
        organization=to,
        meeting=to_meeting,
        role=Consultation.Role.DECIDE,
        authoritative=True,
    )
    current.motion = paper
    save_checked(current, expected_version=expected_version)
    return paper


__all__ = [
    "SubmittedReport",
    "follow_result",
    "measure_motion_create",
    "report_submit",
]
