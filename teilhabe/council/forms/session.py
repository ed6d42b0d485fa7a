"""Forms of the session desk: attendance, votes and outcomes of agenda items.

Times are entered as clock times on the meeting day (that is what the minute-taker
writes down) and handed to the services as timezone-aware moments. Choices (deputies,
organizations) come as lists the page has read once, so forty forms on one page cost no
query each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.council.forms import KernFormMixin
from teilhabe.council.models import AgendaItem, Attendance, Meeting, Organization, Person, Vote
from teilhabe.council.quorum import meeting_day
from teilhabe.council.services.votes import CONCLUDING_OUTCOMES, person_field

TIME_WIDGET_ATTRS = {"type": "time"}
MAX_VOTES = 32767


def on_meeting_day(meeting: Meeting, time: dt.time | None) -> dt.datetime | None:
    """The moment at `time` (local) on the meeting's day."""
    if time is None:
        return None
    return timezone.make_aware(dt.datetime.combine(meeting_day(meeting), time))


def local_time(moment: dt.datetime | None) -> dt.time | None:
    return timezone.localtime(moment).time().replace(second=0, microsecond=0) if moment else None


class PersonChoiceField(forms.TypedChoiceField):
    """A choice among persons read beforehand; cleans to the Person."""

    def __init__(self, *, persons: Sequence[Person], **kwargs: Any) -> None:
        self.by_pk = {str(person.pk): person for person in persons}
        choices = [("", _("– keine –")), *((str(p.pk), p.name) for p in persons)]
        super().__init__(choices=choices, coerce=self.by_pk.get, empty_value=None, **kwargs)


class SessionForm(KernFormMixin, forms.Form):
    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def moment(self, name: str) -> dt.datetime | None:
        return on_meeting_day(self.meeting, self.cleaned_data.get(name))


