"""Motions: who may file one, for which session, how it is marked (late, obliging), how
staff put it on the agenda, and where it stands along its Beratungsfolge."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core import history
from teilhabe.core.errors import ConflictError
from teilhabe.council import errors, services
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    Meeting,
    Membership,
    Organization,
    Paper,
    SessionRules,
)
from teilhabe.council.selectors import motions as selectors
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TEXTS = {
    "name": "Einladung einer Referentin",
    "proposed_resolution": "Der Beirat lädt die Referentin ein.",
    "justification": "Weil es hilft.",
}


@pytest.fixture
def council():
    """A Beirat of 15 with a faction, an AG, a member belonging to both, and a session."""
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body, legal_member_count=15)
    faction = f.OrganizationFactory(
        body=body, name="Internationale Liste", organization_type=Organization.Type.FRAKTION
    )
    other_faction = f.OrganizationFactory(
        body=body, name="Liste Vielfalt", organization_type=Organization.Type.FRAKTION
    )
    ag = f.OrganizationFactory(
        body=body, name="AG Konzept", organization_type=Organization.Type.ARBEITSGRUPPE
    )
    stadtrat = f.OrganizationFactory(
        body=body, name="Stadtrat", organization_type=Organization.Type.STADTRAT
    )
    user = f.UserFactory()
    person = f.PersonFactory(body=body, user=user)
    for organization in (beirat, faction, ag):
        f.MembershipFactory(organization=organization, person=person)
    fellows = [f.MembershipFactory(organization=beirat).person for _ in range(4)]
    meeting = f.MeetingFactory(organization=beirat)
    return {
        "body": body,
        "beirat": beirat,
        "faction": faction,
        "other_faction": other_faction,
        "ag": ag,
        "stadtrat": stadtrat,
        "user": user,
        "person": person,
        "fellows": fellows,
        "meeting": meeting,
        "staff": f.StaffRoleFactory(body=body).user,
    }


def _submit(c, **kwargs):
    values = {"body": c["body"], "by": c["user"], "meeting": c["meeting"], **TEXTS, **kwargs}
    return services.motion_submit(**values)


# Filing --------------------------------------------------------------------------------------


def test_a_member_files_a_motion_for_a_session(council):
    """The motion is a paper of type MOTION, numbered, for the session, signed by its filer."""
    paper = _submit(council)
    assert paper.paper_type == Paper.Type.MOTION
    assert paper.submitted_for == council["meeting"]
    assert paper.submitted_by == council["user"]
    assert paper.submitted_at is not None
    assert paper.date == timezone.localdate()
    assert list(paper.originator_persons.all()) == [council["person"]]
    assert paper.reference == f"A/{timezone.localdate().year}/001"


def test_references_follow_the_bodys_style_and_never_repeat(council):
    """The prefix of the body's numbered papers is used, counting on from the highest number
    of the year (whatever the paper's type)."""
    year = timezone.localdate().year
    f.PaperFactory(body=council["body"], reference=f"BMI/{year}/007", paper_type="bericht")
    assert _submit(council).reference == f"BMI/{year}/008"
    assert _submit(council).reference == f"BMI/{year}/009"


def test_a_non_member_cannot_file(council):
    """A person who is not a current member of the meeting's organization is refused."""
    outsider = f.UserFactory()
    f.MembershipFactory(
        organization=council["stadtrat"],
        person=f.PersonFactory(body=council["body"], user=outsider),
    )
    with pytest.raises(errors.NotAMember):
        _submit(council, by=outsider)
    with pytest.raises(errors.NotAMember):
        _submit(council, by=f.UserFactory())
    assert not Paper.objects.exists()


def test_a_former_or_advisory_member_cannot_file(council):
    """Membership must be current, and advisory members do not file motions."""
    former, advisory = f.UserFactory(), f.UserFactory()
    f.MembershipFactory(
        organization=council["beirat"],
        person=f.PersonFactory(body=council["body"], user=former),
        end_date=dt.date(2020, 1, 1),
    )
    f.MembershipFactory(
        organization=council["beirat"],
        person=f.PersonFactory(body=council["body"], user=advisory),
        role="beratend",
    )
    for user in (former, advisory):
        with pytest.raises(errors.NotAMember):
            _submit(council, by=user)


@pytest.mark.parametrize(
    "change",
    [
        {"start": timezone.now() - dt.timedelta(hours=1)},
        {"state": Meeting.State.CANCELLED},
    ],
    ids=["past", "cancelled"],
)
def test_only_upcoming_sessions_take_motions(council, change):
    """A past or cancelled session takes no motion."""
    Meeting.objects.filter(pk=council["meeting"].pk).update(**change)
    council["meeting"].refresh_from_db()
    with pytest.raises(errors.MeetingClosedForMotions):
        _submit(council)


def test_a_session_of_another_body_is_refused(council):
    """A motion filed under one body cannot land in another body's session."""
    with pytest.raises(errors.CrossBodyReference):
        _submit(council, body=f.BodyFactory())


def test_on_behalf_of_the_own_faction(council):
    """On behalf of a faction: the faction is the originator, and the motion obliges."""
    paper = _submit(council, on_behalf_of=council["faction"])
    assert list(paper.originator_organizations.all()) == [council["faction"]]
    assert not paper.originator_persons.exists()
    assert paper.obliging


def test_on_behalf_of_the_own_ag_does_not_oblige(council):
    """An AG may file, but an AG is not a faction: its motion does not oblige by itself."""
    paper = _submit(council, on_behalf_of=council["ag"])
    assert list(paper.originator_organizations.all()) == [council["ag"]]
    assert not paper.obliging


def test_on_behalf_of_another_faction_is_refused(council):
    """Only a faction or AG the filer currently belongs to."""
    with pytest.raises(errors.InvalidMotionOriginator) as caught:
        _submit(council, on_behalf_of=council["other_faction"])
    assert caught.value.field == "on_behalf_of"
    with pytest.raises(errors.InvalidMotionOriginator):
        _submit(council, on_behalf_of=council["stadtrat"])
    assert not Paper.objects.exists()


def test_co_signers_must_be_members(council):
    """A co-signer who is not a member of the meeting's organization is refused."""
    stranger = f.PersonFactory(body=council["body"])
    with pytest.raises(errors.InvalidCoSigner) as caught:
        _submit(council, co_signers=[council["fellows"][0], stranger])
    assert caught.value.field == "co_signers"


def test_co_signers_only_for_a_motion_in_ones_own_name(council):
    with pytest.raises(errors.InvalidCoSigner):
        _submit(council, on_behalf_of=council["faction"], co_signers=council["fellows"][:1])


@pytest.mark.parametrize(("co_signers", "obliges"), [(3, True), (2, False)])
def test_a_quarter_of_the_members_obliges(council, co_signers, obliges):
    """Legal number 15: a quarter rounds up to 4 signatures (filer + 3); 3 do not suffice."""
    paper = _submit(council, co_signers=council["fellows"][:co_signers])
    assert paper.obliging is obliges
    assert paper.originator_persons.count() == 1 + co_signers


def test_the_filer_counts_once(council):
    """Naming oneself (or someone twice) as co-signer adds no signature."""
    fellows = council["fellows"][:2]
    paper = _submit(council, co_signers=[council["person"], *fellows, fellows[0]])
    assert paper.originator_persons.count() == 3
    assert not paper.obliging


def _moment(day: dt.datetime, monkeypatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: day)


def test_deadline_edge(council, monkeypatch):
    """Default deadline: before the start of the day seven days before the session.
    Received exactly at the deadline: late; one second before: in time."""
    start = dt.datetime(2040, 5, 20, 18, 0, tzinfo=BERLIN)
    Meeting.objects.filter(pk=council["meeting"].pk).update(start=start)
    council["meeting"].refresh_from_db()
    deadline = dt.datetime(2040, 5, 13, 0, 0, tzinfo=BERLIN)

    _moment(deadline - dt.timedelta(seconds=1), monkeypatch)
    assert not _submit(council).late
    _moment(deadline, monkeypatch)
    assert _submit(council).late


def test_the_deadline_follows_the_bodys_rules(council, monkeypatch):
    """A body's own rules of procedure (here: 3 days) move the deadline."""
    SessionRules.objects.create(
        body=council["body"], name="Geschäftsordnung 2020", motion_deadline_days=3
    )
    start = dt.datetime(2040, 5, 20, 18, 0, tzinfo=BERLIN)
    Meeting.objects.filter(pk=council["meeting"].pk).update(start=start)
    council["meeting"].refresh_from_db()
    _moment(dt.datetime(2040, 5, 16, 23, 59, tzinfo=BERLIN), monkeypatch)
    assert not _submit(council).late
    _moment(dt.datetime(2040, 5, 17, 0, 0, tzinfo=BERLIN), monkeypatch)
    assert _submit(council).late


def test_cited_papers_and_resolutions(council):
    """Cited papers become related papers, cited resolutions are linked."""
    cited = f.PaperFactory(body=council["body"])
    past = f.MeetingFactory(
        organization=council["beirat"], start=timezone.now() - dt.timedelta(days=30)
    )
    resolution = f.AgendaItemFactory(meeting=past, result=AgendaItem.Result.ADOPTED)
    paper = _submit(council, cited_papers=[cited], cited_agenda_items=[resolution])
    assert list(paper.related_papers.all()) == [cited]
    assert list(paper.cited_agenda_items.all()) == [resolution]


def test_cited_non_visible_resolution_is_refused(council):
    """A non-public resolution of an organization the filer does not belong to is refused."""
    past = f.MeetingFactory(
        organization=council["stadtrat"], start=timezone.now() - dt.timedelta(days=30)
    )
    secret = f.AgendaItemFactory(meeting=past, public=False, result=AgendaItem.Result.ADOPTED)
    with pytest.raises(errors.CitationNotVisible) as caught:
        _submit(council, cited_agenda_items=[secret])
    assert caught.value.field == "cited_agenda_items"
    assert not Paper.objects.exists()


def test_an_item_without_result_is_no_resolution(council):
    item = f.AgendaItemFactory(meeting=council["meeting"])
    with pytest.raises(errors.CitationNotVisible):
        _submit(council, cited_agenda_items=[item])


def test_cited_non_visible_paper_is_refused(council):
    hidden = f.PaperFactory(body=council["body"], public=False)
    with pytest.raises(errors.CitationNotVisible) as caught:
        _submit(council, cited_papers=[hidden])
    assert caught.value.field == "cited_papers"


@pytest.mark.parametrize("field", ["name", "proposed_resolution", "justification"])
def test_texts_are_required(council, field):
    with pytest.raises(errors.MotionIncomplete) as caught:
        _submit(council, **{field: "   "})
    assert caught.value.field == field


def test_a_non_public_motion(council):
    assert not _submit(council, public=False).public


def test_the_change_history_records_the_motion(council):
    paper = _submit(council)
    assert history.history_of(paper).filter(action="create").exists()


# Putting it on the agenda ----------------------------------------------------------------------


def test_staff_put_a_motion_on_the_agenda(council):
    """An item named like the motion, at the end of the agenda, linked by a consultation."""
    f.AgendaItemFactory(meeting=council["meeting"], order=1, number="1")
    paper = _submit(council)
    item = services.motion_put_on_agenda(paper=paper, public=False, expected_version=paper.version)
    assert item.meeting == council["meeting"]
    assert item.name == paper.name
    assert not item.public
    assert item.order == 2
    consultation = Consultation.objects.get(paper=paper)
    assert consultation.agenda_item == item
    assert consultation.meeting == council["meeting"]
    assert consultation.organization == council["beirat"]


def test_put_on_agenda_twice_is_refused(council):
    paper = _submit(council)
    services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)
    with pytest.raises(errors.AlreadyOnAgenda):
        services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)
    assert AgendaItem.objects.filter(meeting=council["meeting"]).count() == 1


