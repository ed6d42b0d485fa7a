"""Forms of the invitation page: send the invitation, retry a failed e-mail."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.council.forms import KernFormMixin

LATE_NOT_CONFIRMED = _(
    "Die Ladungsfrist wird nicht eingehalten. Bitte bestätigen Sie, dass Sie trotzdem "
    "einladen wollen, oder geben Sie die Dringlichkeit mit ihrem Grund an."
)


class InvitationSendForm(KernFormMixin, forms.Form):
    """Send the invitation. When it would be too late (`late`), staff must either state the
    urgency with its reason or confirm that they invite too late on purpose: the warning
    comes before the dispatch, not after it."""

    urgent = forms.BooleanField(
        label=_("Dringlichkeit: verkürzte Ladungsfrist"),
        required=False,
        help_text=_(
            "Nur wenn die Sache keinen Aufschub duldet. Die Einladung nennt den Grund; das "
            "Gremium stellt die Dringlichkeit zu Beginn der Sitzung fest."
        ),
    )
    urgency_reason = forms.CharField(
        label=_("Grund der Dringlichkeit"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Erscheint in der Einladung."),
    )

    def __init__(self, *args: Any, late: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late = late
        if late:
            self.fields["confirm_late"] = forms.BooleanField(
                label=_("Ich lade trotzdem ein, obwohl die Ladungsfrist nicht eingehalten wird."),
                required=False,
                help_text=_("Die Sitzung wird als „zu spät geladen“ gekennzeichnet."),
            )
        self.style_widgets()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.late and not cleaned.get("urgent") and not cleaned.get("confirm_late"):
            self.add_error("confirm_late", LATE_NOT_CONFIRMED)
        return cleaned
