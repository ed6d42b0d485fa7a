"""Forms of the staff pages of thresholds and needs; the rules are checked by `services`."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Body
from teilhabe.council.forms import KernFormMixin
from teilhabe.monitoring.models import Snapshot
from teilhabe.participation import selectors, services
from teilhabe.participation.models import Rule


class ParticipationForm(KernFormMixin, forms.Form):
    """A form of the current body, with KERN UX widgets."""

    def __init__(self, data: Any = None, *, body: Body, **kwargs: Any) -> None:
        self.body = body
        super().__init__(data, **kwargs)
        self.style_widgets()


class ThresholdForm(ParticipationForm):
    indicator = forms.ChoiceField(label=_("Indikator"))
    category = forms.CharField(
        label=_("Ausprägung"),
        max_length=50,
        required=False,
        help_text=_("Nur bei einem Indikator mit Ausprägungen, etwa einer Altersgruppe."),
    )
    rule = forms.ChoiceField(label=_("Regel"), choices=Rule.choices)
    value = forms.DecimalField(
        label=_("Wert"),
        max_digits=12,
        decimal_places=2,
        help_text=_(
            "Bei einem Abstand zur Stadt in Prozentpunkten (bei Anteilen), sonst in der "
            "Einheit des Indikators."
        ),
    )
    note = forms.CharField(label=_("Anmerkung"), widget=forms.Textarea, required=False)
    active = forms.BooleanField(label=_("aktiv"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = selectors.indicator_names(body=self.body)
        cast(forms.ChoiceField, self.fields["indicator"]).choices = [
            (code, f"{name} ({code})")
            for code, name in names.items()
            if services.indicator_kind(self.body, code) is not None
        ]


class ProposeForm(ParticipationForm):
    snapshot = forms.ModelChoiceField(label=_("Datenstand"), queryset=Snapshot.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["snapshot"])
        field.queryset = Snapshot.objects.alive().filter(body=self.body)


class NeedForm(ParticipationForm):
    """A change of one need: its version, and the comment or goal where the action has one."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea, required=False)
    goal = forms.ModelChoiceField(
        label=_("Ziel des Konzepts"), queryset=selectors.goal_choices(body=None), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["goal"])
        field.queryset = selectors.goal_choices(body=self.body)


class DeleteForm(ParticipationForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
