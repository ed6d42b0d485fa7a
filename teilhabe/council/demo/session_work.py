"""The session work played through: rules, motions, invitations, attendance, votes, minutes.

Runs after the bodies, meetings and logins exist. Like the loader it writes rows with the
ORM (a data loader, not a user action), but every figure that a rule decides is computed
by the rule (`teilhabe.council.rules`, `quorum`): the notice check of each invitation, the
quorum recorded with each vote, whether a motion came in late or obliges the chair. Only
the published minutes with a PDF and the latest invitation's PDF go through the real
rendering (WeasyPrint takes about a second per document).

What Musterstadt shows (all dates follow the timeline):

* The Beirat's Geschäftsordnung (notice seven full days, motions fourteen days ahead);
  the AG and the Stadtrat follow the Gemeindeordnung defaults.
* Invitations with per-person dispatch (all SENT: nothing is left for the mail worker)
  for every session of the current term of the Beirat and the AG; the one to the 11th
  Beirat session went out too late and is flagged.
* Attendance at every held session of the current term of the Beirat and the AG: most
  present, some excused, deputies of the same list standing in, one member leaving early
  before a vote; the 6th session lacked a quorum, its repeat session had one by the
  reduced rule.
* A vote with its quorum for every item voted on in those sessions, one of them by name.
* Minutes of every held session: published (the two before the last approved with a PDF),
  the 11th approved but not yet published, the 12th drafted and not sent in time.
* Motions filed by lists, members, a quarter of the members and the AG, one of them late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext

from teilhabe.accounts.models import User
from teilhabe.council import rules
from teilhabe.council.demo.timeline import Timeline, working_day
from teilhabe.council.models import (
    AgendaItem,
    Attendance,
    Dispatch,
    Invitation,
    Meeting,
    Membership,
    Minutes,
    Organization,
    PersonVote,
    SessionRules,
    Vote,
)
from teilhabe.council.quorum import (
    membership_on_q,
    quorum_for,
    repeated_matter_ids,
    voter_ids_among,
)
from teilhabe.council.selectors.invitations import invitation_document, invitation_recipients
from teilhabe.council.services.files import file_create_generated
from teilhabe.council.services.invitations import invitation_check, invitation_pdf
from teilhabe.council.services.minutes import minutes_publish

if TYPE_CHECKING:
    from teilhabe.council.demo.loader import LoadedBody

Status = Attendance.Status

GESCHAEFTSORDNUNG = (
    "Geschäftsordnung des Beirats für Migration und Integration der Stadt Musterstadt "
    "vom 28. November 2019"
)
MINUTE_TAKER = "Nadia Benali (Fachstelle Migration und Integration)"

# Invitations: days before the session day they went out (else 14; the AG's 8).
LATE_INVITATION = "beirat-2-11"
INVITATION_DAYS_BEFORE = {LATE_INVITATION: 6, "beirat-2-6w": 9}
INVITATION_TIME = dt.time(10, 0)

# Each vote is taken this long after the session's start per agenda position.
MINUTES_PER_ITEM = 10


@dataclass(frozen=True)
class Plan:
    """Who did not sit in a session: excused or absent members, deputies standing in, and
    members who left before the item whose name starts with the given text."""

    excused: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    represented: dict[str, str] = field(default_factory=dict)
    left_before: dict[str, str] = field(default_factory=dict)
    advisory_excused: tuple[str, ...] = ("kurt",)


QUORUM_FAILED = "beirat-2-6"
ATTENDANCE = {
    "beirat-2-2": Plan(represented={"volkov": "oliveira"}),
    "beirat-2-3": Plan(
        represented={"kovalenko": "petrova"},
        left_before={"nowak": "Vergabe: Dolmetschdienste"},
    ),
    "beirat-2-4": Plan(advisory_excused=("hofmann",)),
    "beirat-2-5": Plan(excused=("ramirez",)),
    QUORUM_FAILED: Plan(
        excused=("wisniewski", "demir", "haddad", "papadakis", "ramirez", "sahin", "russo"),
        absent=("volkov",),
        advisory_excused=("hofmann", "kurt"),
    ),
    "beirat-2-6w": Plan(
        excused=(
            "demir",
            "nguyen",
            "kovalenko",
            "haddad",
            "papadakis",
            "ramirez",
            "volkov",
            "sahin",
            "russo",
        ),
        represented={"wisniewski": "petrova"},
    ),
    "beirat-2-9": Plan(represented={"sahin": "arslan"}),
    "beirat-2-11": Plan(excused=("papadakis",)),
    "beirat-2-12": Plan(represented={"nguyen": "petrova"}),
}

# The vote by name: meeting, the item's name starts with, who abstained (the rest: yes).
BY_NAME = ("beirat-2-12", "Antrag an den Stadtrat: Verlagerung", ("volkov",))

# Minutes: which meeting's minutes were approved where, when the next held session of the
# organization is not the one; which stay unpublished or unsent.
APPROVED_IN = {"beirat-2-5": "beirat-2-6w", "beirat-2-6": "beirat-2-7", "beirat-2-6w": "beirat-2-7"}
PUBLISHED_WITH_PDF = ("beirat-2-9", "beirat-2-10")
APPROVED_NOT_PUBLISHED = "beirat-2-11"
NOT_SENT = "beirat-2-12"
OBJECTIONS = {
    "beirat-2-7": (
        "Herr Giorgos Papadakis bittet, seinen Hinweis auf die Anmeldefrist der "
        "Landesversammlung in die Niederschrift aufzunehmen. Der Beirat stimmt der Ergänzung "
        "einstimmig zu."
    )
}
OPENINGS = {
    QUORUM_FAILED: (
        "Die Vorsitzende eröffnet die Sitzung um 18:00 Uhr und stellt fest, dass nur sieben "
        "der fünfzehn stimmberechtigten Mitglieder anwesend sind. Der Beirat ist nicht "
        "beschlussfähig; die Tagesordnung wird vertagt."
    ),
    "beirat-2-6w": (
        "Die Vorsitzende eröffnet die Sitzung um 18:00 Uhr. Der Beirat ist zum zweiten Mal "
        "über dieselben Gegenstände einberufen und nach der Geschäftsordnung mit mindestens "
        "drei anwesenden Mitgliedern beschlussfähig; die Einladung hat darauf hingewiesen."
    ),
    LATE_INVITATION: (
        "Die Vorsitzende eröffnet die Sitzung um 18:00 Uhr. Die Einladung ist nach Ablauf der "
        "Ladungsfrist der Geschäftsordnung versandt worden; kein Mitglied rügt den "
        "Ladungsmangel. Die Vorsitzende stellt die Beschlussfähigkeit fest."
    ),
}
NOTES = {
    ("beirat-2-9", "Bericht: Beratung von Kommunen"): (
        "Frau Petersen stellt das Beratungsprogramm des Landes vor und beantwortet Fragen zu "
        "Dauer, Kosten und Beteiligung der Migrantenorganisationen. Mehrere Mitglieder "
        "regen an, eine Arbeitsgruppe einzurichten."
    ),
    ("beirat-2-10", "Antrag von Herrn Ibrahim Diallo"): (
        "Herr Diallo begründet den Antrag. Mehrere Mitglieder weisen darauf hin, dass der "
        "Sitzungssaal am Samstag nicht zur Verfügung steht und die Verwaltung am Wochenende "
        "nicht teilnehmen kann."
    ),
    ("beirat-2-11", "Zwischenbericht der AG"): (
        "Herr Wiśniewski stellt den Zwischenbericht vor. Die Mitglieder begrüßen die "
        "Priorisierung der Ziele."
    ),
    ("beirat-2-12", "Antrag an den Stadtrat: Verlagerung"): (
        "Auf Antrag der Liste Vielfalt wird namentlich abgestimmt. Frau Dr. Aydın dankt der "
        "AG „Integrationskonzept 2.0“ für die Ausarbeitung."
    ),
}


@dataclass(frozen=True)
class Filing:
    """A motion as filed: for which session, when, by which login, for whom, signed by."""

    paper: str
    meeting: str
    day: str  # timeline key; `offset_days` from it
    offset_days: int = 0
    at: dt.time = dt.time(10, 30)
    login_person: str = ""  # the person whose demo login filed it (else filed on paper)
    on_behalf_of: str = ""
    signers: tuple[str, ...] = ()


FILINGS = (
    Filing("p-speaker", "beirat-2-8", "beirat-2-8", -35, on_behalf_of="spd"),
    Filing("p-saturday", "beirat-2-10", "beirat-2-10", -16, signers=("diallo", "nowak")),
    Filing("p-website", "beirat-2-12", "beirat-2-12", -21, on_behalf_of="lv"),
    # Drafted and adopted by the AG, filed by its speaker for the Beirat that evening.
    Filing("p-authority", "beirat-2-12", "ag-2-3", at=dt.time(19, 30), on_behalf_of="ag"),
    Filing("p-support", "beirat-2-13", "ag-2-3", at=dt.time(19, 30), on_behalf_of="ag"),
    # Late for the 12th session: the chair put it on the agenda of the 13th.
    Filing(
        "p-interpreters",
        "beirat-2-12",
        "beirat-2-12",
        -9,
        at=dt.time(16, 45),
        login_person="mensah",
        on_behalf_of="il",
    ),
    # Signed by a quarter of the members: obliges the chair. Not yet on an agenda.
    Filing(
        "p-consultation-hours",
        "beirat-2-14",
        "stadtrat-2-18",
        10,
        login_person="aydin",
        signers=("aydin", "popescu", "diallo", "nowak"),
    ),
    Filing(
        "p-organisations",
        "ag-2-4",
        "stadtrat-2-18",
        12,
        at=dt.time(21, 10),
        login_person="abdi",
        signers=("abdi",),
    ),
)


def load_session_work(loaded: dict[str, LoadedBody], timeline: Timeline) -> None:
    """Play the session work through; Musterstadt in full, the district's minutes only."""
    musterstadt = loaded["musterstadt"]
    beirat = musterstadt.organizations["beirat"]
    SessionRules.objects.create(
        body=musterstadt.body,
        organization=beirat,
        name=GESCHAEFTSORDNUNG,
        notice_days=7,
        motion_deadline_days=14,
        quorum_percent=50,
        repeat_quorum_minimum=3,
        obliging_share_percent=25,
        minutes_due_days=30,
    )
    _file_motions(musterstadt, timeline)
    session_keys = [
        key
        for key in musterstadt.meetings
        if key.startswith(("beirat-2-", "ag-2-"))
        and musterstadt.meetings[key].state in (Meeting.State.HELD, Meeting.State.INVITED)
    ]
    _invite(musterstadt, session_keys, timeline)
    held = [key for key in session_keys if musterstadt.meetings[key].state == Meeting.State.HELD]
    _attend_and_vote(musterstadt, held)
    _refer(musterstadt)
    for demo in loaded.values():
        _minutes(demo, timeline)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _user_of(demo: LoadedBody, person_key: str) -> User | None:
    """The person's demo login (None without one, or when its name was taken)."""
    return demo.persons[person_key].user if person_key else None


