"""The upload of a measures table (XLSX or CSV) into a version."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.concept.forms.base import ConceptForm


class MeasuresUploadForm(ConceptForm):
    file = forms.FileField(
        label=_("Tabelle mit Maßnahmen"),
        help_text=_(
            "Die ausgefüllte Vorlage als XLSX-Datei oder als CSV-Datei (wie Excel sie "
            "speichert), höchstens 2 MB."
        ),
    )
    skip_invalid = forms.BooleanField(
        label=_("Ungültige Zeilen überspringen"),
        required=False,
        help_text=_(
            "Ohne Haken wird nichts importiert, solange eine Zeile ungültig ist. Mit Haken "
            "werden die gültigen Zeilen importiert und die ungültigen gemeldet."
        ),
    )
