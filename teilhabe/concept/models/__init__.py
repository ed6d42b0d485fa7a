from teilhabe.concept.models.concepts import (
    ActionField,
    Concept,
    ConceptVersion,
    Decision,
    Goal,
)
from teilhabe.concept.models.measures import Measure, MeasureStatusChange, Status

__all__ = [
    "ActionField",
    "Concept",
    "ConceptVersion",
    "Decision",
    "Goal",
    "Measure",
    "MeasureStatusChange",
    "Status",
]