def test_put_on_agenda_of_another_session(council):
    """Staff may choose another session, e.g. the next one of another organization."""
    paper = _submit(council)
    council_meeting = f.MeetingFactory(organization=council["stadtrat"])
    item = services.motion_put_on_agenda(
        paper=paper, meeting=council_meeting, public=True, expected_version=paper.version
    )
    assert item.meeting == council_meeting
    assert Consultation.objects.get(paper=paper).organization == council["stadtrat"]


def test_a_waiting_step_gets_the_session(council):
    """A step for the organization without a session yet (e.g. after a referral) gets the
    session instead of a second step being added."""
    paper = _submit(council)
    waiting = f.ConsultationFactory(paper=paper, organization=council["beirat"])
    item = services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)
    waiting.refresh_from_db()
    assert waiting.agenda_item == item
    assert Consultation.objects.filter(paper=paper).count() == 1


def test_put_on_agenda_of_a_stale_version_is_refused(council):
    paper = _submit(council)
    with pytest.raises(ConflictError):
        services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version + 1)
    assert not AgendaItem.objects.exists()


def test_only_filed_motions_go_on_the_agenda(council):
    report = f.PaperFactory(body=council["body"], paper_type="bericht")
    with pytest.raises(errors.NotAMotion):
        services.motion_put_on_agenda(paper=report, public=True, expected_version=report.version)


