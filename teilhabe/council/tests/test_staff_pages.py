"""The staff pages (/<body>/verwaltung/): who gets in, and that work done there is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.council import selectors, services
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
)
from teilhabe.council.tests import factories as f
from teilhabe.council.tests.test_uploads import HTML, make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    """One body with a record of every kind, and a user for every role."""
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body)
    meeting = f.MeetingFactory(organization=beirat, number=1)
    item = f.AgendaItemFactory(meeting=meeting, number="1", order=1)
    paper = f.PaperFactory(body=body)
    consultation = f.ConsultationFactory(paper=paper, organization=beirat, meeting=meeting)
    person = f.PersonFactory(body=body)
    membership = f.MembershipFactory(organization=beirat, person=person)
    chair = f.UserFactory()
    f.MembershipFactory(
        organization=beirat,
        person=f.PersonFactory(body=body, user=chair),
        role=Membership.Role.CHAIR,
    )
    member = f.UserFactory()
    f.MembershipFactory(organization=beirat, person=f.PersonFactory(body=body, user=member))
    return {
        "body": body,
        "beirat": beirat,
        "meeting": meeting,
        "item": item,
        "paper": paper,
        "consultation": consultation,
        "person": person,
        "membership": membership,
        "term": f.LegislativeTermFactory(body=body),
        "location": f.LocationFactory(body=body),
        "users": {
            "anonymous": None,
            "member": member,
            "chair": chair,
            "other_body_staff": f.StaffRoleFactory().user,
            "staff": f.StaffRoleFactory(body=body).user,
            "superuser": f.UserFactory(is_superuser=True, is_staff=True),
        },
    }


def url(office, name, **kwargs):
    return reverse(f"council_staff:{name}", kwargs={"body": office["body"].slug, **kwargs})


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def page_urls(office):
    """Every staff page that answers GET."""
    o = office
    return [
        url(o, "dashboard"),
        url(o, "organization_list"),
        url(o, "organization_create"),
        url(o, "organization_edit", pk=o["beirat"].pk),
        url(o, "legislative_term_list"),
        url(o, "legislative_term_create"),
        url(o, "legislative_term_edit", pk=o["term"].pk),
        url(o, "person_list"),
        url(o, "person_create"),
        url(o, "person_edit", pk=o["person"].pk),
        url(o, "membership_list"),
        url(o, "membership_create"),
        url(o, "membership_edit", pk=o["membership"].pk),
        url(o, "membership_end", pk=o["membership"].pk),
        url(o, "location_list"),
        url(o, "location_create"),
        url(o, "location_edit", pk=o["location"].pk),
        url(o, "meeting_list"),
        url(o, "meeting_create"),
        url(o, "meeting_edit", pk=o["meeting"].pk),
        url(o, "agenda_item_edit", pk=o["meeting"].pk, item_pk=o["item"].pk),
        url(o, "paper_list"),
        url(o, "paper_create"),
        url(o, "paper_edit", pk=o["paper"].pk),
        url(o, "file_list"),
        url(o, "file_upload"),
    ]


def action_urls(office):
    """Every staff URL that only answers POST."""
    o = office
    meeting, item = o["meeting"].pk, o["item"].pk
    return [
        url(o, "meeting_cancel", pk=meeting),
        url(o, "agenda_item_create", pk=meeting),
        url(o, "agenda_item_move", pk=meeting, item_pk=item),
        url(o, "agenda_item_delete", pk=meeting, item_pk=item),
        url(o, "consultation_create", pk=o["paper"].pk),
        url(o, "consultation_delete", pk=o["paper"].pk, consultation_pk=o["consultation"].pk),
    ]


GETS_IN = {
    "anonymous": False,
    "member": False,
    "chair": False,
    "other_body_staff": False,
    "staff": True,
    "superuser": True,
}


@pytest.mark.parametrize(("role", "allowed"), GETS_IN.items())
def test_page_truth_table(client, office, role, allowed):
    """Staff of the body (and superusers) get every page; everyone else a 404, never a 403."""
    client = client_for(client, office["users"][role])
    for page in page_urls(office):
        assert client.get(page).status_code == (200 if allowed else 404), page


@pytest.mark.parametrize("role", [role for role, allowed in GETS_IN.items() if not allowed])
def test_actions_are_404_for_everyone_but_staff(client, office, role):
    client = client_for(client, office["users"][role])
    for action in action_urls(office):
        assert client.post(action, {"version": 1, "direction": "up"}).status_code == 404, action
    office["item"].refresh_from_db()
    office["meeting"].refresh_from_db()
    assert not office["item"].deleted
    assert office["meeting"].state == Meeting.State.PLANNED


def test_records_of_another_body_are_404_for_staff(client, office):
    staff = client_for(client, office["users"]["staff"])
    foreign_meeting = f.MeetingFactory()
    foreign_item = f.AgendaItemFactory(meeting=foreign_meeting)
    assert staff.get(url(office, "meeting_edit", pk=foreign_meeting.pk)).status_code == 404
    assert (
        staff.get(url(office, "organization_edit", pk=foreign_meeting.organization_id)).status_code
        == 404
    )
    # An item of another meeting is not reachable through this meeting.
    edit = url(office, "agenda_item_edit", pk=office["meeting"].pk, item_pk=foreign_item.pk)
    assert staff.get(edit).status_code == 404


@pytest.fixture
def staff(client, office):
    return client_for(client, office["users"]["staff"])


# --- building a meeting with its agenda -----------------------------------------------------


def test_create_meeting_then_build_the_agenda_with_and_without_htmx(staff, office):
    response = staff.post(
        url(office, "meeting_create"),
        {"organization": office["beirat"].pk, "start": "2025-06-23T18:00", "state": "planned"},
    )
    meeting = Meeting.objects.exclude(pk=office["meeting"].pk).get()
    assert response.status_code == 302
    assert response["Location"] == url(office, "meeting_edit", pk=meeting.pk)
    assert meeting.number == 2  # the factory meeting holds number 1

    add = url(office, "agenda_item_create", pk=meeting.pk)
    # Without JavaScript: a plain POST and back to the page.
    response = staff.post(add, {"item-name": "Begrüßung", "item-public": "on"})
    assert response.status_code == 302
    assert response["Location"].endswith("#tagesordnung")
    # With htmx: only the agenda fragment comes back, with the new item and a status text.
    response = staff.post(
        add, {"item-name": "Zwischenbericht der AG", "item-number": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="agenda-builder"' in html
    assert "Begrüßung" in html
    assert "Zwischenbericht der AG" in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "hinzugefügt" in html

    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order"))
    assert [(i.order, i.number, i.name, i.public) for i in items] == [
        (1, "1", "Begrüßung", True),
        (2, "2", "Zwischenbericht der AG", False),
    ]

    # Move the second item up, once by htmx and once without JavaScript.
    move = url(office, "agenda_item_move", pk=meeting.pk, item_pk=items[1].pk)
    response = staff.post(move, {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Position 1 von 2" in response.content.decode()
    assert list(
        AgendaItem.objects.filter(meeting=meeting).order_by("order").values_list("name", flat=True)
    ) == [
        "Zwischenbericht der AG",
        "Begrüßung",
    ]
    response = staff.post(move, {"direction": "down"})
    assert response.status_code == 302
    assert AgendaItem.objects.get(pk=items[1].pk).order == 2

    # Remove the first item (soft delete); the rest closes up.
    delete = url(office, "agenda_item_delete", pk=meeting.pk, item_pk=items[0].pk)
    response = staff.post(delete, {"version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert AgendaItem.objects.get(pk=items[0].pk).deleted
    assert AgendaItem.objects.get(pk=items[1].pk).order == 1

    page = staff.get(url(office, "meeting_edit", pk=meeting.pk)).content.decode()
    assert "Zwischenbericht der AG" in page
    assert page.count("<h1") == 1


def test_invalid_agenda_item_keeps_the_input_and_shows_the_error(staff, office):
    add = url(office, "agenda_item_create", pk=office["meeting"].pk)
    data = {"item-name": "", "item-number": "7b"}
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        response = staff.post(add, data, **headers)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Dieses Feld ist zwingend erforderlich." in html
        assert 'value="7b"' in html
    assert AgendaItem.objects.filter(meeting=office["meeting"]).count() == 1


def test_agenda_item_edit_page_saves_the_wording_but_not_a_result(staff, office):
    """The wording of the resolution is edited here; a result and votes only come from the
    session desk (with quorum and majority), so posted ones are ignored."""
    item = office["item"]
    edit = url(office, "agenda_item_edit", pk=office["meeting"].pk, item_pk=item.pk)
    assert 'name="result"' not in staff.get(edit).content.decode()
    response = staff.post(
        edit,
        {
            "number": "1",
            "name": "Antrag der AG",
            "public": "on",
            "resolution_text": "Der Beirat beschließt den Antrag.",
            "result": "adopted",
            "votes_yes": "12",
            "version": "1",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.resolution_text, item.result, item.votes_yes, item.version) == (
        "Der Beirat beschließt den Antrag.",
        "",
        None,
        2,
    )


def test_duplicate_meeting_number_is_a_form_error(staff, office):
    response = staff.post(
        url(office, "meeting_create"),
        {
            "organization": office["beirat"].pk,
            "number": "1",
            "start": "2025-06-23T18:00",
            "state": "planned",
        },
    )
    assert response.status_code == 200
    assert "schon vergeben" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_meeting_cancel_and_stale_cancel(staff, office):
    meeting = office["meeting"]
    response = staff.post(url(office, "meeting_cancel", pk=meeting.pk), {"version": 1})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.state, meeting.version) == (Meeting.State.CANCELLED, 2)
    response = staff.post(url(office, "meeting_cancel", pk=meeting.pk), {"version": 1}, follow=True)
    assert "von jemand anderem geändert" in response.content.decode()


# --- conflicts and invalid input ------------------------------------------------------------


def test_stale_version_edit_is_refused_with_message_and_keeps_the_input(staff, office):
    """Someone saved in between: nothing is overwritten, and the typed text is still there."""
    beirat = office["beirat"]
    services.organization_update(organization=beirat, expected_version=1, name="Gespeichert von A")
    response = staff.post(
        url(office, "organization_edit", pk=beirat.pk),
        {"name": "Eingabe von B", "organization_type": "beirat", "version": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "von jemand anderem geändert" in html
    assert 'value="Eingabe von B"' in html
    beirat.refresh_from_db()
    assert (beirat.name, beirat.version) == ("Gespeichert von A", 2)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "organization_create",
            {"name": "", "organization_type": "beirat"},
            "zwingend erforderlich",
        ),
        (
            "organization_create",
            {"name": "AG", "organization_type": "unbekannt"},
            "gültige Auswahl",
        ),
        (
            "organization_create",
            {"name": "AG", "organization_type": "beirat", "start_date": "31.02.2025"},
            "gültiges Datum",
        ),
        (
            "legislative_term_create",
            {"name": "WP", "start_date": "2024-01-01", "end_date": "2023-01-01"},
            "nicht vor dem Beginn",
        ),
        ("meeting_create", {"start": "morgen", "state": "planned"}, "gültige"),
        (
            "person_create",
            {"given_name": "A", "family_name": "B", "user": "niemand"},
            "kein eindeutiges Benutzerkonto",
        ),
        ("location_create", {"description": "x" * 301}, "höchstens 300 Zeichen"),
        (
            "paper_create",
            {"name": "Antrag", "date": "", "paper_type": "antrag"},
            "zwingend erforderlich",
        ),
    ],
)
def test_invalid_input_is_200_with_german_errors(staff, office, name, data, message):
    response = staff.post(url(office, name), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_meeting_end_before_start_is_a_field_error(staff, office):
    response = staff.post(
        url(office, "meeting_create"),
        {
            "organization": office["beirat"].pk,
            "start": "2025-06-23T18:00",
            "end": "2025-06-23T17:00",
            "state": "planned",
        },
    )
    assert response.status_code == 200
    assert "nicht vor dem Beginn" in response.content.decode()


def test_choices_offer_only_records_of_the_current_body(staff, office):
    """A record of another body is not offered, and posting its id is an invalid choice."""
    foreign_person = f.PersonFactory(family_name="Fremd")
    page = staff.get(url(office, "membership_create")).content.decode()
    assert "Fremd" not in page
    response = staff.post(
        url(office, "membership_create"),
        {"person": foreign_person.pk, "organization": office["beirat"].pk, "role": "mitglied"},
    )
    assert response.status_code == 200
    assert "gültige Auswahl" in response.content.decode()
    assert not Membership.objects.filter(person=foreign_person).exists()


def test_hidden_version_missing_gives_a_reload_hint_not_a_500(staff, office):
    response = staff.post(
        url(office, "location_edit", pk=office["location"].pk), {"description": "Rathaus"}
    )
    assert response.status_code == 200
    assert "Bitte laden Sie sie neu" in response.content.decode()


# --- the other entities through their pages -------------------------------------------------


def test_person_with_consent_and_account_link(staff, office):
    account = f.UserFactory(username="h.erten")
    response = staff.post(
        url(office, "person_create"),
        {"given_name": "Hayat", "family_name": "Erten", "public_consent": "on", "user": "H.ERTEN"},
    )
    assert response.status_code == 302
    person = account.person
    assert (person.name, person.public_consent, person.public_consent_date is not None) == (
        "Hayat Erten",
        True,
        True,
    )


def test_membership_create_and_end(staff, office):
    person = f.PersonFactory(body=office["body"])
    response = staff.post(
        url(office, "membership_create"),
        {
            "person": person.pk,
            "organization": office["beirat"].pk,
            "role": "stellv_vorsitz",
            "voting_right": "on",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=person)
    response = staff.post(
        url(office, "membership_end", pk=membership.pk), {"end_date": "2025-01-31", "version": "1"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == dt.date(2025, 1, 31)


def test_paper_with_originators_and_consultations(staff, office):
    response = staff.post(
        url(office, "paper_create"),
        {
            "name": "Antrag der SPD-Fraktion",
            "reference": "BMI/2012/04",
            "date": "2012-04-04",
            "paper_type": "antrag",
            "public": "on",
            "originator_organizations": [office["beirat"].pk],
            "originator_persons": [office["person"].pk],
            "related_papers": [office["paper"].pk],
        },
    )
    assert response.status_code == 302
    paper = office["beirat"].originated_papers.get()
    assert response["Location"] == url(office, "paper_edit", pk=paper.pk)
    assert list(paper.related_papers.all()) == [office["paper"]]

    add = url(office, "consultation_create", pk=paper.pk)
    response = staff.post(
        add,
        {
            "consultation-organization": office["beirat"].pk,
            "consultation-agenda_item": office["item"].pk,
            "consultation-role": "vorberatung",
        },
    )
    assert response.status_code == 302
    assert Consultation.objects.get(paper=paper).meeting == office["meeting"]

    stadtrat = f.OrganizationFactory(
        body=office["body"], organization_type=Organization.Type.STADTRAT
    )
    response = staff.post(
        add,
        {
            "consultation-organization": stadtrat.pk,
            "consultation-meeting": office["meeting"].pk,
            "consultation-role": "entscheidung",
        },
    )
    assert response.status_code == 200
    assert "passen nicht zusammen" in response.content.decode()
    assert Consultation.objects.filter(paper=paper).count() == 1

    consultation = Consultation.objects.get(paper=paper)
    remove = url(office, "consultation_delete", pk=paper.pk, consultation_pk=consultation.pk)
    assert staff.post(remove, {"version": 1}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.deleted


def test_file_upload_page(staff, office, django_capture_on_commit_callbacks):
    paper = office["paper"]
    page = staff.get(url(office, "file_upload") + f"?drucksache={paper.pk}").content.decode()
    assert f'<option value="{paper.pk}" selected>' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            url(office, "file_upload"),
            {"content": _file("antrag.pdf", make_pdf()), "name": "Antragstext", "paper": paper.pk},
        )
    assert response.status_code == 302
    assert response["Location"] == url(office, "paper_edit", pk=paper.pk) + "#dateien"
    file = File.objects.get(paper=paper)
    assert (file.name, file.mime_type) == ("Antragstext", "application/pdf")
    assert "Auslaenderbehoerde" in file.text
    assert "Antragstext" in staff.get(url(office, "file_list")).content.decode()


def test_rejected_upload_is_a_field_error(staff, office):
    response = staff.post(
        url(office, "file_upload"),
        {"content": _file("antrag.pdf", HTML), "meeting": office["meeting"].pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_content_error"' in html
    assert "kein erlaubtes Format" in html
    response = staff.post(url(office, "file_upload"), {"content": _file("antrag.pdf", make_pdf())})
    assert response.status_code == 200
    assert "genau eines davon" in response.content.decode()
    assert not File.objects.exists()


def _file(name, content):
    return SimpleUploadedFile(name, content)


# --- query counts ---------------------------------------------------------------------------


def _add_records(body):
    """One more of everything a list page shows, with all the relations it displays."""
    org = f.OrganizationFactory(body=body, parent=f.OrganizationFactory(body=body))
    user = f.UserFactory()
    person = f.PersonFactory(body=body, user=user)
    f.MembershipFactory(
        organization=org, person=person, on_behalf_of=f.OrganizationFactory(body=body)
    )
    f.LegislativeTermFactory(body=body)
    location = f.LocationFactory(body=body)
    meeting = f.MeetingFactory(
        organization=org, location=location, legislative_term=f.LegislativeTermFactory(body=body)
    )
    item = f.AgendaItemFactory(meeting=meeting)
    paper = f.PaperFactory(body=body)
    paper.originator_organizations.add(org)
    for target in ({"paper": paper}, {"meeting": meeting}, {"agenda_item": item}):
        File.objects.create(
            body=body,
            name="Anlage",
            file_name="a.pdf",
            mime_type="application/pdf",
            size=1,
            sha256="0" * 64,
            content="x",
            **target,
        )


LIST_PAGES = [
    "dashboard",
    "organization_list",
    "legislative_term_list",
    "person_list",
    "membership_list",
    "location_list",
    "meeting_list",
    "paper_list",
    "file_list",
]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages_cost_the_same_queries_for_more_rows(staff, office, name):
    """A list page's query count does not grow with its rows (no N+1)."""
    page = url(office, name)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(page).status_code == 200
        return len(queries)

    _add_records(office["body"])
    few = count()
    for _ in range(3):
        _add_records(office["body"])
    assert count() == few


