"""Concepts and versions: draft, deliberation, adoption, revision — and every refusal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from teilhabe.concept import errors, services
from teilhabe.concept.models import (
    ActionField,
    Concept,
    ConceptVersion,
    Decision,
    Goal,
    Measure,
    MeasureStatusChange,
    Status,
)
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.conftest import MEETING_DAY, MEETING_START, resolution
from teilhabe.core import history
from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord
from teilhabe.council import errors as council_errors
from teilhabe.council.models import AgendaItem
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

State = ConceptVersion.State
SOURCE = "https://ris.example.org/oparl/v1/body/1"


# --- concepts ------------------------------------------------------------------------------


def test_concept_create_and_update_are_recorded(scene):
    concept = services.concept_create(body=scene.body, title="Konzept", description="Text")
    created = history.history_of(concept).get()
    assert created.action == ChangeRecord.Action.CREATE
    assert created.changes["title"] == [None, "Konzept"]
    services.concept_update(concept=concept, expected_version=1, title="Konzept 2")
    concept.refresh_from_db()
    assert (concept.title, concept.version) == ("Konzept 2", 2)
    latest = history.history_of(concept).first()
    assert latest.changes == {"title": ["Konzept", "Konzept 2"]}


def test_concept_update_on_stale_version_overwrites_nothing(scene):
    services.concept_update(concept=scene.concept, expected_version=1, title="Erste Fassung")
    with pytest.raises(ConflictError):
        services.concept_update(concept=scene.concept, expected_version=1, title="Zweite")
    scene.concept.refresh_from_db()
    assert (scene.concept.title, scene.concept.version) == ("Erste Fassung", 2)


def test_a_body_imported_from_oparl_is_read_only():
    body = f.BodyFactory(oparl_source=SOURCE)
    with pytest.raises(council_errors.ImportedBodyReadOnly):
        services.concept_create(body=body, title="Konzept")
    version = cf.ConceptVersionFactory(concept__body=body, state=State.DRAFT)
    with pytest.raises(council_errors.ImportedBodyReadOnly):
        services.action_field_create(concept_version=version, title="Handlungsfeld")
    assert not Concept.objects.filter(body=body, title="Konzept").exists()
    assert not ActionField.objects.filter(body=body).exists()


def test_the_shared_errors_are_the_councils():
    """Callers catch one CrossBodyReference, wherever it was raised."""
    assert errors.CrossBodyReference is council_errors.CrossBodyReference
    assert errors.ImportedBodyReadOnly is council_errors.ImportedBodyReadOnly


# --- versions ------------------------------------------------------------------------------


def test_version_create_starts_a_draft_drafted_by_an_ag(scene):
    version = services.version_create(
        concept=scene.concept,
        number="3.0",
        title="Integrationskonzept 3.0",
        summary="Kurz",
        drafted_by=scene.ag,
    )
    assert (version.state, version.drafted_by, version.body) == (State.DRAFT, scene.ag, scene.body)
    record = history.history_of(version).get()
    assert record.changes["number"] == [None, "3.0"]
    assert record.changes["state"] == [None, "draft"]


def test_version_create_refuses_what_is_not_an_ag_of_the_body(scene, foreign):
    with pytest.raises(errors.NotAWorkingGroup) as caught:
        services.version_create(concept=scene.concept, number="3.0", drafted_by=scene.beirat)
    assert caught.value.field == "drafted_by"
    with pytest.raises(errors.CrossBodyReference) as caught:
        services.version_create(concept=scene.concept, number="3.0", drafted_by=foreign.ag)
    assert caught.value.field == "drafted_by"
    assert not ConceptVersion.objects.filter(number="3.0").exists()


def test_version_numbers_are_unique_per_concept(scene):
    with pytest.raises(errors.DuplicateVersionNumber) as caught:
        services.version_create(concept=scene.concept, number="2.0")
    assert caught.value.field == "number"
    other = cf.ConceptFactory(body=scene.body)
    assert services.version_create(concept=other, number="2.0").number == "2.0"
    with pytest.raises(errors.DuplicateVersionNumber):
        services.version_update(version=scene.draft, expected_version=1, number="1.0")


def test_version_update_changes_texts_and_ag_and_refuses_stale_or_superseded(scene):
    services.version_update(
        version=scene.draft, expected_version=1, title="Neu", drafted_by=scene.other_ag
    )
    scene.draft.refresh_from_db()
    assert (scene.draft.title, scene.draft.drafted_by, scene.draft.version) == (
        "Neu",
        scene.other_ag,
        2,
    )
    assert history.history_of(scene.draft).first().changes["title"][1] == "Neu"
    with pytest.raises(ConflictError):
        services.version_update(version=scene.draft, expected_version=1, title="Alt")
    with pytest.raises(errors.NotAWorkingGroup):
        services.version_update(version=scene.draft, expected_version=2, drafted_by=scene.beirat)
    old = cf.ConceptVersionFactory(concept=scene.concept, state=State.SUPERSEDED)
    with pytest.raises(errors.VersionSuperseded):
        services.version_update(version=old, expected_version=1, title="Geschichte")


def test_version_submit_moves_a_draft_into_deliberation(scene):
    services.version_submit(version=scene.draft, expected_version=1)
    scene.draft.refresh_from_db()
    assert scene.draft.state == State.DELIBERATION
    assert history.history_of(scene.draft).first().changes == {"state": ["draft", "deliberation"]}
    with pytest.raises(errors.VersionNotDraft):
        services.version_submit(version=scene.draft, expected_version=2)
    with pytest.raises(errors.VersionNotDraft):
        services.version_submit(version=scene.in_force, expected_version=1)


def test_version_submit_on_stale_version_is_a_conflict(scene):
    services.version_update(version=scene.draft, expected_version=1, title="Neu")
    with pytest.raises(ConflictError):
        services.version_submit(version=scene.draft, expected_version=1)
    scene.draft.refresh_from_db()
    assert scene.draft.state == State.DRAFT


def _deliberating(scene):
    services.version_submit(version=scene.draft, expected_version=1)
    scene.draft.refresh_from_db()
    return scene.draft


def test_version_adopt_puts_it_in_force_and_supersedes_the_one_before(scene):
    version = _deliberating(scene)
    beirat = resolution(scene.beirat)
    stadtrat = resolution(scene.stadtrat)
    services.version_adopt(
        version=version,
        expected_version=2,
        resolutions=[beirat, stadtrat],
        adopted_on=dt.date(2025, 7, 1),
    )
    version.refresh_from_db()
    scene.in_force.refresh_from_db()
    assert (version.state, version.adopted_on, version.in_force_from) == (
        State.IN_FORCE,
        dt.date(2025, 7, 1),
        dt.date(2025, 7, 1),
    )
    assert set(version.resolutions.all()) == {beirat, stadtrat}
    assert scene.in_force.state == State.SUPERSEDED
    assert scene.in_force.in_force_until == dt.date(2025, 6, 30)
    assert history.history_of(scene.in_force).first().changes["state"] == [
        "in_force",
        "superseded",
    ]
    links = history.history_of(version).filter(changes__has_key="resolutions").get()
    assert links.changes["resolutions"][0] == []
    assert ConceptVersion.objects.filter(concept=scene.concept, state=State.IN_FORCE).count() == 1


def test_adopting_a_version_adopts_its_undecided_goals_and_measures_by_the_last_resolution(
    scene,
):
    """A carried-over or draft goal is adopted with the concept as a whole; one the Beirat
    rejected stays rejected."""
    field = cf.ActionFieldFactory(concept_version=scene.draft)
    draft_goal = cf.GoalFactory(action_field=field)
    rejected = cf.GoalFactory(action_field=field, decision=Decision.REJECTED)
    measure = cf.MeasureFactory(action_field=field, decision=Decision.SUBMITTED)
    version = _deliberating(scene)
    beirat = resolution(scene.beirat, start=MEETING_START)
    stadtrat = resolution(scene.stadtrat, start=MEETING_START + dt.timedelta(days=14))
    services.version_adopt(
        version=version,
        expected_version=2,
        resolutions=[stadtrat, beirat],
        adopted_on=dt.date(2025, 8, 1),
    )
    for row in (draft_goal, rejected, measure):
        row.refresh_from_db()
    assert (draft_goal.decision, draft_goal.adopted_by, measure.adopted_by) == (
        Decision.ADOPTED,
        stadtrat,
        stadtrat,
    )
    assert draft_goal.adopted_on == timezone.localtime(stadtrat.meeting.start).date()
    assert (rejected.decision, rejected.adopted_by) == (Decision.REJECTED, None)
    assert history.history_of(measure).first().changes["decision"] == ["submitted", "adopted"]


def test_version_adopt_supersedes_any_version_in_force_and_may_start_later(scene):
    """Not only the predecessor: whichever version of the concept is in force."""
    first = services.version_create(concept=scene.concept, number="1.5")
    services.version_submit(version=first, expected_version=1)
    services.version_adopt(
        version=first,
        expected_version=2,
        resolutions=[resolution(scene.beirat)],
        adopted_on=MEETING_DAY,
        in_force_from=dt.date(2026, 1, 1),
    )
    first.refresh_from_db()
    scene.in_force.refresh_from_db()
    assert first.in_force_from == dt.date(2026, 1, 1)
    assert scene.in_force.in_force_until == dt.date(2025, 12, 31)


def test_a_version_adopted_by_a_rejected_resolution_is_refused_with_a_clear_message(scene):
    version = _deliberating(scene)
    rejected = resolution(scene.beirat, result=AgendaItem.Result.REJECTED, name="Konzept 2.0")
    with pytest.raises(errors.ResolutionNotAdopted) as caught:
        services.version_adopt(
            version=version, expected_version=2, resolutions=[rejected], adopted_on=MEETING_DAY
        )
    assert caught.value.message == (
        f"Der Beschluss „{rejected}“ wurde abgelehnt; damit kann nichts beschlossen werden."
    )
    assert caught.value.field == "resolutions"
    version.refresh_from_db()
    scene.in_force.refresh_from_db()
    assert (version.state, scene.in_force.state) == (State.DELIBERATION, State.IN_FORCE)


@pytest.mark.parametrize("result", [AgendaItem.Result.POSTPONED, AgendaItem.Result.NOTED, ""])
def test_a_version_is_not_adopted_by_an_item_without_an_adopting_result(scene, result):
    version = _deliberating(scene)
    item = resolution(scene.beirat, result=result)
    with pytest.raises(errors.ResolutionNotAdopted) as caught:
        services.version_adopt(
            version=version, expected_version=2, resolutions=[item], adopted_on=MEETING_DAY
        )
    assert "kein Beschluss" in caught.value.message


def test_version_adopt_refuses_what_does_not_add_up(scene, foreign):
    version = _deliberating(scene)
    item = resolution(scene.beirat)
    with pytest.raises(errors.ResolutionRequired):
        services.version_adopt(
            version=version, expected_version=2, resolutions=[], adopted_on=MEETING_DAY
        )
    with pytest.raises(errors.CrossBodyReference):
        services.version_adopt(
            version=version,
            expected_version=2,
            resolutions=[foreign.resolution],
            adopted_on=MEETING_DAY,
        )
    with pytest.raises(errors.AdoptedBeforeResolution) as caught:
        services.version_adopt(
            version=version,
            expected_version=2,
            resolutions=[item],
            adopted_on=MEETING_DAY - dt.timedelta(days=1),
        )
    assert "23.06.2025" in caught.value.message
    with pytest.raises(errors.AdoptedBeforeResolution) as caught:
        services.version_adopt(
            version=version,
            expected_version=2,
            resolutions=[item],
            adopted_on=MEETING_DAY,
            in_force_from=MEETING_DAY - dt.timedelta(days=1),
        )
    assert caught.value.field == "in_force_from"
    with pytest.raises(ConflictError):
        services.version_adopt(
            version=version, expected_version=1, resolutions=[item], adopted_on=MEETING_DAY
        )
    with pytest.raises(errors.VersionNotInDeliberation):
        services.version_adopt(
            version=scene.in_force, expected_version=1, resolutions=[item], adopted_on=MEETING_DAY
        )


def test_a_new_version_cannot_come_into_force_before_the_one_it_supersedes(scene):
    version = _deliberating(scene)
    scene.in_force.in_force_from = dt.date(2030, 1, 1)
    scene.in_force.save()
    with pytest.raises(errors.InForceBeforePredecessor) as caught:
        services.version_adopt(
            version=version,
            expected_version=2,
            resolutions=[resolution(scene.beirat)],
            adopted_on=MEETING_DAY,
        )
    assert "01.01.2030" in caught.value.message
    scene.in_force.refresh_from_db()
    assert scene.in_force.state == State.IN_FORCE


def test_a_resolution_of_an_imported_stadtrat_may_adopt_a_version(scene):
    """The Stadtrat's resolutions may come from its council information system."""
    imported = f.BodyFactory(oparl_source=SOURCE)
    item = resolution(f.OrganizationFactory(body=imported))
    version = _deliberating(scene)
    services.version_adopt(
        version=version, expected_version=2, resolutions=[item], adopted_on=MEETING_DAY
    )
    assert list(version.resolutions.all()) == [item]