class AttendanceForm(SessionForm):
    """One row of the attendance table. Its inputs sit in the table's cells and belong to
    the form through their `form` attribute (a form may not span table cells)."""

    status = forms.ChoiceField(label=_("Status"), choices=Attendance.Status.choices)
    arrived = forms.TimeField(
        label=_("gekommen um"),
        required=False,
        widget=forms.TimeInput(attrs=TIME_WIDGET_ATTRS, format="%H:%M"),
    )
    left = forms.TimeField(
        label=_("gegangen um"),
        required=False,
        widget=forms.TimeInput(attrs=TIME_WIDGET_ATTRS, format="%H:%M"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, row: Attendance, deputies: Sequence[Person], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"a{row.pk}")
        kwargs.setdefault(
            "initial",
            {
                "status": row.status,
                "deputy": row.deputy_id or "",
                "arrived": local_time(row.arrived),
                "left": local_time(row.left),
                "version": row.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.row = row
        # A deputy already standing in stays choosable even if their membership ended.
        choices = list(deputies)
        if row.deputy is not None and row.deputy not in choices:
            choices.append(row.deputy)
        self.fields["deputy"] = PersonChoiceField(
            persons=choices, label=_("vertreten durch"), required=False
        )
        self.order_fields(["status", "deputy", "arrived", "left", "version"])
        self.form_id = f"attendance-form-{row.pk}"
        for field in self.fields.values():
            field.widget.attrs["form"] = self.form_id
        self.style_widgets()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        arrived, left = cleaned.get("arrived"), cleaned.get("left")
        if arrived and left and left < arrived:
            self.add_error("left", _("„Gegangen um“ darf nicht vor „gekommen um“ liegen."))
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        return {
            "status": self.cleaned_data["status"],
            "deputy": self.cleaned_data.get("deputy"),
            "arrived": self.moment("arrived"),
            "left": self.moment("left"),
        }


TAKEN_AT_HELP = _("Leer lassen: jetzt. Sonst die Uhrzeit am Sitzungstag.")


class VoteForm(SessionForm):
    """The result of a vote as three numbers."""

    yes = forms.IntegerField(label=_("Ja"), min_value=0, max_value=MAX_VOTES)
    no = forms.IntegerField(label=_("Nein"), min_value=0, max_value=MAX_VOTES)
    abstain = forms.IntegerField(label=_("Enthaltung"), min_value=0, max_value=MAX_VOTES)
    taken_at = forms.TimeField(
        label=_("abgestimmt um"),
        required=False,
        help_text=TAKEN_AT_HELP,
        widget=forms.TimeInput(attrs=TIME_WIDGET_ATTRS, format="%H:%M"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"v{item.pk}")
        kwargs.setdefault("initial", {"version": item.version})
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def service_fields(self) -> dict[str, Any]:
        return {
            "yes": self.cleaned_data["yes"],
            "no": self.cleaned_data["no"],
            "abstain": self.cleaned_data["abstain"],
            "taken_at": self.moment("taken_at"),
            "expected_version": self.cleaned_data["version"],
        }


VOTE_CHOICES = [("", _("keine Stimme")), *Vote.Choice.choices]


class ByNameVoteForm(SessionForm):
    """A vote by name: one choice per person who may be named (see `session_voters`)."""

    taken_at = forms.TimeField(
        label=_("abgestimmt um"),
        required=False,
        help_text=TAKEN_AT_HELP,
        widget=forms.TimeInput(attrs=TIME_WIDGET_ATTRS, format="%H:%M"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, item: AgendaItem, voters: Sequence[Person], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"n{item.pk}")
        kwargs.setdefault("initial", {"version": item.version})
        super().__init__(*args, **kwargs)
        self.voters = list(voters)
        for person in self.voters:
            self.fields[person_field(person)] = forms.ChoiceField(
                label=person.name,
                choices=VOTE_CHOICES,
                required=False,
                initial="",
                widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
            )
        self.style_widgets()
        self.vote_choices = VOTE_CHOICES

    def voter_rows(self) -> list[tuple[Person, forms.BoundField]]:
        return [(person, self[person_field(person)]) for person in self.voters]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.voters and not any(cleaned.get(person_field(p)) for p in self.voters):
            raise forms.ValidationError(_("Bitte tragen Sie mindestens eine Stimme ein."))
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        by_name = {
            person: self.cleaned_data[person_field(person)]
            for person in self.voters
            if self.cleaned_data.get(person_field(person))
        }
        return {
            "by_name": by_name,
            "taken_at": self.moment("taken_at"),
            "expected_version": self.cleaned_data["version"],
        }


OUTCOME_CHOICES = [
    (value, label) for value, label in AgendaItem.Result.choices if value in CONCLUDING_OUTCOMES
]


class OutcomeForm(SessionForm):
    """An outcome without a vote; the organization matters only for a referral."""

    outcome = forms.ChoiceField(label=_("Ergebnis"), choices=OUTCOME_CHOICES)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, item: AgendaItem, organizations: Sequence[Organization], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"o{item.pk}")
        kwargs.setdefault(
            "initial", {"version": item.version, "referred_to": item.referred_to_id or ""}
        )
        super().__init__(*args, **kwargs)
        by_pk = {str(org.pk): org for org in organizations}
        self.fields["referred_to"] = forms.TypedChoiceField(
            label=_("verweisen an"),
            choices=[("", _("– Gremium wählen –")), *((str(o.pk), o.name) for o in organizations)],
            coerce=by_pk.get,
            empty_value=None,
            required=False,
            help_text=_(
                "Nur für „verwiesen“: Das Gremium berät die Drucksachen in seiner nächsten Sitzung."
            ),
        )
        self.style_widgets()

    def service_fields(self) -> dict[str, Any]:
        return {
            "outcome": self.cleaned_data["outcome"],
            "referred_to": self.cleaned_data.get("referred_to"),
            "expected_version": self.cleaned_data["version"],
        }
