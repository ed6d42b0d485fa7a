"""Forms for concepts and their versions: create, edit, adopt, revise."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from teilhabe.concept.forms import choices
from teilhabe.concept.forms.base import DATE_WIDGET, ConceptForm, help_text, label
from teilhabe.concept.models import Concept, ConceptVersion
from teilhabe.council.forms import MULTI_HINT
from teilhabe.council.forms.motions import ResolutionChoiceField
from teilhabe.council.models import AgendaItem, Organization

STAFF_DRAFTS = _("– die Geschäftsstelle selbst –")


class ConceptCreateForm(ConceptForm):
    title = forms.CharField(label=label(Concept, "title"), max_length=200)
    description = forms.CharField(
        label=label(Concept, "description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    service_names = ("title", "description")


class DraftedByMixin:
    """The drafting working group: one of the body's AGs, or none (staff draft)."""

    fields: dict[str, forms.Field]
    body: Any
    user: Any

    def limit_choices(self) -> None:
        field: Any = self.fields["drafted_by"]
        field.queryset = choices.working_groups_of(self.body, self.user)


def _drafted_by_field() -> forms.ModelChoiceField[Organization]:
    return forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=label(ConceptVersion, "drafted_by"),
        help_text=help_text(ConceptVersion, "drafted_by"),
        empty_label=STAFF_DRAFTS,
    )


class VersionForm(DraftedByMixin, ConceptForm):
    """A version's number, title, summary and drafting AG (new or edited)."""

    number = forms.CharField(
        label=label(ConceptVersion, "number"),
        max_length=20,
        help_text=help_text(ConceptVersion, "number"),
    )
    title = forms.CharField(label=label(ConceptVersion, "title"), max_length=200, required=False)
    summary = forms.CharField(
        label=label(ConceptVersion, "summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    drafted_by = _drafted_by_field()

    service_names = ("number", "title", "summary", "drafted_by")


class ReviseForm(DraftedByMixin, ConceptForm):
    """The revision (Fortschreibung) of the version in force: the new draft's number and
    who drafts it."""

    number = forms.CharField(
        label=_("Nummer der neuen Version"), max_length=20, help_text=_("z. B. 3.0")
    )
    title = forms.CharField(label=label(ConceptVersion, "title"), max_length=200, required=False)
    drafted_by = _drafted_by_field()

    service_names = ("number", "title", "drafted_by")


class AdoptForm(ConceptForm):
    """Adopt a version in deliberation by the resolutions of the Beirat and the Stadtrat."""

    resolutions = ResolutionChoiceField(
        queryset=AgendaItem.objects.none(),
        label=label(ConceptVersion, "resolutions"),
        help_text=format_lazy(
            "{} {}",
            _(
                "Tagesordnungspunkte von Beirat und Stadtrat mit Ergebnis, die neuesten "
                "zuerst. Nur angenommene Beschlüsse beschließen eine Version."
            ),
            MULTI_HINT,
        ),
    )
    adopted_on = forms.DateField(label=label(ConceptVersion, "adopted_on"), widget=DATE_WIDGET)
    in_force_from = forms.DateField(
        label=label(ConceptVersion, "in_force_from"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leer lassen: in Kraft ab dem Tag des Beschlusses."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    service_names = ("resolutions", "adopted_on", "in_force_from")

    def __init__(self, *args: Any, concept_version: ConceptVersion, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"version": concept_version.version})
        self.concept_version = concept_version
        super().__init__(*args, **kwargs)

    def limit_choices(self) -> None:
        field: Any = self.fields["resolutions"]
        field.queryset = choices.resolution_choices(
            body=self.body, user=self.user, organization_types=choices.ADOPTING_TYPES
        )