# --- revision (Fortschreibung) -------------------------------------------------------------


@pytest.fixture
def rich(scene):
    """The version in force with fields, goals, measures, links and a status history."""
    version = scene.in_force
    language = cf.ActionFieldFactory(concept_version=version, number=1, weight=Decimal("2.00"))
    work = cf.ActionFieldFactory(concept_version=version, number=2)
    courses = cf.GoalFactory(action_field=language, decision=Decision.ADOPTED, priority=1)
    jobs = cf.GoalFactory(action_field=work, decision=Decision.ADOPTED)
    gone = cf.GoalFactory(action_field=work, deleted=True)
    item = resolution(scene.stadtrat)
    paper = f.PaperFactory(body=scene.body)
    measure = cf.MeasureFactory(
        action_field=language,
        goals=[courses, jobs, gone],
        status=Status.IN_PROGRESS,
        status_since=dt.date(2024, 5, 1),
        progress=40,
        planned_cost=Decimal("1500.00"),
        actual_cost=Decimal("600.50"),
        decision=Decision.ADOPTED,
        adopted_by=item,
        speaker="N.N.",
    )
    measure.papers.set([paper])
    measure.resolutions.set([item])
    for status, day in (
        (Status.PLANNED, dt.date(2023, 1, 1)),
        (Status.IN_PROGRESS, dt.date(2024, 5, 1)),
    ):
        MeasureStatusChange.objects.create(
            body=scene.body, measure=measure, status=status, date=day, resolution=item
        )
    dropped = cf.MeasureFactory(action_field=work, deleted=True)
    return {
        "fields": (language, work),
        "goals": (courses, jobs, gone),
        "measure": measure,
        "dropped": dropped,
        "paper": paper,
        "item": item,
    }


