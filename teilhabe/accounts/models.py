"""Users and their roles per body.

Staff of the integration office hold a `StaffRole` for their body. Chair and member
are not stored here: they follow from the person's memberships in the council app.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import AliveQuerySet, TimestampedModel


class User(AbstractUser):
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    # The secret in the address of the member's personal iCal feed; a new one makes the
    # old address stop working. Empty until the member asks for a feed.
    calendar_token = models.CharField(
        _("Schlüssel des persönlichen Kalenders"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")


class StaffRole(TimestampedModel):
    """Fachstelle / Geschäftsstelle: keeps everything of one body."""

    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("Benutzerkonto"),
    )
    body = models.ForeignKey(
        "core.Body",
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("Körperschaft"),
    )

    objects = AliveQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rolle Geschäftsstelle")
        verbose_name_plural = _("Rollen Geschäftsstelle")
        constraints = [
            models.UniqueConstraint(fields=["user", "body"], name="staffrole_unique_user_body")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.body}"
