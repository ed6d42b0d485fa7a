"""Staff pages for concepts and versions: create, edit, submit, adopt, revise — each happy
path, and each refusal shown as a German message in the form (status 200, never 500)."""

from __future__ import annotations

import datetime as dt

import pytest

from teilhabe.concept import services
from teilhabe.concept.models import ActionField, Concept, ConceptVersion
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.conftest import MEETING_DAY, resolution
from teilhabe.concept.tests.staff_people import build_people, logged_in, text_of, url
from teilhabe.council.models import AgendaItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, scene):
    scene.people = build_people(scene)
    return logged_in(client, scene.people["staff"])


def test_overview_lists_concepts_with_versions_and_counts(staff, scene):
    cf.MeasureFactory(action_field=scene.field)
    page = text_of(staff.get(url(scene, "overview")))
    assert "Integrationskonzept Musterstadt" in page
    assert "Version 1.0" in page
    assert "Version 2.0" in page
    assert "Zur Beratung vorlegen" in page  # the draft
    assert "Fortschreibung beginnen" in page  # the version in force
    # 2.0: one field, one goal, one measure; the AG drafting it.
    assert "AG Integrationskonzept 2.0 1 1 1" in page


def test_create_a_concept_and_refuse_an_empty_title(staff, scene):
    response = staff.post(url(scene, "concept_create"), {"concept-title": "Teilhabekonzept"})
    assert response.status_code == 302
    assert Concept.objects.filter(body=scene.body, title="Teilhabekonzept").exists()
    response = staff.post(url(scene, "concept_create"), {"concept-title": ""})
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben." in text_of(response)


