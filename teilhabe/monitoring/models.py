"""Snapshots (Stichtage) of the integration monitoring and their counts per district.

* `Snapshot` — the data of one body on one reference date, loaded once from an aggregated
  table or from a register extract (`Source`); one alive snapshot per body and date.
* `Snapshot.protection` — how its figures are kept confidential, chosen at the import
  and applied by `indicators.compute` to every output alike: suppression of small counts
  (`confidentiality.primary`/`secondary`, the default), or the Cell-Key Method
  (`confidentiality.cellkey`: consistent small noise, zeros stay zero, the population
  of each area exact). The Cell-Key Method needs the records' keys, so only a register
  extract can use it (a check constraint; `services.snapshot_import` refuses it for an
  aggregated table with a message at the field).
* `Count` — how many residents of one district fall into one category of one
  characteristic (`teilhabe.monitoring.characteristics`) on that date. Counts are written
  in bulk by `services.snapshot_import` only, with the snapshot; individual records of the
  register are never stored, only these aggregates. `Count.key` is the cell key of a
  count from a register extract (the sum of its records' keys mod 2**32, see
  `confidentiality.cellkey`), stored whatever the protection; None for an aggregated
  table. It is never shown: with it and the secret-free noise table, the unperturbed
  count could be worked out from a published one.
* `Indicator` — an indicator a body's staff define themselves, as the share of a
  numerator over a denominator, each a list of (characteristic, category) pairs whose
  counts are added. The indicators the monitoring ships with are not rows: they are
  defined in code (`catalogue`), so that every installation computes them the same way,
  their texts are translated, and a change to one is reviewed like code. A staff-defined
  code must not be one of the catalogue's.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import AliveQuerySet, BodyOwnedModel
from teilhabe.monitoring.catalogue import CATALOGUE
from teilhabe.monitoring.confidentiality.cellkey import KEY_SPACE
from teilhabe.monitoring.errors import CellKeyNeedsRegister


class Source(models.TextChoices):
    AGGREGATED = "aggregated", _("aggregierte Tabelle")
    REGISTER = "register", _("Auszug aus dem Melderegister")


class Protection(models.TextChoices):
    SUPPRESSION = "suppression", _("Sperrung kleiner Fallzahlen")
    CELL_KEY = "cellkey", _("Cell-Key-Methode")


class SnapshotQuerySet(AliveQuerySet["Snapshot"]):
    def for_body(self, body: Any) -> SnapshotQuerySet:
        return self.filter(body=body)


class Snapshot(BodyOwnedModel):
    """The monitoring's data of a body on one reference date."""

    Source = Source
    Protection = Protection

    reference_date = models.DateField(_("Stichtag"))
    source = models.CharField(_("Quelle"), max_length=20, choices=Source.choices)
    protection = models.CharField(
        _("Geheimhaltung"),
        max_length=20,
        choices=Protection.choices,
        default=Protection.SUPPRESSION,
    )
    note = models.TextField(_("Anmerkung"), blank=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("Datenstand")
        verbose_name_plural = _("Datenstände")
        ordering = ["-reference_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "reference_date"],
                condition=Q(deleted=False),
                name="snapshot_unique_date",
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="snapshot_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(protection__in=Protection.values), name="snapshot_protection_valid"
            ),
            models.CheckConstraint(
                condition=Q(protection=Protection.SUPPRESSION) | Q(source=Source.REGISTER),
                name="snapshot_cellkey_needs_register",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference_date:%d.%m.%Y}"

    def clean(self) -> None:
        super().clean()
        if self.protection == Protection.CELL_KEY and self.source != Source.REGISTER:
            raise ValidationError({"protection": CellKeyNeedsRegister.default_message})

    @property
    def perturbed(self) -> bool:
        """Its figures are protected by the Cell-Key Method (noise, no suppression)."""
        return self.protection == Protection.CELL_KEY


class Count(models.Model):
    """Residents of `district` in (`characteristic`, `category`) on the snapshot's date."""

    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.CASCADE, related_name="counts", verbose_name=_("Datenstand")
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Gebiet"),
    )
    characteristic = models.CharField(_("Merkmal"), max_length=50)
    category = models.CharField(_("Ausprägung"), max_length=50)
    value = models.PositiveBigIntegerField(_("Anzahl"))
    key = models.PositiveBigIntegerField(
        _("Zellschlüssel"),
        null=True,
        blank=True,
        help_text=_("Summe der Personenschlüssel der Zelle (Cell-Key-Methode); nie gezeigt."),
    )

    class Meta:
        verbose_name = _("Zählwert")
        verbose_name_plural = _("Zählwerte")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "district", "characteristic", "category"],
                name="count_unique_cell",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="count_value_not_negative"),
            models.CheckConstraint(
                condition=Q(key__isnull=True) | Q(key__gte=0, key__lt=KEY_SPACE),
                name="count_key_in_key_space",
            ),
            models.CheckConstraint(
                condition=~Q(characteristic="") & ~Q(category=""), name="count_codes_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.characteristic}/{self.category}: {self.value}"


def _valid_pairs(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(pair, list)
        and len(pair) == 2
        and all(isinstance(part, str) and part for part in pair)
        for pair in value
    )


class IndicatorQuerySet(AliveQuerySet["Indicator"]):
    def for_body(self, body: Any) -> IndicatorQuerySet:
        return self.filter(body=body)


class Indicator(BodyOwnedModel):
    """An indicator a body defines: sum of `numerator` counts over sum of `denominator`
    counts, in percent (without a denominator: the count itself)."""

    code = models.SlugField(_("Kennung"), max_length=60)
    name = models.CharField(_("Name"), max_length=200)
    definition = models.TextField(_("Definition"))
    relevance = models.TextField(_("Relevanz"), blank=True)
    data_source = models.TextField(_("Datenquelle"), blank=True)
    method_notes = models.TextField(_("Methodische Hinweise"), blank=True)
    numerator = models.JSONField(
        _("Zähler"),
        help_text=_("Liste von Paaren [Merkmal, Ausprägung], deren Werte addiert werden."),
    )
    denominator = models.JSONField(
        _("Nenner"),
        default=list,
        blank=True,
        help_text=_("Liste von Paaren [Merkmal, Ausprägung]; leer: der Zähler als Anzahl."),
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "code"], condition=Q(deleted=False), name="indicator_unique_code"
            ),
            models.CheckConstraint(condition=~Q(code=""), name="indicator_code_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.code in CATALOGUE:
            errors["code"] = _("Diese Kennung gehört zu einem Indikator des Katalogs.")
        if not _valid_pairs(self.numerator) or not self.numerator:
            errors["numerator"] = _("Bitte mindestens ein Paar [Merkmal, Ausprägung] angeben.")
        if not _valid_pairs(self.denominator):
            errors["denominator"] = _("Bitte Paare [Merkmal, Ausprägung] angeben.")
        if errors:
            raise ValidationError(errors)
