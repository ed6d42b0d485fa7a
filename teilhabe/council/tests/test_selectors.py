"""Selectors: body scoping, visibility, ordering and the shapes the public pages rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from teilhabe.council import models, selectors
from teilhabe.council.tests import factories as f
from teilhabe.council.tests.test_file_download import FileFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "staff", "member_of_other_org", "other_body_staff", "former_member"]
ENTITLED = {"member", "staff"}


def _beirat(world):
    return world["public_item"].meeting.organization


def _meeting(world):
    return world["public_item"].meeting


# Body scoping ---------------------------------------------------------------------------------


def test_lists_hold_only_rows_of_the_given_body(world):
    other = f.BodyFactory()
    other_org = f.OrganizationFactory(body=other)
    f.MeetingFactory(organization=other_org)
    f.PaperFactory(body=other)
    f.PersonFactory(body=other)
    body, staff = world["body"], world["users"]["staff"]
    assert all(o.body_id == body.pk for o in selectors.organization_list(body=body, user=staff))
    assert all(m.body_id == body.pk for m in selectors.meeting_list(body=body, user=staff))
    assert all(p.body_id == body.pk for p in selectors.paper_list(body=body, user=staff))
    assert all(p.body_id == body.pk for p in selectors.person_list(body=body, user=staff))
    assert selectors.meeting_list(body=other, user=None).count() == 1


@pytest.mark.parametrize(
    ("getter", "factory_call"),
    [
        (selectors.meeting_get, lambda b: f.MeetingFactory(organization__body=b)),
        (selectors.paper_get, lambda b: f.PaperFactory(body=b)),
        (selectors.person_get, lambda b: f.PersonFactory(body=b)),
        (selectors.organization_get, lambda b: f.OrganizationFactory(body=b)),
    ],
)
def test_get_selectors_do_not_find_rows_of_another_body(world, getter, factory_call):
    foreign = factory_call(f.BodyFactory())
    with pytest.raises(type(foreign).DoesNotExist):
        getter(body=world["body"], user=world["users"]["staff"], pk=foreign.pk)


# Organizations --------------------------------------------------------------------------------


def test_organization_list_orders_by_type_then_name(world):
    body = world["body"]
    f.OrganizationFactory(body=body, name="AG Arbeit", organization_type="arbeitsgruppe")
    f.OrganizationFactory(body=body, name="Aaa Fraktion", organization_type="fraktion")
    types = [o.organization_type for o in selectors.organization_list(body=body, user=None)]
    order = list(models.Organization.Type.values)
    assert types == sorted(types, key=order.index)


def test_organization_list_holding_meetings_leaves_out_factions(world):
    body = world["body"]
    f.OrganizationFactory(body=body, organization_type="fraktion")
    organizations = selectors.organization_list(body=body, user=None, holding_meetings=True)
    assert {o.organization_type for o in organizations} == {"beirat", "stadtrat"}


def test_organization_members_counts_the_hidden_and_orders_by_role(world):
    beirat, body = _beirat(world), world["body"]
    chair = f.MembershipFactory(
        organization=beirat, person__body=body, role=models.Membership.Role.CHAIR
    )
    f.MembershipFactory(organization=beirat, person__body=body, person__public_consent=False)
    f.MembershipFactory(
        organization=beirat, person__body=body, person__public_consent=False, deleted=True
    )
    public = selectors.organization_members(organization=beirat, user=None)
    assert public.visible[0] == chair
    assert public.hidden_count == 1
    assert all(m.person.public_consent for m in public.visible)
    staff = selectors.organization_members(organization=beirat, user=world["users"]["staff"])
    assert staff.hidden_count == 0
    assert len(staff.visible) == len(public.visible) + 1


def test_organization_members_leaves_out_former_members(world):
    """The world's former member (ended 2020) is not a current member."""
    members = selectors.organization_members(organization=_beirat(world), user=None)
    former_person = models.Person.objects.get(user=world["users"]["former_member"])
    assert former_person not in [m.person for m in members.visible]


# Meetings -------------------------------------------------------------------------------------


def test_meeting_list_filters_by_organization_and_orders_newest_first(world):
    beirat, body = _beirat(world), world["body"]
    old = f.MeetingFactory(organization=beirat, start=timezone.now() - dt.timedelta(days=30))
    f.MeetingFactory(organization__body=body)
    meetings = list(selectors.meeting_list(body=body, user=None, organization=beirat))
    assert meetings == [_meeting(world), old]


def test_upcoming_leaves_out_past_and_cancelled_unless_asked(world):
    beirat, body = _beirat(world), world["body"]
    f.MeetingFactory(organization=beirat, start=timezone.now() - dt.timedelta(days=1))
    cancelled = f.MeetingFactory(organization=beirat, state=models.Meeting.State.CANCELLED)
    soon = f.MeetingFactory(organization=beirat, start=timezone.now() + dt.timedelta(days=1))
    upcoming = selectors.meeting_list_upcoming(body=body, user=None)
    assert upcoming == [soon, _meeting(world)]
    with_cancelled = selectors.meeting_list_upcoming(body=body, user=None, include_cancelled=True)
    assert cancelled in with_cancelled
    assert selectors.meeting_list_upcoming(body=body, user=None, limit=1) == [soon]


def test_meeting_list_past(world):
    beirat, body = _beirat(world), world["body"]
    past = f.MeetingFactory(organization=beirat, start=timezone.now() - dt.timedelta(days=1))
    assert list(selectors.meeting_list_past(body=body, user=None)) == [past]


