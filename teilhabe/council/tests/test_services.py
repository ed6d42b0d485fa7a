"""The council's write services: happy paths and every rule they refuse to break."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from teilhabe.core.errors import ConflictError
from teilhabe.council import errors, services
from teilhabe.council.models import AgendaItem, Meeting, Organization
from teilhabe.council.services import files, meetings, papers, registry
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

START = timezone.make_aware(dt.datetime(2025, 6, 23, 18, 0))


@pytest.fixture
def body():
    return f.BodyFactory()


@pytest.fixture
def beirat(body):
    return f.OrganizationFactory(body=body)


@pytest.fixture
def foreign():
    """Records of another body, which nothing of `body` may point at."""
    other = f.BodyFactory()
    return {
        "organization": f.OrganizationFactory(body=other),
        "location": f.LocationFactory(body=other),
        "person": f.PersonFactory(body=other),
        "term": f.LegislativeTermFactory(body=other),
        "paper": f.PaperFactory(body=other),
    }


def _meeting(body, organization, **fields):
    return services.meeting_create(body=body, organization=organization, start=START, **fields)


# --- organizations, terms, persons, memberships, locations ---------------------------------


def test_organization_create_and_update_bumps_version(body):
    """A created organization starts at version 1; each saved edit adds one."""
    org = services.organization_create(
        body=body, name="Beirat für Migration und Integration", organization_type="beirat"
    )
    assert org.version == 1
    updated = services.organization_update(
        organization=org, expected_version=1, name="Beirat (neu)"
    )
    assert updated.version == 2
    org.refresh_from_db()
    assert (org.name, org.version) == ("Beirat (neu)", 2)


def test_organization_update_on_stale_version_overwrites_nothing(beirat):
    """Two people edit the same form: the second save is refused, the first one stays."""
    services.organization_update(organization=beirat, expected_version=1, name="Erste Fassung")
    with pytest.raises(ConflictError):
        services.organization_update(organization=beirat, expected_version=1, name="Zweite Fassung")
    beirat.refresh_from_db()
    assert (beirat.name, beirat.version) == ("Erste Fassung", 2)


def test_organization_refuses_parent_and_location_of_other_body(body, foreign):
    with pytest.raises(errors.CrossBodyReference):
        services.organization_create(
            body=body, name="AG", organization_type="arbeitsgruppe", parent=foreign["organization"]
        )
    with pytest.raises(errors.CrossBodyReference):
        services.organization_create(
            body=body, name="AG", organization_type="arbeitsgruppe", location=foreign["location"]
        )
    assert not Organization.objects.filter(body=body).exists()


def test_organization_cannot_become_its_own_ancestor(body, beirat):
    working_group = services.organization_create(
        body=body,
        name="AG Integrationskonzept 2.0",
        organization_type="arbeitsgruppe",
        parent=beirat,
    )
    with pytest.raises(errors.InvalidParent):
        services.organization_update(organization=beirat, expected_version=1, parent=working_group)


def test_organization_requires_a_name(body):
    """Data-shape problems come from the model's own validation."""
    with pytest.raises(ValidationError) as exc:
        services.organization_create(body=body, name="", organization_type="beirat")
    assert "name" in exc.value.error_dict


def test_legislative_term_end_before_start_is_refused(body):
    with pytest.raises(errors.InvalidDateRange):
        services.legislative_term_create(
            body=body,
            name="2024–2029",
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2023, 1, 1),
        )
    term = services.legislative_term_create(
        body=body, name="2024–2029", start_date=dt.date(2024, 1, 1)
    )
    with pytest.raises(errors.InvalidDateRange):
        services.legislative_term_update(
            legislative_term=term, expected_version=1, end_date=dt.date(2020, 1, 1)
        )


def test_person_consent_is_dated_and_withdrawal_clears_the_date(body):
    person = services.person_create(
        body=body, given_name="Hayat", family_name="Erten", public_consent=True
    )
    assert person.public_consent_date == timezone.localdate()
    withdrawn = services.person_update(person=person, expected_version=1, public_consent=False)
    assert withdrawn.public_consent_date is None


def test_consent_date_stays_when_an_edit_leaves_it_empty(body):
    person = services.person_create(
        body=body,
        given_name="Hayat",
        family_name="Erten",
        public_consent=True,
        public_consent_date=dt.date(2021, 6, 23),
    )
    edited = services.person_update(
        person=person, expected_version=1, public_consent=True, public_consent_date=None
    )
    assert edited.public_consent_date == dt.date(2021, 6, 23)


