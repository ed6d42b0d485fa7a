"""Turns the demo data into rows, in dependency order, in one transaction.

This is a data loader, not a user action: it writes with the ORM directly and does not go
through the council services (which check permissions and send invitations).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import StaffRole, User
from teilhabe.core.errors import TeilhabeError
from teilhabe.core.models import Body, ChangeRecord
from teilhabe.council.demo import extensions
from teilhabe.council.demo.data import BODIES, LOGINS, PASSWORD, SLUGS
from teilhabe.council.demo.session_work import load_session_work
from teilhabe.council.demo.specs import DemoBody, LoginSpec, MeetingSpec, PaperSpec
from teilhabe.council.demo.timeline import Timeline
from teilhabe.council.models import (
    AgendaItem,
    Attendance,
    Consultation,
    Dispatch,
    File,
    Invitation,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Minutes,
    Organization,
    Paper,
    Person,
    PersonVote,
    SessionRules,
    Vote,
)


class DemoRefused(TeilhabeError):
    code = "demo_refused"
    default_message = _("Die Demo wurde nicht geladen.")


@dataclass
class LoadedBody:
    """The rows of one demo body, by the keys the data uses."""

    body: Body
    locations: dict[str, Location] = field(default_factory=dict)
    terms: dict[str, LegislativeTerm] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)


@dataclass(frozen=True)
class LoginResult:
    spec: LoginSpec
    created: bool


@dataclass(frozen=True)
class DemoResult:
    bodies: tuple[Body, ...]
    logins: tuple[LoginResult, ...]


def demo_present() -> bool:
    return Body.objects.filter(slug__in=SLUGS).exists()


@transaction.atomic
def load_demo(*, now: dt.datetime | None = None, replace: bool = False) -> DemoResult:
    """Create the demo bodies with their people, sessions, papers and logins.

    Refuses when a demo body exists, unless `replace` is given: then the demo bodies'
    rows and the demo logins are deleted first. Dates follow `now` (default: the present).
    """
    if replace:
        delete_demo()
    elif demo_present():
        raise DemoRefused(
            gettext(
                "Die Demo-Kommune „Musterstadt“ ist schon vorhanden. Mit --replace wird "
                "sie gelöscht und neu geladen."
            )
        )
    timeline = Timeline.build(now or timezone.now())
    loaded = {demo.body.slug: _load_body(demo, timeline) for demo in BODIES}
    logins = tuple(_create_login(spec, loaded) for spec in LOGINS)
    load_session_work(loaded, timeline)
    extensions.load_all(loaded, timeline)
    return DemoResult(bodies=tuple(item.body for item in loaded.values()), logins=logins)


# Rows that others point at (with PROTECT) go after those pointing at them.
DELETION_ORDER: tuple[type[Model], ...] = (
    ChangeRecord,
    Dispatch,
    Invitation,
    PersonVote,
    Vote,
    Attendance,
    Minutes,
    SessionRules,
    Consultation,
    File,
    AgendaItem,
    Meeting,
    Paper,
    Membership,
    Person,
    Organization,
    LegislativeTerm,
    Location,
    StaffRole,
)


def delete_demo() -> None:
    """Delete the demo bodies with all their rows, and the demo logins.

    Only the demo's own accounts go (same name and demo e-mail address). When other data
    points at the demo (say, another app's records), nothing is deleted.
    """
    body_ids = list(Body.objects.filter(slug__in=SLUGS).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            extensions.delete_all(body_ids)
            Organization.objects.filter(body_id__in=body_ids).update(parent=None)
            for model in DELETION_ORDER:
                model._default_manager.filter(body_id__in=body_ids).delete()
            Body.objects.filter(pk__in=body_ids).delete()
            for spec in LOGINS:
                User.objects.filter(username=spec.username, email=spec.email).delete()
    except ProtectedError as exc:
        raise DemoRefused(
            gettext(
                "Die Demo-Daten sind mit anderen Daten verknüpft und werden deshalb nicht "
                "gelöscht. Bitte legen Sie eine neue Datenbank an."
            )
        ) from exc


def _load_body(demo: DemoBody, timeline: Timeline) -> LoadedBody:
    spec = demo.body
    loaded = LoadedBody(
        body=Body.objects.create(
            name=spec.name,
            short_name=spec.short_name,
            slug=spec.slug,
            ags=spec.ags,
            website=spec.website,
            contact_email=spec.contact_email,
            contact_name=spec.contact_name,
            letterhead=spec.letterhead,
        )
    )
    _load_places_and_terms(loaded, demo)
    _load_organizations(loaded, demo, timeline)
    _load_people(loaded, demo, timeline)
    values = _load_papers(loaded, demo, timeline)
    _load_meetings(loaded, demo, timeline, values)
    return loaded


def _load_places_and_terms(loaded: LoadedBody, demo: DemoBody) -> None:
    for location in demo.locations:
        loaded.locations[location.key] = Location.objects.create(
            body=loaded.body,
            description=location.description,
            street_address=location.street_address,
            room=location.room,
            postal_code=location.postal_code,
            locality=location.locality,
        )
    for term in demo.terms:
        loaded.terms[term.key] = LegislativeTerm.objects.create(
            body=loaded.body, name=term.name, start_date=term.start_date, end_date=term.end_date
        )


def _load_organizations(loaded: LoadedBody, demo: DemoBody, timeline: Timeline) -> None:
    # The data lists every parent before its children.
    for org in demo.organizations:
        loaded.organizations[org.key] = Organization.objects.create(
            body=loaded.body,
            name=org.name,
            short_name=org.short_name,
            organization_type=org.organization_type,
            parent=loaded.organizations[org.parent] if org.parent else None,
            legal_member_count=org.legal_member_count,
            start_date=timeline.day(org.start_day) if org.start_day else org.start_date,
            end_date=org.end_date,
            location=loaded.locations[org.location] if org.location else None,
        )


def _load_people(loaded: LoadedBody, demo: DemoBody, timeline: Timeline) -> None:
    starts: dict[str, list[dt.date]] = defaultdict(list)
    memberships = []
    for membership in demo.memberships:
        start = (
            timeline.day(membership.start_day) if membership.start_day else membership.start_date
        )
        if start:
            starts[membership.person].append(start)
        memberships.append((membership, start))
    for person in demo.persons:
        loaded.persons[person.key] = Person.objects.create(
            body=loaded.body,
            form_of_address=person.form_of_address,
            title=person.title,
            given_name=person.given_name,
            family_name=person.family_name,
            email=f"{person.key}@{demo.body.slug}.example",
            public_consent=person.public_consent,
            # Consent is given when a person takes up their first seat.
            public_consent_date=min(starts[person.key]) if person.public_consent else None,
        )
    Membership.objects.bulk_create(
        Membership(
            body=loaded.body,
            person=loaded.persons[membership.person],
            organization=loaded.organizations[membership.organization],
            role=membership.role,
            voting_right=membership.voting_right,
            on_behalf_of=(
                loaded.organizations[membership.on_behalf_of] if membership.on_behalf_of else None
            ),
            start_date=start,
            end_date=membership.end_date,
        )
        for membership, start in memberships
    )


PLACEHOLDER = re.compile(r"\{([a-z0-9:-]+)\}")


def _fill(text: str, values: dict[str, str]) -> str:
    """Put the day-dependent dates and references into a text of the data."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def _references(demo: DemoBody, timeline: Timeline) -> dict[str, str]:
    """Drucksachen numbers: `BMI/2025/003`, counted per year in order of date."""
    dated = sorted(
        enumerate(demo.papers), key=lambda pair: (_paper_date(pair[1], timeline), pair[0])
    )
    per_year: dict[int, int] = defaultdict(int)
    references = {}
    for _index, paper in dated:
        year = _paper_date(paper, timeline).year
        per_year[year] += 1
        references[paper.key] = f"{demo.paper_prefix}/{year}/{per_year[year]:03d}"
    return references


def _paper_date(paper: PaperSpec, timeline: Timeline) -> dt.date:
    return timeline.working_day(paper.day, paper.offset_days)


def _load_papers(loaded: LoadedBody, demo: DemoBody, timeline: Timeline) -> dict[str, str]:
    """Create the papers; return the values for the texts' placeholders."""
    references = _references(demo, timeline)
    values = {key: timeline.german(key) for key in timeline.days}
    values.update({f"ref:{key}": reference for key, reference in references.items()})
    for spec in demo.papers:
        paper = Paper.objects.create(
            body=loaded.body,
            reference=references[spec.key],
            name=_fill(spec.name, values),
            date=_paper_date(spec, timeline),
            paper_type=spec.paper_type,
            public=spec.public,
            proposed_resolution=_fill(spec.proposed_resolution, values),
            justification=_fill(spec.justification, values),
        )
        paper.originator_organizations.set(
            [loaded.organizations[key] for key in spec.originator_organizations]
        )
        paper.originator_persons.set([loaded.persons[key] for key in spec.originator_persons])
        loaded.papers[spec.key] = paper
    for spec in demo.papers:
        if spec.related:
            loaded.papers[spec.key].related_papers.add(
                *(loaded.papers[key] for key in spec.related)
            )
    return values


def _load_meetings(
    loaded: LoadedBody, demo: DemoBody, timeline: Timeline, values: dict[str, str]
) -> None:
    steps: dict[str, list[tuple[Meeting, AgendaItem, str, bool]]] = defaultdict(list)
    for spec in demo.meetings:
        meeting = _create_meeting(loaded, spec, timeline)
        loaded.meetings[spec.key] = meeting
        for position, item in enumerate(spec.items, start=1):
            agenda_item = AgendaItem.objects.create(
                body=loaded.body,
                meeting=meeting,
                number=str(position),
                order=position,
                name=_fill(item.name, values),
                public=item.public,
                result=item.result,
                resolution_text=_fill(item.resolution, values),
                votes_yes=item.votes[0] if item.votes else None,
                votes_no=item.votes[1] if item.votes else None,
                votes_abstain=item.votes[2] if item.votes else None,
            )
            if item.paper:
                steps[item.paper].append((meeting, agenda_item, item.role, item.authoritative))
    _load_consultations(loaded, demo, steps)


def _create_meeting(loaded: LoadedBody, spec: MeetingSpec, timeline: Timeline) -> Meeting:
    start_time, end_time = spec.times
    return Meeting.objects.create(
        body=loaded.body,
        organization=loaded.organizations[spec.organization],
        legislative_term=loaded.terms[spec.term] if spec.term else None,
        number=spec.number,
        name=spec.name,
        start=timeline.at(spec.key, start_time),
        end=timeline.at(spec.key, end_time) if spec.state == Meeting.State.HELD else None,
        location=loaded.locations[spec.location] if spec.location else None,
        video_conference_url=spec.video_conference_url,
        state=spec.state,
        repeat_of=loaded.meetings[spec.repeat_of] if spec.repeat_of else None,
    )


def _load_consultations(
    loaded: LoadedBody,
    demo: DemoBody,
    steps: dict[str, list[tuple[Meeting, AgendaItem, str, bool]]],
) -> None:
    """The Beratungsfolge of each paper, in the order of its sessions, then pending steps."""
    consultations = []
    for spec in demo.papers:
        paper = loaded.papers[spec.key]
        ordered = sorted(steps[spec.key], key=lambda step: step[0].start)
        for order, (meeting, item, role, authoritative) in enumerate(ordered, start=1):
            consultations.append(
                Consultation(
                    body=loaded.body,
                    paper=paper,
                    organization=meeting.organization,
                    meeting=meeting,
                    agenda_item=item,
                    role=role,
                    authoritative=authoritative,
                    order=order,
                )
            )
        for order, pending in enumerate(spec.pending, start=len(ordered) + 1):
            consultations.append(
                Consultation(
                    body=loaded.body,
                    paper=paper,
                    organization=loaded.organizations[pending.organization],
                    role=pending.role,
                    authoritative=pending.authoritative,
                    order=order,
                )
            )
    Consultation.objects.bulk_create(consultations)


def _create_login(spec: LoginSpec, loaded: dict[str, LoadedBody]) -> LoginResult:
    """A demo account; a name already taken by someone else's account is left alone."""
    if User.objects.filter(username=spec.username).exists():
        return LoginResult(spec, created=False)
    person = loaded[spec.body].persons[spec.person] if spec.person else None
    create = User.objects.create_superuser if spec.superuser else User.objects.create_user
    user = create(
        spec.username,
        spec.email,
        PASSWORD,
        first_name=person.given_name if person else "",
        last_name=person.family_name if person else "",
        is_staff=spec.superuser or spec.admin,
    )
    if spec.staff_of:
        StaffRole.objects.create(user=user, body=loaded[spec.staff_of].body)
    if person:
        person.user = user
        person.save(update_fields=["user", "modified"])
    return LoginResult(spec, created=True)
