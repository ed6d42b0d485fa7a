"""The demo municipality: what it must show, that it is consistent, and how it is loaded."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import StaffRole, User
from teilhabe.core.models import Body, ChangeRecord
from teilhabe.council import demo, rules
from teilhabe.council.consistency import meeting_warnings
from teilhabe.council.demo import loader
from teilhabe.council.demo.timeline import TERM_2_START, Timeline, is_day_off
from teilhabe.council.management.commands.load_demo import Command as LoadDemo
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
from teilhabe.council.quorum import quorum_at, repeated_matter_ids, voting_present_at
from teilhabe.council.selectors import minutes_overdue_list
from teilhabe.council.selectors.invitations import invitation_recipients
from teilhabe.council.selectors.motions import member_motion_list

pytestmark = pytest.mark.django_db

Role = Membership.Role
Type = Organization.Type
ALL_MODELS = (
    Body,
    User,
    StaffRole,
    Location,
    LegislativeTerm,
    Organization,
    Person,
    Membership,
    Meeting,
    AgendaItem,
    Paper,
    Consultation,
    SessionRules,
    Invitation,
    Dispatch,
    Attendance,
    Vote,
    PersonVote,
    Minutes,
    File,
    ChangeRecord,
)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in ALL_MODELS}


@pytest.fixture
def output():
    return run()


@pytest.fixture
def body(output):
    return Body.objects.get(slug="musterstadt")


@pytest.fixture
def beirat(body):
    return Organization.objects.get(body=body, organization_type=Type.BEIRAT)


@pytest.fixture
def ag(body):
    return Organization.objects.get(body=body, organization_type=Type.ARBEITSGRUPPE)


def current(organization, day=None):
    """Memberships of `organization` on `day` (default: today)."""
    day = day or timezone.localdate()
    return Membership.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=day),
        Q(end_date__isnull=True) | Q(end_date__gte=day),
        organization=organization,
    )


def interim_report(body):
    return Paper.objects.get(
        body=body, name="Zwischenbericht der AG „Integrationskonzept 2.0“ mit Beschlussfassung"
    )


# --- loading -------------------------------------------------------------------------


def test_loads_on_an_empty_database_and_prints_summary_and_logins(output):
    """Both demo bodies are created; the summary and every login with its password print."""
    assert set(Body.objects.values_list("slug", flat=True)) == {"musterstadt", "beispielkreis"}
    assert "Demo geladen: Stadt Musterstadt" in output
    for login in demo.LOGINS:
        assert login.username in output
    assert demo.PASSWORD in output


def test_if_empty_does_nothing_when_a_body_exists(output):
    """A second run with --if-empty changes nothing (no duplicates) and says so."""
    before = counts()
    second = run("--if-empty")
    assert counts() == before
    assert "nicht geladen" in second
    # make run prints the demo logins on every start, also when nothing is loaded.
    for login in demo.LOGINS:
        assert login.username in second
    assert demo.PASSWORD in second


def test_if_empty_does_nothing_for_a_body_that_is_not_the_demo():
    """--if-empty is about any body: an instance already in use gets no demo."""
    Body.objects.create(name="Stadt Echtdorf", slug="echtdorf")
    second = run("--if-empty")
    assert list(Body.objects.values_list("slug", flat=True)) == ["echtdorf"]
    assert demo.PASSWORD not in second


def test_a_second_load_is_refused_and_replace_loads_afresh(output):
    """Without --replace an existing demo is refused; with it the demo is reloaded once."""
    before = counts()
    with pytest.raises(CommandError, match="--replace"):
        run()
    run("--replace")
    assert counts() == before


def test_an_account_with_a_demo_name_is_left_alone():
    """A taken user name keeps its account and password; the others are still created."""
    own = User.objects.create_user("admin", "it@echtdorf.example", "eigenes-Passwort-1")
    output = run()
    own.refresh_from_db()
    assert own.check_password("eigenes-Passwort-1")
    assert not own.is_superuser
    assert "„admin“" in output
    run("--replace")
    assert User.objects.filter(pk=own.pk).exists()
    assert User.objects.filter(username="fachstelle").count() == 1


def test_help_describes_the_options():
    """`manage.py load_demo --help` renders (its texts are translated at run time)."""
    text = LoadDemo().create_parser("manage.py", "load_demo").format_help()
    assert "--if-empty" in text
    assert "--replace" in text
    assert "Musterstadt" in text


def test_loading_is_one_transaction(monkeypatch):
    """When any step fails, nothing of the demo stays behind."""

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "_create_login", fail)
    with pytest.raises(RuntimeError):
        demo.load_demo()
    assert Body.objects.count() == 0
    assert Person.objects.count() == 0


# --- what the demo shows -------------------------------------------------------------


def test_body_has_letterhead_contact_key_and_licence(body):
    """The body carries what invitations and OParl need."""
    assert "Fachstelle Migration und Integration" in body.letterhead
    assert body.contact_email
    assert body.contact_name
    assert len(body.ags) == 8
    assert body.ags.isdigit()
    assert body.license


def test_two_terms_begin_on_the_election_days(body):
    """Terms 2019–2024 and 2024–2029 start on the Beirat election days, one after the other."""
    first, second = LegislativeTerm.objects.filter(body=body).order_by("start_date")
    assert first.start_date == dt.date(2019, 10, 27)
    assert second.start_date == dt.date(2024, 11, 10)
    assert first.end_date < second.start_date


def test_beirat_has_twelve_sessions_and_more_numbered_within_each_term(body, beirat):
    """At least twelve sessions; each term counts its sessions from 1 without gaps."""
    meetings = Meeting.objects.filter(organization=beirat)
    assert meetings.count() >= 12
    # A repeat session after a failed quorum has no number of its own.
    (repeat,) = meetings.filter(repeat_of__isnull=False)
    assert repeat.number is None
    assert repeat.name
    for term in LegislativeTerm.objects.filter(body=body):
        numbers = sorted(
            meetings.filter(legislative_term=term, repeat_of__isnull=True).values_list(
                "number", flat=True
            )
        )
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(numbers) >= 2
    assert meetings.filter(legislative_term__isnull=True).count() == 0


def test_past_sessions_are_held_one_is_cancelled_and_two_lie_ahead(beirat):
    """Relative to now: the past is held (one session cancelled), at least two are ahead."""
    now = timezone.now()
    meetings = Meeting.objects.filter(organization=beirat)
    assert meetings.filter(state=Meeting.State.CANCELLED).count() == 1
    past = meetings.filter(start__lt=now).exclude(state=Meeting.State.CANCELLED)
    assert set(past.values_list("state", flat=True)) == {Meeting.State.HELD}
    ahead = meetings.filter(start__gt=now)
    assert ahead.count() >= 2
    assert set(ahead.values_list("state", flat=True)) <= {
        Meeting.State.PLANNED,
        Meeting.State.INVITED,
    }
    assert Meeting.objects.upcoming().filter(organization=beirat).count() >= 2


def test_sessions_meet_in_the_town_hall_and_the_community_centre(beirat):
    """Beirat sessions have a location; both demo places are used."""
    places = set(
        Meeting.objects.filter(organization=beirat).values_list("location__description", flat=True)
    )
    assert "Rathaus, Großer Sitzungssaal" in places
    assert "Bürgerhaus Nordstadt" in places


def test_held_items_have_results_and_sessions_ahead_have_none(body):
    """Results and votes only where a session was held; public and non-public items both."""
    items = AgendaItem.objects.filter(body=body)
    not_held = items.exclude(meeting__state=Meeting.State.HELD)
    assert not_held.exists()
    assert not not_held.exclude(result="").exists()
    assert not not_held.filter(votes_yes__isnull=False).exists()
    held = items.filter(meeting__state=Meeting.State.HELD)
    assert held.filter(votes_yes__isnull=False).exclude(resolution_text="").exists()
    for meeting in Meeting.objects.filter(body=body, state=Meeting.State.HELD):
        assert meeting.agenda_items.exclude(result="").exists(), meeting
    assert items.filter(public=False).exists()
    names = set(items.values_list("name", flat=True))
    assert {"Mitteilungen", "Verschiedenes"} <= names
    assert any(name.startswith("Genehmigung der Niederschrift") for name in names)
    assert items.filter(public=False, name__startswith="Personalangelegenheit").exists()


def test_voting_members_match_the_legal_number_in_both_terms(body, beirat):
    """15 voting seats now and in the first term; deputies and advisers do not vote."""
    assert beirat.legal_member_count == 15
    for day in (timezone.localdate(), dt.date(2022, 1, 1)):
        seats = current(beirat, day)
        assert seats.filter(voting_right=True).count() == beirat.legal_member_count
        assert seats.filter(role=Role.CHAIR).count() == 1
        assert seats.filter(role=Role.DEPUTY_CHAIR).count() == 1
        assert seats.filter(role=Role.DEPUTY).exists()
        assert not seats.filter(role__in=[Role.DEPUTY, Role.ADVISORY], voting_right=True).exists()


def test_advisory_members_are_councillors_without_a_vote(body, beirat):
    """The Stadtrat sends members with an advisory seat into the Beirat."""
    advisers = current(beirat).filter(role=Role.ADVISORY)
    assert advisers.count() >= 2
    stadtrat = Organization.objects.get(body=body, organization_type=Type.STADTRAT)
    for seat in advisers:
        assert not seat.voting_right
        assert current(stadtrat).filter(person=seat.person).exists()


def test_lists_are_factions_in_the_beirat_and_seats_are_held_on_their_behalf(body, beirat):
    """Elected seats name their list; every list of the current term has a chair."""
    lists = Organization.objects.filter(body=body, organization_type=Type.FRAKTION)
    assert {"Internationale Liste", "Liste Vielfalt", "SPD-Fraktion im Beirat"} <= set(
        lists.values_list("name", flat=True)
    )
    assert set(lists.values_list("parent", flat=True)) == {beirat.pk}
    on_behalf = current(beirat).filter(on_behalf_of__isnull=False)
    assert on_behalf.filter(voting_right=True).count() >= 10
    for list_org in lists.filter(pk__in=on_behalf.values("on_behalf_of")):
        assert current(list_org).filter(role=Role.CHAIR).count() == 1


def test_some_persons_have_not_consented_and_stay_hidden(body):
    """Most persons consent to publication; the others are hidden from the public."""
    persons = Person.objects.filter(body=body)
    hidden = persons.filter(public_consent=False)
    assert 0 < hidden.count() < persons.count() / 2
    public = Person.objects.visible_to(None)
    assert not public.filter(pk__in=hidden).exists()
    assert public.filter(body=body).count() == persons.count() - hidden.count()


def test_ag_has_five_members_and_meets_by_video(body, beirat, ag):
    """The AG under the Beirat has five members and meets by video without a location."""
    assert ag.name == "AG „Integrationskonzept 2.0“"
    assert ag.parent == beirat
    assert current(ag).count() == 5
    report_day = interim_report(body).date
    assert current(ag, report_day).count() == 5
    video = Meeting.objects.filter(organization=ag).exclude(video_conference_url="")
    assert video.count() >= 2
    assert not video.filter(location__isnull=False).exists()
    second = Meeting.objects.get(organization=ag, number=2)
    assert second.is_video_conference
    assert second.state == Meeting.State.HELD


def test_speaker_motion_of_a_faction_cites_a_resolution_and_is_adopted(body, beirat):
    """A list's motion invites an external speaker; adopted in its session, she reports next."""
    motion = Paper.objects.get(
        body=body, paper_type=Paper.Type.MOTION, proposed_resolution__contains="Kompass"
    )
    (faction,) = motion.originator_organizations.all()
    assert faction.organization_type == Type.FRAKTION
    (author,) = motion.originator_persons.all()
    assert current(faction).filter(person=author, role=Role.CHAIR).exists()
    assert motion.justification

    (cited,) = motion.related_papers.filter(date__lt=motion.date)
    assert cited.consultations.filter(agenda_item__result=AgendaItem.Result.ADOPTED).exists()
    assert cited.reference in motion.justification

    (step,) = motion.consultations.all()
    assert step.organization == beirat
    assert step.agenda_item.result == AgendaItem.Result.ADOPTED
    session_day = timezone.localdate(step.meeting.start).strftime("%d.%m.%Y")
    assert session_day in motion.name

    follow_up = Meeting.objects.get(
        organization=beirat,
        legislative_term=step.meeting.legislative_term,
        number=step.meeting.number + 1,
    )
    report = Paper.objects.get(consultations__meeting=follow_up, related_papers=motion)
    assert report.paper_type in {Paper.Type.REPORT, Paper.Type.NOTICE}
    assert "Petersen" in report.name


