from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.models import BodyOwnedModel, oparl_id_field, unique_oparl_id
from teilhabe.council.querysets import AgendaItemQuerySet, MeetingQuerySet


class Meeting(BodyOwnedModel):
    """Sitzung of one organization, numbered within that organization and term."""

    class State(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("meeting state", "geplant")
        INVITED = "invited", pgettext_lazy("meeting state", "eingeladen")
        HELD = "held", pgettext_lazy("meeting state", "durchgeführt")
        CANCELLED = "cancelled", pgettext_lazy("meeting state", "abgesagt")

    organization = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("Gremium"),
    )
    legislative_term = models.ForeignKey(
        "council.LegislativeTerm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("Wahlperiode"),
    )
    number = models.PositiveIntegerField(_("Nummer"), null=True, blank=True)
    name = models.CharField(
        _("Bezeichnung"),
        max_length=300,
        blank=True,
        help_text=_("Leer lassen für „11. Sitzung des …“."),
    )
    start = models.DateTimeField(_("Beginn"), db_index=True)
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.ForeignKey(
        "council.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ort"),
    )
    video_conference_url = models.URLField(
        _("Videokonferenz"),
        blank=True,
        help_text=_("Nur für Mitglieder sichtbar."),
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=State.choices, default=State.PLANNED
    )
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name=_("Wiederholung der Sitzung"),
        help_text=_(
            "Erneute Sitzung, weil die frühere nicht beschlussfähig war. Die verringerte "
            "Beschlussfähigkeit gilt nur für die dort deswegen vertagten Gegenstände."
        ),
    )

    oparl_id = oparl_id_field()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-start"]
        indexes = [
            models.Index(fields=["body", "start"], name="meeting_body_start_idx"),
            models.Index(fields=["organization", "start"], name="meeting_org_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="meeting_end_after_start",
            ),
            unique_oparl_id("meeting_unique_oparl_id"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.name:
            return self.name
        if self.number:
            return _("%(number)s. Sitzung") % {"number": self.number}
        return str(_("Sitzung"))

    @property
    def cancelled(self) -> bool:
        return self.state == self.State.CANCELLED

    @property
    def is_video_conference(self) -> bool:
        return bool(self.video_conference_url)


class AgendaItem(BodyOwnedModel):
    """Tagesordnungspunkt. `public` is a boolean, as in OParl."""

    class Result(models.TextChoices):
        ADOPTED = "adopted", _("angenommen")
        REJECTED = "rejected", _("abgelehnt")
        NOTED = "noted", _("zur Kenntnis genommen")
        POSTPONED = "postponed", _("vertagt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")
        REFERRED = "referred", _("verwiesen")

    meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("Sitzung"),
    )
    number = models.CharField(_("Nummer"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    name = models.CharField(_("Gegenstand"), max_length=500)
    public = models.BooleanField(_("öffentlich"), default=True)
    result = models.CharField(_("Ergebnis"), max_length=20, choices=Result.choices, blank=True)
    resolution_text = models.TextField(_("Beschlusstext"), blank=True)
    votes_yes = models.PositiveSmallIntegerField(_("Ja-Stimmen"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(_("Nein-Stimmen"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("Enthaltungen"), null=True, blank=True)
    referred_to = models.ForeignKey(
        "council.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verwiesen an"),
    )
    minutes_note = models.TextField(
        _("Niederschrift: Verlauf der Beratung"),
        blank=True,
        help_text=_("Erscheint in der Niederschrift unter diesem Tagesordnungspunkt."),
    )

    oparl_id = oparl_id_field()

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "order"]
        indexes = [models.Index(fields=["meeting", "order"], name="agendaitem_meeting_order_idx")]
        constraints = [unique_oparl_id("agendaitem_unique_oparl_id")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()
