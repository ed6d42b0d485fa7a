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
    """Two bodies with a meeting each, and two admin users who are staff of the first only.

    `clerk` also holds every Django permission of council and core; `office` holds none:
    the StaffRole alone is what counts, so both may do the same.
    """
    mine, theirs = f.BodyFactory(name="Stadt A"), f.BodyFactory(name="Stadt B")
    my_meeting = f.MeetingFactory(organization__body=mine, name="Sitzung in A")
    their_meeting = f.MeetingFactory(organization__body=theirs, name="Sitzung in B")
    clerk = f.UserFactory(is_staff=True)
    f.StaffRoleFactory(user=clerk, body=mine)
    clerk.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["council", "core"])
    )
    office = f.UserFactory(is_staff=True)
    f.StaffRoleFactory(user=office, body=mine)
    return {
        "mine": mine,
        "theirs": theirs,
        "my_meeting": my_meeting,
        "their_meeting": their_meeting,
        "clerk": clerk,
        "office": office,
        "superuser": f.UserFactory(is_staff=True, is_superuser=True),
    }


# Staff of the first body, with and without Django's model permissions.
STAFF = pytest.mark.parametrize("staff", ["clerk", "office"])


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


@STAFF
def test_staff_see_only_rows_of_their_bodies(client, bodies, staff):
    client.force_login(bodies[staff])
    html = client.get(_admin_url(models.Meeting, "changelist")).content.decode()
    assert "Sitzung in A" in html
    assert "Sitzung in B" not in html
    # The body filter offers their bodies only, never the list of every body.
    assert "Stadt B" not in html
    body_list = client.get(_admin_url(Body, "changelist")).content.decode()
    assert "Stadt A" in body_list
    assert "Stadt B" not in body_list


@STAFF
def test_objects_of_other_bodies_cannot_be_opened_or_changed(client, bodies, staff):
    client.force_login(bodies[staff])
    theirs = bodies["their_meeting"]
    response = client.get(_admin_url(models.Meeting, "change", theirs.pk))
    assert response.status_code == 302  # "does not exist", back to the admin index
    response = client.post(_admin_url(models.Meeting, "change", theirs.pk), {"name": "Gekapert"})
    theirs.refresh_from_db()
    assert theirs.name == "Sitzung in B"
    assert client.get(_admin_url(Body, "change", bodies["theirs"].pk)).status_code == 302


@STAFF
def test_permissions_are_false_for_objects_of_other_bodies(bodies, staff):
    request = RequestFactory().get("/")
    request.user = bodies[staff]
    model_admin = admin.site._registry[models.Meeting]
    assert model_admin.has_change_permission(request, bodies["my_meeting"])
    assert not model_admin.has_change_permission(request, bodies["their_meeting"])
    assert not model_admin.has_view_permission(request, bodies["their_meeting"])
    # Office staff never hard-delete; superusers may (erasure requests).
    assert not model_admin.has_delete_permission(request, bodies["my_meeting"])
    request.user = bodies["superuser"]
    assert model_admin.has_delete_permission(request, bodies["their_meeting"])


@STAFF
def test_foreign_key_choices_are_limited_to_their_bodies(client, bodies, staff):
    client.force_login(bodies[staff])
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


