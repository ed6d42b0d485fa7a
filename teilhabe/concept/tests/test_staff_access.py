"""Who gets into the concept's staff pages: staff of the body everything; the members of
the AG drafting a version the pages of that draft's goals, measures, table and report;
everyone else a 404 (never a 403), and nothing changes."""

from __future__ import annotations

import pytest

from teilhabe.concept.models import ConceptVersion, Goal, Measure
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.staff_people import build_people, logged_in, text_of, url
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "beirat_member",
    "other_ag_member",
    "ag_member",
    "other_body_staff",
    "staff",
    "superuser",
]
STAFF = {"staff", "superuser"}
DRAFTING = STAFF | {"ag_member"}


@pytest.fixture
def world(scene):
    scene.measure = cf.MeasureFactory(action_field=scene.field, goals=[scene.goal])
    scene.old_field = cf.ActionFieldFactory(concept_version=scene.in_force)
    scene.old_goal = cf.GoalFactory(action_field=scene.old_field)
    scene.old_measure = cf.MeasureFactory(action_field=scene.old_field)
    scene.people = build_people(scene)
    return scene


def pages(s):
    """(address, who gets it) for every page that answers GET."""
    draft, old = s.draft.pk, s.in_force.pk
    return [
        (url(s, "overview"), DRAFTING),
        (url(s, "version", pk=draft), DRAFTING),
        (url(s, "version", pk=old), STAFF),
        (url(s, "version_edit", pk=draft), STAFF),
        (url(s, "version_adopt", pk=draft), STAFF),
        (url(s, "version_revise", pk=old), STAFF),
        (url(s, "goal_create", pk=draft) + f"?feld={s.field.pk}", DRAFTING),
        (url(s, "measure_create", pk=draft), DRAFTING),
        (url(s, "goal_create", pk=old), STAFF),
        (url(s, "action_field_edit", pk=s.field.pk), STAFF),
        (url(s, "goal_edit", pk=s.goal.pk), DRAFTING),
        (url(s, "goal_edit", pk=s.old_goal.pk), STAFF),
        (url(s, "measure_edit", pk=s.measure.pk), DRAFTING),
        (url(s, "measure_edit", pk=s.old_measure.pk), STAFF),
        (url(s, "report", pk=draft), DRAFTING),
        (url(s, "report", pk=old), STAFF),
        (url(s, "spreadsheet_template", pk=draft), DRAFTING),
        (url(s, "measures_import", pk=draft), DRAFTING),
        (url(s, "measures_import", pk=old), STAFF),
    ]