# Motions -----------------------------------------------------------------------------


def _file_motions(demo: LoadedBody, timeline: Timeline) -> None:
    """Filing data as `services.motion_submit` records it, with late and obliging by the
    rules of the session's organization."""
    for filing in FILINGS:
        paper = demo.papers[filing.paper]
        meeting = demo.meetings[filing.meeting]
        organization = meeting.organization
        applied = rules.rules_for(organization)
        received = _at(timeline.working_day(filing.day, filing.offset_days), filing.at)
        faction = demo.organizations.get(filing.on_behalf_of)
        paper.submitted_for = meeting
        paper.submitted_at = received
        paper.submitted_by = _user_of(demo, filing.login_person)
        paper.late = rules.motion_late(received, meeting.start, applied)
        paper.obliging = rules.motion_obliges(
            by_faction=faction is not None
            and faction.organization_type == Organization.Type.FRAKTION,
            signatures=0 if faction is not None else len(filing.signers),
            legal_member_count=organization.legal_member_count,
            rules=applied,
        )
        paper.save(
            update_fields=[
                "submitted_for",
                "submitted_at",
                "submitted_by",
                "late",
                "obliging",
                "modified",
            ]
        )
        if faction is not None and faction.organization_type == Organization.Type.ARBEITSGRUPPE:
            paper.originator_organizations.add(faction)


