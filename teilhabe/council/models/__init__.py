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
from teilhabe.council.models.rules import SessionRules
from teilhabe.council.models.sessions import (
    Attendance,
    Dispatch,
    Invitation,
    Minutes,
    PersonVote,
    Vote,
)

__all__ = [
    "AgendaItem",
    "Attendance",
    "Consultation",
    "Dispatch",
    "File",
    "Invitation",
    "LegislativeTerm",
    "Location",
    "Meeting",
    "Membership",
    "Minutes",
    "Organization",
    "Paper",
    "Person",
    "PersonVote",
    "SessionRules",
    "Vote",
]