def test_a_cancelled_session_takes_no_item(council):
    paper = _submit(council)
    Meeting.objects.filter(pk=council["meeting"].pk).update(state=Meeting.State.CANCELLED)
    with pytest.raises(errors.MeetingClosedForMotions):
        services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)


# Where a motion stands --------------------------------------------------------------------------


def _standing(paper, user):
    return selectors.member_motion_get(body=paper.body, user=user, pk=paper.pk).standing


def test_standing_along_the_path(council):
    """eingereicht -> auf der Tagesordnung -> beraten, with each body's result (AG ->
    Beirat -> Stadtrat)."""
    user = council["user"]
    paper = _submit(council)
    assert _standing(paper, user).state == "submitted"

    item = services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)
    assert _standing(paper, user).state == "on_agenda"

    AgendaItem.objects.filter(pk=item.pk).update(result=AgendaItem.Result.REFERRED)
    f.ConsultationFactory(paper=paper, organization=council["stadtrat"], order=5)
    standing = _standing(paper, user)
    assert standing.state == "discussed"
    assert [step.organization for step in standing.steps] == [
        council["beirat"],
        council["stadtrat"],
    ]
    assert [step.result for step in standing.steps] == ["referred", ""]


def test_member_motion_list_costs_the_same_for_many(council):
    """Constant query count: 2 motions or 6, each with its path."""

    def count_for(n):
        for _ in range(n):
            paper = _submit(council, on_behalf_of=council["faction"])
            services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)
        user = council["user"]
        user.__dict__.pop("_teilhabe_viewer", None)
        with CaptureQueriesContext(connection) as queries:
            papers = selectors.member_motion_list(
                body=council["body"], user=user, person=council["person"]
            )
        return len(queries), len(papers)

    few = count_for(2)
    many = count_for(4)
    assert few[1] == 2
    assert many[1] == 6
    assert few[0] == many[0]