def _no_draft(scene):
    """The scene's draft 2.0 would be a revision in progress: it is deleted."""
    ConceptVersion.objects.filter(pk=scene.draft.pk).update(deleted=True)


def test_version_revise_carries_everything_alive_forward(scene, rich):
    _no_draft(scene)
    revision = services.version_revise(
        version=scene.in_force, number="3.0", title="Fortschreibung", drafted_by=scene.ag
    )
    assert (revision.state, revision.predecessor, revision.drafted_by) == (
        State.DRAFT,
        scene.in_force,
        scene.ag,
    )
    language, work = rich["fields"]
    courses, jobs, _gone = rich["goals"]
    fields = {f.carried_from_id: f for f in ActionField.objects.filter(concept_version=revision)}
    assert set(fields) == {language.pk, work.pk}
    assert fields[language.pk].lineage == language.lineage
    assert fields[language.pk].weight == Decimal("2.00")
    goals = {g.carried_from_id: g for g in Goal.objects.filter(concept_version=revision)}
    assert set(goals) == {courses.pk, jobs.pk}  # the deleted goal stays behind
    assert goals[courses.pk].lineage == courses.lineage
    assert goals[courses.pk].action_field == fields[language.pk]
    assert goals[jobs.pk].action_field == fields[work.pk]
    assert goals[courses.pk].decision == Decision.DRAFT
    assert goals[courses.pk].priority == 1

    copy = Measure.objects.get(concept_version=revision)
    original = rich["measure"]
    assert (copy.carried_from, copy.lineage) == (original, original.lineage)
    assert copy.action_field == fields[language.pk]
    assert set(copy.goals.all()) == {goals[courses.pk], goals[jobs.pk]}
    assert list(copy.papers.all()) == [rich["paper"]]
    assert list(copy.resolutions.all()) == [rich["item"]]
    assert (copy.status, copy.status_since, copy.progress) == (
        Status.IN_PROGRESS,
        dt.date(2024, 5, 1),
        40,
    )
    assert (copy.planned_cost, copy.actual_cost, copy.speaker) == (
        Decimal("1500.00"),
        Decimal("600.50"),
        "N.N.",
    )
    assert (copy.decision, copy.adopted_by, copy.report) == (Decision.DRAFT, None, None)
    assert [(c.status, c.date) for c in copy.status_changes.order_by("date")] == [
        (Status.PLANNED, dt.date(2023, 1, 1)),
        (Status.IN_PROGRESS, dt.date(2024, 5, 1)),
    ]
    # the originals are untouched
    original.refresh_from_db()
    assert (original.decision, original.concept_version) == (Decision.ADOPTED, scene.in_force)
    assert set(original.goals.all()) == set(rich["goals"])
    # every copy is recorded as created
    for record in (revision, fields[work.pk], goals[jobs.pk], copy):
        assert history.history_of(record).get().action == ChangeRecord.Action.CREATE
    assert history.history_of(copy).get().changes["carried_from"] == [None, original.pk]