def test_interim_report_is_voted_on_in_a_nonpublic_item_of_the_11th_session(body, beirat):
    """The AG's interim report: not public, adopted with votes in the 11th session."""
    report = interim_report(body)
    assert report.paper_type == Paper.Type.REPORT
    assert not report.public
    (step,) = report.consultations.all()
    assert step.organization == beirat
    assert step.meeting.number == 11
    item = step.agenda_item
    assert not item.public
    assert item.result == AgendaItem.Result.ADOPTED
    assert item.votes_yes
    assert item.votes_no is not None
    assert item.votes_abstain is not None
    for text in ("Videokonferenz", "I.\n", "II.\n", "Ausländerbehörde", "Referent: N.N."):
        assert text in report.justification


def test_motion_goes_from_the_ag_through_the_beirat_to_the_stadtrat(body):
    """Beratungsfolge AG (Vorberatung) → Beirat (adopted) → Stadtrat (decides, result)."""
    motion = Paper.objects.get(body=body, name__contains="Verlagerung der Ausländerbehörde")
    steps = list(motion.consultations.order_by("order"))
    assert [step.organization.organization_type for step in steps] == [
        Type.ARBEITSGRUPPE,
        Type.BEIRAT,
        Type.STADTRAT,
    ]
    ag_step, beirat_step, council_step = steps
    assert ag_step.role == Consultation.Role.PREPARE
    assert beirat_step.agenda_item.result == AgendaItem.Result.ADOPTED
    assert "Stadtrat" in beirat_step.agenda_item.resolution_text
    assert council_step.authoritative
    assert council_step.meeting.state == Meeting.State.HELD
    assert council_step.agenda_item.result == AgendaItem.Result.ADOPTED
    assert [step.meeting.start for step in steps] == sorted(step.meeting.start for step in steps)


