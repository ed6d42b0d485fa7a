"""The integration concept, its versions, their fields of action and goals.

A goal can name the indicator of the monitoring that shows its effect (`indicator_code`:
a code of the catalogue in code or of one of the body's own indicators) with a target
value, the district it is meant for (none: the whole city) and the year it is meant to
be reached by. The code is kept as text, not as a key: the catalogue is no table, and a
goal keeps what it named when the body's own indicator is removed. Which codes and values
make sense is the services' to check (`services.goals`); the table only guarantees that
no target stands without an indicator.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.concept.querysets import (
    ConceptQuerySet,
    ConceptVersionQuerySet,
    VersionPartQuerySet,
)
from teilhabe.core.models import BodyOwnedModel

WEIGHT_HELP = _(
    "Gewicht beim Zusammenfassen des Fortschritts (größer als 0). Leer: Gewicht 1, alle gleich."
)

# The years a goal's target may be set for.
TARGET_YEAR_MIN = 1990
TARGET_YEAR_MAX = 2100


def weight_field() -> models.DecimalField:
    return models.DecimalField(
        _("Gewicht"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
        help_text=WEIGHT_HELP,
    )


def lineage_field() -> models.UUIDField:
    """The identity of a field, goal or measure across the versions of a concept: a
    revision copies it, so the comparison knows what was carried over."""
    return models.UUIDField(_("Herkunftskennung"), default=uuid.uuid4, editable=False)


class Decision(models.TextChoices):
    """Where a goal or measure stands in its adoption."""

    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("zur Beschlussfassung vorgelegt")
    ADOPTED = "adopted", _("beschlossen")
    REJECTED = "rejected", _("abgelehnt")


def carried_from_field() -> models.ForeignKey[Any, Any]:
    """The same part in the version this one was revised from (see `lineage_field`)."""
    return models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("übernommen aus"),
    )


def decision_field() -> models.CharField[Any, Any]:
    return models.CharField(
        _("Beschlussstand"), max_length=20, choices=Decision.choices, default=Decision.DRAFT
    )


def adopted_by_field() -> models.ForeignKey[Any, Any]:
    """The resolution (agenda item) that adopted a goal or measure."""
    return models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beschlossen durch"),
    )


class Concept(BodyOwnedModel):
    """A body's integration concept (Integrationskonzept), kept in versions."""

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)

    objects = ConceptQuerySet.as_manager()

    class Meta:
        verbose_name = _("Integrationskonzept")
        verbose_name_plural = _("Integrationskonzepte")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class ConceptVersion(BodyOwnedModel):
    """One version (1.0, 2.0, …) of a concept: drafted, deliberated, in force, superseded.

    A revision (Fortschreibung) starts from its `predecessor`; when it comes into force the
    predecessor is superseded. At most one version of a concept is in force.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        DELIBERATION = "deliberation", _("in Beratung")
        IN_FORCE = "in_force", _("in Kraft")
        SUPERSEDED = "superseded", _("abgelöst")

    concept = models.ForeignKey(
        Concept, on_delete=models.PROTECT, related_name="versions", verbose_name=_("Konzept")
    )
    number = models.CharField(_("Versionsnummer"), max_length=20, help_text=_("z. B. 1.0 oder 2.0"))
    title = models.CharField(_("Titel"), max_length=200, blank=True)
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    state = models.CharField(_("Stand"), max_length=20, choices=State.choices, default=State.DRAFT)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("fortgeschrieben aus"),
    )
    drafted_by = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erarbeitet von"),
        help_text=_("Die Arbeitsgruppe, die den Entwurf erarbeitet; ihre Mitglieder sehen ihn."),
    )
    adopted_on = models.DateField(_("beschlossen am"), null=True, blank=True)
    in_force_from = models.DateField(_("in Kraft seit"), null=True, blank=True)
    in_force_until = models.DateField(_("in Kraft bis"), null=True, blank=True)
    resolutions = models.ManyToManyField(
        "council.AgendaItem",
        blank=True,
        related_name="+",
        verbose_name=_("Beschlüsse"),
        help_text=_(
            "Die Beschlüsse von Beirat und Stadtrat, mit denen die Version beschlossen wurde."
        ),
    )

    objects = ConceptVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Konzeptversion")
        verbose_name_plural = _("Konzeptversionen")
        ordering = ["concept", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "number"],
                condition=Q(deleted=False),
                name="conceptversion_unique_number",
            ),
            models.UniqueConstraint(
                fields=["concept"],
                condition=Q(deleted=False, state="in_force"),
                name="conceptversion_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.concept_id} {self.number}"


class ActionField(BodyOwnedModel):
    """A field of action (Handlungsfeld) of one version, e.g. „Sprache und Bildung“."""

    concept_version = models.ForeignKey(
        ConceptVersion,
        on_delete=models.PROTECT,
        related_name="action_fields",
        verbose_name=_("Version"),
    )
    number = models.PositiveSmallIntegerField(_("Nummer"), default=1)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    weight = weight_field()
    lineage = lineage_field()
    carried_from = carried_from_field()

    objects = VersionPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["concept_version", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept_version", "lineage"],
                condition=Q(deleted=False),
                name="actionfield_unique_lineage",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Goal(BodyOwnedModel):
    """A goal (Ziel) in a field of action, with its justification, priority and origin."""

    class Origin(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        WORKING_GROUP = "working_group", _("Arbeitsgruppe")
        PARTICIPATION = "participation", _("Beteiligung")
        MONITORING = "monitoring", _("Monitoring")
        OTHER = "other", _("sonstige")

    concept_version = models.ForeignKey(
        ConceptVersion, on_delete=models.PROTECT, related_name="goals", verbose_name=_("Version")
    )
    action_field = models.ForeignKey(
        ActionField, on_delete=models.PROTECT, related_name="goals", verbose_name=_("Handlungsfeld")
    )
    number = models.PositiveSmallIntegerField(_("Nummer"), default=1)
    title = models.TextField(_("Ziel"))
    justification = models.TextField(_("Begründung"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("Priorität"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("1 ist die höchste Priorität; leer: nicht priorisiert."),
    )
    origin = models.CharField(
        _("Herkunft"), max_length=20, choices=Origin.choices, default=Origin.WORKSHOP
    )
    origin_organization = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erarbeitet von"),
    )
    weight = weight_field()
    indicator_code = models.CharField(
        _("Indikator"),
        max_length=60,
        blank=True,
        help_text=_("Der Indikator des Monitorings, an dem sich die Wirkung des Ziels zeigt."),
    )
    target_value = models.DecimalField(
        _("Zielwert"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Der Wert, den der Indikator erreichen soll: ein Anteil in Prozent, eine Anzahl, "
            "ein Lagequotient oder eine Veränderung."
        ),
    )
    target_district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Zielgebiet"),
        help_text=_("Das Gebiet, für das der Zielwert gilt; leer: die ganze Stadt."),
    )
    target_year = models.PositiveSmallIntegerField(
        _("Zieljahr"),
        null=True,
        blank=True,
        help_text=_("Bis wann der Zielwert erreicht sein soll, z. B. 2030."),
    )
    decision = decision_field()
    report = models.ForeignKey(
        "council.Paper",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorgelegt mit"),
        help_text=_(
            "Der Bericht (Drucksache), mit dem das Ziel zur Beschlussfassung vorgelegt wurde."
        ),
    )
    adopted_by = adopted_by_field()
    adopted_on = models.DateField(_("beschlossen am"), null=True, blank=True)
    lineage = lineage_field()
    carried_from = carried_from_field()

    objects = VersionPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["concept_version", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept_version", "lineage"],
                condition=Q(deleted=False),
                name="goal_unique_lineage",
            ),
            models.CheckConstraint(
                condition=~Q(indicator_code="")
                | Q(
                    target_value__isnull=True,
                    target_district__isnull=True,
                    target_year__isnull=True,
                ),
                name="goal_target_needs_indicator",
            ),
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(target_year__gte=TARGET_YEAR_MIN, target_year__lte=TARGET_YEAR_MAX),
                name="goal_target_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:200]