def test_version_revise_refuses_a_version_not_in_force_or_a_second_revision(scene, rich):
    with pytest.raises(errors.RevisionInProgress) as caught:
        services.version_revise(version=scene.in_force, number="3.0")
    assert "2.0" in caught.value.message
    with pytest.raises(errors.VersionNotInForce):
        services.version_revise(version=scene.draft, number="3.0")
    assert not ConceptVersion.objects.filter(number="3.0").exists()


def test_version_revise_refuses_a_duplicate_number_or_a_non_ag(scene, rich):
    _no_draft(scene)
    with pytest.raises(errors.DuplicateVersionNumber):
        services.version_revise(version=scene.in_force, number="1.0")
    with pytest.raises(errors.NotAWorkingGroup):
        services.version_revise(version=scene.in_force, number="3.0", drafted_by=scene.stadtrat)


def test_nothing_changes_in_a_superseded_version(scene):
    old = cf.ConceptVersionFactory(concept=scene.concept, state=State.SUPERSEDED)
    field = cf.ActionFieldFactory(concept_version=old)
    with pytest.raises(errors.VersionSuperseded):
        services.action_field_create(concept_version=old, title="Neu")
    with pytest.raises(errors.VersionSuperseded):
        services.goal_create(concept_version=old, action_field=field, title="Neu")
    with pytest.raises(errors.VersionSuperseded):
        services.measure_create(concept_version=old, action_field=field, title="Neu")


