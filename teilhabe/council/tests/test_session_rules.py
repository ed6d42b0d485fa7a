"""Rules of procedure: which rule applies, the rule functions at their edges, the pages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from teilhabe.accounts.tests.factories import StaffRoleFactory
from teilhabe.core.models import ChangeRecord
from teilhabe.council import errors, rules, selectors, services
from teilhabe.council.models import Organization, SessionRules
from teilhabe.council.selectors.motions import motion_deadlines
from teilhabe.council.selectors.session_rules import applied_rules_list
from teilhabe.council.tests.factories import BodyFactory, MeetingFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _at(day: int, hour: int = 18, minute: int = 0) -> dt.datetime:
    """A moment in March 2026, Berlin time (2 March is a Monday)."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)


def test_without_rows_the_gemo_defaults_apply_and_say_so():
    organization = OrganizationFactory()
    applied = rules.rules_for(organization)
    assert applied.is_default
    assert "Gemeindeordnung Rheinland-Pfalz" in applied.name
    assert (applied.notice_days, applied.quorum_percent, applied.repeat_quorum_minimum) == (
        4,
        50,
        3,
    )


def test_the_organizations_rules_win_over_the_bodys():
    beirat = OrganizationFactory()
    ag = OrganizationFactory(body=beirat.body, organization_type=Organization.Type.ARBEITSGRUPPE)
    services.session_rules_create(body=beirat.body, name="Hauptsatzung", notice_days=6)
    services.session_rules_create(
        body=beirat.body, organization=beirat, name="GO Beirat", notice_days=5
    )
    assert rules.rules_for(beirat).name == "GO Beirat"
    assert rules.rules_for(beirat).notice_days == 5
    assert rules.rules_for(ag).name == "Hauptsatzung"
    assert rules.rules_for(ag).notice_days == 6


def test_rules_of_another_body_never_apply():
    beirat = OrganizationFactory()
    services.session_rules_create(body=BodyFactory(), name="Fremde GO", notice_days=9)
    assert rules.rules_for(beirat).is_default


def _rule_world():
    """Two bodies: the first with rules of its own and an organization with its own on
    top, the second without any (the built-in defaults)."""
    body, bare = BodyFactory(), BodyFactory()
    beirat = OrganizationFactory(body=body)
    ag = OrganizationFactory(body=body, organization_type=Organization.Type.ARBEITSGRUPPE)
    elsewhere = OrganizationFactory(body=bare)
    SessionRules.objects.create(body=body, name="Hauptsatzung", motion_deadline_days=10)
    SessionRules.objects.create(
        body=body, organization=ag, name="GO der AG", motion_deadline_days=3, minutes_due_days=5
    )
    deleted = SessionRules.objects.create(body=bare, name="aufgehoben", motion_deadline_days=1)
    SessionRules.objects.filter(pk=deleted.pk).update(deleted=True)
    return body, bare, beirat, ag, elsewhere


def test_the_rule_book_reads_many_bodies_in_one_query_as_rules_for_picks(
    django_assert_num_queries,
):
    """One lookup for every organization of several bodies; it picks what `rules_for`
    picks: the organization's own, else the body's, else the built-in rules."""
    body, bare, beirat, ag, elsewhere = _rule_world()
    with django_assert_num_queries(1):
        book = rules.rule_book(body_ids=[body.pk, bare.pk])
    picked = {
        organization.pk: book.for_organization(
            body_id=organization.body_id, organization_id=organization.pk
        ).name
        for organization in (beirat, ag, elsewhere)
    }
    assert picked == {
        beirat.pk: "Hauptsatzung",
        ag.pk: "GO der AG",
        elsewhere.pk: str(rules.DEFAULT_RULE_NAME),
    }
    for organization in (beirat, ag, elsewhere):
        assert rules.rules_for(organization).name == picked[organization.pk]
    assert book.organizations_with_own_rules(body.pk) == {ag.pk: rules.rules_for(ag)}
    assert book.organizations_with_own_rules(bare.pk) == {}


def test_motion_deadlines_and_overdue_minutes_use_the_same_lookup(django_assert_num_queries):
    """The motion deadline of meetings of several bodies, the overdue minutes and the
    rules page each read the rules once, and agree with `rules_for`."""
    body, _bare, beirat, ag, elsewhere = _rule_world()
    ahead = dt.datetime.now(tz=BERLIN) + dt.timedelta(days=30)
    meetings = [MeetingFactory(organization=o, start=ahead) for o in (beirat, ag, elsewhere)]
    with django_assert_num_queries(1):
        deadlines = motion_deadlines(meetings)
    for meeting in meetings:
        applied = rules.rules_for(meeting.organization)
        assert deadlines[meeting.pk].rule_name == applied.name
        assert deadlines[meeting.pk].deadline == rules.motion_deadline(meeting.start, applied)

    staff = StaffRoleFactory(body=body).user
    six_days_ago = dt.datetime.now(tz=BERLIN) - dt.timedelta(days=6)
    ag_late = MeetingFactory(organization=ag, start=six_days_ago, state="held")
    beirat_in_time = MeetingFactory(organization=beirat, start=six_days_ago, state="held")
    overdue = [m.pk for m in selectors.minutes_overdue_list(body=body, user=staff)]
    assert ag_late.pk in overdue
    assert beirat_in_time.pk not in overdue
    applied = {row.organization.pk: row.rules for row in applied_rules_list(body=body, user=staff)}
    assert applied == {beirat.pk: rules.rules_for(beirat), ag.pk: rules.rules_for(ag)}


