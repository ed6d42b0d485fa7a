"""Forms of the concept's staff pages: they parse input; the services apply the rules."""

from teilhabe.concept.forms.concepts import AdoptForm, ConceptCreateForm, ReviseForm, VersionForm
from teilhabe.concept.forms.measures import MeasureAddForm, MeasureForm, MotionForm, StatusForm
from teilhabe.concept.forms.parts import ActionFieldAddForm, ActionFieldForm, GoalAddForm, GoalForm
from teilhabe.concept.forms.report import ReportForm
from teilhabe.concept.forms.spreadsheet import MeasuresUploadForm

__all__ = [
    "ActionFieldAddForm",
    "ActionFieldForm",
    "AdoptForm",
    "ConceptCreateForm",
    "GoalAddForm",
    "GoalForm",
    "MeasureAddForm",
    "MeasureForm",
    "MeasuresUploadForm",
    "MotionForm",
    "ReportForm",
    "ReviseForm",
    "StatusForm",
    "VersionForm",
]
