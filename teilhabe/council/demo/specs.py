"""The shapes of the demo data: plain frozen dataclasses the loader turns into rows.

Rows refer to each other by short keys (`"beirat"`, `"aydin"`, `"p-speaker"`). Texts may
hold `{placeholders}` for dates and paper references that depend on the day of loading;
the loader fills them from the timeline (`{beirat-2-9}` is that session's date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teilhabe.council.models import AgendaItem, Consultation, Meeting, Membership, Organization

Role = Membership.Role
Result = AgendaItem.Result
OrgType = Organization.Type
State = Meeting.State
Votes = tuple[int, int, int]


@dataclass(frozen=True)
class BodySpec:
    slug: str
    name: str
    short_name: str
    ags: str
    website: str
    contact_email: str
    contact_name: str
    letterhead: str


@dataclass(frozen=True)
class LocationSpec:
    key: str
    description: str
    street_address: str
    postal_code: str
    locality: str
    room: str = ""


@dataclass(frozen=True)
class TermSpec:
    key: str
    name: str
    start_date: dt.date
    end_date: dt.date | None = None


@dataclass(frozen=True)
class OrganizationSpec:
    key: str
    name: str
    organization_type: str
    short_name: str = ""
    parent: str = ""
    legal_member_count: int | None = None
    start_date: dt.date | None = None
    # A timeline key, for organizations founded on a day that depends on the loading day.
    start_day: str = ""
    end_date: dt.date | None = None
    location: str = ""


@dataclass(frozen=True)
class PersonSpec:
    key: str
    form_of_address: str
    given_name: str
    family_name: str
    title: str = ""
    public_consent: bool = True


@dataclass(frozen=True)
class MembershipSpec:
    person: str
    organization: str
    role: str = Role.MEMBER
    on_behalf_of: str = ""
    start_date: dt.date | None = None
    start_day: str = ""
    end_date: dt.date | None = None

    @property
    def voting_right(self) -> bool:
        """Deputies vote only when they stand in, advisory members never."""
        return self.role not in {Role.DEPUTY, Role.ADVISORY}


@dataclass(frozen=True)
class ItemSpec:
    """An agenda item; `paper` makes it a consultation of that paper."""

    name: str
    public: bool = True
    result: str = ""
    resolution: str = ""
    votes: Votes | None = None
    paper: str = ""
    role: str = Consultation.Role.PREPARE
    authoritative: bool = False


@dataclass(frozen=True)
class MeetingSpec:
    key: str  # also the timeline key of its day
    organization: str
    number: int | None  # None: a repeat session after a failed quorum has no number of its own
    state: str
    times: tuple[dt.time, dt.time]
    items: tuple[ItemSpec, ...]
    term: str = ""
    location: str = ""
    video_conference_url: str = ""
    name: str = ""
    repeat_of: str = ""  # key of the meeting that lacked a quorum


@dataclass(frozen=True)
class PendingConsultation:
    """A step of the Beratungsfolge that has no session yet."""

    organization: str
    role: str
    authoritative: bool = False


@dataclass(frozen=True)
class PaperSpec:
    key: str
    name: str
    paper_type: str
    day: str  # timeline key
    offset_days: int = 0
    public: bool = True
    originator_organizations: tuple[str, ...] = ()
    originator_persons: tuple[str, ...] = ()
    proposed_resolution: str = ""
    justification: str = ""
    related: tuple[str, ...] = ()
    pending: tuple[PendingConsultation, ...] = ()


@dataclass(frozen=True)
class LoginSpec:
    username: str
    role: str
    sees: str
    email: str
    superuser: bool = False
    staff_of: str = ""  # body slug
    admin: bool = False  # may use the Django admin (is_staff) for the bodies it is staff of
    person: str = ""  # person key in `body`
    body: str = ""


@dataclass(frozen=True)
class DemoBody:
    """Everything of one demo body, in the order the loader creates it."""

    body: BodySpec
    locations: tuple[LocationSpec, ...]
    terms: tuple[TermSpec, ...]
    organizations: tuple[OrganizationSpec, ...]
    persons: tuple[PersonSpec, ...]
    memberships: tuple[MembershipSpec, ...]
    papers: tuple[PaperSpec, ...]
    meetings: tuple[MeetingSpec, ...]
    paper_prefix: str = "BMI"
