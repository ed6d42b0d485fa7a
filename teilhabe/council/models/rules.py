from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import BodyOwnedModel
from teilhabe.council.querysets import SessionRulesQuerySet


class SessionRules(BodyOwnedModel):
    """Rules of procedure (Geschäftsordnung) of a body, or of one organization in it.

    A row without organization is the body's default; a row with one overrides it for that
    organization. Without any row the built-in defaults of the Gemeindeordnung
    Rheinland-Pfalz apply (`teilhabe.council.rules`). Every check names the rule it used.
    """

    organization = models.ForeignKey(
        "council.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gremium"),
        help_text=_("Leer lassen für die Regeln, die für alle Gremien der Körperschaft gelten."),
    )
    name = models.CharField(
        _("Rechtsgrundlage"),
        max_length=300,
        help_text=_("Zum Beispiel „Geschäftsordnung des Beirats vom 12. März 2020“."),
    )
    notice_days = models.PositiveSmallIntegerField(
        _("Ladungsfrist (volle Kalendertage)"),
        default=4,
        help_text=_("Volle Kalendertage zwischen dem Versand der Einladung und dem Sitzungstag."),
    )
    motion_deadline_days = models.PositiveSmallIntegerField(
        _("Antragsfrist (Tage vor der Sitzung)"),
        default=7,
        help_text=_("Später eingehende Anträge werden als verspätet gekennzeichnet."),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("Beschlussfähigkeit: mehr als … Prozent anwesend"),
        default=50,
        help_text=_("Anteil der gesetzlichen Mitgliederzahl, der überschritten sein muss."),
    )
    repeat_quorum_minimum = models.PositiveSmallIntegerField(
        _("Wiederholungssitzung: mindestens anwesend"),
        default=3,
        help_text=_("Beschlussfähigkeit einer erneuten Sitzung nach Beschlussunfähigkeit."),
    )
    obliging_share_percent = models.PositiveSmallIntegerField(
        _("Pflicht zur Aufnahme ab … Prozent der Mitglieder"),
        default=25,
        help_text=_(
            "Ein Antrag einer Fraktion oder dieses Anteils der Mitglieder muss auf die "
            "nächste Tagesordnung."
        ),
    )
    minutes_due_days = models.PositiveSmallIntegerField(
        _("Niederschrift zuzustellen binnen (Tagen)"), default=30
    )

    objects = SessionRulesQuerySet.as_manager()

    class Meta:
        verbose_name = _("Geschäftsordnung")
        verbose_name_plural = _("Geschäftsordnungen")
        ordering = ["body", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organization"],
                condition=models.Q(deleted=False, organization__isnull=False),
                name="sessionrules_one_per_organization",
            ),
            models.UniqueConstraint(
                fields=["body"],
                condition=models.Q(deleted=False, organization__isnull=True),
                name="sessionrules_one_default_per_body",
            ),
            models.CheckConstraint(
                condition=models.Q(quorum_percent__lte=100, obliging_share_percent__lte=100),
                name="sessionrules_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name