# Invitations -------------------------------------------------------------------------


def _invitation_day(key: str, meeting: Meeting, timeline: Timeline) -> dt.date:
    day = rules.local_date(meeting.start)
    before = INVITATION_DAYS_BEFORE.get(key, 8 if key.startswith("ag-") else 14)
    sent = day - dt.timedelta(days=before)
    if meeting.start > timeline.now:  # invited ahead: sent already, however near the session
        sent = min(sent, timezone.localdate(timeline.now) - dt.timedelta(days=1))
    return working_day(sent, -1)


def _invite(demo: LoadedBody, keys: Iterable[str], timeline: Timeline) -> None:
    staff = _user_of(demo, "hartmann")
    dispatches: list[Dispatch] = []
    latest: tuple[dt.datetime, Meeting, Invitation] | None = None
    for key in keys:
        meeting = demo.meetings[key]
        sent_at = _at(_invitation_day(key, meeting, timeline), INVITATION_TIME)
        check = invitation_check(meeting=meeting, at=sent_at)
        if check.in_time == (key == LATE_INVITATION):
            raise AssertionError(f"demo invitation of {key}: in time is {check.in_time}")
        invitation = Invitation.objects.create(
            body=demo.body,
            meeting=meeting,
            sent_at=sent_at,
            sent_by=staff,
            notice_days_required=check.required,
            full_days=check.full_days,
            in_time=check.in_time,
            rule_name=check.rule_name[:300],
        )
        dispatches.extend(
            Dispatch(
                body=demo.body,
                meeting=meeting,
                kind=Dispatch.Kind.INVITATION,
                invitation=invitation,
                person=person,
                email=person.email,
                state=Dispatch.State.SENT,
                attempts=1,
                sent_at=sent_at + dt.timedelta(minutes=2),
            )
            for person in invitation_recipients(meeting=meeting)
        )
        if meeting.start > timeline.now and (latest is None or sent_at > latest[0]):
            latest = (sent_at, meeting, invitation)
    Dispatch.objects.bulk_create(dispatches)
    if latest is not None:
        _invitation_file(demo, *latest)


