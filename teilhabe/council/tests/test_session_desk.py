"""The session desk: attendance, quorum, votes and outcomes (services, rules, pages)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord
from teilhabe.council import errors, quorum, selectors, services
from teilhabe.council.models import (
    AgendaItem,
    Attendance,
    Consultation,
    Meeting,
    Membership,
    Organization,
    PersonVote,
    SessionRules,
    Vote,
)
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

START = timezone.make_aware(dt.datetime(2026, 3, 10, 18, 0))


def at(hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, 10, hour, minute))


def _scene(members: int = 15, legal: int | None = 15, deputies: int = 2, **meeting_kwargs):
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body, legal_member_count=legal)
    people = [
        f.MembershipFactory(organization=beirat, person__body=body).person for _ in range(members)
    ]
    deputy_people = [
        f.MembershipFactory(
            organization=beirat, person__body=body, role=Membership.Role.DEPUTY
        ).person
        for _ in range(deputies)
    ]
    meeting = f.MeetingFactory(organization=beirat, start=START, **meeting_kwargs)
    return {
        "body": body,
        "beirat": beirat,
        "members": people,
        "deputies": deputy_people,
        "meeting": meeting,
    }


def _rows(meeting):
    return {row.person_id: row for row in Attendance.objects.filter(meeting=meeting)}


def _set(row, status, **kwargs):
    row.refresh_from_db()
    return services.attendance_set(
        attendance=row, expected_version=row.version, status=status, **kwargs
    )


def _present(scene, count, **kwargs):
    """Prefill and mark the first `count` members present; returns the rows by person id."""
    services.attendance_prefill(meeting=scene["meeting"])
    rows = _rows(scene["meeting"])
    for person in scene["members"][:count]:
        _set(rows[person.pk], Attendance.Status.PRESENT, **kwargs)
    return rows


# --- attendance ---------------------------------------------------------------------------


def test_prefill_lists_the_members_on_the_meeting_day_as_absent_and_is_idempotent():
    """One ABSENT row per member (advisory ones without a vote), no deputies, nobody whose
    membership does not run on the meeting day; a second call adds only newcomers."""
    scene = _scene(members=2, deputies=1)
    beirat, body = scene["beirat"], scene["body"]
    advisory = f.MembershipFactory(
        organization=beirat,
        person__body=body,
        role=Membership.Role.ADVISORY,
        voting_right=False,
    ).person
    f.MembershipFactory(organization=beirat, person__body=body, end_date=dt.date(2026, 3, 9))
    f.MembershipFactory(organization=beirat, person__body=body, start_date=dt.date(2026, 3, 11))
    f.MembershipFactory(
        organization=beirat, person__body=body, deleted=True
    )  # a deleted membership

    added = services.attendance_prefill(meeting=scene["meeting"])

    expected = {p.pk for p in scene["members"]} | {advisory.pk}
    assert {row.person_id for row in added} == expected
    assert {row.status for row in added} == {Attendance.Status.ABSENT}
    assert {row.person_id: row.voting for row in added}[advisory.pk] is False
    assert services.attendance_prefill(meeting=scene["meeting"]) == []
    newcomer = f.MembershipFactory(organization=beirat, person__body=body).person
    assert [r.person_id for r in services.attendance_prefill(meeting=scene["meeting"])] == [
        newcomer.pk
    ]
    # Prefilling is preparation: the meeting has not yet taken place.
    scene["meeting"].refresh_from_db()
    assert scene["meeting"].state == Meeting.State.PLANNED


def test_first_presence_marks_the_meeting_held_and_a_cancelled_meeting_takes_nothing():
    scene = _scene(members=2)
    rows = _present(scene, 1)
    scene["meeting"].refresh_from_db()
    assert scene["meeting"].state == Meeting.State.HELD

    cancelled = _scene(members=1)
    services.attendance_prefill(meeting=cancelled["meeting"])
    Meeting.objects.filter(pk=cancelled["meeting"].pk).update(state=Meeting.State.CANCELLED)
    with pytest.raises(errors.SessionMeetingCancelled):
        services.attendance_prefill(meeting=cancelled["meeting"])
    row = next(iter(_rows(cancelled["meeting"]).values()))
    with pytest.raises(errors.SessionMeetingCancelled):
        _set(row, Attendance.Status.PRESENT)
    assert rows  # the first scene's rows exist


def test_deputy_rules_are_enforced_field_by_field():
    """A deputy only with REPRESENTED and then required; only a current deputy of the
    organization, not already standing in for someone else; times in order."""
    scene = _scene(members=3, deputies=1)
    services.attendance_prefill(meeting=scene["meeting"])
    rows = _rows(scene["meeting"])
    first, second, third = (rows[p.pk] for p in scene["members"])
    deputy = scene["deputies"][0]
    stranger = f.PersonFactory(body=scene["body"])
    other_deputy = f.MembershipFactory(
        organization=f.OrganizationFactory(body=scene["body"]),
        person__body=scene["body"],
        role=Membership.Role.DEPUTY,
    ).person

    cases = [
        (first, Attendance.Status.PRESENT, {"deputy": deputy}, errors.DeputyOnlyWhenRepresented),
        (first, Attendance.Status.REPRESENTED, {}, errors.DeputyRequired),
        (first, Attendance.Status.REPRESENTED, {"deputy": stranger}, errors.NotADeputy),
        (first, Attendance.Status.REPRESENTED, {"deputy": other_deputy}, errors.NotADeputy),
        (first, Attendance.Status.PRESENT, {"arrived": at(19), "left": at(18)}, None),
    ]
    for row, status, kwargs, error in cases:
        expected = error or errors.AttendanceTimesOutOfOrder
        with pytest.raises(expected) as caught:
            _set(row, status, **kwargs)
        assert caught.value.field == ("left" if error is None else "deputy")

    _set(first, Attendance.Status.REPRESENTED, deputy=deputy)
    with pytest.raises(errors.DeputyAlreadyRepresenting):
        _set(second, Attendance.Status.REPRESENTED, deputy=deputy)
    with pytest.raises(ValidationError):
        _set(third, "verschollen")
    # Excused: the times are cleared, whatever was typed.
    excused = _set(third, Attendance.Status.EXCUSED, arrived=at(18))
    assert excused.arrived is None


def test_a_stale_attendance_edit_is_refused():
    scene = _scene(members=1)
    services.attendance_prefill(meeting=scene["meeting"])
    row = next(iter(_rows(scene["meeting"]).values()))
    services.attendance_set(attendance=row, expected_version=1, status=Attendance.Status.PRESENT)
    with pytest.raises(ConflictError):
        services.attendance_set(
            attendance=row, expected_version=1, status=Attendance.Status.EXCUSED
        )


# --- quorum at its edges --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("legal", "present", "quorate"),
    [(14, 8, True), (14, 7, False), (15, 8, True), (15, 7, False)],
)
def test_quorum_is_more_than_half_of_the_legal_number(legal, present, quorate):
    """Half plus one of the legal number is quorate; exactly half (or less) is not."""
    scene = _scene(members=legal, legal=legal)
    _present(scene, present)
    result = quorum.quorum_at(meeting=scene["meeting"], at=at(19))
    assert (result.present, result.quorate) == (present, quorate)
    assert result.needed == legal // 2 + 1


def _repeat_scene(members: int = 15):
    """A session of 15 that lacked a quorum two weeks ago: it postponed a motion (paper)
    and a report without paper, and noted the communications. Its repeat session takes up
    the motion (under a new title), the report (title spaced and cased differently), the
    communications again and a new motion."""
    scene = _scene(members=members, legal=members)
    beirat, body = scene["beirat"], scene["body"]
    original = f.MeetingFactory(
        organization=beirat, number=6, start=START - dt.timedelta(days=14), state="held"
    )
    Meeting.objects.filter(pk=scene["meeting"].pk).update(repeat_of=original)
    scene["meeting"].refresh_from_db()
    postponed = AgendaItem.Result.POSTPONED
    motion = f.PaperFactory(body=body, name="Sprachkurse für Eltern")
    old_motion = f.AgendaItemFactory(
        meeting=original, number="2", name="Antrag Sprachkurse", result=postponed
    )
    f.ConsultationFactory(paper=motion, organization=beirat, agenda_item=old_motion)
    f.AgendaItemFactory(
        meeting=original, number="3", name="Bericht der AG Bildung", result=postponed
    )
    f.AgendaItemFactory(
        meeting=original, number="4", name="Mitteilungen", result=AgendaItem.Result.NOTED
    )

    def item(number, name, paper=None):
        created = f.AgendaItemFactory(
            meeting=scene["meeting"], number=number, order=int(number), name=name
        )
        if paper is not None:
            f.ConsultationFactory(paper=paper, organization=beirat, agenda_item=created)
        return created

    scene["original"] = original
    scene["motion_item"] = item("1", "Antrag der Liste: Sprachkurse für Eltern", motion)
    scene["report_item"] = item("2", "  bericht der AG   Bildung ")
    scene["noted_item"] = item("3", "Mitteilungen")
    scene["new_item"] = item("4", "Neuer Antrag", f.PaperFactory(body=body))
    return scene


def test_the_reduced_quorum_holds_only_for_the_postponed_matters():
    """Same paper, or for an item without paper the same title, as an item postponed in
    the session that lacked a quorum: those items only. An item noted there, or new, is not
    one of them; neither is anything in a session that repeats none."""
    scene = _repeat_scene()
    assert quorum.repeated_matter_ids(meeting=scene["meeting"]) == {
        scene["motion_item"].pk,
        scene["report_item"].pk,
    }
    assert quorum.repeated_matter_ids(meeting=scene["original"]) == set()
    # A postponed item whose paper was deleted is no longer a matter of the repeat session.
    Consultation.objects.filter(agenda_item=scene["motion_item"]).update(deleted=True)
    Consultation.objects.filter(agenda_item__meeting=scene["original"]).update(deleted=True)
    assert quorum.repeated_matter_ids(meeting=scene["meeting"]) == {scene["report_item"].pk}


def test_a_repeat_session_has_quorum_with_three_only_for_the_postponed_matters():
    """With three of fifteen present: quorate for the postponed matters (reduced rule,
    named as such), not for the session as a whole nor for any other item."""
    scene = _repeat_scene()
    meeting = scene["meeting"]
    _present(scene, 3)
    for name in ("motion_item", "report_item"):
        result = quorum.quorum_at(meeting=meeting, at=at(19), agenda_item=scene[name])
        assert (result.present, result.needed, result.quorate, result.repeat) == (3, 3, True, True)
        assert "mindestens 3 anwesend" in result.rule
    for name in ("noted_item", "new_item"):
        result = quorum.quorum_at(meeting=meeting, at=at(19), agenda_item=scene[name])
        assert (result.needed, result.quorate, result.repeat) == (8, False, False)
    assert not quorum.quorum_at(meeting=meeting, at=at(19)).quorate
    row = _rows(meeting)[scene["members"][0].pk]
    _set(row, Attendance.Status.EXCUSED)
    result = quorum.quorum_at(meeting=meeting, at=at(19), agenda_item=scene["motion_item"])
    assert (result.present, result.needed, result.quorate) == (2, 3, False)


def test_each_vote_of_a_repeat_session_records_the_quorum_of_its_item():
    scene = _repeat_scene()
    _present(scene, 4)
    repeated = services.vote_record(
        agenda_item=scene["motion_item"], yes=3, no=1, abstain=0, taken_at=at(19)
    )
    other = services.vote_record(
        agenda_item=scene["new_item"], yes=3, no=1, abstain=0, taken_at=at(19)
    )
    assert (repeated.vote.quorate, repeated.warnings) == (True, [])
    assert "erneute Sitzung" in repeated.vote.rule_name
    assert other.vote.quorate is False
    assert "erneute Sitzung" not in other.vote.rule_name
    assert [warning.code for warning in other.warnings] == ["not_quorate"]


def test_the_rules_of_procedure_of_the_organization_apply_and_are_named():
    scene = _scene(members=10, legal=10)
    SessionRules.objects.create(
        body=scene["body"], organization=scene["beirat"], name="GO Beirat", quorum_percent=66
    )
    _present(scene, 7)
    result = quorum.quorum_at(meeting=scene["meeting"], at=at(19))
    assert (result.needed, result.quorate, result.rule) == (7, True, "GO Beirat")


def test_a_deputy_for_an_absent_member_counts():
    scene = _scene(members=4, legal=4)
    rows = _present(scene, 2)
    assert quorum.voting_present_at(meeting=scene["meeting"], at=at(19)) == 2
    _set(rows[scene["members"][2].pk], Attendance.Status.REPRESENTED, deputy=scene["deputies"][0])
    assert quorum.voting_present_at(meeting=scene["meeting"], at=at(19)) == 3
    assert quorum.quorum_at(meeting=scene["meeting"], at=at(19)).quorate


def test_arrivals_and_departures_count_only_while_there():
    """A member who left before the vote, or arrived after it, does not count."""
    scene = _scene(members=3, legal=3)
    rows = _present(scene, 1)
    _set(rows[scene["members"][1].pk], Attendance.Status.PRESENT, left=at(18, 30))
    _set(rows[scene["members"][2].pk], Attendance.Status.PRESENT, arrived=at(19, 15))
    counted = {
        moment: quorum.voting_present_at(meeting=scene["meeting"], at=moment)
        for moment in (at(18), at(18, 30), at(19), at(19, 15))
    }
    assert counted == {at(18): 2, at(18, 30): 1, at(19): 1, at(19, 15): 2}


def test_members_without_a_vote_do_not_count():
    scene = _scene(members=1, legal=3)
    f.MembershipFactory(
        organization=scene["beirat"],
        person__body=scene["body"],
        role=Membership.Role.ADVISORY,
        voting_right=False,
    )
    services.attendance_prefill(meeting=scene["meeting"])
    for row in _rows(scene["meeting"]).values():
        _set(row, Attendance.Status.PRESENT)
    assert quorum.voting_present_at(meeting=scene["meeting"], at=at(19)) == 1


# --- votes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "result"),
    [
        (5, 4, 0, AgendaItem.Result.ADOPTED),
        (4, 4, 1, AgendaItem.Result.REJECTED),  # a tie rejects
        (2, 1, 6, AgendaItem.Result.ADOPTED),  # abstentions do not count
        (0, 0, 9, AgendaItem.Result.REJECTED),
    ],
)
def test_majority_of_votes_cast_decides(yes, no, abstain, result):
    scene = _scene(members=9, legal=9)
    _present(scene, 9)
    item = f.AgendaItemFactory(meeting=scene["meeting"])
    recorded = services.vote_record(
        agenda_item=item, yes=yes, no=no, abstain=abstain, taken_at=at(19)
    )
    item.refresh_from_db()
    assert item.result == result
    assert (item.votes_yes, item.votes_no, item.votes_abstain) == (yes, no, abstain)
    vote = recorded.vote
    assert (vote.voting_present, vote.legal_member_count, vote.quorate) == (9, 9, True)
    assert vote.rule_name.startswith("Gemeindeordnung")
    assert recorded.warnings == []


def test_a_vote_without_quorum_or_with_too_many_votes_is_recorded_with_warnings():
    scene = _scene(members=15, legal=15)
    _present(scene, 4)
    item = f.AgendaItemFactory(meeting=scene["meeting"])
    recorded = services.vote_record(agenda_item=item, yes=5, no=0, abstain=0, taken_at=at(19))
    assert Vote.objects.filter(agenda_item=item).count() == 1
    assert [w.code for w in recorded.warnings] == ["not_quorate", "more_votes_than_present"]
    assert not recorded.vote.quorate
    assert recorded.vote.voting_present == 4
    assert "5" in recorded.warnings[1].message
    assert "4" in recorded.warnings[1].message


def test_a_member_who_left_before_the_vote_is_not_counted_in_it():
    scene = _scene(members=3, legal=3)
    rows = _present(scene, 2)
    _set(rows[scene["members"][1].pk], Attendance.Status.PRESENT, left=at(18, 30))
    item = f.AgendaItemFactory(meeting=scene["meeting"])
    recorded = services.vote_record(agenda_item=item, yes=1, no=0, abstain=0, taken_at=at(19))
    assert recorded.vote.voting_present == 1
    assert not recorded.vote.quorate


def test_vote_by_name_counts_the_names_and_refuses_someone_not_present():
    scene = _scene(members=4, legal=4)
    rows = _present(scene, 2)
    _set(rows[scene["members"][2].pk], Attendance.Status.REPRESENTED, deputy=scene["deputies"][0])
    first, second, absent, _ = scene["members"]
    deputy = scene["deputies"][0]
    item = f.AgendaItemFactory(meeting=scene["meeting"])

    with pytest.raises(errors.VoterNotPresent) as caught:
        services.vote_record(
            agenda_item=item, by_name={first: "yes", absent: "no"}, taken_at=at(19)
        )
    assert caught.value.field == f"person-{absent.pk}"
    assert absent.name in caught.value.message
    assert not Vote.objects.filter(agenda_item=item).exists()  # nothing half-written

    recorded = services.vote_record(
        agenda_item=item,
        by_name={first: "yes", second: "no", deputy: "yes"},
        taken_at=at(19),
    )
    vote = recorded.vote
    assert (vote.yes, vote.no, vote.abstain, vote.by_name, vote.adopted) == (2, 1, 0, True, True)
    assert dict(PersonVote.objects.filter(vote=vote).values_list("person_id", "choice")) == {
        first.pk: "yes",
        second.pk: "no",
        deputy.pk: "yes",
    }
    with pytest.raises(errors.InvalidVoteChoice):
        services.vote_record(agenda_item=item, by_name={first: "vielleicht"}, taken_at=at(19))


def test_bad_vote_counts_are_refused_and_the_item_history_is_written():
    scene = _scene(members=3, legal=3)
    _present(scene, 3)
    item = f.AgendaItemFactory(meeting=scene["meeting"])
    with pytest.raises(errors.InvalidVoteCount):
        services.vote_record(agenda_item=item, yes=-1, no=0, abstain=0)
    with pytest.raises(errors.NoVotesCast):
        services.vote_record(agenda_item=item, yes=0, no=0, abstain=0)
    services.vote_record(agenda_item=item, yes=2, no=1, abstain=0, taken_at=at(19))
    changes = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(AgendaItem), object_id=item.pk
    ).values_list("changes", flat=True)
    assert any(change.get("result") == ["", "adopted"] for change in changes)
    assert ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Vote), action="create"
    ).exists()


# --- outcomes and referral -----------------------------------------------------------------


def _referral_scene():
    scene = _scene(members=3, legal=3)
    body = scene["body"]
    stadtrat = f.OrganizationFactory(
        body=body, name="Stadtrat", organization_type=Organization.Type.STADTRAT
    )
    item = f.AgendaItemFactory(meeting=scene["meeting"])
    paper = f.PaperFactory(body=body)
    other_paper = f.PaperFactory(body=body)
    for consulted in (paper, other_paper):
        f.ConsultationFactory(
            paper=consulted,
            organization=scene["beirat"],
            meeting=scene["meeting"],
            agenda_item=item,
        )
    return {**scene, "stadtrat": stadtrat, "item": item, "papers": [paper, other_paper]}


def test_referral_creates_the_consultation_at_the_next_planned_meeting():
    """Beratungsfolge: each paper of the item gets a consultation of the receiving body at
    its first planned meeting after this one (not an earlier, cancelled or held one)."""
    scene = _referral_scene()
    stadtrat = scene["stadtrat"]
    f.MeetingFactory(organization=stadtrat, start=START - dt.timedelta(days=1))
    f.MeetingFactory(
        organization=stadtrat, start=START + dt.timedelta(days=2), state=Meeting.State.CANCELLED
    )
    later = f.MeetingFactory(organization=stadtrat, start=START + dt.timedelta(days=30))
    upcoming = f.MeetingFactory(organization=stadtrat, start=START + dt.timedelta(days=9))
    assert later.start > upcoming.start

    conclusion = services.agenda_item_conclude(
        agenda_item=scene["item"],
        expected_version=scene["item"].version,
        outcome=AgendaItem.Result.REFERRED,
        referred_to=stadtrat,
    )

    item = AgendaItem.objects.get(pk=scene["item"].pk)
    assert (item.result, item.referred_to_id) == (AgendaItem.Result.REFERRED, stadtrat.pk)
    assert conclusion.next_meeting == upcoming
    created = Consultation.objects.filter(organization=stadtrat)
    assert {c.paper_id for c in created} == {p.pk for p in scene["papers"]}
    assert {(c.meeting_id, c.role, c.authoritative) for c in created} == {
        (upcoming.pk, Consultation.Role.DECIDE, True)
    }
    beirat_step = Consultation.objects.filter(organization=scene["beirat"]).first()
    assert all(c.order > beirat_step.order for c in created)  # after the Beirat's step

    # Referring again does not add a second step for the same body.
    services.agenda_item_conclude(
        agenda_item=item,
        expected_version=item.version,
        outcome=AgendaItem.Result.REFERRED,
        referred_to=stadtrat,
    )
    assert Consultation.objects.filter(organization=stadtrat).count() == 2


def test_referral_without_a_next_meeting_leaves_the_meeting_open():
    scene = _referral_scene()
    ag = f.OrganizationFactory(
        body=scene["body"], organization_type=Organization.Type.ARBEITSGRUPPE
    )
    services.agenda_item_conclude(
        agenda_item=scene["item"], expected_version=1, outcome="referred", referred_to=ag
    )
    created = Consultation.objects.get(organization=ag, paper=scene["papers"][0])
    assert (created.meeting_id, created.role, created.authoritative) == (
        None,
        Consultation.Role.PREPARE,
        False,
    )


def test_outcomes_without_a_vote_and_their_refusals():
    scene = _referral_scene()
    item = scene["item"]
    faction = f.OrganizationFactory(
        body=scene["body"], organization_type=Organization.Type.FRAKTION
    )
    foreign = f.OrganizationFactory(organization_type=Organization.Type.STADTRAT)
    refusals = [
        ({"outcome": "adopted"}, errors.InvalidOutcome),
        ({"outcome": "referred"}, errors.ReferralTargetRequired),
        ({"outcome": "referred", "referred_to": scene["beirat"]}, errors.InvalidReferralTarget),
        ({"outcome": "referred", "referred_to": faction}, errors.InvalidReferralTarget),
        ({"outcome": "referred", "referred_to": foreign}, errors.CrossBodyReference),
    ]
    for kwargs, error in refusals:
        with pytest.raises(error):
            services.agenda_item_conclude(agenda_item=item, expected_version=1, **kwargs)
    _present(scene, 3)
    services.vote_record(agenda_item=item, yes=1, no=0, abstain=0, taken_at=at(19))
    item.refresh_from_db()
    services.agenda_item_conclude(
        agenda_item=item,
        expected_version=item.version,
        outcome="postponed",
        referred_to=scene["stadtrat"],  # ignored for anything but a referral
    )
    item.refresh_from_db()
    assert (item.result, item.referred_to_id, item.votes_yes) == ("postponed", None, None)
    assert Vote.objects.filter(agenda_item=item).count() == 1  # the vote stays on record
    assert not Consultation.objects.filter(organization=scene["stadtrat"]).exists()


# --- pages ---------------------------------------------------------------------------------


@pytest.fixture
def desk():
    scene = _referral_scene()
    scene["staff"] = f.StaffRoleFactory(body=scene["body"]).user
    return scene


def _url(scene, name, **kwargs):
    return reverse(
        f"council_staff:{name}",
        kwargs={"body": scene["body"].slug, "pk": scene["meeting"].pk, **kwargs},
    )


@pytest.fixture
def staff(client, desk):
    client.force_login(desk["staff"])
    return client


def test_the_desk_shows_attendance_quorum_and_items(staff, desk):
    services.attendance_prefill(meeting=desk["meeting"])
    html = staff.get(_url(desk, "session_desk")).content.decode()
    assert html.count("<h1") == 1
    assert 'id="quorum-box"' in html
    assert 'role="status"' in html
    assert "nicht beschlussfähig" in html
    assert desk["members"][0].name in html
    assert desk["deputies"][0].name in html  # offered as deputy
    assert desk["item"].name in html
    assert desk["stadtrat"].name in html  # a referral target
    assert html.count('form="attendance-form-') >= 3 * 4


def test_the_desk_of_a_repeat_session_shows_the_quorum_per_item(client):
    """The quorum box gives the session's ordinary quorum and, separately, the reduced one
    with the items it holds for; those items carry a mark, the item being worked on says
    it, and a vote's recorded quorum is the item's."""
    scene = _repeat_scene()
    _present(scene, 3)
    client.force_login(f.StaffRoleFactory(body=scene["body"]).user)
    url = _url(scene, "session_desk")
    html = client.get(url).content.decode()
    box = html[html.index('id="quorum-box"') : html.index("</section>")]
    assert "nicht beschlussfähig" in box  # the session as a whole: 3 of 15
    assert "mehr als die Hälfte von 15 Mitgliedern" in box
    assert "für diese Gegenstände beschlussfähig" in box
    assert "TOP 1:" in box
    assert "TOP 2:" in box
    assert "TOP 3:" not in box
    assert "TOP 4:" not in box
    assert "gewöhnliche Beschlussfähigkeit" in box
    rows = {
        number: html[html.index(f'id="zeile-{scene[name].pk}"') :].split("</tr>")[0]
        for number, name in ((1, "motion_item"), (4, "new_item"))
    }
    assert "verringerte Beschlussfähigkeit" in rows[1]
    assert "verringerte Beschlussfähigkeit" not in rows[4]
    current = html[html.index(f'id="top-{scene["motion_item"].pk}"') :]
    assert "für ihn gilt die verringerte Beschlussfähigkeit" in current

    item = scene["motion_item"]
    fields = {"yes": 3, "no": 0, "abstain": 0, "taken_at": "19:00", "version": item.version}
    response = client.post(
        _url(scene, "session_vote", item_pk=item.pk),
        {f"v{item.pk}-{key}": value for key, value in fields.items()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    vote = Vote.objects.get(agenda_item=scene["motion_item"])
    assert vote.quorate
    assert "erneute Sitzung" in response.content.decode()


def test_the_desk_of_a_repeat_session_costs_the_same_queries_for_any_agenda(client):
    """Which items repeat a postponed matter is read in a fixed number of queries."""
    counts = []
    for size in (2, 20):
        scene = _repeat_scene()
        for i in range(size):
            old = f.AgendaItemFactory(
                meeting=scene["original"], name=f"Sache {i}", result=AgendaItem.Result.POSTPONED
            )
            paper = f.PaperFactory(body=scene["body"])
            f.ConsultationFactory(paper=paper, organization=scene["beirat"], agenda_item=old)
            new = f.AgendaItemFactory(meeting=scene["meeting"], name=f"Sache {i}", order=10 + i)
            f.ConsultationFactory(paper=paper, organization=scene["beirat"], agenda_item=new)
        assert len(quorum.repeated_matter_ids(meeting=scene["meeting"])) == size + 2
        client.force_login(f.StaffRoleFactory(body=scene["body"]).user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(scene, "session_desk")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_repeat_session_without_postponed_matters_says_the_ordinary_quorum_holds(client):
    scene = _repeat_scene()
    AgendaItem.objects.filter(meeting=scene["original"]).update(result="noted")
    client.force_login(f.StaffRoleFactory(body=scene["body"]).user)
    html = client.get(_url(scene, "session_desk")).content.decode()
    assert "Kein Tagesordnungspunkt nimmt einen Gegenstand auf" in html
    assert "verringerte Beschlussfähigkeit" not in html


def test_the_desk_costs_the_same_queries_for_5_as_for_40_items_and_members(
    client, django_assert_num_queries
):
    counts = []
    for size in (5, 40):
        scene = _scene(members=size, legal=size, deputies=3)
        services.attendance_prefill(meeting=scene["meeting"])
        for i in range(size):
            item = f.AgendaItemFactory(meeting=scene["meeting"], public=i % 2 == 0)
            if i % 3 == 0:
                services.vote_record(agenda_item=item, yes=1, no=0, abstain=0, taken_at=at(19))
        f.OrganizationFactory(body=scene["body"], organization_type=Organization.Type.STADTRAT)
        client.force_login(f.StaffRoleFactory(body=scene["body"]).user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_url(scene, "session_desk"))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[1]):
        client.get(_url(scene, "session_desk"))


def test_attendance_without_and_with_htmx(staff, desk):
    prefill = _url(desk, "session_attendance_prefill")
    response = staff.post(prefill)
    assert response.status_code == 302
    assert response["Location"].endswith("#anwesenheit")
    rows = _rows(desk["meeting"])
    row = rows[desk["members"][0].pk]
    post = _url(desk, "session_attendance_set", attendance_pk=row.pk)
    prefix = f"a{row.pk}"

    response = staff.post(post, {f"{prefix}-status": "present", f"{prefix}-version": 1})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#anwesenheit-{row.pk}")
    row.refresh_from_db()
    assert row.status == "present"

    second = rows[desk["members"][1].pk]
    prefix = f"a{second.pk}"
    response = staff.post(
        _url(desk, "session_attendance_set", attendance_pk=second.pk),
        {
            f"{prefix}-status": "represented",
            f"{prefix}-deputy": desk["deputies"][0].pk,
            f"{prefix}-arrived": "18:05",
            f"{prefix}-version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith("<tr")
    assert 'id="quorum-box" hx-swap-oob="innerHTML"' in html
    assert "vertreten durch" in html
    second.refresh_from_db()
    assert second.deputy_id == desk["deputies"][0].pk
    assert second.arrived == at(18, 5)


def test_refused_attendance_shows_the_error_in_place(staff, desk):
    services.attendance_prefill(meeting=desk["meeting"])
    row = _rows(desk["meeting"])[desk["members"][0].pk]
    prefix = f"a{row.pk}"
    data = {f"{prefix}-status": "represented", f"{prefix}-version": 1}
    post = _url(desk, "session_attendance_set", attendance_pk=row.pk)
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        response = staff.post(post, data, **headers)
        assert response.status_code == 200
        assert "Bitte wählen Sie die Stellvertretung" in response.content.decode()
    data[f"{prefix}-deputy"] = desk["members"][1].pk  # not a deputy: not among the choices
    response = staff.post(post, data)
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == "absent"
    assert row.version == 1


def test_vote_without_and_with_htmx_shows_the_result_and_warnings(staff, desk):
    item = desk["item"]
    post = _url(desk, "session_vote", item_pk=item.pk)
    prefix = f"v{item.pk}"
    data = {f"{prefix}-yes": 2, f"{prefix}-no": 1, f"{prefix}-abstain": 0, f"{prefix}-version": 1}

    response = staff.post(post, data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#top-{item.pk}")
    item.refresh_from_db()
    assert item.result == "adopted"
    page = staff.get(response["Location"]).content.decode()
    assert "Ohne Beschlussfähigkeit abgestimmt" in page  # nobody is recorded present

    data[f"{prefix}-version"] = item.version
    data[f"{prefix}-no"] = 2
    response = staff.post(post, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="top-{item.pk}"' in html
    assert "abgelehnt" in html
    assert "Ohne Beschlussfähigkeit" in html
    assert 'id="session-status" hx-swap-oob="innerHTML"' in html

    data[f"{prefix}-yes"] = -3
    data[f"{prefix}-version"] = item.version + 1
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        response = staff.post(post, data, **headers)
        assert response.status_code == 200
        assert 'value="-3"' in response.content.decode()
    assert Vote.objects.filter(agenda_item=item).count() == 2


def test_vote_by_name_page_and_a_refused_name(staff, desk):
    rows = _present(desk, 2)
    item = desk["item"]
    url = _url(desk, "session_vote", item_pk=item.pk)
    page = staff.get(url).content.decode()
    assert "Namentliche Abstimmung" in page
    assert desk["members"][0].name in page
    assert desk["members"][2].name not in page  # absent: not offered
    fragment = staff.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert 'name="namentlich"' in fragment

    first, second = desk["members"][:2]
    _set(rows[second.pk], Attendance.Status.PRESENT, left=at(18, 10))
    data = {
        "namentlich": "1",
        f"n{item.pk}-person-{first.pk}": "yes",
        f"n{item.pk}-person-{second.pk}": "no",
        f"n{item.pk}-taken_at": "19:00",
        f"n{item.pk}-version": item.version,
    }
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "nicht stimmberechtigt anwesend" in response.content.decode()
    assert not Vote.objects.exists()

    data[f"n{item.pk}-person-{second.pk}"] = ""
    response = staff.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert (vote.by_name, vote.yes, vote.no, vote.taken_at) == (True, 1, 0, at(19))


def test_outcome_referral_from_the_desk(staff, desk):
    item = desk["item"]
    post = _url(desk, "session_outcome", item_pk=item.pk)
    prefix = f"o{item.pk}"
    response = staff.post(post, {f"{prefix}-outcome": "referred", f"{prefix}-version": 1})
    assert response.status_code == 200
    assert "Bitte wählen Sie das Gremium" in response.content.decode()
    response = staff.post(
        post,
        {
            f"{prefix}-outcome": "referred",
            f"{prefix}-referred_to": desk["stadtrat"].pk,
            f"{prefix}-version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Beratungsfolge" in html
    assert Consultation.objects.filter(organization=desk["stadtrat"]).count() == 2


def test_the_desk_is_for_staff_of_the_body_only(client, desk):
    """Members, staff of another body and visitors get a 404 on every desk address."""
    services.attendance_prefill(meeting=desk["meeting"])
    row = next(iter(_rows(desk["meeting"]).values()))
    member = f.UserFactory()
    f.MembershipFactory(organization=desk["beirat"], person__body=desk["body"], person__user=member)
    urls = [
        ("get", _url(desk, "session_desk")),
        ("post", _url(desk, "session_attendance_prefill")),
        ("post", _url(desk, "session_attendance_set", attendance_pk=row.pk)),
        ("get", _url(desk, "session_vote", item_pk=desk["item"].pk)),
        ("post", _url(desk, "session_vote", item_pk=desk["item"].pk)),
        ("post", _url(desk, "session_outcome", item_pk=desk["item"].pk)),
    ]
    for user in (None, member, f.StaffRoleFactory().user):
        client.logout()
        if user is not None:
            client.force_login(user)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 404, (user, url)
    assert Attendance.objects.filter(status="absent").count() == len(_rows(desk["meeting"]))


# --- the public meeting page ---------------------------------------------------------------


def _public_votes(scene, count):
    """`count` public items, each with a vote by name of a consenting and a shy member."""
    shy = scene["members"][1]
    shy.public_consent = False
    shy.family_name = "Verborgen"
    shy.save()
    _present(scene, 2)
    for _ in range(count):
        item = f.AgendaItemFactory(meeting=scene["meeting"], public=True)
        services.vote_record(
            agenda_item=item,
            by_name={scene["members"][0]: "yes", shy: "no"},
            taken_at=at(19),
        )
    return reverse(
        "council:meeting_detail", kwargs={"body": scene["body"].slug, "pk": scene["meeting"].pk}
    )


def test_public_page_names_only_consenting_voters(client):
    scene = _scene(members=3, legal=3)
    url = _public_votes(scene, 1)
    html = client.get(url).content.decode()
    assert "Namentliche Abstimmung" in html
    assert scene["members"][0].name in html
    assert "Verborgen" not in html
    assert "Eine weitere Stimme ist nicht namentlich aufgeführt" in html


def test_public_page_costs_the_same_queries_for_2_as_for_10_named_votes(
    client, django_assert_num_queries
):
    """One query for the names of all items' votes by name (none when no vote is recorded)."""
    counts = []
    for size in (2, 10):
        url = _public_votes(_scene(members=3, legal=3), size)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    plain = _scene(members=1)
    f.AgendaItemFactory(meeting=plain["meeting"], result="adopted")
    with django_assert_num_queries(counts[0] - 1):
        client.get(
            reverse(
                "council:meeting_detail",
                kwargs={"body": plain["body"].slug, "pk": plain["meeting"].pk},
            )
        )


