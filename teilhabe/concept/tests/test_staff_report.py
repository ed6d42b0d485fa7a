"""The AG's interim report to the Beirat from the draft's page: the goals and measures in
draft are chosen already; the report becomes a council paper the page links to."""

from __future__ import annotations

import pytest

from teilhabe.concept.models import Decision, Goal, Measure
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.staff_people import build_people, logged_in, text_of, url
from teilhabe.council.models import Consultation, Paper
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(scene):
    scene.people = build_people(scene)
    scene.measure = cf.MeasureFactory(action_field=scene.field, goals=[scene.goal])
    scene.adopted = cf.GoalFactory(action_field=scene.field, decision=Decision.ADOPTED)
    scene.rejected = cf.GoalFactory(action_field=scene.field, decision=Decision.REJECTED)
    scene.meeting = f.MeetingFactory(organization=scene.beirat)
    return scene.people


def test_the_form_preselects_the_drafts_and_offers_the_beirat(client, scene, people):
    page = logged_in(client, people["ag_member"]).get(url(scene, "report", pk=scene.draft.pk))
    html = page.content.decode()
    assert f'name="goals" value="{scene.goal.pk}" id="id_goals_0" checked' in html
    assert f'name="goals" value="{scene.rejected.pk}"' in html  # may be submitted again
    assert f'value="{scene.rejected.pk}" id="id_goals_1" checked' not in html
    assert f'name="goals" value="{scene.adopted.pk}"' not in html  # decided already
    assert f'name="measures" value="{scene.measure.pk}" id="id_measures_0" checked' in html
    assert f'<option value="{scene.beirat.pk}" selected>' in html
    assert "Zwischenbericht zum Integrationskonzept 2.0" in html


def _submit(client, scene, **changes):
    data = {
        "organization": scene.ag.pk,
        "goals": [scene.goal.pk],
        "measures": [scene.measure.pk],
        "to": scene.beirat.pk,
        "meeting": scene.meeting.pk,
        "title": "Zwischenbericht der AG",
        "date": "2026-03-01",
    }
    data.update(changes)
    return client.post(url(scene, "report", pk=scene.draft.pk), data)


@pytest.mark.parametrize("role", ["ag_member", "staff"])
def test_submit_the_report_and_see_the_paper(client, scene, people, role):
    client = logged_in(client, people[role])
    response = _submit(client, scene)
    paper = Paper.objects.get(name="Zwischenbericht der AG")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#drucksache-{paper.pk}")
    assert paper.paper_type == Paper.Type.REPORT
    step = Consultation.objects.get(paper=paper)
    assert (step.organization, step.meeting) == (scene.beirat, scene.meeting)
    assert Goal.objects.get(pk=scene.goal.pk).decision == Decision.SUBMITTED
    assert Measure.objects.get(pk=scene.measure.pk).report == paper
    page = client.get(response["Location"])
    assert "Der Zwischenbericht „Zwischenbericht der AG“ ist als Drucksache" in text_of(page)
    staff_link = f"/verwaltung/drucksachen/{paper.pk}/"
    assert (staff_link in page.content.decode()) == (role == "staff")
    assert f"/drucksachen/{paper.pk}/" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"goals": [], "measures": []}, "goals", "mindestens ein Ziel oder eine Maßnahme"),
        ({"to": ""}, "to", "Dieses Feld ist zwingend erforderlich."),
        ({"title": ""}, "title", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_refusals_are_messages_at_the_field(client, scene, people, changes, field, message):
    response = _submit(logged_in(client, people["ag_member"]), scene, **changes)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert message in text_of(response)
    assert not Paper.objects.filter(paper_type=Paper.Type.REPORT).exists()


def test_a_meeting_of_another_organization_is_refused(client, scene, people):
    other = f.MeetingFactory(organization=scene.stadtrat)
    response = _submit(logged_in(client, people["ag_member"]), scene, meeting=other.pk)
    assert response.status_code == 200
    assert "keine Sitzung des Gremiums, an das die Vorlage geht" in text_of(response)
    assert Goal.objects.get(pk=scene.goal.pk).decision == Decision.DRAFT


def test_a_part_submitted_meanwhile_is_named(client, scene, people):
    client = logged_in(client, people["ag_member"])
    assert _submit(client, scene).status_code == 302
    response = _submit(client, scene, title="Noch einmal")
    assert response.status_code == 200
    assert "ist keine gültige Auswahl" in text_of(response)  # no longer offered
    assert not Paper.objects.filter(name="Noch einmal").exists()
