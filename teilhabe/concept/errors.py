"""The concept app's typed errors: stable codes for machines, translated messages for people.

`field` names the form field an error belongs to (pages show it there); None means the
error concerns the whole form. The rules every app shares — a reference to another body,
a citation the user may not see, a body imported from OParl — raise the council's errors,
named here too so that callers of the concept services find every error in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from teilhabe.core.errors import TeilhabeError
from teilhabe.council.errors import CitationNotVisible, CrossBodyReference, ImportedBodyReadOnly
from teilhabe.council.models import AgendaItem

__all__ = [
    "ActionFieldNotEmpty",
    "AdoptedBeforeResolution",
    "CitationNotVisible",
    "ConceptError",
    "CrossBodyReference",
    "DuplicateVersionNumber",
    "FieldOfOtherVersion",
    "GoalOfOtherVersion",
    "ImportedBodyReadOnly",
    "InForceBeforePredecessor",
    "IndicatorNotScalar",
    "InvalidAddressee",
    "InvalidCost",
    "InvalidDateRange",
    "InvalidPriority",
    "InvalidProgress",
    "InvalidStatus",
    "InvalidTargetValue",
    "InvalidTargetYear",
    "InvalidWeight",
    "MeasureFieldRequired",
    "MeetingOfOtherOrganization",
    "MotionExists",
    "NotAWorkingGroup",
    "NothingToReport",
    "ReportNotByDraftingGroup",
    "ReportPartNotOpen",
    "ResolutionNotAdopted",
    "ResolutionRequired",
    "RevisionInProgress",
    "StatusChangeInPast",
    "TargetDistrictGone",
    "TargetWithoutIndicator",
    "UnknownIndicator",
    "VersionNotDraft",
    "VersionNotInDeliberation",
    "VersionNotInForce",
    "VersionSuperseded",
]


def _day(value: dt.date) -> str:
    return str(formats.date_format(value, "d.m.Y"))


class ConceptError(TeilhabeError):
    field: str | None = None

    def __init__(self, message: Any = None, *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


# Versions ---------------------------------------------------------------------------------


class DuplicateVersionNumber(ConceptError):
    code = "duplicate_version_number"
    field = "number"
    default_message = _(
        "Diese Versionsnummer gibt es für dieses Konzept schon. Bitte wählen Sie eine andere."
    )


class NotAWorkingGroup(ConceptError):
    code = "not_a_working_group"
    field = "drafted_by"
    default_message = _(
        "Einen Entwurf erarbeitet eine Arbeitsgruppe. Bitte wählen Sie eine Arbeitsgruppe."
    )


class VersionNotDraft(ConceptError):
    code = "version_not_draft"
    default_message = _(
        "Diese Version ist kein Entwurf mehr. Zur Beratung vorlegen lässt sich nur ein Entwurf."
    )


class VersionNotInDeliberation(ConceptError):
    code = "version_not_in_deliberation"
    default_message = _(
        "Beschlossen werden kann nur eine Version, die in Beratung ist. Bitte legen Sie den "
        "Entwurf zuerst zur Beratung vor."
    )


class VersionNotInForce(ConceptError):
    code = "version_not_in_force"
    default_message = _("Fortgeschrieben werden kann nur die Version, die in Kraft ist.")


class VersionSuperseded(ConceptError):
    code = "version_superseded"
    default_message = _(
        "Diese Version ist abgelöst und wird nicht mehr geändert. Bitte ändern Sie die "
        "geltende Version oder ihre Fortschreibung."
    )


class RevisionInProgress(ConceptError):
    code = "revision_in_progress"
    default_message = _(
        "Für dieses Konzept wird schon eine Fortschreibung erarbeitet oder beraten. Bitte "
        "arbeiten Sie in dieser weiter."
    )
    number_message = _(
        "Für dieses Konzept wird schon eine Fortschreibung erarbeitet oder beraten "
        "(Version %(number)s). Bitte arbeiten Sie in dieser weiter."
    )

    @classmethod
    def for_number(cls, number: str) -> RevisionInProgress:
        return cls(str(cls.number_message) % {"number": number})


class ResolutionRequired(ConceptError):
    code = "resolution_required"
    field = "resolutions"
    default_message = _("Bitte wählen Sie den Beschluss, mit dem die Version beschlossen wurde.")


class ResolutionNotAdopted(ConceptError):
    """A resolution named as the adoption of something was not adopted."""

    code = "resolution_not_adopted"
    field = "resolutions"
    default_message = _(
        "Ein gewählter Beschluss wurde nicht angenommen; damit kann nichts beschlossen werden."
    )
    rejected_message = _(
        "Der Beschluss „%(item)s“ wurde abgelehnt; damit kann nichts beschlossen werden."
    )
    open_message = _(
        "Zu „%(item)s“ ist kein Beschluss gefasst worden (Ergebnis: %(result)s); damit kann "
        "nichts beschlossen werden."
    )

    @classmethod
    def for_item(cls, item: Any, *, field: str | None = None) -> ResolutionNotAdopted:
        if item.result == AgendaItem.Result.REJECTED:
            return cls(str(cls.rejected_message) % {"item": item}, field=field)
        result = item.get_result_display() if item.result else _("noch keines")
        return cls(str(cls.open_message) % {"item": item, "result": result}, field=field)


class AdoptedBeforeResolution(ConceptError):
    code = "adopted_before_resolution"
    field = "adopted_on"
    default_message = _("Beschlossen sein kann erst am Tag des Beschlusses oder danach.")
    date_message = _(
        "Beschlossen sein kann erst am Tag des Beschlusses (%(date)s) oder danach. Bitte "
        "prüfen Sie das Datum."
    )

    @classmethod
    def for_date(cls, day: dt.date, *, field: str | None = None) -> AdoptedBeforeResolution:
        return cls(str(cls.date_message) % {"date": _day(day)}, field=field)


class InForceBeforePredecessor(ConceptError):
    code = "in_force_before_predecessor"
    field = "in_force_from"
    default_message = _(
        "Die neue Version muss nach dem Inkrafttreten der geltenden Version in Kraft treten."
    )
    date_message = _(
        "Die neue Version muss nach dem Inkrafttreten der geltenden Version (%(date)s) in "
        "Kraft treten. Bitte prüfen Sie das Datum."
    )

    @classmethod
    def for_date(cls, day: dt.date, *, field: str | None = None) -> InForceBeforePredecessor:
        return cls(str(cls.date_message) % {"date": _day(day)}, field=field)


# Fields of action, goals, measures ---------------------------------------------------------


class ActionFieldNotEmpty(ConceptError):
    code = "action_field_not_empty"
    default_message = _(
        "Das Handlungsfeld enthält noch Ziele oder Maßnahmen. Bitte verschieben oder löschen "
        "Sie diese zuerst."
    )


class FieldOfOtherVersion(ConceptError):
    code = "field_of_other_version"
    field = "action_field"
    default_message = _(
        "Das gewählte Handlungsfeld gehört zu einer anderen Version des Konzepts. Bitte "
        "wählen Sie ein Handlungsfeld dieser Version."
    )


class GoalOfOtherVersion(ConceptError):
    code = "goal_of_other_version"
    field = "goals"
    default_message = _(
        "Ein gewähltes Ziel gehört zu einer anderen Version des Konzepts oder ist gelöscht. "
        "Bitte wählen Sie Ziele dieser Version."
    )


class MeasureFieldRequired(ConceptError):
    code = "measure_field_required"
    field = "action_field"
    default_message = _("Eine Maßnahme gehört zu einem Handlungsfeld. Bitte wählen Sie eines.")


class InvalidPriority(ConceptError):
    code = "invalid_priority"
    field = "priority"
    default_message = _(
        "Die Priorität ist eine ganze Zahl ab 1 (1 ist die höchste). Leer lassen, wenn das "
        "Ziel nicht priorisiert ist."
    )


class InvalidWeight(ConceptError):
    code = "invalid_weight"
    field = "weight"
    default_message = _(
        "Das Gewicht ist eine Zahl größer als 0 mit höchstens zwei Nachkommastellen (bis "
        "9999,99). Leer lassen für Gewicht 1."
    )


class InvalidDateRange(ConceptError):
    code = "invalid_date_range"
    field = "end_date"
    default_message = _("Das Ende darf nicht vor dem Beginn liegen.")


class InvalidCost(ConceptError):
    code = "invalid_cost"
    field = "planned_cost"
    default_message = _(
        "Kosten sind ein Betrag in Euro ab 0 mit höchstens zwei Nachkommastellen (z. B. 1500,00)."
    )


class InvalidProgress(ConceptError):
    code = "invalid_progress"
    field = "progress"
    default_message = _("Der Fortschritt ist eine ganze Zahl von 0 bis 100 (Prozent).")


class InvalidStatus(ConceptError):
    code = "invalid_status"
    field = "status"
    default_message = _("Bitte wählen Sie einen der angebotenen Status.")


class StatusChangeInPast(ConceptError):
    code = "status_change_in_past"
    field = "date"
    default_message = _(
        "Eine Statusänderung kann nicht vor der letzten Statusänderung der Maßnahme liegen."
    )
    date_message = _(
        "Eine Statusänderung kann nicht vor der letzten Statusänderung der Maßnahme "
        "(%(date)s) liegen. Bitte wählen Sie dieses Datum oder ein späteres."
    )

    @classmethod
    def for_date(cls, day: dt.date) -> StatusChangeInPast:
        return cls(str(cls.date_message) % {"date": _day(day)})


# A goal's indicator and target ---------------------------------------------------------------


class UnknownIndicator(ConceptError):
    code = "unknown_indicator"
    field = "indicator_code"
    default_message = _(
        "Diesen Indikator gibt es im Monitoring nicht. Bitte wählen Sie einen Indikator des "
        "Katalogs oder einen eigenen Indikator der Körperschaft."
    )


class IndicatorNotScalar(ConceptError):
    code = "indicator_not_scalar"
    field = "indicator_code"
    default_message = _(
        "Dieser Indikator hat keinen einzelnen Wert je Gebiet (er ist eine Verteilung, eine "
        "Rangfolge oder ein Index der ganzen Stadt). Bitte wählen Sie einen Anteil, eine "
        "Anzahl, einen Lagequotienten oder eine Veränderung."
    )


class InvalidTargetValue(ConceptError):
    """A target that is no number, or out of the range of the indicator's kind."""

    code = "invalid_target_value"
    field = "target_value"
    default_message = _(
        "Der Zielwert ist eine Zahl mit höchstens zwei Nachkommastellen (z. B. 25,5)."
    )
    share_message = _("Der Zielwert eines Anteils liegt zwischen 0 und 100 (Prozent).")
    count_message = _("Der Zielwert einer Anzahl ist eine ganze Zahl ab 0.")
    quotient_message = _(
        "Der Zielwert eines Lagequotienten ist eine Zahl ab 0 (1 heißt: so häufig wie in der "
        "ganzen Stadt)."
    )


