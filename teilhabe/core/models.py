"""The municipality every record belongs to, and the base every record is built on."""

from __future__ import annotations

from typing import Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

_M = TypeVar("_M", bound=models.Model)


class AliveQuerySet(models.QuerySet[_M]):
    """Soft delete is explicit: `.alive()` hides deleted rows, the default manager does not."""

    def alive(self) -> Self:
        return self.filter(deleted=False)


class TimestampedModel(models.Model):
    """`created`, `modified` (as OParl requires), soft delete and a version for edits.

    `version` grows by one with every saved edit; a form carries the version it was
    built from, and a service refuses the save when the row has moved on (no lost updates).
    """

    created = models.DateTimeField(_("erstellt"), auto_now_add=True, db_index=True)
    modified = models.DateTimeField(_("geändert"), auto_now=True, db_index=True)
    deleted = models.BooleanField(_("gelöscht"), default=False)
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    class Meta:
        abstract = True


class Body(TimestampedModel):
    """A Gebietskörperschaft (city, district) — the tenant. One instance hosts many."""

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=100, blank=True)
    slug = models.SlugField(_("Kürzel in Adressen"), max_length=60, unique=True)
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"),
        max_length=8,
        blank=True,
        help_text=_("Acht Ziffern, z. B. 07314000."),
    )
    website = models.URLField(_("Website"), blank=True)
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    contact_name = models.CharField(_("Kontakt"), max_length=200, blank=True)
    license = models.URLField(
        _("Lizenz der Daten"),
        blank=True,
        default="https://creativecommons.org/licenses/by/4.0/",
    )
    letterhead = models.TextField(
        _("Briefkopf"), blank=True, help_text=_("Anschrift der Geschäftsstelle für Einladungen.")
    )
    # An imported body mirrors a remote council information system: it is written only by
    # `manage.py oparl_import`, and the UI treats it as read-only when this is set.
    oparl_source = models.URLField(
        _("importiert aus (OParl)"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("OParl-Adresse der Körperschaft, aus der diese importiert wird."),
    )
    oparl_imported_at = models.DateTimeField(
        _("zuletzt vollständig importiert"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Beginn des letzten vollständigen Imports; der nächste fragt nur Neueres ab."),
    )

    objects = AliveQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gebietskörperschaft")
        verbose_name_plural = _("Gebietskörperschaften")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["oparl_source"],
                condition=~models.Q(oparl_source=""),
                name="body_unique_oparl_source",
            )
        ]

    def __str__(self) -> str:
        return self.name


def oparl_id_field() -> models.URLField:
    """The original OParl id of an imported record; empty for records made here."""
    return models.URLField(_("OParl-ID"), max_length=500, blank=True, db_index=True, editable=False)


def unique_oparl_id(name: str) -> models.UniqueConstraint:
    """An imported record is stored once per body: the importer upserts by this id."""
    return models.UniqueConstraint(
        fields=["body", "oparl_id"], condition=~models.Q(oparl_id=""), name=name
    )


class BodyOwnedModel(TimestampedModel):
    """Every record belongs to exactly one Body."""

    body = models.ForeignKey(
        "core.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("Körperschaft")
    )

    class Meta:
        abstract = True


class DataGeneration(models.Model):
    """How often the project's data has been written: one row, moved on by every write.

    The public pages' cache keys its entries with it (`teilhabe.core.pagecache`).
    """

    SINGLETON = 1

    value = models.BigIntegerField(_("Stand"), default=0)

    class Meta:
        verbose_name = _("Datenstand")
        verbose_name_plural = _("Datenstände")

    def __str__(self) -> str:
        return str(self.value)


class ChangeRecord(models.Model):
    """One change to a record: who, when, what (field: [before, after]).

    Written by `teilhabe.core.history` from the services, never edited. It outlives a soft
    delete of its record, and names the record in words so it stays readable.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("angelegt")
        UPDATE = "update", _("geändert")
        DELETE = "delete", _("gelöscht")

    body = models.ForeignKey(
        "core.Body",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("Körperschaft"),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("Eintrag"), max_length=300)
    action = models.CharField(_("Aktion"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("Änderungen"), default=dict)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("von"),
    )
    at = models.DateTimeField(_("am"), db_index=True)

    class Meta:
        verbose_name = _("Änderung")
        verbose_name_plural = _("Änderungsverlauf")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="changerecord_object_idx"),
            models.Index(fields=["body", "at"], name="changerecord_body_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.get_action_display()}"


class Job(models.Model):
    """A piece of work a user started that runs in the background (`teilhabe.core.jobs`).

    The row says how far it is (`step`, `percent`) for the page that shows it, and keeps
    its outcome (`result`, what the page needs to report it) once it is done or failed.
    The file it works on lies in the private storage under `file_name` until it ends.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("Körperschaft")
    )
    kind = models.CharField(_("Art"), max_length=60)
    title = models.CharField(_("Bezeichnung"), max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestartet von"),
    )
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.QUEUED)
    step = models.CharField(_("Schritt"), max_length=30, blank=True)
    percent = models.PositiveSmallIntegerField(_("Fortschritt in Prozent"), default=0)
    file_name = models.CharField(_("Datei"), max_length=300, blank=True)
    params = models.JSONField(_("Angaben"), default=dict)
    result = models.JSONField(_("Ergebnis"), default=dict)
    created = models.DateTimeField(_("gestartet"), auto_now_add=True)
    started = models.DateTimeField(_("begonnen"), null=True, blank=True)
    finished = models.DateTimeField(_("beendet"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hintergrundauftrag")
        verbose_name_plural = _("Hintergrundaufträge")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["body", "kind", "state"], name="job_body_kind_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "running", "done", "failed"]),
                name="job_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="job_percent_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
