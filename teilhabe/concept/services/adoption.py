"""From the working group to the Beirat and on to the Stadtrat.

1. The AG drafting a version submits goals and measures to the Beirat with an interim
   report (`report_submit`): a council paper of type REPORT, originated by the AG, whose
   proposed resolution lists the goals with their justification and measures, and its
   consultation by the Beirat for decision. The goals and measures point at the report
   and are SUBMITTED.
2. When the council records the result of an agenda item, the goals, measures and motions
   decided under it follow (`services.following`).
3. A measure that needs the Stadtrat becomes a motion (`measure_motion_create`): a paper of
   type MOTION from the Beirat with its path Beirat (preparing) → Stadtrat (deciding).
   When the Stadtrat's result on it is recorded, the measure's status follows as a dated
   status change with that resolution: ADOPTED → PREPARING (if it was PLANNED), REJECTED
   → DROPPED.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from teilhabe.concept import errors
from teilhabe.concept.models import (
    ConceptVersion,
    Decision,
    Goal,
    Measure,
)
from teilhabe.concept.services._common import (
    ensure_same_body,
    fresh,
    in_body_language,
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
    "measure_motion_create",
    "report_submit",
]
