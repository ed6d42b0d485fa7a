"""OParl-shaped council model: the names are OParl's wherever OParl has the concept."""

from teilhabe.council.models.files import File
from teilhabe.council.models.meetings import AgendaItem, Meeting
from teilhabe.council.models.organizations import (
    LegislativeTerm,
    Location,
    Membership,
    Organization,
    Person,
)
from teilhabe.council.models.papers import Consultation, Paper

__all__ = [
    "AgendaItem",
    "Consultation",
    "File",
    "LegislativeTerm",
    "Location",
    "Meeting",
    "Membership",
    "Organization",
    "Paper",
    "Person",
]