def test_partial_update_checks_dates_against_the_stored_ones(body, beirat):
    membership = services.membership_create(
        body=body,
        person=f.PersonFactory(body=body),
        organization=beirat,
        start_date=dt.date(2024, 1, 1),
    )
    with pytest.raises(errors.InvalidDateRange):
        services.membership_update(
            membership=membership, expected_version=1, end_date=dt.date(2023, 12, 31)
        )


def test_one_account_links_to_one_person_only(body):
    user = f.UserFactory()
    services.person_create(body=body, given_name="A", family_name="B", user=user)
    with pytest.raises(errors.UserAlreadyLinked):
        services.person_create(body=body, given_name="C", family_name="D", user=user)


def test_membership_refuses_person_of_other_body(body, beirat, foreign):
    with pytest.raises(errors.CrossBodyReference):
        services.membership_create(body=body, person=foreign["person"], organization=beirat)


def test_membership_end_keeps_the_record_and_checks_version(body, beirat):
    person = f.PersonFactory(body=body)
    membership = services.membership_create(
        body=body, person=person, organization=beirat, start_date=dt.date(2024, 1, 1)
    )
    ended = services.membership_end(
        membership=membership, end_date=dt.date(2025, 1, 31), expected_version=1
    )
    assert (ended.end_date, ended.deleted, ended.version) == (dt.date(2025, 1, 31), False, 2)
    with pytest.raises(ConflictError):
        services.membership_end(
            membership=membership, end_date=dt.date(2025, 2, 1), expected_version=1
        )
    with pytest.raises(errors.InvalidDateRange):
        services.membership_end(
            membership=membership, end_date=dt.date(2023, 1, 1), expected_version=2
        )


def test_location_create_and_update(body):
    location = services.location_create(body=body, description="Stadthaus Nord")
    updated = services.location_update(location=location, expected_version=1, room="Saal 1")
    assert (updated.description, updated.room, updated.version) == ("Stadthaus Nord", "Saal 1", 2)


# --- meetings -------------------------------------------------------------------------------


def test_meeting_numbers_count_per_organization_and_term(body, beirat):
    """Without a number a meeting gets the next one of its organization in its term."""
    term_a = f.LegislativeTermFactory(body=body, name="2019–2024", start_date=dt.date(2019, 1, 1))
    term_b = f.LegislativeTermFactory(body=body, name="2024–2029", start_date=dt.date(2024, 1, 1))
    other_org = f.OrganizationFactory(body=body)
    assert _meeting(body, beirat, legislative_term=term_a).number == 1
    assert _meeting(body, beirat, legislative_term=term_a).number == 2
    assert _meeting(body, beirat, legislative_term=term_b).number == 1
    assert _meeting(body, other_org, legislative_term=term_a).number == 1
    assert _meeting(body, beirat, legislative_term=term_a, number=11).number == 11
    assert _meeting(body, beirat, legislative_term=term_a).number == 12


def test_duplicate_meeting_number_is_refused_unless_the_holder_is_deleted(body, beirat):
    first = _meeting(body, beirat, number=11)
    with pytest.raises(errors.DuplicateMeetingNumber):
        _meeting(body, beirat, number=11)
    assert Meeting.objects.filter(organization=beirat).count() == 1
    first.deleted = True
    first.save()
    assert _meeting(body, beirat, number=11).number == 11


def test_meeting_update_keeps_number_when_left_empty_and_refuses_a_taken_one(body, beirat):
    first = _meeting(body, beirat)
    second = _meeting(body, beirat)
    kept = services.meeting_update(meeting=second, expected_version=1, number=None, name="x")
    assert kept.number == 2
    with pytest.raises(errors.DuplicateMeetingNumber):
        services.meeting_update(meeting=second, expected_version=2, number=first.number)


def test_meeting_refuses_references_to_other_bodies(body, beirat, foreign):
    for field in ("location", "legislative_term"):
        value = foreign["location" if field == "location" else "term"]
        with pytest.raises(errors.CrossBodyReference):
            _meeting(body, beirat, **{field: value})
    with pytest.raises(errors.CrossBodyReference):
        _meeting(body, foreign["organization"])


def test_factions_hold_no_meetings(body):
    faction = f.OrganizationFactory(body=body, organization_type=Organization.Type.FRAKTION)
    with pytest.raises(errors.OrganizationHoldsNoMeetings):
        _meeting(body, faction)


