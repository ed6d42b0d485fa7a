"""Forms for measures: the short add form of the version page, the full edit form (with
papers chosen or named by reference, and resolutions), the status with its date, and the
motion to the Stadtrat."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from teilhabe.concept import errors
from teilhabe.concept.forms import choices
from teilhabe.concept.forms.base import (
    DATE_WIDGET,
    ConceptForm,
    KernCheckboxSelectMultiple,
    amount_field,
    help_text,
    label,
    whole_number_field,
)
from teilhabe.concept.forms.parts import (
    GoalChoices,
    VersionPartForm,
    field_of_action,
    number_field,
    weight_field,
)
from teilhabe.concept.models import Goal, Measure, MeasureStatusChange, Status
from teilhabe.council.forms import MULTI_HINT
from teilhabe.council.forms.motions import ResolutionChoiceField, SessionField
from teilhabe.council.models import AgendaItem, Meeting, Organization, Paper, Person
from teilhabe.council.selectors.citations import citable_papers_by_reference

REFERENCES_MAX_LENGTH = 1000


class PaperChoices(forms.ModelMultipleChoiceField):
    """Papers; one of an imported body (the Stadtrat's) is named with its body."""

    own_body_id: int | None = None

    def label_from_instance(self, obj: Any) -> str:
        if obj.body_id == self.own_body_id:
            return str(obj)
        return str(_("%(body)s: %(paper)s") % {"body": obj.body.name, "paper": obj})


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _cost(name: str) -> forms.DecimalField:
    return amount_field(
        label(Measure, name),
        invalid=errors.InvalidCost.default_message,
        help=_("in Euro, z. B. 1.250,00"),
    )


class MeasureAddForm(VersionPartForm):
    action_field = field_of_action(Measure)
    title = forms.CharField(label=label(Measure, "title"), max_length=300)
    goals = GoalChoices(
        queryset=Goal.objects.none(),
        required=False,
        label=label(Measure, "goals"),
        widget=KernCheckboxSelectMultiple,
    )
    responsible_organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=label(Measure, "responsible_organization"),
    )
    start_date = forms.DateField(
        label=label(Measure, "start_date"), required=False, widget=DATE_WIDGET
    )
    end_date = forms.DateField(label=label(Measure, "end_date"), required=False, widget=DATE_WIDGET)
    planned_cost = _cost("planned_cost")

    service_names: tuple[str, ...] = (
        "action_field",
        "title",
        "goals",
        "responsible_organization",
        "start_date",
        "end_date",
        "planned_cost",
    )

    def limit_choices(self) -> None:
        super().limit_choices()
        field: Any = self.fields["responsible_organization"]
        field.queryset = choices.organizations_of(self.body, self.user)


