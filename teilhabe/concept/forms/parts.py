"""Forms for the parts of a version: fields of action and goals, and what the measure
forms (`measures.py`) share with them.

Each "add" form is the short one on the version page; the full form is on the record's
own page. The choices of field of action and goals are those of the record's version. A
goal's indicator, target value, district and year are on its full form only (the add form
stays short; the indicators and districts to choose cost their queries there alone).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.concept import errors
from teilhabe.concept.forms import choices
from teilhabe.concept.forms.base import (
    ConceptForm,
    amount_field,
    help_text,
    label,
    whole_number_field,
)
from teilhabe.concept.models import (
    ActionField,
    ConceptVersion,
    Goal,
    Measure,
)
from teilhabe.council.models import Organization
from teilhabe.districts.models import District

NUMBER_INVALID = _("Die Nummer ist eine ganze Zahl ab 1.")
NUMBER_HELP = _("Die Reihenfolge innerhalb der Version.")


class FieldOfActionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(_("%(number)s. %(title)s") % {"number": obj.number, "title": obj.title})


class DistrictChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class GoalChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        title = obj.title if len(obj.title) <= 120 else obj.title[:119] + "…"
        return str(_("Ziel %(number)s: %(title)s") % {"number": obj.number, "title": title})


class VersionPartForm(ConceptForm):
    """A form of a part of `concept_version` (its fields of action and goals to choose)."""

    def __init__(self, *args: Any, concept_version: ConceptVersion, **kwargs: Any) -> None:
        self.concept_version = concept_version
        super().__init__(*args, **kwargs)

    def limit_choices(self) -> None:
        fields: Any = self.fields
        if "action_field" in fields:
            fields["action_field"].queryset = choices.fields_of(self.concept_version)
        if "goals" in fields:
            fields["goals"].queryset = choices.goals_of(self.concept_version)


def number_field() -> forms.IntegerField:
    return whole_number_field(
        label(ActionField, "number"),
        invalid=NUMBER_INVALID,
        help=NUMBER_HELP,
        required=True,
        min_value=1,
    )


def weight_field() -> forms.DecimalField:
    return amount_field(
        label(Goal, "weight"),
        invalid=errors.InvalidWeight.default_message,
        help=help_text(Goal, "weight"),
    )


def field_of_action(model: Any) -> FieldOfActionChoice:
    return FieldOfActionChoice(
        queryset=ActionField.objects.none(),
        label=label(model, "action_field"),
        empty_label=_("– Handlungsfeld wählen –"),
        error_messages={"required": errors.MeasureFieldRequired.default_message}
        if model is Measure
        else {},
    )


# Fields of action -------------------------------------------------------------------------


class ActionFieldAddForm(VersionPartForm):
    title = forms.CharField(label=label(ActionField, "title"), max_length=200)
    description = forms.CharField(
        label=label(ActionField, "description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    service_names: tuple[str, ...] = ("title", "description")


class ActionFieldForm(ActionFieldAddForm):
    number = number_field()
    weight = weight_field()

    field_order = ["number", "title", "description", "weight"]
    service_names = ("number", "title", "description", "weight")


# Goals --------------------------------------------------------------------------------------


class GoalAddForm(VersionPartForm):
    action_field = field_of_action(Goal)
    title = forms.CharField(label=label(Goal, "title"), widget=forms.Textarea(attrs={"rows": 2}))
    justification = forms.CharField(
        label=label(Goal, "justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    priority = whole_number_field(
        label(Goal, "priority"),
        invalid=errors.InvalidPriority.default_message,
        help=help_text(Goal, "priority"),
    )

    service_names: tuple[str, ...] = ("action_field", "title", "justification", "priority")


class GoalForm(GoalAddForm):
    number = number_field()
    origin = forms.ChoiceField(label=label(Goal, "origin"), choices=Goal.Origin.choices)
    origin_organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=label(Goal, "origin_organization"),
    )
    weight = weight_field()
    indicator_code = forms.ChoiceField(
        label=label(Goal, "indicator_code"),
        required=False,
        help_text=help_text(Goal, "indicator_code"),
        error_messages={"invalid_choice": errors.UnknownIndicator.default_message},
    )
    target_value = amount_field(
        label(Goal, "target_value"),
        invalid=errors.InvalidTargetValue.default_message,
        help=help_text(Goal, "target_value"),
    )
    target_district = DistrictChoice(
        queryset=District.objects.none(),
        required=False,
        label=label(Goal, "target_district"),
        help_text=help_text(Goal, "target_district"),
        empty_label=_("Gesamtstadt"),
    )
    target_year = whole_number_field(
        label(Goal, "target_year"),
        invalid=errors.InvalidTargetYear.default_message,
        help=help_text(Goal, "target_year"),
    )

    field_order = [
        "action_field",
        "number",
        "title",
        "justification",
        "priority",
        "origin",
        "origin_organization",
        "weight",
        "indicator_code",
        "target_value",
        "target_district",
        "target_year",
    ]
    service_names = (
        *GoalAddForm.service_names,
        "number",
        "origin",
        "origin_organization",
        "weight",
        "indicator_code",
        "target_value",
        "target_district",
        "target_year",
    )

    def limit_choices(self) -> None:
        super().limit_choices()
        fields: Any = self.fields
        fields["origin_organization"].queryset = choices.organizations_of(self.body, self.user)
        goal = self.instance
        fields["indicator_code"].choices = choices.indicator_choices(
            self.body, current=goal.indicator_code if goal is not None else ""
        )
        fields["target_district"].queryset = choices.districts_of(
            self.body, current=goal.target_district_id if goal is not None else None
        )
