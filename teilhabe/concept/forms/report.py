"""The AG's interim report to the Beirat (Zwischenbericht): which goals and measures of
the draft go to which organization, for which meeting, under which title."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.concept.forms import choices
from teilhabe.concept.forms.base import DATE_WIDGET, ConceptForm, KernCheckboxSelectMultiple
from teilhabe.concept.forms.parts import GoalChoices
from teilhabe.concept.models import ConceptVersion, Decision, Goal, Measure
from teilhabe.council.forms.motions import SessionField
from teilhabe.council.models import Meeting, Organization

# Goals and measures that may go with a report: not adopted, not pending with another.
OPEN_DECISIONS = (Decision.DRAFT, Decision.REJECTED)


class MeasureChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(_("Maßnahme %(number)s: %(title)s") % {"number": obj.number, "title": obj.title})


class ReportForm(ConceptForm):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=_("Arbeitsgruppe"),
        help_text=_("Die Arbeitsgruppe, die den Entwurf erarbeitet und den Bericht vorlegt."),
    )
    goals = GoalChoices(
        queryset=Goal.objects.none(),
        required=False,
        label=_("Ziele zur Beschlussfassung"),
        help_text=_("Vorausgewählt sind die Ziele im Entwurf."),
        widget=KernCheckboxSelectMultiple,
    )
    measures = MeasureChoices(
        queryset=Measure.objects.none(),
        required=False,
        label=_("Maßnahmen zur Beschlussfassung"),
        help_text=_("Vorausgewählt sind die Maßnahmen im Entwurf."),
        widget=KernCheckboxSelectMultiple,
    )
    to = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=_("an das Gremium"),
        help_text=_("Meist der Beirat, der über die Ziele und Maßnahmen beschließt."),
    )
    meeting = SessionField(
        queryset=Meeting.objects.none(),
        required=False,
        label=_("zur Sitzung"),
        empty_label=_("– später festlegen –"),
        help_text=_("Eine kommende Sitzung des gewählten Gremiums."),
    )
    title = forms.CharField(label=_("Titel des Berichts"), max_length=500)
    date = forms.DateField(label=_("Datum des Berichts"), widget=DATE_WIDGET)

    service_names = ("organization", "goals", "measures", "to", "meeting", "title", "date")

    def __init__(self, *args: Any, concept_version: ConceptVersion, **kwargs: Any) -> None:
        self.concept_version = concept_version
        kwargs.setdefault("initial", self._initial(concept_version))
        super().__init__(*args, **kwargs)

    def _initial(self, version: ConceptVersion) -> dict[str, Any]:
        return {
            "organization": version.drafted_by_id,
            "goals": list(
                self._open(Goal, version)
                .filter(decision=Decision.DRAFT)
                .values_list("pk", flat=True)
            ),
            "measures": list(
                self._open(Measure, version)
                .filter(decision=Decision.DRAFT)
                .values_list("pk", flat=True)
            ),
            "title": _("Zwischenbericht zum Integrationskonzept %(number)s")
            % {"number": version.number},
            "date": timezone.localdate(),
        }

    @staticmethod
    def _open(model: Any, version: ConceptVersion) -> Any:
        return (
            model.objects.alive()
            .filter(concept_version=version, decision__in=OPEN_DECISIONS)
            .order_by("number", "pk")
        )

    def limit_choices(self) -> None:
        fields: Any = self.fields
        groups = choices.working_groups_of(self.body, self.user)
        if self.concept_version.drafted_by_id:
            groups = groups.filter(pk=self.concept_version.drafted_by_id)
        fields["organization"].queryset = groups
        fields["goals"].queryset = self._open(Goal, self.concept_version)
        fields["measures"].queryset = self._open(Measure, self.concept_version)
        addressees = choices.meeting_organizations_of(self.body, self.user)
        fields["to"].queryset = addressees
        beirat = next(
            (o for o in addressees if o.organization_type == Organization.Type.BEIRAT), None
        )
        if beirat is not None:
            fields["to"].initial = beirat.pk
        fields["meeting"].queryset = choices.upcoming_meetings(self.body, self.user).filter(
            organization__in=addressees
        )
