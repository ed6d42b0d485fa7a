"""From the AG to the Beirat and the Stadtrat: the interim report, the results the goals and
measures follow, the motion a measure becomes — unit by unit and end to end through the
council's own services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.concept import errors, services
from teilhabe.concept.models import (
    ConceptVersion,
    Decision,
    Goal,
    Measure,
    MeasureStatusChange,
    Status,
)
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.conftest import MEETING_DAY, MEETING_START
from teilhabe.core import history
from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord
from teilhabe.council import services as council
from teilhabe.council.models import AgendaItem, Consultation, Organization, Paper
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

Result = AgendaItem.Result


def _measure(scene, goals=(), **fields):
    return cf.MeasureFactory(action_field=scene.field, goals=list(goals), **fields)


def _submit(scene, goals, measures=(), **kwargs):
    values = {
        "version": scene.draft,
        "organization": scene.ag,
        "goals": goals,
        "measures": measures,
        "to": scene.beirat,
        "title": "Zwischenbericht der AG Integrationskonzept 2.0",
        "date": dt.date(2025, 6, 1),
        **kwargs,
    }
    return services.report_submit(**values)


def _item(organization, result="", start=MEETING_START):
    meeting = f.MeetingFactory(organization=organization, start=start)
    return f.AgendaItemFactory(meeting=meeting, result=result)


def _discuss(paper, item, role=Consultation.Role.PREPARE):
    """Staff put the paper on the agenda: a consultation under `item` (default role)."""
    return council.consultation_create(
        paper=paper, organization=item.meeting.organization, agenda_item=item, role=role
    )


def _reload(*rows):
    for row in rows:
        row.refresh_from_db()


# --- the interim report --------------------------------------------------------------------


def test_report_submit_creates_the_report_its_consultation_and_submits_goals_and_measures(
    scene,
):
    second = cf.GoalFactory(action_field=scene.field, number=2, title="Mehr Lehrkräfte")
    serving = _measure(scene, [scene.goal], number=4, title="Sprachcafé")
    alone = _measure(scene, number=5, title="Lesepaten")
    meeting = f.MeetingFactory(organization=scene.beirat, start=MEETING_START)
    report = _submit(scene, [scene.goal, second], [serving, alone], meeting=meeting)

    paper = report.paper
    assert (paper.paper_type, paper.name, paper.date, paper.body) == (
        Paper.Type.REPORT,
        "Zwischenbericht der AG Integrationskonzept 2.0",
        dt.date(2025, 6, 1),
        scene.body,
    )
    assert list(paper.originator_organizations.all()) == [scene.ag]
    assert paper.proposed_resolution == "\n".join(
        [
            "Beirat für Migration und Integration beschließt die folgenden Ziele und Maßnahmen "
            "des Integrationskonzepts „Integrationskonzept Musterstadt“ (Version 2.0):",
            "",
            "Handlungsfeld 1: Sprache und Bildung",
            "",
            "Ziel 1: Mehr Sprachkurse",
            "Begründung: Weil es nötig ist.",
            "Maßnahmen:",
            "– Maßnahme 4: Sprachcafé",
            "",
            "Ziel 2: Mehr Lehrkräfte",
            "Begründung: Weil es nötig ist.",
            "",
            "Weitere Maßnahmen:",
            "– Maßnahme 5: Lesepaten",
        ]
    )
    assert "AG Integrationskonzept 2.0" in paper.justification
    step = report.consultation
    assert (step.organization, step.meeting, step.role, step.authoritative) == (
        scene.beirat,
        meeting,
        Consultation.Role.DECIDE,
        True,
    )
    for part in (scene.goal, second, serving, alone):
        part.refresh_from_db()
        assert (part.decision, part.report, part.version) == (Decision.SUBMITTED, paper, 2)
        assert history.history_of(part).first().changes["decision"] == ["draft", "submitted"]
    with pytest.raises(ConflictError):  # an edit form opened before the report is stale
        services.goal_update(goal=scene.goal, expected_version=1, title="Alt")


def test_report_submit_may_name_the_agenda_item_staff_prepared(scene):
    item = _item(scene.beirat)
    report = _submit(scene, [scene.goal], agenda_item=item)
    assert (report.consultation.agenda_item, report.consultation.meeting) == (item, item.meeting)


def test_a_rejected_goal_may_be_submitted_again(scene):
    Goal.objects.filter(pk=scene.goal.pk).update(decision=Decision.REJECTED)
    report = _submit(scene, [scene.goal])
    scene.goal.refresh_from_db()
    assert (scene.goal.decision, scene.goal.report) == (Decision.SUBMITTED, report.paper)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"organization": "beirat"}, errors.NotAWorkingGroup),
        ({"organization": "other_ag"}, errors.ReportNotByDraftingGroup),
        ({"to": "ag"}, errors.InvalidAddressee),
        ({"goals": [], "measures": []}, errors.NothingToReport),
        ({"meeting": "stadtrat_meeting"}, errors.MeetingOfOtherOrganization),
        ({"goals": "other_version"}, errors.ReportPartNotOpen),
        ({"goals": "adopted"}, errors.ReportPartNotOpen),
        ({"goals": "deleted"}, errors.ReportPartNotOpen),
        ({"measures": "submitted"}, errors.ReportPartNotOpen),
        ({"to": "faction"}, errors.InvalidAddressee),
        ({"to": "foreign"}, errors.CrossBodyReference),
        ({"goals": "foreign"}, errors.CrossBodyReference),
    ],
)
def test_report_submit_refuses_and_writes_nothing(scene, foreign, change, error):
    faction = f.OrganizationFactory(body=scene.body, organization_type=Organization.Type.FRAKTION)
    named = {
        "beirat": scene.beirat,
        "other_ag": scene.other_ag,
        "ag": scene.ag,
        "faction": faction,
        "foreign": foreign.organization,
        "stadtrat_meeting": f.MeetingFactory(organization=scene.stadtrat),
        "other_version": [cf.GoalFactory(action_field__concept_version=scene.in_force)],
        "adopted": [cf.GoalFactory(action_field=scene.field, decision=Decision.ADOPTED)],
        "deleted": [cf.GoalFactory(action_field=scene.field, deleted=True)],
        "submitted": [_measure(scene, decision=Decision.SUBMITTED)],
    }
    kwargs = {
        name: named[value] if isinstance(value, str) and name != "goals" else value
        for name, value in change.items()
    }
    if change.get("goals") == "foreign":
        kwargs["goals"] = [foreign.goal]
    elif isinstance(change.get("goals"), str):
        kwargs["goals"] = named[change["goals"]]
    kwargs.setdefault("goals", [scene.goal])
    with pytest.raises(error):
        _submit(scene, **kwargs)
    assert not Paper.objects.filter(paper_type=Paper.Type.REPORT).exists()
    scene.goal.refresh_from_db()
    assert scene.goal.decision == Decision.DRAFT


def test_report_submit_refuses_a_superseded_version(scene):
    scene.draft.state = ConceptVersion.State.SUPERSEDED
    scene.draft.save()
    with pytest.raises(errors.VersionSuperseded):
        _submit(scene, [scene.goal])


# --- following the results -----------------------------------------------------------------


def test_an_adopted_report_adopts_its_goals_and_measures(scene):
    measure = _measure(scene, [scene.goal])
    report = _submit(scene, [scene.goal], [measure])
    item = _item(scene.beirat, Result.ADOPTED)
    _discuss(report.paper, item)
    services.follow_result(agenda_item=item)
    _reload(scene.goal, measure)
    for part in (scene.goal, measure):
        assert (part.decision, part.adopted_by, part.adopted_on, part.version) == (
            Decision.ADOPTED,
            item,
            MEETING_DAY,
            3,
        )
        changes = history.history_of(part).first().changes
        assert changes["decision"] == ["submitted", "adopted"]
        assert changes["adopted_by"] == [None, item.pk]
    assert measure.status == Status.PLANNED  # the decision, not the status, follows a report


def test_a_rejected_report_rejects_and_a_new_vote_adopts(scene):
    report = _submit(scene, [scene.goal])
    item = _item(scene.beirat, Result.REJECTED)
    _discuss(report.paper, item)
    services.follow_result(agenda_item=item)
    scene.goal.refresh_from_db()
    assert (scene.goal.decision, scene.goal.adopted_by) == (Decision.REJECTED, None)
    item.result = Result.ADOPTED
    services.follow_result(agenda_item=item)
    scene.goal.refresh_from_db()
    assert (scene.goal.decision, scene.goal.adopted_by) == (Decision.ADOPTED, item)
    records_before = ChangeRecord.objects.count()
    services.follow_result(agenda_item=item)  # the same result again changes nothing
    assert ChangeRecord.objects.count() == records_before


@pytest.mark.parametrize(
    "result", [Result.NOTED, Result.POSTPONED, Result.WITHDRAWN, Result.REFERRED, ""]
)
def test_other_results_change_nothing_and_cost_no_query(scene, result):
    report = _submit(scene, [scene.goal])
    item = _item(scene.beirat, result)
    _discuss(report.paper, item)
    with CaptureQueriesContext(connection) as queries:
        services.follow_result(agenda_item=item)
    assert len(queries) == 0
    scene.goal.refresh_from_db()
    assert scene.goal.decision == Decision.SUBMITTED


def test_an_item_without_a_paper_costs_one_query(scene):
    item = _item(scene.beirat, Result.ADOPTED)
    with CaptureQueriesContext(connection) as queries:
        services.follow_result(agenda_item=item)
    assert len(queries) == 1


def _count_follow(scene, goals, measures):
    field = cf.ActionFieldFactory(concept_version=scene.draft)
    parts = [cf.GoalFactory(action_field=field) for _ in range(goals)]
    plans = [cf.MeasureFactory(action_field=field, goals=parts[:1]) for _ in range(measures)]
    report = _submit(scene, parts, plans)
    item = _item(scene.beirat, Result.ADOPTED)
    _discuss(report.paper, item)
    with CaptureQueriesContext(connection) as queries:
        services.follow_result(agenda_item=item)
    assert Goal.objects.filter(pk__in=[g.pk for g in parts], decision=Decision.ADOPTED).count()
    return len(queries)


def test_following_a_result_costs_the_same_queries_for_few_and_many_goals(scene):
    for model in (Goal, Measure, MeasureStatusChange):
        ContentType.objects.get_for_model(model)
    few = _count_follow(scene, goals=1, measures=1)
    many = _count_follow(scene, goals=15, measures=12)
    assert few == many
    assert many <= 12


def test_a_preparing_organizations_result_is_not_the_decision(scene):
    """The Beirat decides the report; a committee recommending it does not adopt it."""
    committee = f.OrganizationFactory(
        body=scene.body, organization_type=Organization.Type.AUSSCHUSS
    )
    report = _submit(scene, [scene.goal])
    item = _item(committee, Result.ADOPTED)
    _discuss(report.paper, item, role=Consultation.Role.PREPARE)
    services.follow_result(agenda_item=item)
    scene.goal.refresh_from_db()
    assert scene.goal.decision == Decision.SUBMITTED


def test_goals_of_a_superseded_version_stay_as_they_were(scene):
    report = _submit(scene, [scene.goal])
    ConceptVersion.objects.filter(pk=scene.draft.pk).update(state=ConceptVersion.State.SUPERSEDED)
    item = _item(scene.beirat, Result.ADOPTED)
    _discuss(report.paper, item)
    services.follow_result(agenda_item=item)
    scene.goal.refresh_from_db()
    assert scene.goal.decision == Decision.SUBMITTED


# --- a measure becomes a motion to the Stadtrat --------------------------------------------


def _motion(scene, measure, **kwargs):
    values = {
        "measure": measure,
        "expected_version": measure.version,
        "by": scene.beirat,
        "to": scene.stadtrat,
        "date": dt.date(2025, 6, 2),
        **kwargs,
    }
    return services.measure_motion_create(**values)


def test_measure_motion_create_files_the_motion_along_its_path(scene):
    measure = _measure(
        scene,
        title="Dolmetscherpool",
        planned_cost=Decimal("12500.00"),
        funding_source="Landesprogramm",
        responsible_organization=scene.beirat,
    )
    to_meeting = f.MeetingFactory(organization=scene.stadtrat)
    paper = _motion(scene, measure, to_meeting=to_meeting)
    assert (paper.paper_type, paper.date, list(paper.originator_organizations.all())) == (
        Paper.Type.MOTION,
        dt.date(2025, 6, 2),
        [scene.beirat],
    )
    assert paper.name == "Maßnahme „Dolmetscherpool“ des Integrationskonzepts"
    assert paper.proposed_resolution.startswith(
        "Stadtrat beschließt die Maßnahme „Dolmetscherpool“ aus dem Handlungsfeld "
        "„Sprache und Bildung“"
    )
    assert "Geplante Kosten: 12.500,00 €" in paper.proposed_resolution
    assert "Finanzierung: Landesprogramm" in paper.proposed_resolution
    steps = list(paper.consultations.order_by("order"))
    assert [(s.organization, s.meeting, s.role, s.authoritative) for s in steps] == [
        (scene.beirat, None, Consultation.Role.PREPARE, False),
        (scene.stadtrat, to_meeting, Consultation.Role.DECIDE, True),
    ]
    measure.refresh_from_db()
    assert (measure.motion, measure.version) == (paper, 2)
    assert history.history_of(measure).first().changes["motion"] == [None, paper.pk]


def test_measure_motion_create_refuses(scene, foreign):
    measure = _measure(scene)
    faction = f.OrganizationFactory(body=scene.body, organization_type=Organization.Type.FRAKTION)
    with pytest.raises(errors.InvalidAddressee):
        _motion(scene, measure, to=scene.beirat)
    with pytest.raises(errors.InvalidAddressee) as caught:
        _motion(scene, measure, by=faction)
    assert caught.value.field == "by"
    with pytest.raises(errors.MeetingOfOtherOrganization) as caught:
        _motion(scene, measure, to_meeting=f.MeetingFactory(organization=scene.beirat))
    assert caught.value.field == "to_meeting"
    with pytest.raises(errors.MeetingOfOtherOrganization) as caught:
        _motion(scene, measure, by_meeting=f.MeetingFactory(organization=scene.stadtrat))
    assert caught.value.field == "by_meeting"
    with pytest.raises(errors.CrossBodyReference):
        _motion(scene, measure, to=foreign.organization)
    with pytest.raises(ConflictError):
        _motion(scene, measure, expected_version=5)
    motions = Paper.objects.filter(body=scene.body, paper_type=Paper.Type.MOTION)
    assert not motions.exists()
    _motion(scene, measure)
    measure.refresh_from_db()
    with pytest.raises(errors.MotionExists):
        _motion(scene, measure)
    assert motions.count() == 1


def _filed(scene, status=Status.PLANNED, since=dt.date(2025, 1, 1)):
    measure = services.measure_create(
        concept_version=scene.draft,
        action_field=scene.field,
        title="Dolmetscherpool",
        status=status,
        status_since=since,
    )
    paper = _motion(scene, measure)
    measure.refresh_from_db()
    return measure, paper


def test_the_stadtrat_adopting_the_motion_starts_the_preparation(scene):
    measure, paper = _filed(scene)
    item = _item(scene.stadtrat, Result.ADOPTED)
    _discuss(paper, item)
    services.follow_result(agenda_item=item)
    measure.refresh_from_db()
    assert (measure.status, measure.status_since) == (Status.PREPARING, MEETING_DAY)
    change = measure.status_changes.order_by("pk").last()
    assert (change.status, change.date, change.resolution, change.note) == (
        Status.PREPARING,
        MEETING_DAY,
        item,
        "Stadtrat hat den Antrag angenommen.",
    )
    assert history.history_of(change).get().action == ChangeRecord.Action.CREATE
    assert history.history_of(measure).first().changes["status"] == ["planned", "preparing"]


def test_an_adopted_motion_leaves_a_measure_already_under_way_alone(scene):
    measure, paper = _filed(scene, status=Status.IN_PROGRESS)
    item = _item(scene.stadtrat, Result.ADOPTED)
    _discuss(paper, item)
    services.follow_result(agenda_item=item)
    measure.refresh_from_db()
    assert (measure.status, measure.status_changes.count()) == (Status.IN_PROGRESS, 1)


def test_a_rejected_motion_drops_the_measure_and_a_new_vote_brings_it_back(scene):
    measure, paper = _filed(scene)
    item = _item(scene.stadtrat, Result.REJECTED)
    _discuss(paper, item)
    services.follow_result(agenda_item=item)
    measure.refresh_from_db()
    assert (measure.status, measure.status_since) == (Status.DROPPED, MEETING_DAY)
    item.result = Result.ADOPTED  # the vote is taken anew
    services.follow_result(agenda_item=item)
    measure.refresh_from_db()
    assert measure.status == Status.PREPARING
    assert [c.status for c in measure.status_changes.order_by("pk")] == [
        Status.PLANNED,
        Status.DROPPED,
        Status.PREPARING,
    ]


def test_a_status_change_after_the_meeting_day_dates_the_following_change_on_it(scene):
    """The history stays in order: a change entered for a later day than the meeting moves
    the change the resolution makes to that day."""
    later = MEETING_DAY + dt.timedelta(days=5)
    measure, paper = _filed(scene, since=later)
    item = _item(scene.stadtrat, Result.REJECTED)
    _discuss(paper, item)
    services.follow_result(agenda_item=item)
    measure.refresh_from_db()
    assert (measure.status, measure.status_since) == (Status.DROPPED, later)
    assert measure.status_changes.order_by("pk").last().date == later


def test_the_beirats_result_on_the_motion_does_not_move_the_measure(scene):
    measure, paper = _filed(scene)
    item = _item(scene.beirat, Result.REJECTED)
    _discuss(paper, item)
    services.follow_result(agenda_item=item)
    measure.refresh_from_db()
    assert measure.status == Status.PLANNED


def test_the_end_of_the_path_decides_when_it_is_not_the_stadtrat(scene):
    """A motion sent to another organization is decided by that organization."""
    committee = f.OrganizationFactory(
        body=scene.body, organization_type=Organization.Type.AUSSCHUSS
    )
    measure = _measure(scene, status=Status.PLANNED)
    paper = _motion(scene, measure, to=committee)
    item = _item(committee, Result.REJECTED)
    _discuss(paper, item)
    services.follow_result(agenda_item=item)
    measure.refresh_from_db()
    assert measure.status == Status.DROPPED


def test_a_paper_whose_path_names_no_decision_is_decided_at_its_end(scene):
    report = f.PaperFactory(body=scene.body, paper_type=Paper.Type.REPORT)
    goal = cf.GoalFactory(action_field=scene.field, decision=Decision.SUBMITTED, report=report)
    item = _item(scene.beirat, Result.ADOPTED)
    _discuss(report, item, role=Consultation.Role.PREPARE)
    services.follow_result(agenda_item=item)
    goal.refresh_from_db()
    assert (goal.decision, goal.adopted_by) == (Decision.ADOPTED, item)


# --- end to end, through the council's own services ----------------------------------------


def test_a_beirat_vote_on_the_report_adopts_the_goals(scene):
    meeting = f.MeetingFactory(organization=scene.beirat, start=MEETING_START)
    measure = _measure(scene, [scene.goal])
    report = _submit(scene, [scene.goal], [measure], meeting=meeting)
    item = council.agenda_item_create(meeting=meeting, name=report.paper.name, public=False)
    _discuss(report.paper, item)
    council.vote_record(agenda_item=item, yes=9, no=2, abstain=1)
    _reload(scene.goal, measure)
    assert (scene.goal.decision, scene.goal.adopted_by, scene.goal.adopted_on) == (
        Decision.ADOPTED,
        item,
        MEETING_DAY,
    )
    assert measure.decision == Decision.ADOPTED
    council.vote_record(agenda_item=item, yes=2, no=9, abstain=0)  # counted again
    scene.goal.refresh_from_db()
    assert scene.goal.decision == Decision.REJECTED


def test_a_result_typed_into_the_items_form_is_followed_too(scene):
    """Staff may enter a result in the agenda item's own form instead of the desk."""
    meeting = f.MeetingFactory(organization=scene.beirat, start=MEETING_START)
    report = _submit(scene, [scene.goal], meeting=meeting)
    item = council.agenda_item_create(meeting=meeting, name=report.paper.name, public=False)
    _discuss(report.paper, item)
    council.agenda_item_update(
        agenda_item=item, expected_version=item.version, result=Result.ADOPTED
    )
    scene.goal.refresh_from_db()
    assert (scene.goal.decision, scene.goal.adopted_by_id) == (Decision.ADOPTED, item.pk)