@STAFF
def test_admin_change_bumps_the_version(client, bodies, staff):
    """An admin edit is a new version, so an open staff form conflicts instead of overwriting."""
    client.force_login(bodies[staff])
    location = f.LocationFactory(body=bodies["mine"])
    response = client.post(
        _admin_url(models.Location, "change", location.pk),
        {"body": bodies["mine"].pk, "description": "Stadthaus Nord"},
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert (location.description, location.version) == ("Stadthaus Nord", 2)


@STAFF
def test_mark_deleted_and_restore_instead_of_deleting(client, bodies, staff):
    client.force_login(bodies[staff])
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


@STAFF
def test_new_inline_rows_take_the_parent_body(client, bodies, staff):
    client.force_login(bodies[staff])
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


# --- the StaffRole is the permission: truth tables -----------------------------------------


def _request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


# Every body-scoped council model, with a way to make a row of a given body.
SCOPED = {
    models.Location: lambda body: f.LocationFactory(body=body),
    models.LegislativeTerm: lambda body: f.LegislativeTermFactory(body=body),
    models.Organization: lambda body: f.OrganizationFactory(body=body),
    models.Person: lambda body: f.PersonFactory(body=body),
    models.Membership: lambda body: f.MembershipFactory(organization__body=body),
    models.Meeting: lambda body: f.MeetingFactory(organization__body=body),
    models.AgendaItem: lambda body: f.AgendaItemFactory(meeting__organization__body=body),
    models.Paper: lambda body: f.PaperFactory(body=body),
    models.Consultation: lambda body: f.ConsultationFactory(
        paper__body=body, organization__body=body
    ),
}


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_truth_table_for_office_staff_without_django_permissions(bodies, model):
    """Own body: view, add, change; another body's row: nothing; hard delete: never."""
    office = bodies["office"]
    assert not office.user_permissions.exists()
    model_admin = admin.site._registry[model]
    request = _request_for(office)
    mine, theirs = SCOPED[model](bodies["mine"]), SCOPED[model](bodies["theirs"])
    assert model_admin.has_module_permission(request)
    assert model_admin.has_view_permission(request)
    assert model_admin.has_add_permission(request)
    assert model_admin.has_change_permission(request)
    assert model_admin.has_view_permission(request, mine)
    assert model_admin.has_change_permission(request, mine)
    assert not model_admin.has_view_permission(request, theirs)
    assert not model_admin.has_change_permission(request, theirs)
    assert not model_admin.has_delete_permission(request)
    assert not model_admin.has_delete_permission(request, mine)


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_truth_table_for_admin_users_of_no_body(bodies, model):
    """is_staff without a StaffRole opens nothing, whatever Django permissions they hold."""
    stranger = f.UserFactory(is_staff=True)
    stranger.user_permissions.set(Permission.objects.filter(content_type__app_label="council"))
    model_admin = admin.site._registry[model]
    request = _request_for(stranger)
    row = SCOPED[model](bodies["mine"])
    assert not model_admin.has_module_permission(request)
    assert not model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_view_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)


def test_office_staff_find_the_council_on_the_admin_index(client, bodies):
    client.force_login(bodies["office"])
    index = client.get(reverse("admin:index")).content.decode()
    assert _admin_url(models.Meeting, "changelist") in index
    assert _admin_url(Body, "changelist") in index
    assert reverse("admin:accounts_user_changelist") not in index
    assert reverse("admin:accounts_staffrole_changelist") not in index


@STAFF
def test_staff_add_rows_of_their_body_only(client, bodies, staff):
    client.force_login(bodies[staff])
    add = _admin_url(models.Location, "add")
    assert client.get(add).status_code == 200
    response = client.post(add, {"body": bodies["theirs"].pk, "description": "Fremdes Haus"})
    assert response.status_code == 200  # another body is no valid choice: the form again
    assert not models.Location.objects.filter(description="Fremdes Haus").exists()
    response = client.post(add, {"body": bodies["mine"].pk, "description": "Bürgerhaus"})
    assert response.status_code == 302
    assert models.Location.objects.get(description="Bürgerhaus").body == bodies["mine"]


@STAFF
def test_staff_never_hard_delete(client, bodies, staff):
    """The delete page and Django's bulk delete are closed to them, even their own rows."""
    client.force_login(bodies[staff])
    mine = bodies["my_meeting"]
    assert client.get(_admin_url(models.Meeting, "delete", mine.pk)).status_code == 403
    changelist = _admin_url(models.Meeting, "changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [mine.pk]})
    client.post(
        changelist, {"action": "delete_selected", "post": "yes", "_selected_action": [mine.pk]}
    )
    assert models.Meeting.objects.filter(pk=mine.pk).exists()


@STAFF
def test_staff_see_their_body_but_cannot_add_or_delete_bodies(client, bodies, staff):
    """Marking a body deleted takes all its pages offline: that stays a superuser's call."""
    client.force_login(bodies[staff])
    mine = bodies["mine"]
    assert client.get(_admin_url(Body, "change", mine.pk)).status_code == 200
    assert client.get(_admin_url(Body, "add")).status_code == 403
    body_admin = admin.site._registry[Body]
    request = _request_for(bodies[staff])
    assert "deleted" in body_admin.get_readonly_fields(request, mine)
    assert "mark_deleted" not in body_admin.get_actions(request)
    client.post(
        _admin_url(Body, "changelist"), {"action": "mark_deleted", "_selected_action": [mine.pk]}
    )
    mine.refresh_from_db()
    assert not mine.deleted
    request.user = bodies["superuser"]
    assert "deleted" not in body_admin.get_readonly_fields(request, mine)
    assert "mark_deleted" in body_admin.get_actions(request)