class InvalidTargetYear(ConceptError):
    code = "invalid_target_year"
    field = "target_year"
    default_message = _("Das Zieljahr ist eine Jahreszahl von 1990 bis 2100 (z. B. 2030).")


class TargetDistrictGone(ConceptError):
    code = "target_district_gone"
    field = "target_district"
    default_message = _(
        "Das gewählte Gebiet gibt es nicht mehr. Bitte wählen Sie ein anderes Gebiet oder die "
        "ganze Stadt."
    )


class TargetWithoutIndicator(ConceptError):
    code = "target_without_indicator"
    field = "indicator_code"
    default_message = _(
        "Zielwert, Zielgebiet und Zieljahr gehören zu einem Indikator. Bitte wählen Sie den "
        "Indikator oder lassen Sie die Zielangaben leer."
    )


# The way to the Beirat and the Stadtrat ------------------------------------------------------


class ReportNotByDraftingGroup(ConceptError):
    code = "report_not_by_drafting_group"
    field = "organization"
    default_message = _(
        "Den Zwischenbericht legt die Arbeitsgruppe vor, die den Entwurf erarbeitet."
    )


class NothingToReport(ConceptError):
    code = "nothing_to_report"
    field = "goals"
    default_message = _(
        "Bitte wählen Sie mindestens ein Ziel oder eine Maßnahme, über die beschlossen werden soll."
    )


