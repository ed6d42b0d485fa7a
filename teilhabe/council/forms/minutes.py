"""Forms of the minutes page: the prose of a draft, and its approval."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from teilhabe.council import errors
from teilhabe.council.forms import KernFormMixin, MeetingChoiceField
from teilhabe.council.models import AgendaItem, Meeting, Minutes

NOTE_PREFIX = "note_"


class MinutesForm(KernFormMixin, forms.Form):
    """Opening, closing, minute-taker and one note per agenda item (non-public ones too)."""

    opening = forms.CharField(
        label=Minutes._meta.get_field("opening").verbose_name,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Zum Beispiel: Begrüßung, ordnungsgemäße Ladung, Beschlussfähigkeit."),
    )
    minute_taker = forms.CharField(
        label=Minutes._meta.get_field("minute_taker").verbose_name,
        required=False,
        max_length=200,
    )
    closing = forms.CharField(
        label=Minutes._meta.get_field("closing").verbose_name,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, minutes: Minutes, items: list[AgendaItem], **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "opening": minutes.opening,
                "closing": minutes.closing,
                "minute_taker": minutes.minute_taker,
                "version": minutes.version,
                **{f"{NOTE_PREFIX}{item.pk}": item.minutes_note for item in items},
            },
        )
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            label = _("TOP %(number)s: %(name)s") % {"number": item.number, "name": item.name}
            if not item.public:
                label = _("%(label)s (nichtöffentlich)") % {"label": label}
            self.fields[f"{NOTE_PREFIX}{item.pk}"] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        # The closing belongs after the items.
        self.order_fields(
            ["opening", "minute_taker", *(f"{NOTE_PREFIX}{i.pk}" for i in items), "closing"]
        )
        self.style_widgets()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A note for an item that has left the agenda since the page was loaded.
        stale = [key for key in self.data if key.startswith(NOTE_PREFIX) and key not in self.fields]
        if stale:
            raise forms.ValidationError(errors.MinutesAgendaChanged.default_message)
        return cleaned

    def notes(self) -> dict[int, str]:
        """The notes that were sent, by item id; an item added since the page was loaded
        (no note sent for it) keeps its note."""
        return {
            item.pk: self.cleaned_data[key]
            for item in self.items
            if (key := f"{NOTE_PREFIX}{item.pk}") in self.data
        }


class MinutesApproveForm(KernFormMixin, forms.Form):
    in_meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label=_("genehmigt in der Sitzung"),
        help_text=_("Eine spätere Sitzung desselben Gremiums, die schon begonnen hat."),
    )
    objections = forms.CharField(
        label=Minutes._meta.get_field("objections").verbose_name,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Minutes._meta.get_field("objections").help_text,
    )

    def __init__(self, *args: Any, choices: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["in_meeting"].queryset = choices  # type: ignore[attr-defined]
        self.style_widgets()