def _invitation_file(
    demo: LoadedBody, sent_at: dt.datetime, meeting: Meeting, invitation: Invitation
) -> None:
    """The invitation's PDF, rendered as `services.invitation_send` renders it."""
    document = invitation_document(meeting=meeting)
    with translation.override(settings.LANGUAGE_CODE):
        name = gettext("Einladung: %(meeting)s (versandt am %(date)s)") % {
            "meeting": meeting.title,
            "date": rules.local_date(sent_at).strftime("%d.%m.%Y"),
        }
    day = rules.local_date(meeting.start)
    invitation.file = file_create_generated(
        body=demo.body,
        name=name,
        file_name=f"einladung-{slugify(meeting.title)}-{day:%Y-%m-%d}.pdf",
        content=invitation_pdf(document=document),
        meeting=meeting,
        public=False,
    )
    invitation.save(update_fields=["file", "modified"])


# Attendance and votes ----------------------------------------------------------------


def _taken_at(meeting: Meeting, item: AgendaItem) -> dt.datetime:
    return meeting.start + dt.timedelta(minutes=MINUTES_PER_ITEM * item.order)


def _seats(meeting: Meeting) -> dict[int, bool]:
    """Person id -> has a vote, for the members (not deputies) on the meeting day."""
    rows = (
        Membership.objects.filter(
            membership_on_q(rules.local_date(meeting.start)),
            organization_id=meeting.organization_id,
        )
        .exclude(role=Membership.Role.DEPUTY)
        .values_list("person_id", "voting_right")
    )
    seats: dict[int, bool] = {}
    for person_id, voting_right in rows:
        seats[person_id] = seats.get(person_id, False) or voting_right
    return seats