# --- places and terms: public reference data, deleted ones are gone everywhere --------------


@pytest.mark.parametrize(
    ("model", "factory"),
    [(Location, f.LocationFactory), (LegislativeTerm, f.LegislativeTermFactory)],
    ids=["location", "legislative_term"],
)
@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
def test_places_and_terms_are_visible_to_everyone_while_alive(office, model, factory, role):
    """visible_to() is alive() for everyone; for_body() keeps to the body."""
    user = office["users"][role]
    alive = factory(body=office["body"])
    gone = factory(body=office["body"], deleted=True)
    foreign = factory()
    visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
    assert {alive.pk, foreign.pk} <= visible
    assert gone.pk not in visible
    in_body = set(
        model.objects.visible_to(user).for_body(office["body"]).values_list("pk", flat=True)
    )
    assert alive.pk in in_body
    assert foreign.pk not in in_body


def test_deleted_or_foreign_places_and_terms_are_neither_listed_nor_offered(staff, office):
    body = office["body"]
    f.LocationFactory(body=body, description="Altes Rathaus", deleted=True)
    f.LocationFactory(description="Fremdes Rathaus")
    f.LegislativeTermFactory(body=body, name="Gelöschte Periode", deleted=True)
    f.LegislativeTermFactory(name="Fremde Periode")
    pages = [
        url(office, "location_list"),
        url(office, "legislative_term_list"),
        url(office, "meeting_create"),
        url(office, "organization_create"),
    ]
    for page in pages:
        html = staff.get(page).content.decode()
        for name in ("Altes Rathaus", "Fremdes Rathaus", "Gelöschte Periode", "Fremde Periode"):
            assert name not in html, (page, name)
    assert (
        office["location"].description in staff.get(url(office, "meeting_create")).content.decode()
    )


