"""Writes of the accounts app."""

from __future__ import annotations

import secrets

from django.db import transaction

from teilhabe.accounts.models import User


@transaction.atomic
def calendar_token_reset(*, user: User) -> str:
    """Give `user` a new secret for their personal calendar address; the old one stops working.

    A random token stored with the user (rather than a signed one) so that it can be
    revoked on its own, without touching the password or the session.
    """
    token = secrets.token_urlsafe(32)
    User.objects.filter(pk=user.pk).update(calendar_token=token)
    user.calendar_token = token
    return token
