"""Forms of the staff pages: they parse and check input; the services apply the rules.

Every choice field offers only records of the current body (related papers also the
public papers of bodies imported from OParl, `selectors.citations`). An edit form carries the
version it was built from (hidden `version`), so a save onto a changed record is refused
by the service instead of overwriting someone else's work.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import User
from teilhabe.core.models import Body
from teilhabe.council.errors import InvalidAgendaOrder
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)
from teilhabe.council.selectors.citations import related_paper_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
INCOMPLETE_PAGE = _(
    "Die Seite war unvollständig oder veraltet. Bitte laden Sie sie neu und versuchen Sie es "
    "noch einmal."
)
END_BEFORE_START = _("Das Ende darf nicht vor dem Beginn liegen.")
MULTI_HINT = _("Mehrere auswählen: Strg-Taste (Mac: Befehlstaste) gedrückt halten.")
RELATED_HINT = format_lazy(
    "{} {}",
    _(
        "Angeboten werden auch die öffentlichen Drucksachen importierter Körperschaften "
        "(etwa des Stadtrats), von jeder die neuesten."
    ),
    MULTI_HINT,
)


def _formfield(db_field: Any, **kwargs: Any) -> Any:
    """Model fields as form fields; a web address typed without scheme means https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def _kern_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "kern-form-input__select"
    return "kern-form-input__input"


class KernFormMixin:
    """Give every widget its KERN UX class, and mark its error state."""

    fields: dict[str, forms.Field]

    def style_widgets(self) -> None:
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", _kern_class(field.widget))

    def general_errors(self) -> list[str]:
        """Errors that belong to no visible field: the whole form's, and broken hidden fields."""
        found = [str(error) for error in self.non_field_errors()]  # type: ignore[attr-defined]
        if any(field.errors for field in self.hidden_fields()):  # type: ignore[attr-defined]
            found.append(str(INCOMPLETE_PAGE))
        return found

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{_kern_class(widget)} {_kern_class(widget)}--error"


class StaffModelForm(KernFormMixin, forms.ModelForm):
    """A ModelForm bound to the current body, with the hidden version when editing."""

    # (start, end) fields whose order the form checks, for an error next to the end field.
    date_range: tuple[str, str] | None = None

    def __init__(self, *args: Any, body: Body, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        self.user = user
        if self.instance.pk:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.version, min_value=1
            )
        self.limit_choices()
        self.style_widgets()

    def limit_choices(self) -> None:
        """Offer only records of the current body (subclasses narrow their fields)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.date_range:
            start, end = (cleaned.get(name) for name in self.date_range)
            if start and end and end < start:
                self.add_error(self.date_range[1], END_BEFORE_START)
        return cleaned

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])

    def service_fields(self) -> dict[str, Any]:
        """The cleaned values the service takes (the model fields of the form)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}

    def organizations(self) -> Any:
        return Organization.objects.visible_to(self.user).for_body(self.body)

    def locations(self) -> Any:
        return Location.objects.visible_to(self.user).for_body(self.body)


class OrganizationForm(StaffModelForm):
    date_range = ("start_date", "end_date")

    class Meta:
        model = Organization
        formfield_callback = _formfield
        fields = [
            "name",
            "short_name",
            "organization_type",
            "parent",
            "legal_member_count",
            "start_date",
            "end_date",
            "website",
            "location",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def limit_choices(self) -> None:
        parents = self.organizations()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["location"].queryset = self.locations()  # type: ignore[attr-defined]


class LegislativeTermForm(StaffModelForm):
    date_range = ("start_date", "end_date")

    class Meta:
        model = LegislativeTerm
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}


