"""The edit pages of a field of action, a goal and a measure: versioned saves (a stale
form shows the conflict and overwrites nothing), the measure's status with its history,
and its motion to the Stadtrat."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from teilhabe.concept import services
from teilhabe.concept.models import Goal, Measure, MeasureStatusChange, Status
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.conftest import resolution
from teilhabe.concept.tests.staff_people import build_people, logged_in, text_of, url
from teilhabe.council.models import Consultation, Organization, Paper
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(scene):
    scene.people = build_people(scene)
    return scene.people


@pytest.fixture
def staff(client, scene, people):
    return logged_in(client, people["staff"])


@pytest.fixture
def ag(client, scene, people):
    return logged_in(client, people["ag_member"])


@pytest.fixture
def measure(scene):
    return services.measure_create(
        concept_version=scene.draft,
        action_field=scene.field,
        title="Sprachcafé",
        goals=[scene.goal],
        status_since=dt.date(2026, 1, 10),
    )


def _goal_data(scene, goal, **changes):
    data = {
        "action_field": scene.field.pk,
        "number": goal.number,
        "title": goal.title,
        "justification": goal.justification,
        "priority": "",
        "origin": goal.origin,
        "origin_organization": "",
        "weight": "",
        "version": goal.version,
    }
    return {**data, **changes}


def test_goal_edit_saves_and_a_stale_form_overwrites_nothing(ag, scene):
    edit = url(scene, "goal_edit", pk=scene.goal.pk)
    page = ag.get(edit)
    assert 'name="version"' in page.content.decode()
    seen = scene.goal.version
    response = ag.post(edit, _goal_data(scene, scene.goal, priority="1", weight="2,5"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#ziel-{scene.goal.pk}")
    scene.goal.refresh_from_db()
    assert (scene.goal.priority, scene.goal.weight) == (1, Decimal("2.50"))
    response = ag.post(edit, _goal_data(scene, scene.goal, title="Überholt", version=seen))
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in text_of(response)
    scene.goal.refresh_from_db()
    assert scene.goal.title == "Mehr Sprachkurse"


def test_goal_weight_and_priority_refusals_are_messages_at_the_field(ag, scene):
    edit = url(scene, "goal_edit", pk=scene.goal.pk)
    response = ag.post(edit, _goal_data(scene, scene.goal, weight="0"))
    assert response.status_code == 200
    assert 'id="id_weight_error"' in response.content.decode()
    assert "Das Gewicht ist eine Zahl größer als 0" in text_of(response)
    response = ag.post(edit, _goal_data(scene, scene.goal, priority="hoch"))
    assert 'id="id_priority_error"' in response.content.decode()
    assert "Die Priorität ist eine ganze Zahl ab 1" in text_of(response)


def test_action_field_edit(staff, scene):
    response = staff.post(
        url(scene, "action_field_edit", pk=scene.field.pk),
        {"number": "3", "title": "Sprache", "description": "", "weight": "", "version": 1},
    )
    assert response.status_code == 302
    scene.field.refresh_from_db()
    assert (scene.field.number, scene.field.title) == (3, "Sprache")


def _measure_data(scene, measure, **changes):
    data = {
        "action_field": scene.field.pk,
        "number": measure.number,
        "title": measure.title,
        "goals": [goal.pk for goal in measure.goals.all()],
        "version": measure.version,
    }
    return {**data, **changes}


def test_measure_edit_links_papers_by_choice_and_by_reference_and_resolutions(ag, scene, measure):
    listed = f.PaperFactory(body=scene.body, name="Haushaltsantrag", reference="BMI/2026/1")
    by_reference = f.PaperFactory(body=scene.body, name="Alter Bericht", reference="BMI/2019/7")
    item = resolution(scene.beirat, name="Sprachcafé beschlossen")
    person = f.PersonFactory(body=scene.body, family_name="Zuständig")
    second = cf.GoalFactory(action_field=scene.field, title="Zweites Ziel")
    page = ag.get(url(scene, "measure_edit", pk=measure.pk))
    assert "Haushaltsantrag" in text_of(page)
    response = ag.post(
        url(scene, "measure_edit", pk=measure.pk),
        _measure_data(
            scene,
            measure,
            goals=[scene.goal.pk, second.pk],
            papers=[listed.pk],
            paper_references="BMI/2019/7",
            resolutions=[item.pk],
            responsible_person=person.pk,
            actual_cost="300",
            speaker="N.N.",
        ),
    )
    assert response.status_code == 302, text_of(response)
    measure.refresh_from_db()
    assert set(measure.goals.all()) == {scene.goal, second}
    assert set(measure.papers.all()) == {listed, by_reference}
    assert list(measure.resolutions.all()) == [item]
    assert (measure.responsible_person, measure.actual_cost) == (person, Decimal("300.00"))


def test_an_unknown_reference_is_named(ag, scene, measure):
    response = ag.post(
        url(scene, "measure_edit", pk=measure.pk),
        _measure_data(scene, measure, paper_references="GIBT/ES/NICHT"),
    )
    assert response.status_code == 200
    assert "unbekannt oder für Sie nicht sichtbar: GIBT/ES/NICHT" in text_of(response)


def test_a_stale_measure_form_overwrites_nothing(ag, scene, measure):
    edit = url(scene, "measure_edit", pk=measure.pk)
    seen = measure.version
    services.measure_update(measure=measure, expected_version=seen, title="Neuer Titel")
    response = ag.post(edit, _measure_data(scene, measure, title="Alter Stand", version=seen))
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in text_of(response)
    assert 'value="Alter Stand"' in response.content.decode()
    measure.refresh_from_db()
    assert measure.title == "Neuer Titel"


def test_measure_end_before_start_and_negative_cost_on_the_edit_page(ag, scene, measure):
    edit = url(scene, "measure_edit", pk=measure.pk)
    response = ag.post(
        edit, _measure_data(scene, measure, start_date="2026-05-01", end_date="2026-01-01")
    )
    assert 'id="id_end_date_error"' in response.content.decode()
    response = ag.post(edit, _measure_data(scene, measure, actual_cost="-1"))
    assert 'id="id_actual_cost_error"' in response.content.decode()
    assert "Kosten sind ein Betrag in Euro ab 0" in text_of(response)


def _status(client, scene, measure, **values):
    data = {"status-version": measure.version, "status-status": Status.IN_PROGRESS}
    data.update({f"status-{name}": value for name, value in values.items()})
    return client.post(url(scene, "measure_status", pk=measure.pk), data)


def test_status_is_set_with_its_dated_history(staff, scene, measure):
    response = _status(staff, scene, measure, date="2026-02-01", progress="40", note="Start")
    assert response.status_code == 302
    assert response["Location"].endswith("#status")
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == (Status.IN_PROGRESS, 40)
    page = text_of(staff.get(url(scene, "measure_edit", pk=measure.pk)))
    assert "10.01.2026 geplant" in page
    assert "01.02.2026 in Umsetzung 40 % Start" in page


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"date": "2026-01-09"},
            "date",
            "Eine Statusänderung kann nicht vor der letzten Statusänderung der Maßnahme "
            "(10.01.2026) liegen.",
        ),
        ({"date": "2026-02-01", "progress": "101"}, "progress", "eine ganze Zahl von 0 bis 100"),
        ({"date": "2026-02-01", "progress": "-3"}, "progress", "eine ganze Zahl von 0 bis 100"),
        ({"date": "2026-02-01", "progress": "viel"}, "progress", "eine ganze Zahl von 0 bis 100"),
        ({"date": "2026-02-01", "status": "fertig"}, "status", "gültige Auswahl"),
    ],
)
def test_status_refusals_are_messages_at_the_field(staff, scene, measure, values, field, message):
    response = _status(staff, scene, measure, **values)
    assert response.status_code == 200
    assert f'id="id_status-{field}_error"' in response.content.decode()
    assert message in text_of(response)
    assert MeasureStatusChange.objects.filter(measure=measure).count() == 1


def test_ag_members_do_not_set_the_status_or_make_motions(ag, scene, measure):
    page = ag.get(url(scene, "measure_edit", pk=measure.pk)).content.decode()
    assert url(scene, "measure_status", pk=measure.pk) not in page
    assert url(scene, "measure_motion", pk=measure.pk) not in page
    assert _status(ag, scene, measure, date="2026-02-01").status_code == 404


def test_the_measure_becomes_a_motion_to_the_stadtrat(staff, scene, measure):
    council_meeting = f.MeetingFactory(organization=scene.stadtrat)
    page = staff.get(url(scene, "measure_edit", pk=measure.pk))
    assert "Als Antrag an den Stadtrat" in text_of(page)
    response = staff.post(
        url(scene, "measure_motion", pk=measure.pk),
        {
            "motion-by": scene.beirat.pk,
            "motion-to": scene.stadtrat.pk,
            "motion-to_meeting": council_meeting.pk,
            "motion-version": measure.version,
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    motion = measure.motion
    assert motion.paper_type == Paper.Type.MOTION
    steps = list(Consultation.objects.filter(paper=motion).order_by("order", "pk"))
    assert [step.organization for step in steps] == [scene.beirat, scene.stadtrat]
    page = staff.get(url(scene, "measure_edit", pk=measure.pk))
    html = page.content.decode()
    assert "Als Antrag an den Stadtrat" not in text_of(page)  # one motion is enough
    assert f"/verwaltung/drucksachen/{motion.pk}/" in html


def test_a_preparing_meeting_of_another_organization_is_refused_at_the_field(staff, scene, measure):
    response = staff.post(
        url(scene, "measure_motion", pk=measure.pk),
        {
            "motion-by": scene.beirat.pk,
            "motion-to": scene.stadtrat.pk,
            "motion-by_meeting": f.MeetingFactory(organization=scene.stadtrat).pk,
            "motion-version": measure.version,
        },
    )
    assert response.status_code == 200
    assert 'id="id_motion-by_meeting_error"' in response.content.decode()
    measure.refresh_from_db()
    assert measure.motion is None


def test_no_motion_form_without_a_stadtrat(staff, scene, measure):
    Organization.objects.filter(pk=scene.stadtrat.pk).update(deleted=True)
    page = staff.get(url(scene, "measure_edit", pk=measure.pk))
    assert "Als Antrag an den Stadtrat" not in text_of(page)


def test_a_superseded_version_shows_its_parts_without_forms(staff, scene):
    old_field = cf.ActionFieldFactory(concept_version=scene.in_force)
    old_goal = cf.GoalFactory(action_field=old_field)
    scene.in_force.state = scene.in_force.State.SUPERSEDED
    scene.in_force.save()
    page = staff.get(url(scene, "goal_edit", pk=old_goal.pk))
    assert page.status_code == 200
    assert "wird nicht mehr geändert" in text_of(page)
    assert 'name="title"' not in page.content.decode()
    response = staff.post(url(scene, "goal_edit", pk=old_goal.pk), _goal_data(scene, old_goal))
    assert response.status_code == 200
    assert Goal.objects.get(pk=old_goal.pk).version == old_goal.version


def test_measure_page_shows_decision_and_dates(ag, scene, measure):
    Measure.objects.filter(pk=measure.pk).update(progress=25)
    page = text_of(ag.get(url(scene, "measure_edit", pk=measure.pk)))
    assert "geplant seit 10.01.2026, 25 % umgesetzt" in page
    assert "Entwurf" in page