def test_model_validation_still_applies(scene):
    with pytest.raises(ValidationError):
        services.concept_create(body=scene.body, title="")


# --- a body imported from OParl ------------------------------------------------------------


def _imported_scene():
    """A concept of a body imported from OParl, built without the services."""
    body = f.BodyFactory(oparl_source=SOURCE)
    ag = f.OrganizationFactory(body=body, organization_type="arbeitsgruppe")
    beirat = f.OrganizationFactory(body=body)
    stadtrat = f.OrganizationFactory(body=body, organization_type="stadtrat")
    in_force = cf.ConceptVersionFactory(concept__body=body, state=State.IN_FORCE)
    draft = cf.ConceptVersionFactory(concept=in_force.concept, state=State.DRAFT, drafted_by=ag)
    deliberation = cf.ConceptVersionFactory(concept=in_force.concept, state=State.DELIBERATION)
    field = cf.ActionFieldFactory(concept_version=draft)
    return {
        "body": body,
        "ag": ag,
        "beirat": beirat,
        "stadtrat": stadtrat,
        "concept": in_force.concept,
        "in_force": in_force,
        "draft": draft,
        "deliberation": deliberation,
        "field": field,
        "empty_field": cf.ActionFieldFactory(concept_version=draft),
        "goal": cf.GoalFactory(action_field=field),
        "measure": cf.MeasureFactory(action_field=field),
        "item": resolution(beirat),
    }


