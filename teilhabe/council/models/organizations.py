from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import BodyOwnedModel, oparl_id_field, unique_oparl_id
from teilhabe.council.querysets import (
    LegislativeTermQuerySet,
    LocationQuerySet,
    MembershipQuerySet,
    OrganizationQuerySet,
    PersonQuerySet,
)


class Location(BodyOwnedModel):
    description = models.CharField(_("Bezeichnung"), max_length=300)
    street_address = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    room = models.CharField(_("Raum"), max_length=100, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=100, blank=True)

    oparl_id = oparl_id_field()

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["description"]
        constraints = [unique_oparl_id("location_unique_oparl_id")]

    def __str__(self) -> str:
        return self.description


class LegislativeTerm(BodyOwnedModel):
    """Wahlperiode."""

    name = models.CharField(_("Bezeichnung"), max_length=200)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    oparl_id = oparl_id_field()

    objects = LegislativeTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("Wahlperiode")
        verbose_name_plural = _("Wahlperioden")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="legislativeterm_end_after_start",
            ),
            unique_oparl_id("legislativeterm_unique_oparl_id"),
        ]

    def __str__(self) -> str:
        return self.name


class Organization(BodyOwnedModel):
    """Gremium: Beirat, Stadtrat, Ausschuss, Arbeitsgruppe, Fraktion/Liste, Verwaltung."""

    class Type(models.TextChoices):
        BEIRAT = "beirat", _("Beirat")
        STADTRAT = "stadtrat", _("Stadtrat")
        AUSSCHUSS = "ausschuss", _("Ausschuss")
        ARBEITSGRUPPE = "arbeitsgruppe", _("Arbeitsgruppe")
        FRAKTION = "fraktion", _("Fraktion / Liste")
        VERWALTUNG = "verwaltung", _("Verwaltung")

    name = models.CharField(_("Name"), max_length=300)
    short_name = models.CharField(_("Kurzname"), max_length=100, blank=True)
    organization_type = models.CharField(_("Art"), max_length=20, choices=Type.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("übergeordnetes Gremium"),
    )
    legal_member_count = models.PositiveSmallIntegerField(
        _("gesetzliche Mitgliederzahl"),
        null=True,
        blank=True,
        help_text=_("Grundlage für die Beschlussfähigkeit."),
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    website = models.URLField(_("Website"), blank=True)
    location = models.ForeignKey(
        "council.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Sitz"),
    )

    oparl_id = oparl_id_field()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["name"]
        indexes = [models.Index(fields=["body", "organization_type"], name="org_body_type_idx")]
        constraints = [unique_oparl_id("organization_unique_oparl_id")]

    def __str__(self) -> str:
        return self.name

    @property
    def holds_meetings(self) -> bool:
        return self.organization_type not in {self.Type.FRAKTION, self.Type.VERWALTUNG}


class Person(BodyOwnedModel):
    """A natural person. Personal data is published only with `public_consent`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("Benutzerkonto"),
    )
    form_of_address = models.CharField(_("Anrede"), max_length=50, blank=True)
    title = models.CharField(_("Titel"), max_length=50, blank=True)
    given_name = models.CharField(_("Vorname"), max_length=100)
    family_name = models.CharField(_("Nachname"), max_length=100)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    public_consent = models.BooleanField(
        _("Einwilligung zur Veröffentlichung"),
        default=False,
        help_text=_("Name und Mitgliedschaften erscheinen öffentlich nur mit Einwilligung."),
    )
    public_consent_date = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)

    oparl_id = oparl_id_field()

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["family_name", "given_name"]
        constraints = [unique_oparl_id("person_unique_oparl_id")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.title, self.given_name, self.family_name) if p)


class Membership(BodyOwnedModel):
    class Role(models.TextChoices):
        CHAIR = "vorsitz", _("Vorsitz")
        DEPUTY_CHAIR = "stellv_vorsitz", _("stellvertretender Vorsitz")
        MEMBER = "mitglied", _("Mitglied")
        DEPUTY = "stellvertretung", _("Stellvertretung")
        ADVISORY = "beratend", _("beratendes Mitglied")

    person = models.ForeignKey(
        "council.Person",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Person"),
    )
    organization = models.ForeignKey(
        "council.Organization",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Gremium"),
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    voting_right = models.BooleanField(_("stimmberechtigt"), default=True)
    on_behalf_of = models.ForeignKey(
        "council.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegated_memberships",
        verbose_name=_("für Fraktion / Liste"),
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    oparl_id = oparl_id_field()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["organization", "role", "person__family_name"]
        indexes = [
            models.Index(fields=["person", "organization"], name="membership_person_org_idx")
        ]
        constraints = [unique_oparl_id("membership_unique_oparl_id")]

    def __str__(self) -> str:
        return f"{self.person} – {self.organization} ({self.get_role_display()})"
