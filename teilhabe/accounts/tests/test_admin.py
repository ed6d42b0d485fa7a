"""Accounts in the admin: only superusers manage users and staff roles."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from teilhabe.accounts.models import StaffRole, User
from teilhabe.core.models import Body

pytestmark = pytest.mark.django_db

# Local helpers: accounts sits below council, so it does not use the council's factories.
_numbers = itertools.count(1)


def make_body(name: str = "") -> Body:
    n = next(_numbers)
    return Body.objects.create(name=name or f"Stadt {n}", slug=f"stadt-{n}")


def make_user(username: str = "", **fields) -> User:
    return User.objects.create_user(username=username or f"user{next(_numbers)}", **fields)


def make_role(*, body: Body | None = None, user: User | None = None) -> StaffRole:
    return StaffRole.objects.create(user=user or make_user(), body=body or make_body())


@pytest.fixture
def clerk():
    """An admin user (not superuser) with every accounts permission, staff of one body."""
    user = make_user("clerk", is_staff=True)
    role = make_role(user=user, body=make_body("Stadt A"))
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    return role


def test_users_are_for_superusers_only(client, clerk):
    """Even with Django's user permissions, nobody but a superuser edits accounts."""
    victim = make_user("jemand")
    client.force_login(clerk.user)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    assert client.get(reverse("admin:accounts_user_change", args=[victim.pk])).status_code == 403
    response = client.post(
        reverse("admin:accounts_user_change", args=[clerk.user.pk]),
        {"username": "clerk", "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    clerk.user.refresh_from_db()
    assert not clerk.user.is_superuser
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:accounts_user_changelist") not in index


def test_superuser_manages_users_and_roles(client, clerk):
    superuser = make_user(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    change = reverse("admin:accounts_user_change", args=[clerk.user.pk])
    assert client.get(change).status_code == 200
    assert client.get(reverse("admin:accounts_staffrole_add")).status_code == 200
    html = client.get(reverse("admin:accounts_staffrole_changelist")).content.decode()
    assert "Stadt A" in html


def test_staff_see_roles_of_their_bodies_only_and_cannot_grant_any(client, clerk):
    colleague = make_role(body=clerk.body, user=make_user("kollegin"))
    make_role(body=make_body("Stadt B"), user=make_user("fremd"))
    client.force_login(clerk.user)
    html = client.get(reverse("admin:accounts_staffrole_changelist")).content.decode()
    assert "kollegin" in html
    assert "fremd" not in html
    assert "Stadt B" not in html
    assert client.get(reverse("admin:accounts_staffrole_add")).status_code == 403
    response = client.post(
        reverse("admin:accounts_staffrole_add"), {"user": clerk.user.pk, "body": make_body().pk}
    )
    assert response.status_code == 403
    assert StaffRole.objects.filter(user=clerk.user).count() == 1
    # Viewing a colleague's role is fine; changing it is not.
    change = reverse("admin:accounts_staffrole_change", args=[colleague.pk])
    assert client.get(change).status_code == 200
    response = client.post(change, {"user": colleague.user_id, "body": clerk.body_id})
    assert response.status_code == 403


def test_users_without_is_staff_are_sent_to_the_login(client):
    office = make_role().user
    client.force_login(office)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_a_staff_role_alone_opens_neither_users_nor_roles(client):
    """Office staff use the admin for their bodies' records, but who is staff where is not
    theirs to see or grant: without Django's permission these pages stay closed."""
    role = make_role(user=make_user("buero", is_staff=True))
    make_role(body=role.body, user=make_user("kollege"))
    client.force_login(role.user)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert reverse("admin:accounts_staffrole_changelist") not in index.content.decode()
    assert reverse("admin:accounts_user_changelist") not in index.content.decode()
    assert client.get(reverse("admin:accounts_staffrole_changelist")).status_code == 403
    assert client.get(reverse("admin:accounts_staffrole_change", args=[role.pk])).status_code == 403
    assert client.get(reverse("admin:accounts_staffrole_add")).status_code == 403
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    response = client.post(
        reverse("admin:accounts_staffrole_add"), {"user": role.user.pk, "body": make_body().pk}
    )
    assert response.status_code == 403
    assert StaffRole.objects.filter(user=role.user).count() == 1
