"""A body imported from OParl (`Body.oparl_source` set) is read-only outside the importer.

Truth table: every service that creates, changes or deletes a record refuses a record of an
imported body with ImportedBodyReadOnly and writes nothing, and does its work on a body made
in Teilhabe. The staff pages answer the refusal as a message (never a 500), the dashboard
says where the body comes from, and the admin shows such records without letting them be
changed. A body's own paper may still point at an imported paper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils import timezone

from teilhabe.council import errors, services
from teilhabe.council.models import AgendaItem, Meeting, Organization, Paper
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

SOURCE = "https://ris.example.org/oparl/v1/body/1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _scene(*, imported: bool) -> dict[str, Any]:
    """One body with a record of every kind; imported or made in Teilhabe."""
    body = f.BodyFactory(oparl_source=SOURCE if imported else "")
    beirat = f.OrganizationFactory(body=body)
    person = f.PersonFactory(body=body)
    membership = f.MembershipFactory(organization=beirat, person=person)
    held = f.MeetingFactory(organization=beirat, start=timezone.now() - dt.timedelta(hours=1))
    upcoming = f.MeetingFactory(organization=beirat)
    items = [f.AgendaItemFactory(meeting=upcoming, order=n, number=str(n)) for n in (1, 2)]
    held_item = f.AgendaItemFactory(meeting=held, order=1, number="1")
    paper = f.PaperFactory(body=body)
    return {
        "body": body,
        "beirat": beirat,
        "person": person,
        "newcomer": f.PersonFactory(body=body),
        "membership": membership,
        "term": f.LegislativeTermFactory(body=body),
        "location": f.LocationFactory(body=body),
        "held": held,
        "held_item": held_item,
        "upcoming": upcoming,
        "items": items,
        "paper": paper,
        "consultation": f.ConsultationFactory(paper=paper, organization=beirat),
        "staff": f.StaffRoleFactory(body=body).user,
    }


def _upload(s: dict[str, Any]) -> Any:
    return services.file_upload(
        body=s["body"],
        by=s["staff"],
        uploaded_file=SimpleUploadedFile("vorlage.pdf", PDF, content_type="application/pdf"),
        paper=s["paper"],
    )


# Every write the staff pages offer, as a call on a scene.
WRITES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "organization_create": lambda s: services.organization_create(
        body=s["body"], name="Arbeitsgruppe Wohnen", organization_type="arbeitsgruppe"
    ),
    "organization_update": lambda s: services.organization_update(
        organization=s["beirat"], expected_version=1, name="Neuer Name"
    ),
    "legislative_term_create": lambda s: services.legislative_term_create(
        body=s["body"], name="Wahlperiode 2029–2034", start_date=dt.date(2029, 11, 1)
    ),
    "legislative_term_update": lambda s: services.legislative_term_update(
        legislative_term=s["term"], expected_version=1, name="Wahlperiode"
    ),
    "person_create": lambda s: services.person_create(
        body=s["body"], given_name="Ada", family_name="Muster"
    ),
    "person_update": lambda s: services.person_update(
        person=s["person"], expected_version=1, family_name="Anders"
    ),
    "membership_create": lambda s: services.membership_create(
        body=s["body"], person=s["newcomer"], organization=s["beirat"]
    ),
    "membership_update": lambda s: services.membership_update(
        membership=s["membership"], expected_version=1, voting_right=False
    ),
    "membership_end": lambda s: services.membership_end(
        membership=s["membership"], expected_version=1, end_date=timezone.localdate()
    ),
    "location_create": lambda s: services.location_create(body=s["body"], description="Aula"),
    "location_update": lambda s: services.location_update(
        location=s["location"], expected_version=1, room="101"
    ),
    "meeting_create": lambda s: services.meeting_create(
        body=s["body"], organization=s["beirat"], start=timezone.now() + dt.timedelta(days=30)
    ),
    "meeting_update": lambda s: services.meeting_update(
        meeting=s["upcoming"], expected_version=1, name="Sondersitzung"
    ),
    "meeting_cancel": lambda s: services.meeting_cancel(meeting=s["upcoming"], expected_version=1),
    "agenda_item_create": lambda s: services.agenda_item_create(
        meeting=s["upcoming"], name="Verschiedenes"
    ),
    "agenda_item_update": lambda s: services.agenda_item_update(
        agenda_item=s["items"][0], expected_version=1, name="Begrüßung"
    ),
    "agenda_item_delete": lambda s: services.agenda_item_delete(
        agenda_item=s["items"][0], expected_version=1
    ),
    "agenda_item_reorder": lambda s: services.agenda_item_reorder(
        meeting=s["upcoming"], ordered_ids=[s["items"][1].pk, s["items"][0].pk]
    ),
    "agenda_item_move": lambda s: services.agenda_item_move(agenda_item=s["items"][0], offset=1),
    "paper_create": lambda s: services.paper_create(
        body=s["body"], name="Anfrage", date=timezone.localdate(), paper_type="anfrage"
    ),
    "paper_update": lambda s: services.paper_update(
        paper=s["paper"], expected_version=1, name="Geänderter Antrag"
    ),
    "consultation_create": lambda s: services.consultation_create(
        paper=s["paper"], organization=s["beirat"]
    ),
    "consultation_delete": lambda s: services.consultation_delete(
        consultation=s["consultation"], expected_version=1
    ),
    "file_upload": _upload,
    "file_create_generated": lambda s: services.file_create_generated(
        body=s["body"], name="Niederschrift", file_name="n.pdf", content=PDF, meeting=s["held"]
    ),
    "session_rules_create": lambda s: services.session_rules_create(
        body=s["body"], name="Geschäftsordnung"
    ),
    "attendance_prefill": lambda s: services.attendance_prefill(meeting=s["held"]),
    "vote_record": lambda s: services.vote_record(
        agenda_item=s["held_item"], yes=3, no=1, abstain=0
    ),
    "agenda_item_conclude": lambda s: services.agenda_item_conclude(
        agenda_item=s["held_item"], expected_version=1, outcome="noted"
    ),
    "minutes_draft": lambda s: services.minutes_draft(meeting=s["held"]),
}


def _council_state() -> dict[str, tuple[Any, ...]]:
    """Rows, summed versions, deleted rows and the last change of every council table."""
    state = {}
    models = [*apps.get_app_config("council").get_models(), apps.get_model("core", "Body")]
    for model in models:
        names = {field.name for field in model._meta.get_fields()}
        aggregate = model._default_manager.aggregate(
            rows=Count("pk"),
            versions=Sum("version") if "version" in names else Count("pk"),
            modified=Max("modified") if "modified" in names else Count("pk"),
        )
        deleted = model._default_manager.filter(deleted=True).count() if "deleted" in names else 0
        state[model._meta.label] = (*aggregate.values(), deleted)
    return state


@pytest.mark.parametrize("name", WRITES)
def test_every_write_refuses_an_imported_body_and_writes_nothing(name):
    scene = _scene(imported=True)
    before = _council_state()
    with pytest.raises(errors.ImportedBodyReadOnly) as refused:
        WRITES[name](scene)
    assert refused.value.code == "imported_body_read_only"
    assert "OParl-Import" in refused.value.message
    assert _council_state() == before


@pytest.mark.parametrize("name", list(WRITES))
def test_every_write_works_on_a_body_made_in_teilhabe(name):
    scene = _scene(imported=False)
    before = _council_state()
    WRITES[name](scene)
    assert _council_state() != before


def test_an_own_paper_may_point_at_an_imported_paper_and_change_afterwards():
    """The link is stored on the own (writable) paper; the imported one is not written."""
    stadtrat = _scene(imported=True)
    own = _scene(imported=False)
    imported_paper = stadtrat["paper"]
    own["paper"].related_papers.add(imported_paper)
    updated = services.paper_update(paper=own["paper"], expected_version=1, name="Mit Bezug")
    assert list(updated.related_papers.all()) == [imported_paper]
    imported_paper.refresh_from_db()
    assert imported_paper.version == 1


# --- staff pages ---------------------------------------------------------------------------


def _url(scene: dict[str, Any], name: str, **kwargs: Any) -> str:
    return reverse(f"council_staff:{name}", kwargs={"body": scene["body"].slug, **kwargs})


@pytest.fixture
def imported(client):
    scene = _scene(imported=True)
    client.force_login(scene["staff"])
    return scene


def test_a_staff_form_answers_with_the_message_and_writes_nothing(client, imported):
    before = _council_state()
    response = client.post(
        _url(imported, "organization_edit", pk=imported["beirat"].pk),
        {"name": "Neuer Name", "organization_type": "beirat", "version": "1"},
    )
    assert response.status_code == 200
    assert "kann hier nicht geändert werden" in response.content.decode()
    assert _council_state() == before


def test_a_staff_create_form_answers_with_the_message_and_writes_nothing(client, imported):
    before = _council_state()
    response = client.post(
        _url(imported, "paper_create"),
        {"name": "Anfrage", "date": "2025-01-02", "paper_type": "anfrage", "reference": "A/1"},
    )
    assert response.status_code == 200
    assert "kann hier nicht geändert werden" in response.content.decode()
    assert _council_state() == before
    assert not Paper.objects.filter(name="Anfrage").exists()


def test_a_staff_action_answers_with_the_message_and_writes_nothing(client, imported):
    meeting = imported["upcoming"]
    before = _council_state()
    response = client.post(
        _url(imported, "meeting_cancel", pk=meeting.pk), {"version": 1}, follow=True
    )
    assert response.status_code == 200
    assert "kann hier nicht geändert werden" in response.content.decode()
    assert _council_state() == before
    meeting.refresh_from_db()
    assert meeting.state != Meeting.State.CANCELLED


def test_the_dashboard_of_an_imported_body_names_its_source(client, imported):
    html = client.get(_url(imported, "dashboard")).content.decode()
    assert SOURCE in html
    assert "schreibgeschützt" in html
    assert _url(imported, "meeting_create") not in html


def test_the_dashboard_of_an_own_body_has_no_import_notice(client):
    scene = _scene(imported=False)
    client.force_login(scene["staff"])
    html = client.get(_url(scene, "dashboard")).content.decode()
    assert "schreibgeschützt" not in html
    assert _url(scene, "meeting_create") in html


# --- admin ---------------------------------------------------------------------------------


@pytest.mark.parametrize("is_imported", [True, False])
def test_the_admin_changes_only_records_of_an_own_body(client, is_imported):
    scene = _scene(imported=is_imported)
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    beirat = scene["beirat"]
    url = reverse("admin:council_organization_change", args=[beirat.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "body": scene["body"].pk,
            "name": "Im Admin geändert",
            "short_name": "",
            "organization_type": "beirat",
            "legal_member_count": 15,
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code in (302, 403)
    beirat.refresh_from_db()
    assert (beirat.name == "Im Admin geändert") is not is_imported
    delete = client.get(reverse("admin:council_organization_delete", args=[beirat.pk]))
    assert (delete.status_code == 403) is is_imported


def test_the_admin_does_not_mark_imported_records_deleted(client):
    scene = _scene(imported=True)
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    item = scene["items"][0]
    client.post(
        reverse("admin:council_agendaitem_changelist"),
        {"action": "mark_deleted", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert not item.deleted
    assert AgendaItem.objects.alive().filter(pk=item.pk).exists()
    assert Organization.objects.filter(pk=scene["beirat"].pk, version=1).exists()