def test_meeting_end_before_start_is_refused(body, beirat):
    with pytest.raises(errors.InvalidDateRange) as exc:
        _meeting(body, beirat, end=START - dt.timedelta(hours=1))
    assert exc.value.field == "end"


def test_meeting_cancel_and_stale_update(body, beirat):
    meeting = _meeting(body, beirat)
    cancelled = services.meeting_cancel(meeting=meeting, expected_version=1)
    assert cancelled.state == Meeting.State.CANCELLED
    with pytest.raises(ConflictError):
        services.meeting_update(meeting=meeting, expected_version=1, name="zu spät")
    meeting.refresh_from_db()
    assert (meeting.name, meeting.state) == ("", Meeting.State.CANCELLED)


# --- agenda ---------------------------------------------------------------------------------


def _agenda(meeting):
    return list(
        AgendaItem.objects.alive().filter(meeting=meeting).values_list("order", "number", "name")
    )


@pytest.fixture
def meeting(body, beirat):
    meeting = _meeting(body, beirat)
    for name in ("Begrüßung", "Bericht der AG", "Verschiedenes"):
        services.agenda_item_create(meeting=meeting, name=name)
    return meeting


def test_agenda_items_are_appended_and_numbered_by_position(meeting):
    assert _agenda(meeting) == [
        (1, "1", "Begrüßung"),
        (2, "2", "Bericht der AG"),
        (3, "3", "Verschiedenes"),
    ]