def test_create_a_version_and_refuse_a_number_taken(staff, scene):
    data = {
        "version-concept": scene.concept.pk,
        "version-number": "3.0",
        "version-title": "Dritte Fassung",
        "version-drafted_by": scene.other_ag.pk,
    }
    response = staff.post(url(scene, "version_create"), data)
    created = ConceptVersion.objects.get(concept=scene.concept, number="3.0")
    assert response.status_code == 302
    assert response["Location"] == url(scene, "version", pk=created.pk)
    assert created.state == ConceptVersion.State.DRAFT
    assert created.drafted_by == scene.other_ag

    response = staff.post(url(scene, "version_create"), {**data, "version-number": "2.0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_version-number_error"' in html
    assert "Diese Versionsnummer gibt es für dieses Konzept schon." in text_of(response)


def test_drafting_organization_must_be_a_working_group(staff, scene):
    response = staff.post(
        url(scene, "version_create"),
        {
            "version-concept": scene.concept.pk,
            "version-number": "3.0",
            "version-drafted_by": scene.beirat.pk,
        },
    )
    assert response.status_code == 200
    assert "gültige Auswahl" in text_of(response)  # the Beirat is not offered
    assert not ConceptVersion.objects.filter(number="3.0").exists()


def test_version_edit_saves_and_a_stale_form_changes_nothing(staff, scene):
    edit = url(scene, "version_edit", pk=scene.draft.pk)
    seen = scene.draft.version
    response = staff.post(
        edit,
        {"number": "2.0", "title": "Integrationskonzept 2030", "summary": "", "version": seen},
    )
    assert response.status_code == 302
    scene.draft.refresh_from_db()
    assert scene.draft.title == "Integrationskonzept 2030"
    # A second form, opened before that save, is refused with the conflict message.
    response = staff.post(
        edit, {"number": "2.1", "title": "Veraltet", "summary": "", "version": seen}
    )
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in text_of(response)
    assert 'value="Veraltet"' in response.content.decode()  # the input stays
    scene.draft.refresh_from_db()
    assert (scene.draft.number, scene.draft.title) == ("2.0", "Integrationskonzept 2030")


def test_submit_a_draft_then_refuse_a_second_submit(staff, scene):
    action = url(scene, "version_submit", pk=scene.draft.pk)
    response = staff.post(action, {"version": scene.draft.version}, follow=True)
    assert "ist jetzt in Beratung" in text_of(response)
    scene.draft.refresh_from_db()
    assert scene.draft.state == ConceptVersion.State.DELIBERATION
    response = staff.post(action, {"version": scene.draft.version}, follow=True)
    assert response.status_code == 200
    assert "Diese Version ist kein Entwurf mehr." in text_of(response)


@pytest.fixture
def deliberated(scene):
    services.version_submit(version=scene.draft, expected_version=scene.draft.version)
    scene.draft.refresh_from_db()
    return scene.draft


def _adopt(staff, scene, version, items, day):
    return staff.post(
        url(scene, "version_adopt", pk=version.pk),
        {
            "resolutions": [item.pk for item in items],
            "adopted_on": day.isoformat(),
            "version": version.version,
        },
    )


def test_adopt_with_adopted_resolutions(staff, scene, deliberated):
    beirat_item = resolution(scene.beirat, name="Integrationskonzept 2.0 (Beirat)")
    council_item = resolution(scene.stadtrat, name="Integrationskonzept 2.0 (Stadtrat)")
    page = text_of(staff.get(url(scene, "version_adopt", pk=deliberated.pk)))
    assert "Integrationskonzept 2.0 (Beirat)" in page  # offered, with its result
    response = _adopt(staff, scene, deliberated, [beirat_item, council_item], MEETING_DAY)
    assert response.status_code == 302
    deliberated.refresh_from_db()
    scene.in_force.refresh_from_db()
    assert deliberated.state == ConceptVersion.State.IN_FORCE
    assert set(deliberated.resolutions.all()) == {beirat_item, council_item}
    assert scene.in_force.state == ConceptVersion.State.SUPERSEDED


def test_adopting_with_a_rejected_resolution_is_a_message_at_the_field(staff, scene, deliberated):
    rejected = resolution(scene.stadtrat, name="Abgelehnt", result=AgendaItem.Result.REJECTED)
    response = _adopt(staff, scene, deliberated, [rejected], MEETING_DAY)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_resolutions_error"' in html
    assert "wurde abgelehnt; damit kann nichts beschlossen werden" in text_of(response)
    deliberated.refresh_from_db()
    assert deliberated.state == ConceptVersion.State.DELIBERATION


def test_adopting_before_the_resolution_day_is_a_message_at_the_date(staff, scene, deliberated):
    item = resolution(scene.beirat)
    response = _adopt(staff, scene, deliberated, [item], MEETING_DAY - dt.timedelta(days=1))
    assert response.status_code == 200
    assert 'id="id_adopted_on_error"' in response.content.decode()
    assert "Beschlossen sein kann erst am Tag des Beschlusses" in text_of(response)


def test_adopting_a_draft_or_without_resolution_is_refused(staff, scene):
    response = _adopt(staff, scene, scene.draft, [], MEETING_DAY)
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in text_of(response)
    item = resolution(scene.beirat)
    response = _adopt(staff, scene, scene.draft, [item], MEETING_DAY)
    assert response.status_code == 200
    assert "Beschlossen werden kann nur eine Version, die in Beratung ist." in text_of(response)


def test_revise_refused_while_a_draft_exists_then_carries_everything_forward(staff, scene):
    revise = url(scene, "version_revise", pk=scene.in_force.pk)
    response = staff.post(revise, {"number": "3.0"})
    assert response.status_code == 200
    assert "schon eine Fortschreibung erarbeitet oder beraten (Version 2.0)" in text_of(response)

    ConceptVersion.objects.filter(pk=scene.draft.pk).update(deleted=True)
    cf.ActionFieldFactory(concept_version=scene.in_force, title="Arbeit")
    response = staff.post(revise, {"number": "3.0", "drafted_by": scene.ag.pk})
    revision = ConceptVersion.objects.get(concept=scene.concept, number="3.0")
    assert response.status_code == 302
    assert response["Location"] == url(scene, "version", pk=revision.pk)
    assert revision.predecessor == scene.in_force
    assert ActionField.objects.filter(concept_version=revision, title="Arbeit").exists()