class PersonForm(StaffModelForm):
    user = forms.CharField(
        label=_("Benutzerkonto"),
        required=False,
        max_length=254,
        help_text=_(
            "Benutzername oder E-Mail-Adresse eines vorhandenen Kontos. Damit sieht die "
            "Person die nichtöffentlichen Unterlagen ihrer Gremien."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "form_of_address",
            "title",
            "given_name",
            "family_name",
            "email",
            "phone",
            "public_consent",
            "public_consent_date",
        ]
        widgets = {"public_consent_date": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.user_id:
            self.fields["user"].initial = self.instance.user.get_username()

    def clean_user(self) -> User | None:
        identifier = (self.cleaned_data.get("user") or "").strip()
        if not identifier:
            return None
        matches = list(
            User.objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier))[:2]
        )
        if len(matches) != 1:
            raise forms.ValidationError(
                _("Es gibt kein eindeutiges Benutzerkonto mit diesem Namen oder dieser E-Mail.")
            )
        return matches[0]

    def service_fields(self) -> dict[str, Any]:
        return {**super().service_fields(), "user": self.cleaned_data["user"]}


class MembershipForm(StaffModelForm):
    date_range = ("start_date", "end_date")

    class Meta:
        model = Membership
        fields = [
            "person",
            "organization",
            "role",
            "voting_right",
            "on_behalf_of",
            "start_date",
            "end_date",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def limit_choices(self) -> None:
        self.fields["person"].queryset = Person.objects.visible_to(  # type: ignore[attr-defined]
            self.user
        ).for_body(self.body)
        self.fields["organization"].queryset = self.organizations()  # type: ignore[attr-defined]
        self.fields["on_behalf_of"].queryset = self.organizations().filter(  # type: ignore[attr-defined]
            organization_type=Organization.Type.FRAKTION
        )


class MembershipEndForm(KernFormMixin, forms.Form):
    end_date = forms.DateField(label=_("Ende der Mitgliedschaft"), widget=DATE_WIDGET)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()


class LocationForm(StaffModelForm):
    class Meta:
        model = Location
        fields = ["description", "street_address", "room", "postal_code", "locality"]


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(organization)s: %(meeting)s") % {
            "organization": obj.organization,
            "meeting": obj.title,
        }


class AgendaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.meeting.title}: {obj}"


def meeting_choices(*, body: Body, user: Any) -> Any:
    return Meeting.objects.visible_to(user).for_body(body).select_related("organization")


def agenda_item_choices(*, body: Body, user: Any) -> Any:
    """Agenda items, newest meeting first, with the meeting their label names."""
    return (
        AgendaItem.objects.visible_to(user)
        .for_body(body)
        .select_related("meeting")
        .order_by("-meeting__start", "order")
    )


class MeetingForm(StaffModelForm):
    date_range = ("start", "end")

    class Meta:
        model = Meeting
        formfield_callback = _formfield
        fields = [
            "organization",
            "legislative_term",
            "number",
            "name",
            "start",
            "end",
            "location",
            "video_conference_url",
            "state",
            "repeat_of",
        ]
        widgets = {"start": DATETIME_WIDGET, "end": DATETIME_WIDGET}
        help_texts = {
            "number": _("Leer lassen: die nächste freie Nummer des Gremiums in der Wahlperiode."),
        }

    def limit_choices(self) -> None:
        self.fields["organization"].queryset = (  # type: ignore[attr-defined]
            self.organizations().holding_meetings()
        )
        self.fields["legislative_term"].queryset = (  # type: ignore[attr-defined]
            LegislativeTerm.objects.visible_to(self.user).for_body(self.body)
        )
        self.fields["location"].queryset = self.locations()  # type: ignore[attr-defined]
        # A repeat session follows a recent one that had no quorum: the last year's
        # held meetings are offered (the service checks organization and order).
        since = timezone.now() - dt.timedelta(days=365)
        repeat: Any = self.fields["repeat_of"]
        repeat.queryset = (
            Meeting.objects.visible_to(self.user)
            .for_body(self.body)
            .filter(start__gte=since, start__lte=timezone.now())
            .select_related("organization")
            .order_by("-start")
        )
        repeat.label_from_instance = lambda meeting: (
            _("%(organization)s: %(meeting)s")
            % {
                "organization": meeting.organization,
                "meeting": meeting.title,
            }
        )