def test_a_second_rule_set_for_the_same_organization_is_refused():
    beirat = OrganizationFactory()
    services.session_rules_create(body=beirat.body, organization=beirat, name="GO 1")
    with pytest.raises(errors.DuplicateSessionRules):
        services.session_rules_create(body=beirat.body, organization=beirat, name="GO 2")
    services.session_rules_create(body=beirat.body, name="Körperschaft")
    with pytest.raises(errors.DuplicateSessionRules):
        services.session_rules_create(body=beirat.body, name="Körperschaft 2")
    assert SessionRules.objects.count() == 2


def test_an_organization_of_another_body_is_refused():
    with pytest.raises(errors.CrossBodyReference):
        services.session_rules_create(
            body=BodyFactory(), organization=OrganizationFactory(), name="GO"
        )


def test_a_change_is_recorded_in_the_history():
    beirat = OrganizationFactory()
    row = services.session_rules_create(body=beirat.body, name="GO", notice_days=4)
    services.session_rules_update(session_rules=row, expected_version=1, notice_days=7)
    update = ChangeRecord.objects.get(object_id=row.pk, action="update")
    assert update.changes == {"notice_days": [4, 7]}


@pytest.mark.parametrize(
    ("sent", "full_days", "in_time"),
    [
        (_at(2, 9), 4, True),  # Monday for Saturday: Tue, Wed, Thu, Fri
        (_at(3, 0, 1), 3, False),  # Tuesday just after midnight: one day short
        (_at(2, 23, 59), 4, True),  # late on Monday evening still counts as Monday
    ],
)
def test_notice_period_counts_full_calendar_days(sent, full_days, in_time):
    session = _at(7, 10)  # Saturday 7 March 2026
    default = rules.default_rules()
    assert rules.full_days_between(sent, session) == full_days
    assert rules.notice_in_time(sent, session, default) is in_time
    assert rules.latest_dispatch_date(session, default) == dt.date(2026, 3, 2)


def test_notice_days_are_berlin_days_not_utc_days():
    """Sent at 00:30 Berlin time on Tuesday is 23:30 UTC on Monday: it is Tuesday."""
    sent = dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.UTC)
    assert rules.full_days_between(sent, _at(7, 10)) == 3


@pytest.mark.parametrize(
    ("legal", "present", "quorate"),
    [(15, 8, True), (15, 7, False), (16, 8, False), (16, 9, True), (None, 1, True)],
)
def test_quorum_is_more_than_half_of_the_legal_number(legal, present, quorate):
    result = rules.quorum(
        voting_present=present, legal_member_count=legal, rules=rules.default_rules()
    )
    assert result.quorate is quorate


def test_a_repeat_session_needs_three():
    default = rules.default_rules()
    assert rules.quorum(voting_present=3, legal_member_count=15, rules=default, repeat=True).quorate
    assert not rules.quorum(
        voting_present=2, legal_member_count=15, rules=default, repeat=True
    ).quorate


@pytest.mark.parametrize(("yes", "no", "adopted"), [(5, 4, True), (4, 4, False), (0, 0, False)])
def test_yes_must_exceed_no(yes, no, adopted):
    assert rules.adopted(yes, no) is adopted


def test_a_quarter_of_the_members_obliges():
    default = rules.default_rules()
    assert rules.obliging_signatures(15, default) == 4
    assert rules.motion_obliges(
        by_faction=False, signatures=4, legal_member_count=15, rules=default
    )
    assert not rules.motion_obliges(
        by_faction=False, signatures=3, legal_member_count=15, rules=default
    )
    assert rules.motion_obliges(by_faction=True, signatures=1, legal_member_count=15, rules=default)


def test_the_list_page_shows_which_rule_applies_to_each_organization(
    client, django_assert_num_queries
):
    beirat = OrganizationFactory(name="Beirat")
    OrganizationFactory(body=beirat.body, name="Stadtrat", organization_type="stadtrat")
    services.session_rules_create(body=beirat.body, organization=beirat, name="GO Beirat 2020")
    client.force_login(StaffRoleFactory(body=beirat.body).user)
    url = reverse("council_staff:session_rules_list", kwargs={"body": beirat.body.slug})
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("GO Beirat 2020") == 2  # in the table and in the list of rule sets
    assert "Gemeindeordnung Rheinland-Pfalz" in page  # the Stadtrat's rule


def test_staff_create_rules_through_the_form(client):
    beirat = OrganizationFactory()
    client.force_login(StaffRoleFactory(body=beirat.body).user)
    url = reverse("council_staff:session_rules_create", kwargs={"body": beirat.body.slug})
    data = {
        "organization": beirat.pk,
        "name": "GO Beirat",
        "notice_days": 5,
        "motion_deadline_days": 10,
        "quorum_percent": 50,
        "repeat_quorum_minimum": 3,
        "obliging_share_percent": 25,
        "minutes_due_days": 30,
    }
    assert client.post(url, data).status_code == 302
    assert rules.rules_for(beirat).motion_deadline_days == 10
    again = client.post(url, {**data, "name": "GO 2"})
    assert again.status_code == 200
    assert "gibt es schon eine Geschäftsordnung" in again.content.decode()
    bad = client.post(url, {**data, "organization": "", "quorum_percent": 150})
    assert bad.status_code == 200
    assert SessionRules.objects.count() == 1
