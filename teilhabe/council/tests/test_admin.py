"""The admin as back office: superusers see everything, office staff only their bodies."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from teilhabe.core.models import Body
from teilhabe.council import models
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies():
    """Two bodies with a meeting each, and an admin user who is staff of the first only."""
    mine, theirs = f.BodyFactory(name="Stadt A"), f.BodyFactory(name="Stadt B")
    my_meeting = f.MeetingFactory(organization__body=mine, name="Sitzung in A")
    their_meeting = f.MeetingFactory(organization__body=theirs, name="Sitzung in B")
    clerk = f.UserFactory(is_staff=True)
    f.StaffRoleFactory(user=clerk, body=mine)
    clerk.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["council", "core"])
    )
    return {
        "mine": mine,
        "theirs": theirs,
        "my_meeting": my_meeting,
        "their_meeting": their_meeting,
        "clerk": clerk,
        "superuser": f.UserFactory(is_staff=True, is_superuser=True),
    }


def _admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def test_every_model_is_registered():
    registered = set(admin.site._registry)
    expected = {Body, *(model for model in models.__dict__.values() if isinstance(model, type))}
    expected = {model for model in expected if hasattr(model, "_meta") and not model._meta.abstract}
    assert expected <= registered


def test_superuser_sees_every_body(client, bodies):
    client.force_login(bodies["superuser"])
    html = client.get(_admin_url(models.Meeting, "changelist")).content.decode()
    assert "Sitzung in A" in html
    assert "Sitzung in B" in html


def test_staff_see_only_rows_of_their_bodies(client, bodies):
    client.force_login(bodies["clerk"])
    html = client.get(_admin_url(models.Meeting, "changelist")).content.decode()
    assert "Sitzung in A" in html
    assert "Sitzung in B" not in html
    # The body filter offers their bodies only, never the list of every body.
    assert "Stadt B" not in html
    body_list = client.get(_admin_url(Body, "changelist")).content.decode()
    assert "Stadt A" in body_list
    assert "Stadt B" not in body_list


def test_objects_of_other_bodies_cannot_be_opened_or_changed(client, bodies):
    client.force_login(bodies["clerk"])
    theirs = bodies["their_meeting"]
    response = client.get(_admin_url(models.Meeting, "change", theirs.pk))
    assert response.status_code == 302  # "does not exist", back to the admin index
    response = client.post(_admin_url(models.Meeting, "change", theirs.pk), {"name": "Gekapert"})
    theirs.refresh_from_db()
    assert theirs.name == "Sitzung in B"
    assert client.get(_admin_url(Body, "change", bodies["theirs"].pk)).status_code == 302


def test_permissions_are_false_for_objects_of_other_bodies(bodies):
    request = RequestFactory().get("/")
    request.user = bodies["clerk"]
    model_admin = admin.site._registry[models.Meeting]
    assert model_admin.has_change_permission(request, bodies["my_meeting"])
    assert not model_admin.has_change_permission(request, bodies["their_meeting"])
    assert not model_admin.has_view_permission(request, bodies["their_meeting"])
    # Office staff never hard-delete; superusers may (erasure requests).
    assert not model_admin.has_delete_permission(request, bodies["my_meeting"])
    request.user = bodies["superuser"]
    assert model_admin.has_delete_permission(request, bodies["their_meeting"])


def test_foreign_key_choices_are_limited_to_their_bodies(client, bodies):
    client.force_login(bodies["clerk"])
    foreign_org = bodies["their_meeting"].organization
    html = client.get(_admin_url(models.Membership, "add")).content.decode()
    assert bodies["my_meeting"].organization.name in html
    assert foreign_org.name not in html
    assert "Stadt B" not in html
    person = f.PersonFactory(body=bodies["mine"])
    response = client.post(
        _admin_url(models.Membership, "add"),
        {
            "body": bodies["mine"].pk,
            "person": person.pk,
            "organization": foreign_org.pk,
            "role": "mitglied",
            "voting_right": "on",
        },
    )
    assert response.status_code == 200  # an invalid choice, the form again
    assert not models.Membership.objects.filter(person=person).exists()


def test_admin_change_bumps_the_version(client, bodies):
    """An admin edit is a new version, so an open staff form conflicts instead of overwriting."""
    client.force_login(bodies["clerk"])
    location = f.LocationFactory(body=bodies["mine"])
    response = client.post(
        _admin_url(models.Location, "change", location.pk),
        {"body": bodies["mine"].pk, "description": "Stadthaus Nord"},
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert (location.description, location.version) == ("Stadthaus Nord", 2)


def test_mark_deleted_and_restore_instead_of_deleting(client, bodies):
    client.force_login(bodies["clerk"])
    mine, theirs = bodies["my_meeting"], bodies["their_meeting"]
    changelist = _admin_url(models.Meeting, "changelist")
    client.post(changelist, {"action": "mark_deleted", "_selected_action": [mine.pk, theirs.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.deleted, mine.version) == (True, 2)
    assert not theirs.deleted
    client.post(changelist, {"action": "restore", "_selected_action": [mine.pk]})
    mine.refresh_from_db()
    assert (mine.deleted, mine.version) == (False, 3)
    assert models.Meeting.objects.filter(pk=mine.pk).exists()


def test_new_inline_rows_take_the_parent_body(client, bodies):
    client.force_login(bodies["clerk"])
    meeting = bodies["my_meeting"]
    response = client.post(
        _admin_url(models.Meeting, "change", meeting.pk),
        {
            "body": bodies["mine"].pk,
            "organization": meeting.organization_id,
            "number": meeting.number,
            "name": meeting.name,
            "start_0": "2025-06-23",
            "start_1": "18:00:00",
            "state": "planned",
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-INITIAL_FORMS": "0",
            "agenda_items-MIN_NUM_FORMS": "0",
            "agenda_items-MAX_NUM_FORMS": "1000",
            "agenda_items-0-order": "1",
            "agenda_items-0-number": "1",
            "agenda_items-0-name": "Begrüßung",
            "agenda_items-0-public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = models.AgendaItem.objects.get(meeting=meeting)
    assert (item.name, item.body_id) == ("Begrüßung", bodies["mine"].pk)


def test_files_cannot_be_added_in_the_admin(client, bodies):
    """Uploads bypassing the content checks are impossible: the add page does not exist."""
    client.force_login(bodies["superuser"])
    assert client.get(_admin_url(models.File, "add")).status_code == 403


def test_users_without_is_staff_never_reach_the_admin(client, bodies):
    office_only = f.StaffRoleFactory(body=bodies["mine"]).user
    client.force_login(office_only)
    response = client.get(_admin_url(models.Meeting, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_of_no_body_see_no_rows(client, bodies):
    stranger = f.UserFactory(is_staff=True)
    stranger.user_permissions.set(Permission.objects.filter(content_type__app_label="council"))
    client.force_login(stranger)
    html = client.get(_admin_url(models.Meeting, "changelist")).content.decode()
    assert "Sitzung in A" not in html
    assert "Sitzung in B" not in html
