"""Measures (Maßnahmen) and the dated history of their status."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.concept.models.concepts import (
    ActionField,
    ConceptVersion,
    Goal,
    adopted_by_field,
    carried_from_field,
    decision_field,
    lineage_field,
    weight_field,
)
from teilhabe.concept.querysets import BodyScopedQuerySet, VersionPartQuerySet
from teilhabe.core.models import BodyOwnedModel


class Status(models.TextChoices):
    PLANNED = "planned", _("geplant")
    PREPARING = "preparing", _("in Vorbereitung")
    IN_PROGRESS = "in_progress", _("in Umsetzung")
    DONE = "done", _("umgesetzt")
    POSTPONED = "postponed", _("zurückgestellt")
    DROPPED = "dropped", _("entfallen")


def _money(label: Any) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("in Euro"),
    )


class Measure(BodyOwnedModel):
    """A measure: who is responsible, who organises, when, what it costs, how far it is,
    which goals it serves and which papers and resolutions decided or funded it."""

    concept_version = models.ForeignKey(
        ConceptVersion, on_delete=models.PROTECT, related_name="measures", verbose_name=_("Version")
    )
    action_field = models.ForeignKey(
        ActionField,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("Handlungsfeld"),
    )
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="measures", verbose_name=_("dient den Zielen")
    )
    number = models.PositiveSmallIntegerField(_("Nummer"), default=1)
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    responsible_organization = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zuständige Stelle"),
    )
    responsible_person = models.ForeignKey(
        "council.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zuständige Person"),
    )
    organiser = models.CharField(_("Organisation"), max_length=200, blank=True)
    speaker = models.CharField(
        _("Referent/in"),
        max_length=200,
        blank=True,
        help_text=_("„N.N.“, solange noch niemand feststeht."),
    )
    partners = models.TextField(_("Partner"), blank=True)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_since = models.DateField(_("Status seit"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("Fortschritt in Prozent"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    planned_cost = _money(_("geplante Kosten"))
    actual_cost = _money(_("tatsächliche Kosten"))
    funding_source = models.CharField(_("Finanzierung"), max_length=200, blank=True)
    weight = weight_field()
    decision = decision_field()
    report = models.ForeignKey(
        "council.Paper",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorgelegt mit"),
    )
    adopted_by = adopted_by_field()
    adopted_on = models.DateField(_("beschlossen am"), null=True, blank=True)
    motion = models.ForeignKey(
        "council.Paper",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Antrag an den Stadtrat"),
        help_text=_("Braucht die Maßnahme den Stadtrat, folgt ihr Status dessen Beschluss."),
    )
    papers = models.ManyToManyField(
        "council.Paper",
        blank=True,
        related_name="+",
        verbose_name=_("Drucksachen"),
        help_text=_("Drucksachen, die die Maßnahme beschlossen oder finanziert haben."),
    )
    resolutions = models.ManyToManyField(
        "council.AgendaItem",
        blank=True,
        related_name="+",
        verbose_name=_("Beschlüsse"),
    )
    lineage = lineage_field()
    carried_from = carried_from_field()

    objects = VersionPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["concept_version", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept_version", "lineage"],
                condition=Q(deleted=False),
                name="measure_unique_lineage",
            ),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__lte=100),
                name="measure_progress_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(planned_cost__isnull=True) | Q(planned_cost__gte=0),
                name="measure_planned_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(actual_cost__isnull=True) | Q(actual_cost__gte=0),
                name="measure_actual_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="measure_end_not_before_start",
            ),
        ]
        indexes = [
            models.Index(fields=["concept_version", "status"], name="measure_version_status_idx")
        ]

    def __str__(self) -> str:
        return self.title


class MeasureStatusChange(BodyOwnedModel):
    """One dated step in a measure's history: its status (and progress) from `date` on."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("Maßnahme")
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    date = models.DateField(_("seit"))
    progress = models.PositiveSmallIntegerField(
        _("Fortschritt in Prozent"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    resolution = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nach dem Beschluss"),
    )

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusänderungen")
        ordering = ["measure", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.date:%d.%m.%Y})"