def test_member_motion_list_shows_the_factions_motions_to_its_members(council):
    """A fellow member of the faction sees the faction's motion; a member of another
    faction does not see it among their motions."""
    paper = _submit(council, on_behalf_of=council["faction"])
    fellow_user = f.UserFactory()
    fellow = council["fellows"][0]
    fellow.user = fellow_user
    fellow.save()
    f.MembershipFactory(organization=council["faction"], person=fellow)
    mine = selectors.member_motion_list(body=council["body"], user=fellow_user, person=fellow)
    assert [p.pk for p in mine] == [paper.pk]

    other_user = f.UserFactory()
    other = council["fellows"][1]
    other.user = other_user
    other.save()
    f.MembershipFactory(organization=council["other_faction"], person=other)
    assert selectors.member_motion_list(body=council["body"], user=other_user, person=other) == []


def test_a_non_public_motion_is_seen_by_the_sessions_organization_only(council):
    """Before it is on any agenda, a non-public motion is visible to the members of the
    organization it was filed for (the filer among them), not to other members."""
    paper = _submit(council, public=False)
    fellow_user = f.UserFactory()
    fellow = council["fellows"][0]
    fellow.user = fellow_user
    fellow.save()
    councillor = f.UserFactory()
    f.MembershipFactory(
        organization=council["stadtrat"],
        person=f.PersonFactory(body=council["body"], user=councillor),
    )
    for user, sees in ((council["user"], True), (fellow_user, True), (councillor, False)):
        assert Paper.objects.visible_to(user).filter(pk=paper.pk).exists() is sees


def test_the_staff_meeting_page_lists_the_motions_filed_for_it(
    council, client, django_assert_max_num_queries
):
    """Staff see, on the session's page, every motion filed for it with its marks and
    whether it is on the agenda yet; a second motion costs no extra query."""
    first = _submit(council)
    services.motion_put_on_agenda(paper=first, public=True, expected_version=first.version)
    url = reverse(
        "council_staff:meeting_edit",
        kwargs={"body": council["body"].slug, "pk": council["meeting"].pk},
    )
    client.force_login(council["staff"])
    page = client.get(url).content.decode()
    assert first.name in page
    assert "aufgenommen" in page
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    second = _submit(council, name="Ein zweiter Antrag")
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert "Ein zweiter Antrag" in page
    assert "noch nicht aufgenommen" in page
    assert second.pk != first.pk


def test_a_motion_put_on_the_agenda_as_non_public_becomes_non_public(council):
    """Discussed in a non-public item, the motion's name and texts must not stay public:
    the paper becomes non-public too, and anonymous visitors no longer find it."""
    paper = _submit(council, public=True)
    services.motion_put_on_agenda(paper=paper, public=False, expected_version=paper.version)
    paper.refresh_from_db()
    assert not paper.public
    assert not Paper.objects.visible_to(None).filter(pk=paper.pk).exists()


def test_deputies_do_not_count_towards_a_quarter_of_the_members(council):
    """Legal number 15: four signatures oblige, but only of members with a vote. With a
    deputy as the fourth signer the motion does not oblige the chair."""
    deputy = f.MembershipFactory(organization=council["beirat"], role=Membership.Role.DEPUTY).person
    with_deputy = _submit(council, co_signers=[*council["fellows"][:2], deputy])
    assert not with_deputy.obliging
    with_members = _submit(council, co_signers=council["fellows"][:3])
    assert with_members.obliging