class ReportPartNotOpen(ConceptError):
    """A goal or measure of the report is of another version, deleted, already adopted,
    or already submitted with another report that is not decided yet."""

    code = "report_part_not_open"
    field = "goals"
    default_message = _(
        "Ein gewähltes Ziel oder eine gewählte Maßnahme gehört nicht zu dieser Version, ist "
        "schon beschlossen oder liegt schon mit einem anderen Bericht zur Beschlussfassung vor."
    )
    named_message = _(
        "„%(name)s“ gehört nicht zu dieser Version, ist schon beschlossen oder liegt schon "
        "mit einem anderen Bericht zur Beschlussfassung vor."
    )

    @classmethod
    def for_part(cls, part: Any, *, field: str) -> ReportPartNotOpen:
        return cls(str(cls.named_message) % {"name": str(part)[:100]}, field=field)


class MeetingOfOtherOrganization(ConceptError):
    code = "meeting_of_other_organization"
    field = "meeting"
    default_message = _(
        "Die gewählte Sitzung ist keine Sitzung des Gremiums, an das die Vorlage geht."
    )


class InvalidAddressee(ConceptError):
    code = "invalid_addressee"
    field = "to"
    default_message = _(
        "Eine Vorlage geht an ein anderes Gremium derselben Körperschaft, das Sitzungen "
        "abhält. Bitte wählen Sie ein solches Gremium."
    )


class MotionExists(ConceptError):
    code = "motion_exists"
    default_message = _(
        "Für diese Maßnahme gibt es schon einen Antrag an den Stadtrat. Bitte verfolgen Sie "
        "diesen weiter."
    )
