from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import BodyOwnedModel, oparl_id_field, unique_oparl_id
from teilhabe.council.querysets import ConsultationQuerySet, PaperQuerySet


class Paper(BodyOwnedModel):
    """Drucksache: Antrag, Anfrage, Beschlussvorlage, Bericht, Mitteilung."""

    class Type(models.TextChoices):
        MOTION = "antrag", _("Antrag")
        QUESTION = "anfrage", _("Anfrage")
        DRAFT_RESOLUTION = "beschlussvorlage", _("Beschlussvorlage")
        REPORT = "bericht", _("Bericht")
        NOTICE = "mitteilung", _("Mitteilung")

    reference = models.CharField(_("Aktenzeichen / Drucksachennummer"), max_length=100, blank=True)
    name = models.CharField(_("Titel"), max_length=500)
    date = models.DateField(_("Datum"), db_index=True)
    paper_type = models.CharField(_("Art"), max_length=20, choices=Type.choices)
    public = models.BooleanField(
        _("öffentlich"),
        default=True,
        help_text=_(
            "Nichtöffentliche Vorlagen sehen nur die Geschäftsstelle und die "
            "Mitglieder der beratenden Gremien."
        ),
    )
    originator_persons = models.ManyToManyField(
        "council.Person",
        blank=True,
        related_name="originated_papers",
        verbose_name=_("Urheber (Personen)"),
    )
    originator_organizations = models.ManyToManyField(
        "council.Organization",
        blank=True,
        related_name="originated_papers",
        verbose_name=_("Urheber (Gremien, Fraktionen)"),
    )
    proposed_resolution = models.TextField(_("Beschlussvorschlag"), blank=True)
    justification = models.TextField(_("Begründung"), blank=True)
    submitted_for = models.ForeignKey(
        "council.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_papers",
        verbose_name=_("eingereicht für die Sitzung"),
    )
    submitted_at = models.DateTimeField(_("eingegangen am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eingereicht von"),
    )
    late = models.BooleanField(
        _("verspätet"), default=False, help_text=_("Nach Ablauf der Antragsfrist eingegangen.")
    )
    obliging = models.BooleanField(
        _("Pflicht zur Aufnahme"),
        default=False,
        help_text=_(
            "Antrag einer Fraktion oder eines Viertels der Mitglieder: muss auf die "
            "nächste Tagesordnung."
        ),
    )
    cited_agenda_items = models.ManyToManyField(
        "council.AgendaItem",
        blank=True,
        related_name="citing_papers",
        verbose_name=_("zitierte Beschlüsse"),
    )
    related_papers = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        verbose_name=_("verwandte Drucksachen"),
    )

    oparl_id = oparl_id_field()

    objects = PaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("Drucksache")
        verbose_name_plural = _("Drucksachen")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["body", "date"], name="paper_body_date_idx")]
        constraints = [unique_oparl_id("paper_unique_oparl_id")]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}".strip()


class Consultation(BodyOwnedModel):
    """Beratungsfolge: a paper discussed by an organization, in a meeting's agenda item."""

    class Role(models.TextChoices):
        PREPARE = "vorberatung", _("Vorberatung")
        DECIDE = "entscheidung", _("Entscheidung")
        NOTE = "kenntnisnahme", _("Kenntnisnahme")

    paper = models.ForeignKey(
        "council.Paper",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("Drucksache"),
    )
    organization = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("Gremium"),
    )
    meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("Sitzung"),
    )
    agenda_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("Tagesordnungspunkt"),
    )
    authoritative = models.BooleanField(_("beschließend"), default=False)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.PREPARE)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    oparl_id = oparl_id_field()

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beratung")
        verbose_name_plural = _("Beratungsfolge")
        ordering = ["paper", "order", "id"]
        constraints = [unique_oparl_id("consultation_unique_oparl_id")]

    def __str__(self) -> str:
        return f"{self.paper} → {self.organization}"
