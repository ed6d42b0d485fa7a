"""Forms of the monitoring's staff pages: they parse the input; the services check the files.

A districts upload is read by `districts.geojson.read_upload` and a snapshot file by
`services.snapshot_import`, the same checks the management commands run; the forms only
ask for what the services need and refuse an empty or oversized file early.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Body
from teilhabe.council.forms import KernFormMixin
from teilhabe.monitoring.models import Source

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SNAPSHOT_EXTENSIONS = (".csv", ".txt")
DETECT = ""


class MonitoringForm(KernFormMixin, forms.Form):
    """A form of the current body, with KERN UX widgets."""

    def __init__(self, data: Any = None, files: Any = None, *, body: Body, **kwargs: Any) -> None:
        self.body = body
        super().__init__(data, files, **kwargs)
        self.style_widgets()


def _check_size(file: UploadedFile) -> None:
    if not file.size:
        raise forms.ValidationError(_("Die Datei ist leer."))
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            _("Die Datei ist zu groß. Erlaubt sind höchstens %(limit)s.")
            % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )


class DistrictsUploadForm(MonitoringForm):
    file = forms.FileField(
        label=_("GeoJSON-Datei mit den Gebieten"),
        help_text=_(
            "Eine FeatureCollection (.geojson oder .json) mit einem Feature je Gebiet, in "
            "WGS 84 oder ETRS89 / UTM 32N. Gebiete mit vorhandenem Schlüssel werden "
            "aktualisiert."
        ),
    )
    replace = forms.BooleanField(
        label=_("Gebiete entfernen, die nicht in der Datei stehen"),
        required=False,
        help_text=_("Ohne Haken bleiben vorhandene Gebiete, die die Datei nicht nennt, erhalten."),
    )

    def clean_file(self) -> UploadedFile:
        file: UploadedFile = self.cleaned_data["file"]
        _check_size(file)
        return file


class PendingForm(MonitoringForm):
    """Confirming (or discarding) a checked districts file kept on the server."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class SnapshotUploadForm(MonitoringForm):
    reference_date = forms.DateField(label=_("Stichtag"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(
        label=_("Art der Datei"),
        required=False,
        choices=[(DETECT, _("aus der Kopfzeile erkennen")), *Source.choices],
        help_text=_(
            "Ein Auszug aus dem Melderegister hat eine Spalte „person_id“; eine aggregierte "
            "Tabelle die Spalten Gebiet, Merkmal, Ausprägung und Anzahl."
        ),
    )
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_("Semikolon oder Komma als Trennzeichen, UTF-8 oder Windows-1252."),
    )
    skip_invalid = forms.BooleanField(
        label=_("Ungültige Zeilen überspringen"),
        required=False,
        help_text=_(
            "Ohne Haken wird nichts übernommen, solange eine Zeile ungültig ist. Mit Haken "
            "werden die gültigen Zeilen übernommen und die ungültigen gemeldet."
        ),
    )
    note = forms.CharField(
        label=_("Anmerkung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_file(self) -> UploadedFile:
        file: UploadedFile = self.cleaned_data["file"]
        _check_size(file)
        if PurePath(file.name or "").suffix.lower() not in SNAPSHOT_EXTENSIONS:
            raise forms.ValidationError(
                _("Bitte laden Sie eine CSV-Datei hoch (Endung .csv oder .txt).")
            )
        return file

    def clean_kind(self) -> str | None:
        return self.cleaned_data.get("kind") or None


class SnapshotDeleteForm(MonitoringForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
