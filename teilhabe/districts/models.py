"""Neighbourhoods (Quartiere), the Stadtteile they form and the city: public reference data.

A district has a code unique in its body (the key of the GeoJSON import, which keeps a
district's id across re-imports), a name, a level and a parent one level or more above
it. Its outline is stored as GeoJSON in WGS 84 (RFC 7946: longitude, latitude, rounded to
six decimals, exterior rings counter-clockwise), with its bounding box for drawing maps
and its area in square metres, computed in an equal-area projection when it is imported
(`teilhabe.districts.geojson`). Districts are written by `services.districts_import` only.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import AliveQuerySet, BodyOwnedModel


class Level(models.TextChoices):
    """From the top: the city, its Stadtteile, their Quartiere."""

    CITY = "city", _("Stadt")
    STADTTEIL = "stadtteil", _("Stadtteil")
    QUARTIER = "quartier", _("Quartier")


# Higher is above: a district's parent has a higher rank than the district.
LEVEL_RANK: dict[str, int] = {Level.CITY: 3, Level.STADTTEIL: 2, Level.QUARTIER: 1}


class DistrictQuerySet(AliveQuerySet["District"]):
    def for_body(self, body: Any) -> Self:
        return self.filter(body=body)

    def visible_to(self, user: Any) -> Self:
        """Districts are public reference data: everybody sees the alive ones."""
        return self.alive()


class District(BodyOwnedModel):
    """A Quartier, Stadtteil or the city, with its outline."""

    Level = Level

    code = models.CharField(
        _("Schlüssel"),
        max_length=50,
        help_text=_("Kennung des Gebiets in der Körperschaft, z. B. 0101."),
    )
    name = models.CharField(_("Name"), max_length=200)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("übergeordnetes Gebiet"),
    )
    geometry = models.JSONField(
        _("Umriss"),
        help_text=_("GeoJSON-Geometrie (Polygon oder MultiPolygon) in WGS 84."),
    )
    min_lon = models.FloatField(_("westlichste Länge"))
    min_lat = models.FloatField(_("südlichste Breite"))
    max_lon = models.FloatField(_("östlichste Länge"))
    max_lat = models.FloatField(_("nördlichste Breite"))
    area = models.FloatField(_("Fläche (m²)"))

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gebiet")
        verbose_name_plural = _("Gebiete")
        ordering = ["code", "pk"]
        indexes = [models.Index(fields=["body", "level"], name="district_body_level_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "code"],
                condition=Q(deleted=False),
                name="district_unique_code",
            ),
            models.CheckConstraint(condition=~Q(code=""), name="district_code_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="district_name_not_empty"),
            models.CheckConstraint(
                condition=Q(level__in=Level.values), name="district_level_valid"
            ),
            models.CheckConstraint(
                condition=~Q(level=Level.CITY) | Q(parent__isnull=True),
                name="district_city_has_no_parent",
            ),
            models.CheckConstraint(
                condition=Q(min_lon__gte=-180, max_lon__lte=180, min_lat__gte=-90, max_lat__lte=90)
                & Q(min_lon__lte=F("max_lon"), min_lat__lte=F("max_lat")),
                name="district_bbox_valid",
            ),
            models.CheckConstraint(condition=Q(area__gte=0), name="district_area_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """West, south, east, north (the order of a GeoJSON `bbox`)."""
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)

    @property
    def area_km2(self) -> float:
        return self.area / 1_000_000
