"""Login, throttling against guessing, password reset by e-mail, session expiry."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from teilhabe.accounts.tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = "accounts:login"


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_with_correct_password_redirects(client):
    user = f.UserFactory()
    response = _login(client, user.username, "geheim-123")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_a_german_message_and_no_500(client):
    user = f.UserFactory()
    response = _login(client, user.username, "falsch")
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch" in response.content.decode()


def test_guessing_is_throttled_for_that_address(client):
    """After the limit, even the right password is refused from the guessing address."""
    user = f.UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.username, "falsch", ip="10.0.0.66")
    response = _login(client, user.username, "geheim-123", ip="10.0.0.66")
    assert response.status_code == 429
    assert "Zu viele Anmeldeversuche" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_guesser_cannot_lock_the_member_out_from_elsewhere(client):
    """The lock-out is per username *and* address: the member's own login still works."""
    user = f.UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(client, user.username, "falsch", ip="10.0.0.66")
    response = _login(client, user.username, "geheim-123", ip="10.0.0.7")
    assert response.status_code == 302


def test_lockout_is_not_permanent():
    assert settings.AXES_COOLOFF_TIME is not None
    assert 0 < settings.AXES_COOLOFF_TIME <= 24


def test_sessions_expire():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_password_reset_by_email(client):
    """The reset link arrives by e-mail and sets a new password that then works."""
    user = f.UserFactory(email="mitglied@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Passwort" in mail.outbox[0].subject
    link = re.search(r"https?://[^/]+(/konto/passwort/neu/\S+)", body)
    assert link is not None
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    response = client.post(
        form_url, {"new_password1": "Neues-Passwort-2026", "new_password2": "Neues-Passwort-2026"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Neues-Passwort-2026")


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
