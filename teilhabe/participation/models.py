"""Thresholds (Schwellenwerte) and the needs (Handlungsbedarfe) they propose.

* `Threshold` — a rule staff set on one indicator of the monitoring (and one category of
  it, for an indicator with categories): a district whose shown value lies above the
  city's by a margin, above an absolute value, or below the city's by a margin.
* `Need` — a district over a threshold on one snapshot, proposed by `services.needs_propose`
  and then confirmed or dismissed by staff, with a comment and a goal of the concept. It
  keeps the value and the city's value as they were shown when it was proposed; a
  suppressed value never proposes a need, so a need never reveals one.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import AliveQuerySet, BodyOwnedModel


class Rule(models.TextChoices):
    ABOVE_CITY = "above_city", _("über dem Wert der Stadt um mindestens")
    ABOVE_VALUE = "above_value", _("über dem Wert")
    BELOW_CITY = "below_city", _("unter dem Wert der Stadt um mindestens")


class ThresholdQuerySet(AliveQuerySet["Threshold"]):
    def for_body(self, body: Any) -> ThresholdQuerySet:
        return self.filter(body=body)


class Threshold(BodyOwnedModel):
    """A district's shown value of `indicator` (`category`) against `value`: a margin in
    percentage points (or in the indicator's unit) to the city, or an absolute value."""

    Rule = Rule

    indicator = models.CharField(_("Indikator"), max_length=60)
    category = models.CharField(_("Ausprägung"), max_length=50, blank=True)
    rule = models.CharField(_("Regel"), max_length=20, choices=Rule.choices)
    value = models.DecimalField(_("Wert"), max_digits=12, decimal_places=2)
    note = models.TextField(_("Anmerkung"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    objects = ThresholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("Schwellenwert")
        verbose_name_plural = _("Schwellenwerte")
        ordering = ["indicator", "category", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rule__in=Rule.values), name="threshold_rule_valid"),
            models.CheckConstraint(condition=~Q(indicator=""), name="threshold_indicator_set"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.get_rule_display()} {self.value}"

    def exceeded(self, value: Any, city: Any) -> bool:
        """Whether a district's `value` breaks this rule (`city`: the city's value, None
        when it is not shown). A rule against the city needs the city's value."""
        if value is None:
            return False
        if self.rule == Rule.ABOVE_VALUE:
            return bool(value > self.value)
        if city is None:
            return False
        if self.rule == Rule.ABOVE_CITY:
            return bool(value - city >= self.value)
        return bool(city - value >= self.value)


class State(models.TextChoices):
    PROPOSED = "proposed", _("vorgeschlagen")
    CONFIRMED = "confirmed", _("bestätigt")
    DISMISSED = "dismissed", _("verworfen")


class NeedQuerySet(AliveQuerySet["Need"]):
    def for_body(self, body: Any) -> NeedQuerySet:
        return self.filter(body=body)


class Need(BodyOwnedModel):
    """A proposed need (Handlungsbedarf) of a district on one snapshot."""

    State = State

    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Gebiet"),
    )
    snapshot = models.ForeignKey(
        "monitoring.Snapshot",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Datenstand"),
    )
    threshold = models.ForeignKey(
        Threshold, on_delete=models.PROTECT, related_name="needs", verbose_name=_("Schwellenwert")
    )
    value_text = models.CharField(_("Wert (wie ausgewiesen)"), max_length=30)
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=4)
    city_text = models.CharField(_("Wert der Stadt (wie ausgewiesen)"), max_length=30, blank=True)
    city_value = models.DecimalField(
        _("Wert der Stadt"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=State.choices, default=State.PROPOSED
    )
    comment = models.TextField(_("Kommentar"), blank=True)
    goal = models.ForeignKey(
        "concept.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ziel"),
    )

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Handlungsbedarf")
        verbose_name_plural = _("Handlungsbedarfe")
        ordering = ["-snapshot__reference_date", "district__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["threshold", "district", "snapshot"], name="need_unique_per_snapshot"
            ),
            models.CheckConstraint(condition=Q(state__in=State.values), name="need_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.district_id}: {self.value_text}"