# --- staff selectors --------------------------------------------------------------------------


def test_staff_record_get_is_does_not_exist_for_other_bodies_and_deleted_rows(office):
    staff_user = office["users"]["staff"]
    body = office["body"]
    assert selectors.staff_record_get(
        model=Paper, body=body, user=staff_user, pk=office["paper"].pk
    )
    foreign = f.PaperFactory()
    gone = f.LocationFactory(body=body, deleted=True)
    with pytest.raises(Paper.DoesNotExist):
        selectors.staff_record_get(model=Paper, body=body, user=staff_user, pk=foreign.pk)
    with pytest.raises(Location.DoesNotExist):
        selectors.staff_record_get(model=Location, body=body, user=staff_user, pk=gone.pk)


def test_staff_lists_hold_non_public_rows_and_count_alive_children(office):
    """Staff see the non-public paper and item; counts leave deleted rows out."""
    staff_user = office["users"]["staff"]
    body, meeting = office["body"], office["meeting"]
    secret = f.AgendaItemFactory(meeting=meeting, public=False, order=2)
    f.AgendaItemFactory(meeting=meeting, deleted=True, order=3)
    secret_paper = f.PaperFactory(body=body, public=False)
    listed = selectors.staff_meeting_list(body=body, user=staff_user).get(pk=meeting.pk)
    assert listed.item_count == 2
    assert selectors.staff_agenda_item_list(meeting=meeting, user=staff_user) == [
        office["item"],
        secret,
    ]
    assert secret_paper in selectors.staff_paper_list(body=body, user=staff_user)
    organization = selectors.staff_organization_list(body=body, user=staff_user).get(
        pk=office["beirat"].pk
    )
    assert organization.member_count == 3  # the person, the chair and the member


