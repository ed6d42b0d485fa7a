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
from teilhabe.monitoring import characteristics as ch
from teilhabe.monitoring.models import Protection, Source

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
    protection = forms.ChoiceField(
        label=_("Geheimhaltung"),
        required=False,
        initial=Protection.SUPPRESSION,
        choices=[
            (Protection.SUPPRESSION.value, _("Sperrung kleiner Fallzahlen (Standard)")),
            (
                Protection.CELL_KEY.value,
                _("Cell-Key-Methode (Überlagerung mit Zufallsrauschen, wie im Zensus 2022)"),
            ),
        ],
        help_text=_(
            "Bei der Sperrung erscheinen kleine Zahlen und die Werte, aus denen sie sich "
            "errechnen ließen, als „.“. Die Cell-Key-Methode sperrt nichts, sondern verändert "
            "jede Zahl geringfügig, auf jeder Seite und in jedem Download gleich; Nullen und "
            "die Einwohnerzahl jedes Gebiets bleiben unverändert. Sie ist nur für einen "
            "Auszug aus dem Melderegister möglich."
        ),
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

    def clean_protection(self) -> str:
        """Not chosen: suppression. Whether the file allows the choice is the service's
        to say (it knows the kind only once it has read the header)."""
        return self.cleaned_data.get("protection") or Protection.SUPPRESSION.value


class SnapshotDeleteForm(MonitoringForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# Labels of the category codes (age groups and durations of stay are written as ranges).
CATEGORY_LABELS: dict[str, Any] = {
    ch.TOTAL: _("insgesamt"),
    ch.GERMAN_ONLY: _("nur deutsch"),
    ch.GERMAN_FURTHER: _("deutsch und weitere"),
    ch.FOREIGNER: _("ausländisch"),
    ch.YES: _("ja"),
    ch.NO: _("nein"),
    ch.GERMANY: _("Deutschland"),
    ch.ABROAD: _("Ausland"),
    ch.UNKNOWN: _("unbekannt"),
    "m": _("männlich"),
    "w": _("weiblich"),
    "d": _("divers"),
    "x": _("ohne Angabe"),
    ch.EU: _("EU"),
    ch.OTHER_EUROPE: _("übriges Europa"),
    ch.THIRD_COUNTRY: _("Drittstaaten"),
    ch.STATELESS_UNKNOWN: _("staatenlos oder ungeklärt"),
    ch.ELIGIBLE: _("wahlberechtigt"),
    ch.NOT_ELIGIBLE: _("nicht wahlberechtigt"),
    ch.STAY_NONE: _("kein Zuzug aus dem Ausland erfasst"),
}


def _category_label(characteristic: str, category: str) -> str:
    if category in CATEGORY_LABELS:
        return str(CATEGORY_LABELS[category])
    groups = ch.STAY_GROUPS if characteristic == ch.STAY_DURATION else ch.AGE_GROUPS
    for code, low, high in groups:
        if code != category:
            continue
        if characteristic == ch.STAY_DURATION:
            if high is None:
                return str(_("%(low)d Jahre und mehr") % {"low": low})
            return str(_("%(low)d bis unter %(high)d Jahre") % {"low": low, "high": high})
        if high is None:
            return str(_("%(low)d Jahre und älter") % {"low": low})
        return str(_("%(low)d bis %(high)d Jahre") % {"low": low, "high": high})
    return category


def pair_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The (characteristic, category) pairs as grouped choices "characteristic:category";
    the citizenships, any code, have a field of their own."""
    return [
        (
            str(ch.LABELS[characteristic]),
            [
                (f"{characteristic}:{category}", _category_label(characteristic, category))
                for category in categories
            ],
        )
        for characteristic, categories in ch.CATEGORIES.items()
        if categories
    ]


def _codes(text: str, field: str) -> list[list[str]]:
    codes = [code.strip().upper() for code in text.replace(";", ",").split(",") if code.strip()]
    wrong = [code for code in codes if not ch.is_known(ch.CITIZENSHIP, code)]
    if wrong:
        raise forms.ValidationError(
            _(
                "Keine Staatsangehörigkeit eines anderen Staates (ISO-Code mit drei "
                "Buchstaben): %(codes)s"
            )
            % {"codes": ", ".join(wrong)}
        )
    return [[ch.CITIZENSHIP, code] for code in codes]


class IndicatorForm(MonitoringForm):
    """A body's own indicator: texts, and numerator and denominator as chosen pairs."""

    code = forms.SlugField(
        label=_("Kennung"),
        max_length=60,
        help_text=_("Kleinbuchstaben, Ziffern, Binde- und Unterstriche; nach dem Anlegen fest."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    definition = forms.CharField(label=_("Definition"), widget=forms.Textarea(attrs={"rows": 3}))
    numerator = forms.MultipleChoiceField(
        label=_("Zähler"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Die Zählwerte dieser Ausprägungen werden addiert (Mehrfachauswahl mit Strg)."),
    )
    numerator_citizenships = forms.CharField(
        label=_("Zähler: Staatsangehörigkeiten"),
        required=False,
        max_length=500,
        help_text=_(
            "ISO-Codes, durch Komma getrennt, z. B. „SYR, AFG“ (Ausländerinnen und "
            "Ausländer dieser Staaten)."
        ),
    )
    denominator = forms.MultipleChoiceField(
        label=_("Nenner"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_(
            "Leer: der Indikator ist die Anzahl des Zählers; sonst dessen Anteil in Prozent."
        ),
    )
    denominator_citizenships = forms.CharField(
        label=_("Nenner: Staatsangehörigkeiten"), required=False, max_length=500
    )
    relevance = forms.CharField(
        label=_("Relevanz"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    data_source = forms.CharField(
        label=_("Datenquelle"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    method_notes = forms.CharField(
        label=_("Methodische Hinweise"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = pair_choices()
        for name in ("numerator", "denominator"):
            field = self.fields[name]
            if isinstance(field, forms.MultipleChoiceField):
                field.choices = choices
        if editing:
            self.fields["code"].disabled = True
            self.fields["code"].required = False

    def _pairs(self, name: str) -> list[list[str]]:
        chosen = [value.split(":", 1) for value in self.cleaned_data.get(name, [])]
        return [*chosen, *_codes(self.cleaned_data.get(f"{name}_citizenships", ""), name)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["numerator_pairs"] = self._pairs("numerator")
            data["denominator_pairs"] = self._pairs("denominator")
        except forms.ValidationError as exc:
            self.add_error(None, exc)
            return data
        if not data["numerator_pairs"]:
            self.add_error(
                "numerator", _("Bitte wählen Sie mindestens eine Ausprägung für den Zähler.")
            )
        return data

    @staticmethod
    def initial_of(indicator: Any) -> dict[str, Any]:
        def split(pairs: Any) -> tuple[list[str], str]:
            chosen = [f"{c}:{k}" for c, k in pairs if c != ch.CITIZENSHIP]
            codes = ", ".join(k for c, k in pairs if c == ch.CITIZENSHIP)
            return chosen, codes

        numerator, numerator_codes = split(indicator.numerator)
        denominator, denominator_codes = split(indicator.denominator)
        return {
            "code": indicator.code,
            "name": indicator.name,
            "definition": indicator.definition,
            "relevance": indicator.relevance,
            "data_source": indicator.data_source,
            "method_notes": indicator.method_notes,
            "numerator": numerator,
            "numerator_citizenships": numerator_codes,
            "denominator": denominator,
            "denominator_citizenships": denominator_codes,
            "version": indicator.version,
        }


class IndicatorDeleteForm(MonitoringForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