WRITES = {
    "concept_update": lambda s: services.concept_update(
        concept=s["concept"], expected_version=1, title="x"
    ),
    "version_create": lambda s: services.version_create(concept=s["concept"], number="9"),
    "version_update": lambda s: services.version_update(
        version=s["draft"], expected_version=1, title="x"
    ),
    "version_submit": lambda s: services.version_submit(version=s["draft"], expected_version=1),
    "version_adopt": lambda s: services.version_adopt(
        version=s["deliberation"],
        expected_version=1,
        resolutions=[s["item"]],
        adopted_on=MEETING_DAY,
    ),
    "version_revise": lambda s: services.version_revise(version=s["in_force"], number="9"),
    "action_field_update": lambda s: services.action_field_update(
        action_field=s["field"], expected_version=1, title="x"
    ),
    "action_field_delete": lambda s: services.action_field_delete(
        action_field=s["empty_field"], expected_version=1
    ),
    "goal_create": lambda s: services.goal_create(
        concept_version=s["draft"], action_field=s["field"], title="x"
    ),
    "goal_update": lambda s: services.goal_update(goal=s["goal"], expected_version=1, title="x"),
    "goal_delete": lambda s: services.goal_delete(goal=s["goal"], expected_version=1),
    "goal_adopt": lambda s: services.goal_adopt(
        goal=s["goal"], expected_version=1, resolution=s["item"]
    ),
    "measure_create": lambda s: services.measure_create(
        concept_version=s["draft"], action_field=s["field"], title="x"
    ),
    "measure_update": lambda s: services.measure_update(
        measure=s["measure"], expected_version=1, title="x"
    ),
    "measure_delete": lambda s: services.measure_delete(measure=s["measure"], expected_version=1),
    "measure_status_set": lambda s: services.measure_status_set(
        measure=s["measure"], expected_version=1, status=Status.DONE, date=MEETING_DAY
    ),
    "report_submit": lambda s: services.report_submit(
        version=s["draft"],
        organization=s["ag"],
        goals=[s["goal"]],
        to=s["beirat"],
        title="Bericht",
        date=MEETING_DAY,
    ),
    "measure_motion_create": lambda s: services.measure_motion_create(
        measure=s["measure"], expected_version=1, by=s["beirat"], to=s["stadtrat"]
    ),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_refuses_a_body_imported_from_oparl(write):
    scene = _imported_scene()
    records = ChangeRecord.objects.count()
    with pytest.raises(council_errors.ImportedBodyReadOnly):
        WRITES[write](scene)
    assert ChangeRecord.objects.count() == records


def test_the_writes_of_the_truth_table_work_on_a_body_made_here():
    """The same calls succeed when the body is not imported (the table can fail)."""
    for write in sorted(WRITES):
        scene = _imported_scene()
        type(scene["body"]).objects.filter(pk=scene["body"].pk).update(oparl_source="")
        scene["body"].refresh_from_db()
        if write == "version_revise":
            ConceptVersion.objects.filter(
                state__in=[State.DRAFT, State.DELIBERATION], concept=scene["concept"]
            ).update(deleted=True)
        WRITES[write](scene)