@pytest.mark.parametrize("role", ROLES)
def test_meeting_get_holds_nonpublic_items_only_for_the_entitled(world, role):
    meeting = selectors.meeting_get(
        body=world["body"], user=world["users"][role], pk=_meeting(world).pk
    )
    items = meeting.visible_agenda_items
    assert world["public_item"] in items
    assert (world["secret_item"] in items) is (role in ENTITLED)
    assert meeting.nonpublic_item_count == 1  # the count alone is public
    for item in items:  # the paper on the secret item only comes with the secret item
        for consultation in item.visible_consultations:
            assert consultation.paper.public or role in ENTITLED


def test_meeting_get_counts_no_deleted_nonpublic_items(world):
    world["secret_item"].deleted = True
    world["secret_item"].save()
    meeting = selectors.meeting_get(body=world["body"], user=None, pk=_meeting(world).pk)
    assert meeting.nonpublic_item_count == 0


def test_meeting_get_orders_items_by_order(world):
    meeting = _meeting(world)
    last = f.AgendaItemFactory(meeting=meeting, order=1_000_000)
    first = f.AgendaItemFactory(meeting=meeting, order=0)
    got = selectors.meeting_get(body=world["body"], user=None, pk=meeting.pk)
    assert got.visible_agenda_items[0] == first
    assert got.visible_agenda_items[-1] == last


def test_meeting_list_for_calendar_has_public_items_only(world):
    meetings = list(selectors.meeting_list_for_calendar(organization=_beirat(world)))
    items = [item for m in meetings for item in m.public_agenda_items]
    assert world["public_item"] in items
    assert world["secret_item"] not in items


@pytest.mark.parametrize("role", ROLES)
def test_resolution_list_is_visible_results_newest_first(world, role):
    beirat = _beirat(world)
    world["public_item"].result = "adopted"
    world["public_item"].save()
    world["secret_item"].result = "rejected"
    world["secret_item"].save()
    older_meeting = f.MeetingFactory(
        organization=beirat, start=timezone.now() - dt.timedelta(days=60)
    )
    older = f.AgendaItemFactory(meeting=older_meeting, result="noted")
    f.AgendaItemFactory(meeting=older_meeting, result="")  # no result, no resolution
    resolutions = selectors.resolution_list(body=world["body"], user=world["users"][role])
    assert resolutions[0] == world["public_item"]
    assert resolutions[-1] == older
    assert (world["secret_item"] in resolutions) is (role in ENTITLED)
    assert len(resolutions) == (3 if role in ENTITLED else 2)


# Papers ---------------------------------------------------------------------------------------


def test_paper_list_search_and_type(world):
    body = world["body"]
    motion = f.PaperFactory(body=body, reference="BMI/2025/001", name="Sprachcafé")
    question = f.PaperFactory(body=body, name="Kita-Plätze", paper_type="anfrage")
    assert list(selectors.paper_list(body=body, user=None, search="2025/001")) == [motion]
    assert list(selectors.paper_list(body=body, user=None, search="kita")) == [question]
    assert list(selectors.paper_list(body=body, user=None, paper_type="anfrage")) == [question]


@pytest.mark.parametrize("role", ROLES)
def test_paper_list_has_the_secret_paper_only_for_the_entitled(world, role):
    papers = selectors.paper_list(body=world["body"], user=world["users"][role])
    assert (world["secret_paper"] in papers) is (role in ENTITLED)


def test_paper_get_prefetches_only_visible_relations(world):
    body = world["body"]
    paper = f.PaperFactory(body=body)
    shy = f.PersonFactory(body=body, public_consent=False)
    known = f.PersonFactory(body=body)
    paper.originator_persons.add(shy, known)
    paper.related_papers.add(world["secret_paper"])
    f.ConsultationFactory(paper=paper, organization=_beirat(world), order=2)
    f.ConsultationFactory(
        paper=paper, organization=_beirat(world), agenda_item=world["secret_item"], order=1
    )
    FileFactory(paper=paper)
    got = selectors.paper_get(body=body, user=None, pk=paper.pk)
    assert got.visible_originator_persons == [known]
    assert got.visible_related_papers == []
    assert [c.agenda_item for c in got.visible_consultations] == [None]
    assert len(got.visible_files) == 1
    staff_view = selectors.paper_get(body=body, user=world["users"]["staff"], pk=paper.pk)
    assert staff_view.visible_related_papers == [world["secret_paper"]]
    assert [c.order for c in staff_view.visible_consultations] == [1, 2]


# Persons and files ----------------------------------------------------------------------------


def test_person_get_marks_current_memberships_first(world):
    person = models.Person.objects.get(user=world["users"]["member"])
    ended = f.MembershipFactory(
        organization=f.OrganizationFactory(body=world["body"]),
        person=person,
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2019, 1, 1),
    )
    got = selectors.person_get(body=world["body"], user=None, pk=person.pk)
    assert [m.is_current for m in got.visible_memberships] == [True, False]
    assert got.visible_memberships[-1] == ended


def test_person_list_respects_consent(world):
    shy = f.PersonFactory(body=world["body"], public_consent=False)
    assert shy not in selectors.person_list(body=world["body"], user=None)
    assert shy in selectors.person_list(body=world["body"], user=world["users"]["staff"])


def test_file_get_needs_the_exact_name_and_visibility(world):
    file = FileFactory(agenda_item=world["secret_item"], file_name="personal.pdf")
    staff, body = world["users"]["staff"], world["body"]
    assert selectors.file_get(body=body, user=staff, pk=file.pk, file_name="personal.pdf") == file
    with pytest.raises(models.File.DoesNotExist):
        selectors.file_get(body=body, user=staff, pk=file.pk, file_name="Personal.pdf")
    with pytest.raises(models.File.DoesNotExist):
        selectors.file_get(body=body, user=None, pk=file.pk, file_name="personal.pdf")
    assert selectors.file_is_public(file=file) is False
    public = FileFactory(agenda_item=world["public_item"])
    assert selectors.file_is_public(file=public) is True