def actions(s):
    """(address, who may post) for every address that only answers POST (deletes last:
    they take the record away from the addresses after them)."""
    draft = s.draft.pk
    return [
        (url(s, "concept_create"), STAFF),
        (url(s, "version_create"), STAFF),
        (url(s, "version_submit", pk=draft), STAFF),
        (url(s, "action_field_create", pk=draft), STAFF),
        (url(s, "measure_status", pk=s.measure.pk), STAFF),
        (url(s, "measure_motion", pk=s.measure.pk), STAFF),
        (url(s, "action_field_delete", pk=s.field.pk), STAFF),
        (url(s, "goal_delete", pk=s.goal.pk), DRAFTING),
        (url(s, "goal_delete", pk=s.old_goal.pk), STAFF),
        (url(s, "measure_delete", pk=s.measure.pk), DRAFTING),
        (url(s, "measure_delete", pk=s.old_measure.pk), STAFF),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_pages_truth_table(client, world, role):
    client = logged_in(client, world.people[role])
    for address, allowed in pages(world):
        expected = 200 if role in allowed else 404
        assert client.get(address).status_code == expected, (role, address)


@pytest.mark.parametrize("role", ROLES)
def test_actions_truth_table_and_nothing_changes_for_those_kept_out(client, world, role):
    client = logged_in(client, world.people[role])
    for address, allowed in actions(world):
        status = client.post(address, {"version": 1, "confirmed": "1"}).status_code
        if role in allowed:
            assert status in (200, 302), (role, address, status)
        else:
            assert status == 404, (role, address, status)
    if role not in DRAFTING:
        assert Goal.objects.filter(deleted=True).count() == 0
        assert Measure.objects.filter(deleted=True).count() == 0
        world.draft.refresh_from_db()
        assert world.draft.state == ConceptVersion.State.DRAFT


def test_ag_member_loses_the_draft_once_it_is_in_deliberation(client, world):
    client = logged_in(client, world.people["ag_member"])
    assert client.get(url(world, "version", pk=world.draft.pk)).status_code == 200
    ConceptVersion.objects.filter(pk=world.draft.pk).update(state=ConceptVersion.State.DELIBERATION)
    assert client.get(url(world, "version", pk=world.draft.pk)).status_code == 404
    assert client.get(url(world, "goal_edit", pk=world.goal.pk)).status_code == 404
    # No draft left to work on: the overview is closed to them too.
    assert client.get(url(world, "overview")).status_code == 404


def test_ag_member_sees_the_plain_frame_and_no_staff_forms(client, world):
    page = logged_in(client, world.people["ag_member"]).get(
        url(world, "version", pk=world.draft.pk)
    )
    html = page.content.decode()
    assert url(world, "action_field_create", pk=world.draft.pk) not in html
    assert url(world, "action_field_edit", pk=world.field.pk) not in html
    assert "council_staff" not in html
    assert "/verwaltung/sitzungen/" not in html  # no staff navigation
    assert url(world, "goal_create", pk=world.draft.pk) in html
    assert url(world, "report", pk=world.draft.pk) in html
    overview = text_of(client.get(url(world, "overview")))
    assert "Version 2.0" in overview
    assert "Neues Konzept anlegen" not in overview


def test_staff_sees_the_staff_frame_with_the_concept_link(client, world):
    page = logged_in(client, world.people["staff"]).get(url(world, "overview"))
    html = page.content.decode()
    assert f'href="{url(world, "overview")}" aria-current="page"' in html
    assert "/verwaltung/sitzungen/" in html


def test_records_of_another_body_are_404_for_staff(client, world, foreign):
    staff = logged_in(client, world.people["staff"])
    assert staff.get(url(world, "version", pk=foreign.version.pk)).status_code == 404
    assert staff.get(url(world, "goal_edit", pk=foreign.goal.pk)).status_code == 404
    assert staff.get(url(world, "action_field_edit", pk=foreign.field.pk)).status_code == 404


def test_deleted_records_are_404(client, world):
    staff = logged_in(client, world.people["staff"])
    Goal.objects.filter(pk=world.goal.pk).update(deleted=True)
    assert staff.get(url(world, "goal_edit", pk=world.goal.pk)).status_code == 404
    ConceptVersion.objects.filter(pk=world.draft.pk).update(deleted=True)
    assert staff.get(url(world, "version", pk=world.draft.pk)).status_code == 404
    assert staff.get(url(world, "measure_edit", pk=world.measure.pk)).status_code == 404


def test_a_body_imported_from_oparl_is_read_only(client, world):
    world.body.oparl_source = "https://ris.example.org/oparl"
    world.body.save()
    staff = logged_in(client, world.people["staff"])
    page = staff.get(url(world, "version", pk=world.draft.pk))
    assert "schreibgeschützt" in text_of(page)
    assert url(world, "action_field_create", pk=world.draft.pk) not in page.content.decode()
    # A forged post is refused by the service, shown as a message, and writes nothing.
    response = staff.post(
        url(world, "goal_create", pk=world.draft.pk),
        {"goal-action_field": world.field.pk, "goal-title": "Neues Ziel"},
    )
    assert response.status_code == 200
    assert "importiert" in text_of(response)
    assert not Goal.objects.filter(title="Neues Ziel").exists()


def test_other_body_staff_member_of_nothing_here(client, world):
    """Staff of another body who is also a person here without membership: still 404."""
    user = world.people["other_body_staff"]
    f.PersonFactory(body=world.body, user=user)
    client = logged_in(client, user)
    assert client.get(url(world, "overview")).status_code == 404