class MeasureForm(MeasureAddForm):
    """Everything of a measure but its status (the status form) and decision (reports)."""

    number = number_field()
    description = forms.CharField(
        label=label(Measure, "description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    responsible_person = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label=label(Measure, "responsible_person"),
    )
    organiser = forms.CharField(label=label(Measure, "organiser"), max_length=200, required=False)
    speaker = forms.CharField(
        label=label(Measure, "speaker"),
        max_length=200,
        required=False,
        help_text=help_text(Measure, "speaker"),
    )
    partners = forms.CharField(
        label=label(Measure, "partners"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    actual_cost = _cost("actual_cost")
    funding_source = forms.CharField(
        label=label(Measure, "funding_source"), max_length=200, required=False
    )
    weight = weight_field()
    papers = PaperChoices(
        queryset=Paper.objects.none(),
        required=False,
        label=label(Measure, "papers"),
        help_text=format_lazy("{} {}", help_text(Measure, "papers"), MULTI_HINT),
    )
    paper_references = forms.CharField(
        label=_("Weitere Drucksachen nach Nummer"),
        required=False,
        max_length=REFERENCES_MAX_LENGTH,
        help_text=_(
            "Drucksachennummern, durch Komma getrennt, z. B. „BMI/2025/003, SR/2024/117“ – "
            "auch ältere Drucksachen des Stadtrats, die die Liste oben nicht anbietet."
        ),
    )
    resolutions = ResolutionChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label=label(Measure, "resolutions"),
        help_text=MULTI_HINT,
    )

    field_order = [
        "action_field",
        "number",
        "title",
        "description",
        "goals",
        "responsible_organization",
        "responsible_person",
        "organiser",
        "speaker",
        "partners",
        "start_date",
        "end_date",
        "planned_cost",
        "actual_cost",
        "funding_source",
        "weight",
        "papers",
        "paper_references",
        "resolutions",
    ]
    service_names = (
        *MeasureAddForm.service_names,
        "number",
        "description",
        "responsible_person",
        "organiser",
        "speaker",
        "partners",
        "actual_cost",
        "funding_source",
        "weight",
        "resolutions",
    )

    def limit_choices(self) -> None:
        super().limit_choices()
        fields: Any = self.fields
        fields["responsible_person"].queryset = choices.persons_of(self.body, self.user)
        linked = self.initial.get("papers") or []
        fields["papers"].queryset = choices.paper_choices(
            body=self.body, user=self.user, selected=linked
        )
        fields["papers"].own_body_id = self.body.pk
        fields["resolutions"].queryset = choices.resolution_choices(
            body=self.body, user=self.user, selected=self.initial.get("resolutions") or []
        )

    def clean_paper_references(self) -> list[Paper]:
        """Each reference names a paper the user may see, of the own body or (public) of an
        imported one; else the unknown or ambiguous references are named."""
        raw = self.cleaned_data.get("paper_references") or ""
        references = list(dict.fromkeys(r for r in re.split(r"[,;\s]+", raw.strip()) if r))
        if not references:
            return []
        found, ambiguous = citable_papers_by_reference(
            body=self.body, user=self.user, references=references
        )
        unknown = [r for r in references if r not in found]
        if unknown:
            raise forms.ValidationError(
                _("Diese Drucksachen sind unbekannt oder für Sie nicht sichtbar: %(refs)s"),
                params={"refs": ", ".join(unknown)},
            )
        if ambiguous:
            raise forms.ValidationError(
                _(
                    "Diese Nummern tragen Drucksachen mehrerer importierter Körperschaften "
                    "und sind daher nicht eindeutig: %(refs)s"
                ),
                params={"refs": ", ".join(ambiguous)},
            )
        return [found[r] for r in references]

    def service_fields(self) -> dict[str, Any]:
        values = super().service_fields()
        papers = {paper.pk: paper for paper in self.cleaned_data["papers"]}
        for paper in self.cleaned_data["paper_references"]:
            papers.setdefault(paper.pk, paper)
        values["papers"] = list(papers.values())
        return values


class StatusForm(ConceptForm):
    """A measure's new status, from a day on (not before its last status change)."""

    status = forms.ChoiceField(label=label(MeasureStatusChange, "status"), choices=Status.choices)
    date = forms.DateField(label=label(MeasureStatusChange, "date"), widget=DATE_WIDGET)
    progress = whole_number_field(
        label(MeasureStatusChange, "progress"),
        invalid=errors.InvalidProgress.default_message,
        help=_("0 bis 100; leer lassen: wie bisher. „umgesetzt“ bedeutet 100."),
    )
    note = forms.CharField(label=label(MeasureStatusChange, "note"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    service_names = ("status", "date", "progress", "note")

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "status": measure.status,
                "date": timezone.localdate(),
                "progress": measure.progress,
                "version": measure.version,
            },
        )
        super().__init__(*args, **kwargs)


class MotionForm(ConceptForm):
    """The measure as a motion of the Beirat to the Stadtrat."""

    by = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=_("Antrag von"),
        help_text=_("Das Gremium, das den Antrag stellt und vorberät, meist der Beirat."),
    )
    to = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("an"))
    title = forms.CharField(
        label=_("Titel des Antrags"),
        max_length=500,
        required=False,
        help_text=_("Leer lassen: „Maßnahme „…“ des Integrationskonzepts“."),
    )
    by_meeting = SessionField(
        queryset=Meeting.objects.none(),
        required=False,
        label=_("Vorberatung in der Sitzung"),
        empty_label=_("– später festlegen –"),
    )
    to_meeting = SessionField(
        queryset=Meeting.objects.none(),
        required=False,
        label=_("Entscheidung in der Sitzung"),
        empty_label=_("– später festlegen –"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    service_names = ("by", "to", "title", "by_meeting", "to_meeting")

    def __init__(self, *args: Any, measure: Measure, councils: list[Organization], **kwargs: Any):
        self.councils = councils
        kwargs.setdefault(
            "initial", {"version": measure.version, "to": councils[0].pk if councils else None}
        )
        super().__init__(*args, **kwargs)

    def limit_choices(self) -> None:
        fields: Any = self.fields
        preparing = choices.meeting_organizations_of(self.body, self.user).exclude(
            organization_type=Organization.Type.STADTRAT
        )
        fields["by"].queryset = preparing
        beirat = preparing.filter(organization_type=Organization.Type.BEIRAT).first()
        fields["by"].initial = beirat.pk if beirat else None
        fields["to"].queryset = choices.organizations_of(self.body, self.user).filter(
            pk__in=[council.pk for council in self.councils]
        )
        meetings = choices.upcoming_meetings(self.body, self.user)
        fields["by_meeting"].queryset = meetings
        fields["to_meeting"].queryset = meetings.filter(
            organization_id__in=[council.pk for council in self.councils]
        )