def test_staff_selectors_keep_children_to_their_parent(office):
    """An item of another meeting, or a consultation of another paper, does not exist here."""
    staff_user = office["users"]["staff"]
    other_meeting = f.MeetingFactory(organization=office["beirat"])
    other_item = f.AgendaItemFactory(meeting=other_meeting)
    with pytest.raises(AgendaItem.DoesNotExist):
        selectors.staff_agenda_item_get(
            meeting=office["meeting"], user=staff_user, pk=other_item.pk
        )
    other_paper = f.PaperFactory(body=office["body"])
    with pytest.raises(Consultation.DoesNotExist):
        selectors.staff_consultation_get(
            paper=other_paper, user=staff_user, pk=office["consultation"].pk
        )
    assert (
        selectors.staff_consultation_get(
            paper=office["paper"], user=staff_user, pk=office["consultation"].pk
        )
        == office["consultation"]
    )


def test_staff_file_list_for_a_meeting_or_a_paper(office):
    staff_user = office["users"]["staff"]
    common = {
        "body": office["body"],
        "mime_type": "application/pdf",
        "size": 1,
        "sha256": "0" * 64,
        "content": "x",
    }
    on_meeting = File.objects.create(
        name="Einladung", file_name="e.pdf", meeting=office["meeting"], **common
    )
    on_paper = File.objects.create(
        name="Antrag", file_name="a.pdf", paper=office["paper"], **common
    )
    File.objects.create(
        name="Alt", file_name="x.pdf", paper=office["paper"], deleted=True, **common
    )
    assert list(selectors.staff_file_list_for(target=office["meeting"], user=staff_user)) == [
        on_meeting
    ]
    assert list(selectors.staff_file_list_for(target=office["paper"], user=staff_user)) == [
        on_paper
    ]


