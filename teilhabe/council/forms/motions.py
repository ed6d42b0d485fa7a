"""Forms for motions: a member files one, staff put one on the agenda.

The choices offer only what the user may use (their upcoming sessions, their factions and
working groups, fellow members, papers and resolutions they may see); the service checks
the rules again, so a forged choice is refused there as well.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Body
from teilhabe.council.forms import MULTI_HINT, KernFormMixin
from teilhabe.council.models import AgendaItem, Meeting, Organization, Paper, Person
from teilhabe.council.selectors import motions as selectors
from teilhabe.council.selectors.citations import citable_papers_by_reference

REFERENCES_MAX_LENGTH = 1000


class SessionField(forms.ModelChoiceField):
    """A session named with its organization and date."""

    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("%(organization)s: %(meeting)s am %(date)s")
            % {
                "organization": obj.organization,
                "meeting": obj.title,
                "date": _format_date(obj.start),
            }
        )


class DeadlineMeetingField(SessionField):
    """A session with its motion deadline in the label, and a note when it has passed."""

    def __init__(self, *args: Any, deadlines: dict[int, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadlines = deadlines or {}

    def label_from_instance(self, obj: Any) -> str:
        deadline = self.deadlines.get(obj.pk)
        values = {
            "organization": obj.organization,
            "meeting": obj.title,
            "date": _format_date(obj.start),
        }
        if deadline is None:
            return str(_("%(organization)s: %(meeting)s am %(date)s") % values)
        values["deadline"] = formats.date_format(deadline.last_day, "SHORT_DATE_FORMAT")
        if deadline.late_now:
            return str(
                _(
                    "%(organization)s: %(meeting)s am %(date)s – Antragsfrist abgelaufen "
                    "(bis einschließlich %(deadline)s), der Antrag wäre verspätet"
                )
                % values
            )
        return str(
            _(
                "%(organization)s: %(meeting)s am %(date)s – Antragsfrist bis "
                "einschließlich %(deadline)s"
            )
            % values
        )


def _format_date(value: Any) -> str:
    return str(formats.date_format(timezone.localtime(value), "SHORT_DATE_FORMAT"))


class ResolutionChoiceField(forms.ModelMultipleChoiceField):
    """A resolution named with its session; one of an imported body (the Stadtrat's) also
    with the body's name (the queryset loads `body`)."""

    def label_from_instance(self, obj: Any) -> str:
        label = str(
            _("%(organization)s, %(meeting)s am %(date)s: %(item)s (%(result)s)")
            % {
                "organization": obj.meeting.organization,
                "meeting": obj.meeting.title,
                "date": _format_date(obj.meeting.start),
                "item": obj,
                "result": obj.get_result_display(),
            }
        )
        if not obj.body.oparl_source:
            return label
        return str(_("%(body)s: %(resolution)s") % {"body": obj.body.name, "resolution": label})


class MotionForm(KernFormMixin, forms.Form):
    meeting = DeadlineMeetingField(
        queryset=Meeting.objects.none(),
        label=_("Für die Sitzung"),
        empty_label=_("– Sitzung wählen –"),
        help_text=_("Nur kommende Sitzungen der Gremien, denen Sie angehören."),
    )
    on_behalf_of: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Antrag im Namen von"),
        empty_label=_("Im eigenen Namen (mit Mitunterzeichnenden)"),
        help_text=_(
            "Der Antrag einer Fraktion oder Liste muss auf die nächste Tagesordnung gesetzt werden."
        ),
    )
    co_signers: forms.ModelMultipleChoiceField[Person] = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Mitunterzeichnende"),
        help_text=format_lazy(
            "{} {}",
            _(
                "Nur bei einem Antrag im eigenen Namen. Unterzeichnet ein Viertel der "
                "Mitglieder, muss der Antrag auf die nächste Tagesordnung."
            ),
            MULTI_HINT,
        ),
    )
    name = forms.CharField(label=_("Titel des Antrags"), max_length=500)
    proposed_resolution = forms.CharField(
        label=_("Beschlussvorschlag"), widget=forms.Textarea(attrs={"rows": 6})
    )
    justification = forms.CharField(label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 8}))
    cited_references = forms.CharField(
        label=_("Zitierte Drucksachen"),
        required=False,
        max_length=REFERENCES_MAX_LENGTH,
        help_text=format_lazy(
            "{} {}",
            _(
                "Drucksachennummern, durch Komma getrennt, z. B. „BMI/2025/003, BMI/2025/007“. "
                "Nummern finden Sie in der Suche unter „Drucksachen“."
            ),
            _(
                "Öffentliche Drucksachen importierter Körperschaften (etwa des Stadtrats) "
                "zitieren Sie ebenso mit ihrer Nummer; eine gleiche Nummer der eigenen "
                "Körperschaft geht vor."
            ),
        ),
    )
    cited_agenda_items = ResolutionChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label=_("Zitierte Beschlüsse"),
        help_text=MULTI_HINT,
    )
    public = forms.BooleanField(
        label=_("Öffentlicher Antrag"),
        required=False,
        initial=True,
        help_text=_(
            "Ohne Haken sehen den Antrag nur die Mitglieder der beratenden Gremien und die "
            "Geschäftsstelle."
        ),
    )

    def __init__(
        self, *args: Any, body: Body, user: Any, deadlines: dict[int, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        self.user = user
        meeting_field: Any = self.fields["meeting"]
        meeting_field.queryset = selectors.motion_meeting_choices(body=body, user=user)
        meeting_field.deadlines = deadlines
        fields: Any = self.fields
        fields["on_behalf_of"].queryset = selectors.motion_originator_choices(body=body, user=user)
        fields["co_signers"].queryset = selectors.motion_co_signer_choices(body=body, user=user)
        fields["cited_agenda_items"].queryset = selectors.motion_resolution_choices(
            body=body, user=user
        )
        self.style_widgets()

    def clean_cited_references(self) -> list[Paper]:
        """Each reference names a paper the user may see, of the own body or (public) of
        an imported one (`citable_papers_by_reference`); else the unknown or ambiguous
        ones are named. References rather than a select box: the papers of an imported
        Stadtrat run into thousands."""
        raw = self.cleaned_data.get("cited_references") or ""
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
        data = self.cleaned_data
        return {
            "meeting": data["meeting"],
            "on_behalf_of": data["on_behalf_of"],
            "co_signers": list(data["co_signers"]),
            "name": data["name"],
            "proposed_resolution": data["proposed_resolution"],
            "justification": data["justification"],
            "cited_papers": data["cited_references"],
            "cited_agenda_items": list(data["cited_agenda_items"]),
            "public": data["public"],
        }


class PutOnAgendaForm(KernFormMixin, forms.Form):
    """Staff: put a motion on the agenda of its session (or another one), public or not."""

    meeting = SessionField(
        queryset=Meeting.objects.none(),
        label=_("Sitzung"),
        help_text=_("Voreingestellt: die Sitzung, für die der Antrag eingereicht wurde."),
    )
    public = forms.TypedChoiceField(
        label=_("Tagesordnungspunkt"),
        choices=[("1", _("öffentlich")), ("0", _("nichtöffentlich"))],
        coerce=lambda value: value == "1",
        initial="1",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, body: Body, user: Any, paper: Paper, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "meeting": paper.submitted_for_id,
                "version": paper.version,
                "public": "1" if paper.public else "0",
            },
        )
        super().__init__(*args, **kwargs)
        field: Any = self.fields["meeting"]
        field.queryset = (
            Meeting.objects.visible_to(user)
            .for_body(body)
            .exclude(state=Meeting.State.CANCELLED)
            .filter(Q(start__gte=timezone.now()) | Q(pk=paper.submitted_for_id))
            .filter(organization__organization_type__in=selectors.HOLDING_MEETINGS_TYPES)
            .select_related("organization")
            .order_by("-start", "-pk")
        )
        self.style_widgets()
