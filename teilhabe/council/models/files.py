from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import BodyOwnedModel, oparl_id_field, unique_oparl_id
from teilhabe.council.querysets import FileQuerySet


def upload_path(instance: File, filename: str) -> str:
    # The stored name is the content hash: nothing a user typed reaches the file system.
    return f"{instance.body_id}/{instance.sha256[:2]}/{instance.sha256}"


class File(BodyOwnedModel):
    """An uploaded document, attached to a paper, a meeting or an agenda item.

    It is visible when what it is attached to is visible; a non-public file (`public` off)
    only to the body's staff and the members of the organization concerned. Its text is
    extracted in the background for search.
    """

    name = models.CharField(_("Titel"), max_length=300)
    file_name = models.CharField(_("Dateiname"), max_length=255)
    mime_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe in Bytes"))
    sha256 = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64)
    content = models.FileField(_("Datei"), upload_to=upload_path, max_length=200)
    text = models.TextField(_("extrahierter Text"), blank=True)
    public = models.BooleanField(
        _("öffentlich"),
        default=True,
        help_text=_(
            "Nichtöffentliche Dateien (etwa eine Einladung mit dem nichtöffentlichen Teil "
            "der Tagesordnung) sehen nur die Geschäftsstelle und die Mitglieder des Gremiums."
        ),
    )
    paper = models.ForeignKey(
        "council.Paper",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("Drucksache"),
    )
    meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("Sitzung"),
    )
    agenda_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("Tagesordnungspunkt"),
    )

    oparl_id = oparl_id_field()
    oparl_access_url = models.URLField(
        _("Adresse beim Ursprungssystem"),
        max_length=1000,
        blank=True,
        editable=False,
        help_text=_("Bei importierten Dateien, deren Inhalt nicht übernommen wurde."),
    )

    objects = FileQuerySet.as_manager()

    class Meta:
        verbose_name = _("Datei")
        verbose_name_plural = _("Dateien")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(paper__isnull=False, meeting__isnull=True, agenda_item__isnull=True)
                    | models.Q(paper__isnull=True, meeting__isnull=False, agenda_item__isnull=True)
                    | models.Q(paper__isnull=True, meeting__isnull=True, agenda_item__isnull=False)
                ),
                name="file_attached_to_exactly_one",
            ),
            unique_oparl_id("file_unique_oparl_id"),
        ]

    def __str__(self) -> str:
        return self.name