# --- logins and what they see -------------------------------------------------------


def test_demo_logins_authenticate(output, client):
    """Every printed login works with the printed password."""
    request = RequestFactory().post("/konto/anmelden/")
    for login in demo.LOGINS:
        assert client.login(request=request, username=login.username, password=demo.PASSWORD)
        client.logout()


def test_logins_hold_their_roles(body, beirat, ag):
    """fachstelle is staff, vorsitz chairs the Beirat, ag-mitglied sits in the AG only."""
    assert User.objects.get(username="admin").is_superuser
    staff = User.objects.get(username="fachstelle")
    assert list(StaffRole.objects.filter(user=staff).values_list("body", flat=True)) == [body.pk]
    kreis = User.objects.get(username="kreis")
    assert list(StaffRole.objects.filter(user=kreis).values_list("body__slug", flat=True)) == [
        "beispielkreis"
    ]
    chair = User.objects.get(username="vorsitz").person
    assert current(beirat).filter(person=chair, role=Role.CHAIR).exists()
    member = User.objects.get(username="mitglied").person
    assert current(beirat).filter(person=member, voting_right=True).exists()
    assert not current(ag).filter(person=member).exists()
    ag_member = User.objects.get(username="ag-mitglied").person
    assert current(ag).filter(person=ag_member).exists()
    assert not Membership.objects.filter(person=ag_member, organization=beirat).exists()