def test_reorder_keeps_order_dense_and_moves_derived_numbers_only(meeting):
    """Derived numbers follow the position; a number set by hand ("2a") stays."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order"))
    services.agenda_item_update(agenda_item=items[1], expected_version=1, number="2a")
    services.agenda_item_reorder(
        meeting=meeting, ordered_ids=[items[2].pk, items[0].pk, items[1].pk]
    )
    assert _agenda(meeting) == [
        (1, "1", "Verschiedenes"),
        (2, "2", "Begrüßung"),
        (3, "2a", "Bericht der AG"),
    ]


def test_reorder_must_name_every_item_exactly_once(meeting):
    ids = list(AgendaItem.objects.filter(meeting=meeting).values_list("pk", flat=True))
    before = _agenda(meeting)
    for wrong in (ids[:2], [*ids, ids[0]], [*ids[:2], f.AgendaItemFactory().pk]):
        with pytest.raises(errors.InvalidAgendaOrder):
            services.agenda_item_reorder(meeting=meeting, ordered_ids=wrong)
    assert _agenda(meeting) == before


def test_move_up_and_down_stops_at_the_ends(meeting):
    first, second, third = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    services.agenda_item_move(agenda_item=first, offset=-1)
    services.agenda_item_move(agenda_item=third, offset=-1)
    assert [name for _, _, name in _agenda(meeting)] == [
        "Begrüßung",
        "Verschiedenes",
        "Bericht der AG",
    ]
    services.agenda_item_move(agenda_item=second, offset=1)
    assert [order for order, _, _ in _agenda(meeting)] == [1, 2, 3]


def test_delete_is_soft_and_closes_the_gap(meeting):
    first, _second, _third = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    services.agenda_item_delete(agenda_item=first, expected_version=1)
    first.refresh_from_db()
    assert first.deleted
    assert _agenda(meeting) == [(1, "1", "Bericht der AG"), (2, "2", "Verschiedenes")]


def test_agenda_item_update_on_stale_version_changes_nothing(meeting):
    item = AgendaItem.objects.filter(meeting=meeting).first()
    services.agenda_item_update(agenda_item=item, expected_version=1, name="Eröffnung")
    with pytest.raises(ConflictError):
        services.agenda_item_update(agenda_item=item, expected_version=1, name="Begrüßung (alt)")
    with pytest.raises(ConflictError):
        services.agenda_item_delete(agenda_item=item, expected_version=1)
    item.refresh_from_db()
    assert (item.name, item.deleted) == ("Eröffnung", False)


def test_a_moved_item_keeps_its_version_and_a_later_edit_keeps_its_place(meeting):
    """Moving is not an edit: an edit form opened before the move still saves, in place."""
    first, _second, third = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    services.agenda_item_move(agenda_item=third, offset=-2)
    edited = services.agenda_item_update(agenda_item=third, expected_version=1, name="Neu")
    assert (edited.order, edited.name) == (1, "Neu")
    first.refresh_from_db()
    assert first.order == 2


# --- papers and consultations ---------------------------------------------------------------


def test_paper_create_with_originators_and_related_papers(body, beirat):
    person = f.PersonFactory(body=body)
    earlier = f.PaperFactory(body=body)
    paper = services.paper_create(
        body=body,
        name="Antrag: Ausländerbehörde ins Zentrum",
        date=dt.date(2021, 6, 25),
        paper_type="antrag",
        originator_persons=[person],
        originator_organizations=[beirat],
        related_papers=[earlier],
    )
    assert list(paper.originator_persons.all()) == [person]
    assert list(paper.originator_organizations.all()) == [beirat]
    assert list(earlier.related_papers.all()) == [paper]


def test_paper_refuses_originators_of_other_body(body, foreign):
    for field, value in (
        ("originator_persons", [foreign["person"]]),
        ("originator_organizations", [foreign["organization"]]),
        ("related_papers", [foreign["paper"]]),
    ):
        with pytest.raises(errors.CrossBodyReference):
            services.paper_create(
                body=body,
                name="Antrag",
                date=dt.date(2021, 1, 1),
                paper_type="antrag",
                **{field: value},
            )


def test_paper_update_stale_version_leaves_links_unchanged(body, beirat):
    paper = f.PaperFactory(body=body)
    services.paper_update(paper=paper, expected_version=1, originator_organizations=[beirat])
    with pytest.raises(ConflictError):
        services.paper_update(paper=paper, expected_version=1, originator_organizations=[])
    assert list(paper.originator_organizations.all()) == [beirat]


def test_paper_is_not_related_to_itself(body):
    paper = f.PaperFactory(body=body)
    updated = services.paper_update(paper=paper, expected_version=1, related_papers=[paper])
    assert not updated.related_papers.exists()


def test_consultations_are_appended_and_an_item_brings_its_meeting(body, beirat, meeting):
    paper = f.PaperFactory(body=body)
    stadtrat = f.OrganizationFactory(body=body, organization_type=Organization.Type.STADTRAT)
    item = AgendaItem.objects.filter(meeting=meeting).first()
    first = services.consultation_create(paper=paper, organization=beirat, agenda_item=item)
    second = services.consultation_create(paper=paper, organization=stadtrat, role="entscheidung")
    assert (first.order, first.meeting, second.order) == (1, meeting, 2)


def test_consultation_must_fit_together(body, beirat, meeting, foreign):
    paper = f.PaperFactory(body=body)
    stadtrat = f.OrganizationFactory(body=body, organization_type=Organization.Type.STADTRAT)
    other_meeting = _meeting(body, beirat)
    item = AgendaItem.objects.filter(meeting=meeting).first()
    with pytest.raises(errors.InconsistentConsultation):
        services.consultation_create(paper=paper, organization=stadtrat, meeting=meeting)
    with pytest.raises(errors.InconsistentConsultation):
        services.consultation_create(
            paper=paper, organization=beirat, meeting=other_meeting, agenda_item=item
        )
    with pytest.raises(errors.CrossBodyReference):
        services.consultation_create(paper=paper, organization=foreign["organization"])
    assert not paper.consultations.exists()


# --- the package --------------------------------------------------------------------------


@pytest.mark.parametrize("module", [registry, meetings, papers, files], ids=lambda m: m.__name__)
def test_the_package_names_every_service_of_its_modules(module):
    """Callers write `services.<name>`: every public function of a module is reachable so."""
    defined = [
        name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    ]
    assert defined
    for name in defined:
        assert getattr(services, name) is getattr(module, name), name
        assert name in services.__all__, name


def test_a_repeat_session_follows_an_earlier_session_of_the_same_organization():
    """`repeat_of` names an earlier meeting of the same organization; anything else is
    refused at the field and nothing is written."""
    first = f.MeetingFactory()
    organization = first.organization
    later_start = first.start + dt.timedelta(days=14)
    repeat = services.meeting_create(
        body=organization.body,
        organization=organization,
        start=later_start,
        repeat_of=first,
    )
    assert repeat.repeat_of == first
    other = f.OrganizationFactory(body=organization.body)
    with pytest.raises(errors.InvalidRepeatSession):
        services.meeting_create(
            body=organization.body, organization=other, start=later_start, repeat_of=first
        )
    with pytest.raises(errors.InvalidRepeatSession):
        services.meeting_create(
            body=organization.body,
            organization=organization,
            start=first.start - dt.timedelta(days=1),
            repeat_of=first,
        )
    assert organization.meetings.count() == 2