def test_a_postponed_report_changes_nothing(scene):
    meeting = f.MeetingFactory(organization=scene.beirat, start=MEETING_START)
    report = _submit(scene, [scene.goal], meeting=meeting)
    item = council.agenda_item_create(meeting=meeting, name=report.paper.name)
    _discuss(report.paper, item)
    council.agenda_item_conclude(
        agenda_item=item, expected_version=item.version, outcome=Result.POSTPONED
    )
    scene.goal.refresh_from_db()
    assert (scene.goal.decision, scene.goal.adopted_by, scene.goal.version) == (
        Decision.SUBMITTED,
        None,
        2,
    )


def test_the_stadtrat_rejecting_the_motion_drops_the_measure(scene):
    stadtrat_meeting = f.MeetingFactory(organization=scene.stadtrat, start=MEETING_START)
    measure, _paper = _filed(scene)
    paper = Paper.objects.get(pk=measure.motion_id)
    # The motion was filed without the Stadtrat's meeting; staff put it on that agenda.
    item = council.motion_put_on_agenda(
        paper=paper, public=True, expected_version=paper.version, meeting=stadtrat_meeting
    )
    council.vote_record(agenda_item=item, yes=10, no=25, abstain=3)
    measure.refresh_from_db()
    assert (measure.status, measure.status_since) == (Status.DROPPED, MEETING_DAY)
    change = measure.status_changes.order_by("pk").last()
    assert (change.status, change.resolution, change.date) == (Status.DROPPED, item, MEETING_DAY)
    assert change.note == "Stadtrat hat den Antrag abgelehnt."


def test_a_failing_listener_takes_the_result_back_with_it(scene, monkeypatch):
    """The concept writes in the council's transaction: they stand or fall together."""
    meeting = f.MeetingFactory(organization=scene.beirat, start=MEETING_START)
    report = _submit(scene, [scene.goal], meeting=meeting)
    item = council.agenda_item_create(meeting=meeting, name=report.paper.name)
    _discuss(report.paper, item)

    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr("teilhabe.concept.services.following.write_records", broken)
    with pytest.raises(RuntimeError):
        council.vote_record(agenda_item=item, yes=9, no=2, abstain=1)
    item.refresh_from_db()
    scene.goal.refresh_from_db()
    assert (item.result, scene.goal.decision) == ("", Decision.SUBMITTED)