def test_the_whole_agenda_is_reordered_at_once_as_drag_and_drop_sends_it(staff, office):
    """Drag and drop posts every item's id in the new order; the agenda is renumbered.
    An order that does not name every item exactly once is refused with a message and
    changes nothing (the list may be stale after another edit)."""
    meeting = office["meeting"]
    services.agenda_item_create(meeting=meeting, name="Zweiter Punkt")
    services.agenda_item_create(meeting=meeting, name="Dritter Punkt")
    items = list(AgendaItem.objects.filter(meeting=meeting).alive().order_by("order"))
    assert len(items) == 3
    reorder = url(office, "agenda_item_reorder", pk=meeting.pk)
    new_order = [items[2].pk, items[0].pk, items[1].pk]
    response = staff.post(reorder, {"order": ",".join(map(str, new_order))}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "neue Reihenfolge" in response.content.decode()
    assert 'data-reorder-url="' in response.content.decode()
    after = list(AgendaItem.objects.filter(meeting=meeting).alive().order_by("order"))
    assert [item.pk for item in after] == new_order
    assert [item.number for item in after] == ["1", "2", "3"]

    for bad in (f"{items[0].pk},{items[1].pk}", "1,x,3", f"{items[0].pk}," * 3):
        response = staff.post(reorder, {"order": bad}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "Bitte laden Sie die Seite neu" in response.content.decode()
    assert [
        item.pk for item in AgendaItem.objects.filter(meeting=meeting).alive().order_by("order")
    ] == new_order