def test_fachstelle_uses_the_admin_for_musterstadt_only(body, client):
    """fachstelle (is_staff, no Django permission) sees Musterstadt's meetings in the admin only."""
    fachstelle = User.objects.get(username="fachstelle")
    assert fachstelle.is_staff
    assert not fachstelle.is_superuser
    assert not fachstelle.user_permissions.exists()
    assert Meeting.objects.exclude(body=body).exists()  # there is something to hide
    client.force_login(fachstelle)
    response = client.get(reverse("admin:council_meeting_changelist"))
    assert response.status_code == 200
    shown = response.context["cl"].queryset
    assert set(shown.values_list("body__slug", flat=True)) == {"musterstadt"}
    assert shown.count() == Meeting.objects.filter(body=body).count()
    assert "Beispielkreis" not in response.content.decode()


@pytest.mark.parametrize("username", ["mitglied", "vorsitz", "ag-mitglied"])
def test_members_cannot_reach_the_admin(output, client, username):
    """Members log in to the site, not to the admin: they are sent to the admin login."""
    client.force_login(User.objects.get(username=username))
    for url in (reverse("admin:index"), reverse("admin:council_meeting_changelist")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


SEES_INTERIM_REPORT_ITEM = {
    None: False,
    "admin": True,
    "fachstelle": True,
    "vorsitz": True,
    "mitglied": True,
    "ag-mitglied": False,
    "kreis": False,
}


@pytest.mark.parametrize(("username", "expected"), SEES_INTERIM_REPORT_ITEM.items())
def test_who_sees_the_nonpublic_interim_report_item(body, username, expected):
    """Staff and Beirat members see the non-public item; the public and others do not."""
    user = User.objects.get(username=username) if username else None
    item = interim_report(body).consultations.get().agenda_item
    assert AgendaItem.objects.visible_to(user).filter(pk=item.pk).exists() is expected


def test_ag_member_sees_the_ags_nonpublic_items(ag):
    """The AG-only member sees the AG's non-public item, a Beirat member does not."""
    item = AgendaItem.objects.get(meeting__organization=ag, public=False)
    ag_member = User.objects.get(username="ag-mitglied")
    member = User.objects.get(username="mitglied")
    assert AgendaItem.objects.visible_to(ag_member).filter(pk=item.pk).exists()
    assert not AgendaItem.objects.visible_to(member).filter(pk=item.pk).exists()


# --- consistency ---------------------------------------------------------------------


def assert_consistent(now: dt.datetime) -> None:
    """Invariants of the loaded data, for the moment `now` it was loaded at."""
    # Every row belongs to the body of what it hangs on.
    foreign: dict[Any, Q] = {
        Organization: Q(parent__isnull=False) & ~Q(parent__body=F("body"))
        | Q(location__isnull=False) & ~Q(location__body=F("body")),
        Membership: ~Q(person__body=F("body"))
        | ~Q(organization__body=F("body"))
        | Q(on_behalf_of__isnull=False) & ~Q(on_behalf_of__body=F("body")),
        Meeting: ~Q(organization__body=F("body"))
        | Q(legislative_term__isnull=False) & ~Q(legislative_term__body=F("body"))
        | Q(location__isnull=False) & ~Q(location__body=F("body")),
        AgendaItem: ~Q(meeting__body=F("body")),
        Consultation: ~Q(paper__body=F("body"))
        | ~Q(organization__body=F("body"))
        | Q(meeting__isnull=False) & ~Q(meeting__body=F("body"))
        | Q(agenda_item__isnull=False) & ~Q(agenda_item__body=F("body")),
        Paper.originator_persons.through: ~Q(paper__body=F("person__body")),
        Paper.originator_organizations.through: ~Q(paper__body=F("organization__body")),
        Paper.related_papers.through: ~Q(from_paper__body=F("to_paper__body")),
    }
    for model, wrong in foreign.items():
        assert not model._default_manager.filter(wrong).exists(), model.__name__
    assert Person.objects.filter(user__isnull=False).count() == 4

    # Meeting numbers are unique within organization and term.
    duplicates = (
        Meeting.objects.values("organization", "legislative_term", "number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()

    # States follow the clock; no session on a weekend or holiday; end after start.
    for meeting in Meeting.objects.all():
        if meeting.state == Meeting.State.HELD:
            assert meeting.start < now
            assert meeting.end
            assert meeting.end > meeting.start
        elif meeting.state != Meeting.State.CANCELLED:
            assert meeting.start > now
        assert not is_day_off(timezone.localdate(meeting.start)), meeting

    # A consultation sits on an item of its own organization's session, after the paper.
    for step in Consultation.objects.filter(meeting__isnull=False).select_related(
        "paper", "meeting", "agenda_item"
    ):
        assert step.agenda_item.meeting_id == step.meeting_id
        assert step.meeting.organization_id == step.organization_id
        assert step.paper.date <= timezone.localdate(step.meeting.start), step
    for paper in Paper.objects.all():
        orders = list(paper.consultations.values_list("order", flat=True))
        assert orders == list(range(1, len(orders) + 1)), paper

    # Votes never exceed the seats.
    for item in AgendaItem.objects.filter(votes_yes__isnull=False).select_related(
        "meeting__organization"
    ):
        organization = item.meeting.organization
        day = timezone.localdate(item.meeting.start)
        seats = organization.legal_member_count or current(organization, day).count()
        assert item.votes_yes + item.votes_no + item.votes_abstain <= seats, item


def test_data_is_consistent(output):
    """Bodies, numbering, dates, states and votes fit together."""
    assert_consistent(timezone.now())


def test_data_is_consistent_when_loaded_years_later():
    """Loaded on a later day the dates move along and still fit together."""
    later = timezone.now() + dt.timedelta(days=2 * 365 + 45)
    demo.load_demo(now=later)
    assert_consistent(later)


def test_the_story_keeps_its_order_whatever_the_loading_day():
    """For every loading day in the next four years the sessions come in the story's order."""
    start = timezone.now()
    for offset in range(4 * 365):
        timeline = Timeline.build(start + dt.timedelta(days=offset))
        day = timeline.days
        today = timezone.localdate(timeline.now)
        sessions = [day[f"beirat-2-{number}"] for number in range(1, 15)]
        assert sessions == sorted(set(sessions))
        assert sessions[0] > TERM_2_START
        # The repeat session lies between the failed sixth and the seventh, and its
        # invitation (nine days ahead) went out after the sixth.
        assert day["beirat-2-6"] < day["beirat-2-6w"] < day["beirat-2-7"], offset
        assert day["beirat-2-6w"] - dt.timedelta(days=9) > day["beirat-2-6"], offset
        story = [
            day["beirat-2-10"],
            day["ag-2-1"],
            day["ag-joined"],
            day["ag-2-2"],
            timeline.working_day("ag-2-2", 2),  # the interim report
            day["beirat-2-11"],
            timeline.working_day("ag-2-3", -7),  # the motions for the Stadtrat
            day["ag-2-3"],
            day["beirat-2-12"],
            day["stadtrat-2-18"],
            today,
            day["beirat-2-13"],
            day["beirat-2-14"],
        ]
        assert all(a < b for a, b in itertools.pairwise(story)), (offset, story)
        meeting_days = [value for key, value in day.items() if key != "ag-joined"]
        assert not any(map(is_day_off, meeting_days)), offset


# --- the session work played through ---------------------------------------------------


def beirat_session(beirat, number):
    return Meeting.objects.get(
        organization=beirat, legislative_term__start_date=TERM_2_START, number=number
    )


def current_term_sessions(body):
    """The Beirat's and the AG's sessions of the current term that were held or invited."""
    return Meeting.objects.filter(
        body=body,
        legislative_term__start_date=TERM_2_START,
        organization__organization_type__in=[Type.BEIRAT, Type.ARBEITSGRUPPE],
        state__in=[Meeting.State.HELD, Meeting.State.INVITED],
    )


def test_beirat_has_a_geschaeftsordnung_and_the_others_the_gemo_defaults(body, beirat, ag):
    """The Beirat's own rules are named like a statute; the AG falls back to the GemO."""
    (own,) = SessionRules.objects.filter(body=body)
    assert own.organization == beirat
    assert own.name.startswith("Geschäftsordnung des Beirats")
    assert rules.rules_for(beirat).name == own.name
    assert rules.rules_for(beirat).notice_days == 7
    assert rules.rules_for(ag).is_default
    assert set(
        Invitation.objects.filter(meeting__organization=beirat).values_list("rule_name", flat=True)
    ) == {own.name}
    assert set(
        Invitation.objects.filter(meeting__organization=ag).values_list("rule_name", flat=True)
    ) == {str(rules.DEFAULT_RULE_NAME)}


def test_every_session_was_invited_in_time_but_one(body, beirat):
    """Each held or invited session of the term has an invitation checked by its rules;
    only the one to the 11th session went out too late."""
    now = timezone.now()
    sessions = current_term_sessions(body)
    assert sessions.count() >= 15
    for meeting in sessions:
        (invitation,) = meeting.invitations.all()
        applied = rules.rules_for(meeting.organization)
        assert invitation.sent_at < meeting.start
        assert invitation.sent_at < now
        assert invitation.full_days == rules.full_days_between(invitation.sent_at, meeting.start)
        assert invitation.notice_days_required == applied.notice_days
        assert invitation.in_time == rules.notice_in_time(
            invitation.sent_at, meeting.start, applied
        )
        recipients = {person.pk for person in invitation_recipients(meeting=meeting)}
        dispatched = set(invitation.dispatches.values_list("person", flat=True))
        assert dispatched == recipients
    (late,) = Invitation.objects.filter(body=body, in_time=False)
    assert late.meeting == beirat_session(beirat, 11)
    # In time by the GemO's four days, too late by the Geschäftsordnung's seven.
    assert 4 <= late.full_days < 7


def test_no_email_is_left_for_the_mail_worker(output):
    """Every dispatch of the demo is recorded as sent: `make run` sends nothing later."""
    assert Dispatch.objects.exists()
    assert not Dispatch.objects.exclude(state=Dispatch.State.SENT).exists()
    assert not Dispatch.objects.filter(sent_at__isnull=True).exists()


def test_the_upcoming_invitation_has_its_pdf(body, beirat):
    """The invitation to the next session carries the rendered PDF, for members only."""
    upcoming = Meeting.objects.get(organization=beirat, state=Meeting.State.INVITED)
    invitation = upcoming.invitations.get()
    assert invitation.file.meeting == upcoming
    assert not invitation.file.public
    assert invitation.file.mime_type == "application/pdf"
    assert invitation.file.content.read().startswith(b"%PDF")
    assert File.objects.filter(body=body, mime_type="application/pdf").count() == 3


def test_attendance_with_excuses_deputies_and_an_early_leaver(body, beirat):
    """Every held Beirat session of the term lists its members; deputies stand in for
    members of their own list; one member leaves before a vote."""
    held = Meeting.objects.filter(
        organization=beirat, legislative_term__start_date=TERM_2_START, state=Meeting.State.HELD
    )
    assert held.count() == 13
    for meeting in held:
        rows = meeting.attendances.all()
        assert rows.filter(voting=True).count() == beirat.legal_member_count
        advisers = current(beirat, timezone.localdate(meeting.start)).filter(role=Role.ADVISORY)
        assert set(rows.filter(voting=False).values_list("person", flat=True)) == set(
            advisers.values_list("person", flat=True)
        )
    rows = Attendance.objects.filter(meeting__in=held)
    assert rows.filter(status=Attendance.Status.EXCUSED).exists()
    assert rows.filter(status=Attendance.Status.ABSENT).exists()
    represented = rows.filter(status=Attendance.Status.REPRESENTED)
    assert represented.count() >= 3
    for row in represented:
        day = timezone.localdate(row.meeting.start)
        seat = current(beirat, day).get(person=row.person)
        deputy_seat = current(beirat, day).get(person=row.deputy)
        assert deputy_seat.role == Role.DEPUTY
        assert deputy_seat.on_behalf_of == seat.on_behalf_of
    (leaver,) = rows.filter(left__lt=F("meeting__end"))
    later = Vote.objects.filter(agenda_item__meeting=leaver.meeting, taken_at__gt=leaver.left)
    earlier = Vote.objects.filter(agenda_item__meeting=leaver.meeting, taken_at__lt=leaver.left)
    assert later.exists()
    assert max(v.voting_present for v in later) < min(v.voting_present for v in earlier)


def test_votes_match_the_items_and_record_the_quorum(body):
    """Each vote equals its item's counts; its quorum is the one the attendance gives."""
    votes = Vote.objects.filter(body=body).select_related("agenda_item__meeting__organization")
    assert votes.count() >= 20
    for vote in votes:
        item, meeting = vote.agenda_item, vote.agenda_item.meeting
        assert (vote.yes, vote.no, vote.abstain) == (
            item.votes_yes,
            item.votes_no,
            item.votes_abstain,
        )
        present = voting_present_at(meeting=meeting, at=vote.taken_at)
        assert vote.voting_present == present
        assert vote.yes + vote.no + vote.abstain <= present
        quorum = quorum_at(meeting=meeting, at=vote.taken_at, agenda_item=item)
        assert (vote.quorate, vote.rule_name) == (quorum.quorate, quorum.rule)
        assert vote.adopted == rules.adopted(vote.yes, vote.no)
        assert meeting.start <= vote.taken_at <= meeting.end
    voted = AgendaItem.objects.filter(votes__isnull=False)
    # Every item voted on in a session with an attendance list has its vote.
    assert (
        not AgendaItem.objects.filter(meeting__attendances__isnull=False, votes_yes__isnull=False)
        .exclude(pk__in=voted)
        .exists()
    )


def test_one_vote_by_name_names_who_was_present(body):
    """The vote by name lists each present voter once, the deputy in the member's place."""
    (vote,) = Vote.objects.filter(body=body, by_name=True)
    choices = list(vote.person_votes.values_list("choice", flat=True))
    assert [choices.count(c) for c in ("yes", "no", "abstain")] == [vote.yes, vote.no, vote.abstain]
    meeting = vote.agenda_item.meeting
    deputies = set(meeting.attendances.values_list("deputy", flat=True)) - {None}
    assert deputies & set(vote.person_votes.values_list("person", flat=True))
    assert PersonVote.objects.count() == vote.yes + vote.no + vote.abstain


def test_one_session_without_quorum_and_its_repeat_session(body, beirat):
    """The 6th session lacked a quorum and postponed its items; the repeat session had
    a quorum only by the reduced rule, and voted."""
    failed = beirat_session(beirat, 6)
    assert not quorum_at(meeting=failed, at=failed.start).quorate
    assert not Vote.objects.filter(agenda_item__meeting=failed).exists()
    assert failed.agenda_items.filter(result=AgendaItem.Result.POSTPONED).count() >= 2
    repeat = Meeting.objects.get(repeat_of=failed)
    assert failed.start < repeat.start < beirat_session(beirat, 7).start
    present = voting_present_at(meeting=repeat, at=repeat.start)
    applied = rules.rules_for(beirat)
    assert not rules.quorum(voting_present=present, legal_member_count=15, rules=applied).quorate
    # The reduced quorum holds only for the matters postponed for lack of quorum.
    assert not quorum_at(meeting=repeat, at=repeat.start).quorate
    repeated = repeated_matter_ids(meeting=repeat)
    assert repeated
    for item in repeat.agenda_items.filter(pk__in=repeated):
        assert quorum_at(meeting=repeat, at=repeat.start, agenda_item=item).quorate
    votes = Vote.objects.filter(agenda_item__meeting=repeat)
    assert votes.exists()
    assert all(vote.quorate for vote in votes)
    assert repeat.invitations.get().sent_at > failed.end


def test_every_outcome_occurs(body, ag):
    """Adopted, rejected, noted, postponed, withdrawn and referred all occur in held
    sessions; the referral names the AG, which has the paper on its next agenda."""
    results = set(
        AgendaItem.objects.filter(body=body, meeting__state=Meeting.State.HELD).values_list(
            "result", flat=True
        )
    )
    assert set(AgendaItem.Result.values) <= results
    (referred,) = AgendaItem.objects.filter(body=body, result=AgendaItem.Result.REFERRED)
    assert referred.referred_to == ag
    paper = referred.consultations.get().paper
    assert paper.consultations.filter(
        organization=ag, meeting__state=Meeting.State.PLANNED
    ).exists()
    (rejected,) = AgendaItem.objects.filter(body=body, result=AgendaItem.Result.REJECTED)
    assert rejected.votes.get().adopted is False


def test_minutes_published_approved_and_drafted(body, beirat):
    """Every held session has minutes: older ones published (the latest two with a PDF),
    the 11th approved in the 12th and not yet published, the 12th a draft."""
    held = Meeting.objects.filter(body=body, state=Meeting.State.HELD)
    assert not held.filter(minutes__isnull=True).exists()
    minutes = Minutes.objects.filter(body=body)
    for row in minutes.exclude(approved_in=None):
        assert row.approved_in.organization == row.meeting.organization
        assert row.approved_in.start > row.meeting.start
        assert row.approved_at == row.approved_in.start
    published = minutes.filter(state=Minutes.State.PUBLISHED)
    assert published.count() >= 10
    with_pdf = published.filter(public_file__isnull=False)
    assert {m.meeting.number for m in with_pdf} == {9, 10}
    for row in with_pdf:
        assert row.public_file.public
        assert row.public_file.content.read().startswith(b"%PDF")
    for row in published:
        assert row.published_item_ids
        assert not AgendaItem.objects.filter(pk__in=row.published_item_ids, public=False).exists()
        assert row.published_at > row.approved_at
        assert row.published_at < timezone.now()
    eleventh = Minutes.objects.get(meeting=beirat_session(beirat, 11))
    assert eleventh.state == Minutes.State.APPROVED
    assert eleventh.approved_in == beirat_session(beirat, 12)
    assert Minutes.objects.get(meeting=beirat_session(beirat, 12)).state == Minutes.State.DRAFT
    assert minutes.exclude(objections="").exists()
    assert AgendaItem.objects.filter(body=body).exclude(minutes_note="").count() >= 3


def test_minutes_sent_in_time_but_one_which_is_flagged(body, beirat):
    """All minutes but the latest Beirat session's were sent within the month; the staff
    dashboard flags that one, and nothing in the district."""
    (unsent,) = Minutes.objects.filter(sent_at__isnull=True)
    assert unsent.meeting == beirat_session(beirat, 12)
    for row in Minutes.objects.exclude(pk=unsent.pk).select_related("meeting"):
        assert row.sent_at < timezone.now()
        assert timezone.localdate(row.sent_at) <= rules.minutes_due(
            row.meeting.start, rules.rules_for(row.meeting.organization)
        )
    staff = User.objects.get(username="fachstelle")
    assert minutes_overdue_list(body=body, user=staff) == [unsent.meeting]
    kreis = Body.objects.get(slug="beispielkreis")
    assert minutes_overdue_list(body=kreis, user=User.objects.get(username="kreis")) == []


def test_motions_filed_by_lists_members_and_the_ag_one_late(body, beirat, ag):
    """Filed motions name their session, time and filer; late and obliging follow the
    rules; the late one is on the agenda of the session after."""
    filed = Paper.objects.filter(body=body, submitted_at__isnull=False)
    assert filed.count() >= 6
    for paper in filed.select_related("submitted_for__organization"):
        meeting = paper.submitted_for
        applied = rules.rules_for(meeting.organization)
        assert paper.submitted_at < timezone.now()
        assert paper.submitted_at < meeting.start
        assert paper.late == rules.motion_late(paper.submitted_at, meeting.start, applied)
    (late,) = filed.filter(late=True)
    assert late.obliging  # a list's motion
    assert late.submitted_by == User.objects.get(username="mitglied")
    step = late.consultations.get()
    assert step.meeting.start > late.submitted_for.start
    assert step.meeting.organization == beirat
    # A list, a quarter of the members and the AG filed; a motion by two members does not oblige.
    assert filed.filter(obliging=True, originator_organizations__organization_type=Type.FRAKTION)
    quarter = filed.get(submitted_by__username="vorsitz")
    assert quarter.obliging
    assert quarter.originator_persons.count() == 4
    assert not quarter.consultations.exists()  # waits for staff to put it on an agenda
    assert filed.filter(originator_organizations=ag).count() == 2
    assert filed.filter(obliging=False, originator_persons__isnull=False).exists()
    ag_member = User.objects.get(username="ag-mitglied")
    own = filed.get(submitted_by=ag_member)
    assert own.submitted_for.organization == ag
    person = ag_member.person
    assert own in member_motion_list(body=body, user=ag_member, person=person)


def test_only_the_intended_consistency_warnings(body, beirat):
    """The consistency check finds in the whole demo only the late invitation."""
    found = [
        (meeting, warning.code)
        for meeting in Meeting.objects.filter(body__slug__in=demo.SLUGS)
        for warning in meeting_warnings(meeting)
    ]
    assert found == [(beirat_session(beirat, 11), "invitation_late")]


def test_replace_deletes_the_session_work_and_its_history(output):
    """Reloading removes the demo's history and session rows before writing them anew."""
    old = set(Body.objects.values_list("pk", flat=True))
    history = ChangeRecord.objects.filter(body__in=old).count()
    assert history > 0
    run("--replace")
    assert not ChangeRecord.objects.filter(body__in=old).exists()
    assert ChangeRecord.objects.count() == history