class AgendaItemForm(StaffModelForm):
    """An item's subject and wording of the resolution. Its result and votes are recorded
    on the session desk only, where quorum and majority are checked and the vote kept."""

    class Meta:
        model = AgendaItem
        fields = ["number", "name", "public", "resolution_text"]
        help_texts = {"number": _("Leer lassen: die Nummer folgt der Position.")}
        widgets = {"name": forms.TextInput, "resolution_text": forms.Textarea(attrs={"rows": 4})}


class AgendaItemAddForm(AgendaItemForm):
    """The short form for adding items one after another on the meeting page."""

    class Meta(AgendaItemForm.Meta):
        fields = ["number", "name", "public"]


class PaperForm(StaffModelForm):
    class Meta:
        model = Paper
        fields = [
            "reference",
            "name",
            "date",
            "paper_type",
            "public",
            "originator_persons",
            "originator_organizations",
            "proposed_resolution",
            "justification",
            "related_papers",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "name": forms.TextInput,
            "proposed_resolution": forms.Textarea(attrs={"rows": 6}),
            "justification": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "originator_persons": MULTI_HINT,
            "originator_organizations": MULTI_HINT,
            "related_papers": RELATED_HINT,
        }

    def limit_choices(self) -> None:
        """Related papers: the body's own, and public papers of bodies imported from OParl
        (the Stadtrat's), labelled with their body's name.

        The field stays a multi-select: of each imported body it offers the newest
        `CITABLE_RECENT` papers plus those already linked (`related_paper_choices`), so the
        list stays usable with an imported Stadtrat of thousands of papers and saving never
        drops an existing link.
        """
        persons = Person.objects.visible_to(self.user).for_body(self.body)
        self.fields["originator_persons"].queryset = persons  # type: ignore[attr-defined]
        self.fields["originator_organizations"].queryset = self.organizations()  # type: ignore[attr-defined]
        related: Any = self.fields["related_papers"]
        related.queryset = related_paper_choices(
            body=self.body, user=self.user, paper=self.instance
        )
        related.label_from_instance = self._related_label

    def _related_label(self, paper: Paper) -> str:
        if paper.body_id == self.body.pk:
            return str(paper)
        return str(_("%(body)s: %(paper)s") % {"body": paper.body.name, "paper": paper})


class ConsultationForm(StaffModelForm):
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), required=False, label=_("Sitzung")
    )
    agenda_item = AgendaItemChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label=_("Tagesordnungspunkt")
    )

    class Meta:
        model = Consultation
        fields = ["organization", "meeting", "agenda_item", "role", "authoritative"]

    def limit_choices(self) -> None:
        self.fields["organization"].queryset = self.organizations()  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = meeting_choices(body=self.body, user=self.user)  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = agenda_item_choices(body=self.body, user=self.user)  # type: ignore[attr-defined]


class FileUploadForm(KernFormMixin, forms.Form):
    content = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, DOCX, ODT oder ein Bild (PNG, JPEG, WebP, GIF)."),
    )
    name = forms.CharField(
        label=_("Titel"),
        required=False,
        max_length=300,
        help_text=_("Leer lassen: der Dateiname wird verwendet."),
    )
    paper = forms.ModelChoiceField(
        queryset=Paper.objects.none(), required=False, label=_("zur Drucksache")
    )
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), required=False, label=_("zur Sitzung")
    )
    agenda_item = AgendaItemChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label=_("zum Tagesordnungspunkt")
    )

    def __init__(self, *args: Any, body: Body, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paper"].queryset = Paper.objects.visible_to(user).for_body(body)  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = meeting_choices(body=body, user=user)  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = agenda_item_choices(body=body, user=user)  # type: ignore[attr-defined]
        self.style_widgets()


class VersionForm(forms.Form):
    """A bare action (delete, cancel) on a record seen at `version`."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReorderForm(forms.Form):
    """The whole agenda's new order, as item ids separated by commas (drag and drop)."""

    order = forms.CharField(max_length=5000)

    def clean_order(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["order"].split(",")]
        if not parts or not all(part.isdigit() for part in parts):
            raise forms.ValidationError(InvalidAgendaOrder.default_message)
        return [int(part) for part in parts]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("nach oben")), ("down", _("nach unten"))])