def _attendance(
    demo: LoadedBody, meeting: Meeting, plan: Plan, items: list[AgendaItem]
) -> list[Attendance]:
    person_ids = {person.pk: key for key, person in demo.persons.items()}
    rows = []
    for person_id, voting in sorted(_seats(meeting).items()):
        key = person_ids[person_id]
        status, deputy, left = Status.PRESENT, None, meeting.end
        if key in plan.excused or (not voting and key in plan.advisory_excused):
            status = Status.EXCUSED
        elif key in plan.absent:
            status = Status.ABSENT
        elif key in plan.represented:
            status, deputy = Status.REPRESENTED, demo.persons[plan.represented[key]]
        if key in plan.left_before:
            item = next(item for item in items if item.name.startswith(plan.left_before[key]))
            left = _taken_at(meeting, item) - dt.timedelta(minutes=MINUTES_PER_ITEM // 2)
        there = status in (Status.PRESENT, Status.REPRESENTED)
        rows.append(
            Attendance(
                body=demo.body,
                meeting=meeting,
                person_id=person_id,
                status=status,
                deputy=deputy,
                voting=voting,
                arrived=meeting.start if there else None,
                left=left if there else None,
            )
        )
    return rows


def _attend_and_vote(demo: LoadedBody, keys: Iterable[str]) -> None:
    by_name_key, by_name_item, abstainers = BY_NAME
    for key in keys:
        meeting = demo.meetings[key]
        items = list(meeting.agenda_items.order_by("order"))
        rows = Attendance.objects.bulk_create(
            _attendance(demo, meeting, ATTENDANCE.get(key, Plan()), items)
        )
        applied = rules.rules_for(meeting.organization)
        repeated = repeated_matter_ids(meeting=meeting)
        for item in items:
            if item.votes_yes is None or item.votes_no is None or item.votes_abstain is None:
                continue
            at = _taken_at(meeting, item)
            present = voter_ids_among(rows, at)
            cast = item.votes_yes + item.votes_no + item.votes_abstain
            quorum = quorum_for(
                meeting=meeting,
                voting_present=len(present),
                session_rules=applied,
                agenda_item=item,
                repeated_ids=repeated,
            )
            adopted = rules.adopted(item.votes_yes, item.votes_no)
            expected = {AgendaItem.Result.ADOPTED: True, AgendaItem.Result.REJECTED: False}
            if cast > len(present) or expected.get(item.result, adopted) != adopted:
                raise AssertionError(f"demo vote on {item} in {key} does not add up")
            by_name = key == by_name_key and item.name.startswith(by_name_item)
            vote = Vote.objects.create(
                body=demo.body,
                agenda_item=item,
                taken_at=at,
                yes=item.votes_yes,
                no=item.votes_no,
                abstain=item.votes_abstain,
                by_name=by_name,
                voting_present=len(present),
                legal_member_count=meeting.organization.legal_member_count,
                quorate=quorum.quorate,
                adopted=adopted,
                rule_name=quorum.rule[:300],
            )
            if by_name:
                _person_votes(demo, vote, present, abstainers)


def _person_votes(
    demo: LoadedBody, vote: Vote, present: set[int], abstainers: Iterable[str]
) -> None:
    abstaining = {demo.persons[key].pk for key in abstainers}
    choices = {
        person_id: Vote.Choice.ABSTAIN if person_id in abstaining else Vote.Choice.YES
        for person_id in present
    }
    counted = [
        sum(1 for given in choices.values() if given == choice) for choice in Vote.Choice.values
    ]
    if counted != [vote.yes, vote.no, vote.abstain]:
        raise AssertionError("demo vote by name does not match its counts")
    PersonVote.objects.bulk_create(
        PersonVote(body=demo.body, vote=vote, person_id=person_id, choice=choice)
        for person_id, choice in sorted(choices.items())
    )


def _refer(demo: LoadedBody) -> None:
    """The referral of the 12th session names where it went (the AG's next session)."""
    AgendaItem.objects.filter(
        meeting=demo.meetings["beirat-2-12"], result=AgendaItem.Result.REFERRED
    ).update(referred_to=demo.organizations["ag"])


# Minutes -----------------------------------------------------------------------------


def _approving(demo: LoadedBody, key: str, meeting: Meeting, held: list[Meeting]) -> Meeting | None:
    """Where the minutes were approved: the organization's next held session in the term."""
    if key in APPROVED_IN:
        return demo.meetings[APPROVED_IN[key]]
    later = [
        other
        for other in held
        if other.organization_id == meeting.organization_id
        and other.legislative_term_id == meeting.legislative_term_id
        and other.start > meeting.start
    ]
    return min(later, key=lambda other: other.start) if later else None


def _clock(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""


def _minutes(demo: LoadedBody, timeline: Timeline) -> None:
    keys = {meeting.pk: key for key, meeting in demo.meetings.items()}
    held = sorted(
        (m for m in demo.meetings.values() if m.state == Meeting.State.HELD),
        key=lambda m: m.start,
    )
    latest_held = {m.organization_id: m for m in held}
    for (key, prefix), note in NOTES.items():
        if key in demo.meetings:
            AgendaItem.objects.filter(meeting=demo.meetings[key], name__startswith=prefix).update(
                minutes_note=note
            )
    to_publish: list[tuple[Minutes, dt.datetime]] = []
    for meeting in held:
        key = keys[meeting.pk]
        approving = _approving(demo, key, meeting, held)
        sent_at = min(
            _at(rules.local_date(meeting.start) + dt.timedelta(days=10), dt.time(10, 0)),
            timeline.now - dt.timedelta(hours=1),
        )
        minutes = Minutes(
            body=demo.body,
            meeting=meeting,
            opening=OPENINGS.get(
                key,
                f"Die Sitzung wird um {_clock(meeting.start)} Uhr eröffnet. Die ordnungsgemäße "
                "Einladung und die Beschlussfähigkeit werden festgestellt.",
            ),
            closing=f"Die Sitzung endet um {_clock(meeting.end)} Uhr.",
            minute_taker=MINUTE_TAKER if demo.body.slug == "musterstadt" else "Geschäftsstelle",
            sent_at=None if key == NOT_SENT else sent_at,
        )
        if approving is not None or latest_held[meeting.organization_id] != meeting:
            # Approved in the next session; the last one of a term in a session after it.
            minutes.state = Minutes.State.APPROVED
            approved_at = approving.start if approving else meeting.start + dt.timedelta(weeks=4)
            minutes.approved_in = approving
            minutes.approved_at = approved_at
            minutes.objections = OBJECTIONS.get(key, "")
            if key in PUBLISHED_WITH_PDF:
                to_publish.append((minutes, approved_at + dt.timedelta(days=3)))
            elif key != APPROVED_NOT_PUBLISHED:
                minutes.state = Minutes.State.PUBLISHED
                minutes.published_at = approved_at + dt.timedelta(days=3)
                minutes.published_item_ids = list(
                    meeting.agenda_items.filter(public=True).values_list("pk", flat=True)
                )
        minutes.save()
    # Through the real service, so that the public part exists as PDF; then dated.
    for minutes, published_at in to_publish:
        published = minutes_publish(minutes=minutes)
        Minutes.objects.filter(pk=published.pk).update(published_at=published_at)
