"""What happens around a meeting: invitation, dispatch, attendance, votes and minutes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.models import BodyOwnedModel
from teilhabe.council.querysets import BodyScopedQuerySet


class Invitation(BodyOwnedModel):
    """Ladung: one dispatch of a meeting's invitation (a changed agenda may need another).

    The notice check is recorded as it was made, with the rule it applied, so a later
    change of the rules of procedure does not rewrite history.
    """

    meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("Sitzung"),
    )
    sent_at = models.DateTimeField(_("versandt am"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versandt von"),
    )
    file = models.ForeignKey(
        "council.File",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Einladung (PDF)"),
    )
    urgent = models.BooleanField(
        _("Dringlichkeit"),
        default=False,
        help_text=_("Verkürzte Ladungsfrist; die Einladung nennt den Grund."),
    )
    urgency_reason = models.TextField(_("Grund der Dringlichkeit"), blank=True)
    notice_days_required = models.PositiveSmallIntegerField(_("Ladungsfrist (Tage)"))
    full_days = models.IntegerField(_("volle Kalendertage bis zur Sitzung"))
    in_time = models.BooleanField(_("fristgerecht"))
    rule_name = models.CharField(_("angewandte Regel"), max_length=300)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["meeting", "-sent_at"]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.sent_at:%Y-%m-%d}"

    # "Invited too late": the notice period was missed without urgency. A shortened notice
    # for urgency is allowed (stated in the invitation, confirmed by the body); a later
    # invitation in time heals an earlier late one, so the latest one counts.
    TOO_LATE = models.Q(in_time=False, urgent=False)

    @property
    def too_late(self) -> bool:
        return not self.in_time and not self.urgent


class Dispatch(BodyOwnedModel):
    """One e-mail to one person: an invitation or the minutes. Failures are retried."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Einladung")
        MINUTES = "minutes", _("Niederschrift")

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("dispatch state", "in Warteschlange")
        SENT = "sent", pgettext_lazy("dispatch state", "versandt")
        FAILED = "failed", pgettext_lazy("dispatch state", "fehlgeschlagen")
        NO_ADDRESS = "no_address", pgettext_lazy("dispatch state", "keine E-Mail-Adresse")

    meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.CASCADE,
        related_name="dispatches",
        verbose_name=_("Sitzung"),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    invitation = models.ForeignKey(
        "council.Invitation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dispatches",
        verbose_name=_("Einladung"),
    )
    person = models.ForeignKey(
        "council.Person",
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name=_("Empfänger/in"),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    state = models.CharField(
        _("Status"), max_length=20, choices=State.choices, default=State.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    last_error = models.TextField(_("letzter Fehler"), blank=True)
    sent_at = models.DateTimeField(_("zugestellt am"), null=True, blank=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Versand")
        verbose_name_plural = _("Versand")
        ordering = ["meeting", "kind", "person__family_name"]
        indexes = [models.Index(fields=["meeting", "kind"], name="dispatch_meeting_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.person}"


class Attendance(BodyOwnedModel):
    """Anwesenheit of one member at one meeting, with arrival and departure.

    A member represented by a deputy keeps the row (status REPRESENTED); the deputy who
    attends in their place is named, and the deputy's presence counts for the vote.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("anwesend")
        EXCUSED = "excused", _("entschuldigt")
        ABSENT = "absent", _("unentschuldigt abwesend")
        REPRESENTED = "represented", _("vertreten")

    meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("Sitzung"),
    )
    person = models.ForeignKey(
        "council.Person",
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("Mitglied"),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    deputy = models.ForeignKey(
        "council.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputised_attendances",
        verbose_name=_("vertreten durch"),
    )
    voting = models.BooleanField(_("stimmberechtigt"), default=True)
    arrived = models.DateTimeField(_("gekommen um"), null=True, blank=True)
    left = models.DateTimeField(_("gegangen um"), null=True, blank=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheit")
        ordering = ["meeting", "person__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=models.Q(deleted=False),
                name="attendance_one_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(left__isnull=True)
                | models.Q(arrived__isnull=True)
                | models.Q(left__gte=models.F("arrived")),
                name="attendance_left_after_arrived",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class Vote(BodyOwnedModel):
    """Abstimmung on one agenda item, with the quorum as it was when the vote was taken."""

    class Choice(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nein")
        ABSTAIN = "abstain", _("Enthaltung")

    agenda_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("Tagesordnungspunkt"),
    )
    taken_at = models.DateTimeField(_("abgestimmt um"))
    yes = models.PositiveSmallIntegerField(_("Ja"))
    no = models.PositiveSmallIntegerField(_("Nein"))
    abstain = models.PositiveSmallIntegerField(_("Enthaltung"))
    by_name = models.BooleanField(_("namentlich"), default=False)
    voting_present = models.PositiveSmallIntegerField(_("stimmberechtigt anwesend"))
    legal_member_count = models.PositiveSmallIntegerField(
        _("gesetzliche Mitgliederzahl"), null=True, blank=True
    )
    quorate = models.BooleanField(_("beschlussfähig"))
    adopted = models.BooleanField(_("angenommen"))
    rule_name = models.CharField(_("angewandte Regel"), max_length=300)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abstimmung")
        verbose_name_plural = _("Abstimmungen")
        ordering = ["agenda_item", "taken_at"]

    def __str__(self) -> str:
        return f"{self.agenda_item}: {self.yes}/{self.no}/{self.abstain}"


class PersonVote(BodyOwnedModel):
    """One member's vote in a vote by name (namentliche Abstimmung)."""

    vote = models.ForeignKey(
        "council.Vote",
        on_delete=models.CASCADE,
        related_name="person_votes",
        verbose_name=_("Abstimmung"),
    )
    person = models.ForeignKey(
        "council.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Mitglied"),
    )
    choice = models.CharField(_("Stimme"), max_length=10, choices=Vote.Choice.choices)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        ordering = ["vote", "person__family_name"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "person"], name="personvote_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()}"


class Minutes(BodyOwnedModel):
    """Niederschrift of a meeting.

    Attendance, agenda, results and votes are read from the meeting's data when the
    minutes are shown, so they cannot disagree with it; staff write the prose (opening
    remarks, a note per agenda item in `AgendaItem.minutes_note`, closing). Approved in a
    later session, then the public part is published.
    """

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("minutes state", "Entwurf")
        APPROVED = "approved", pgettext_lazy("minutes state", "genehmigt")
        PUBLISHED = "published", pgettext_lazy("minutes state", "veröffentlicht")

    meeting = models.OneToOneField(
        "council.Meeting",
        on_delete=models.CASCADE,
        related_name="minutes",
        verbose_name=_("Sitzung"),
    )
    state = models.CharField(_("Status"), max_length=20, choices=State.choices, default=State.DRAFT)
    opening = models.TextField(_("Eröffnung und Feststellungen"), blank=True)
    closing = models.TextField(_("Schluss"), blank=True)
    minute_taker = models.CharField(_("Schriftführung"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("an die Mitglieder versandt am"), null=True, blank=True)
    approved_in = models.ForeignKey(
        "council.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("genehmigt in der Sitzung"),
    )
    approved_at = models.DateTimeField(_("genehmigt am"), null=True, blank=True)
    objections = models.TextField(
        _("Einwendungen"),
        blank=True,
        help_text=_("Einwendungen und wie über sie entschieden wurde."),
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    public_file = models.ForeignKey(
        "council.File",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("öffentliche Niederschrift (PDF)"),
    )
    published_item_ids = models.JSONField(
        _("veröffentlichte Tagesordnungspunkte"), default=list, blank=True
    )

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Niederschrift")
        verbose_name_plural = _("Niederschriften")
        ordering = ["-meeting__start"]

    def __str__(self) -> str:
        return str(_("Niederschrift: %(meeting)s") % {"meeting": self.meeting})