# --- superseded votes ----------------------------------------------------------------------


def _desk_items(scene):
    staff = f.StaffRoleFactory(body=scene["body"]).user
    return selectors.session_items(meeting=scene["meeting"], user=staff)


def test_a_vote_superseded_by_an_outcome_or_a_later_vote_is_not_shown(client):
    """Voted by name, then postponed: the public page shows neither the names nor the
    counts, and the desk no current vote; voted again: only the later vote counts. Every
    vote stays recorded."""
    scene = _scene(members=3, legal=3)
    url = _public_votes(scene, 1)
    item = AgendaItem.objects.get(meeting=scene["meeting"])
    assert "Namentliche Abstimmung" in client.get(url).content.decode()

    item.refresh_from_db()
    services.agenda_item_conclude(
        agenda_item=item, expected_version=item.version, outcome=AgendaItem.Result.POSTPONED
    )
    html = client.get(url).content.decode()
    assert "Namentliche Abstimmung" not in html
    assert scene["members"][0].name not in html
    (desk_item,) = _desk_items(scene)
    assert (desk_item.last_vote, desk_item.vote_warnings) == (None, [])

    # Recorded again, with the time the vote was really taken (before the first record).
    later = services.vote_record(agenda_item=item, yes=2, no=0, abstain=0, taken_at=at(18, 30))
    html = client.get(url).content.decode()
    assert "Namentliche Abstimmung" not in html  # the later vote was not by name
    assert "Ja: 2, Nein: 0" in html
    (desk_item,) = _desk_items(scene)
    assert desk_item.last_vote == later.vote
    assert Vote.objects.filter(agenda_item=item).count() == 2
