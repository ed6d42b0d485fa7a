"""The member area (/<body>/mein-bereich/): who gets in, that members see only their own
sessions and motions, filing a motion through the form, the personal calendar feed, and
the staff and public pages that show a motion's marks and path."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.council import services
from teilhabe.council.models import AgendaItem, Organization, Paper
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

VIDEO = "https://video.example.org/beirat-raum"
TEXTS = {
    "name": "Sprachcafé im Quartier",
    "proposed_resolution": "Der Beirat empfiehlt ein Sprachcafé.",
    "justification": "Viele wünschen es sich.",
}


@pytest.fixture
def area():
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body, legal_member_count=15)
    stadtrat = f.OrganizationFactory(
        body=body, name="Stadtrat", organization_type=Organization.Type.STADTRAT
    )
    faction = f.OrganizationFactory(
        body=body, name="Internationale Liste", organization_type=Organization.Type.FRAKTION
    )
    member = f.UserFactory(username="mitglied")
    person = f.PersonFactory(body=body, user=member, given_name="Leyla", family_name="Aydın")
    f.MembershipFactory(organization=beirat, person=person)
    f.MembershipFactory(organization=faction, person=person)
    councillor = f.UserFactory(username="stadtrat")
    councillor_person = f.PersonFactory(body=body, user=councillor)
    f.MembershipFactory(organization=stadtrat, person=councillor_person)
    meeting = f.MeetingFactory(
        organization=beirat, number=12, video_conference_url=VIDEO, name="Sitzung des Beirats"
    )
    f.AgendaItemFactory(meeting=meeting, public=False, name="Personalsache Geheim")
    council_meeting = f.MeetingFactory(organization=stadtrat, name="Sitzung des Stadtrats")
    return {
        "body": body,
        "beirat": beirat,
        "stadtrat": stadtrat,
        "faction": faction,
        "member": member,
        "person": person,
        "councillor": councillor,
        "councillor_person": councillor_person,
        "meeting": meeting,
        "council_meeting": council_meeting,
        "staff": f.StaffRoleFactory(body=body).user,
    }


def _u(area, name, **kwargs):
    return reverse(f"council_member:{name}", kwargs={"body": area["body"].slug, **kwargs})


def _motion(area, user=None, **kwargs):
    values = {**TEXTS, **kwargs}
    return services.motion_submit(
        body=area["body"], by=user or area["member"], meeting=area["meeting"], **values
    )


# Who gets in ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["meetings", "motion_list", "motion_create"])
def test_anonymous_visitors_are_sent_to_the_login(client, area, name):
    response = client.get(_u(area, name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("name", ["meetings", "motion_list", "motion_create"])
def test_users_without_a_person_in_the_body_get_404(client, area, name):
    """Staff without a person, and a member of another body, have no member area here."""
    client.force_login(area["staff"])
    assert client.get(_u(area, name)).status_code == 404
    elsewhere = f.UserFactory()
    f.MembershipFactory(person=f.PersonFactory(user=elsewhere))
    client.force_login(elsewhere)
    assert client.get(_u(area, name)).status_code == 404


def test_the_header_links_the_member_area_for_members_only(client, area):
    body_url = reverse("council:body", kwargs={"body": area["body"].slug})
    client.force_login(area["member"])
    assert _u(area, "meetings") in client.get(body_url).content.decode()
    client.force_login(area["staff"])
    assert _u(area, "meetings") not in client.get(body_url).content.decode()


# Meine Sitzungen ---------------------------------------------------------------------------


def test_my_meetings_shows_only_my_organizations(client, area):
    """The Beirat member sees the Beirat's session with its video link, not the Stadtrat's."""
    client.force_login(area["member"])
    content = client.get(_u(area, "meetings")).content.decode()
    assert "Sitzung des Beirats" in content
    assert VIDEO in content
    assert "Sitzung des Stadtrats" not in content
    assert "Personalsache Geheim" not in content  # items are on the meeting page

    client.force_login(area["councillor"])
    content = client.get(_u(area, "meetings")).content.decode()
    assert "Sitzung des Stadtrats" in content
    assert "Sitzung des Beirats" not in content
    assert VIDEO not in content


def test_my_meetings_query_count_is_constant(client, area):
    client.force_login(area["member"])

    def queries(n):
        for i in range(n):
            f.MeetingFactory(
                organization=area["beirat"], location=f.LocationFactory(body=area["body"])
            )
            f.MeetingFactory(
                organization=area["beirat"], start=timezone.now() - dt.timedelta(days=i + 1)
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_u(area, "meetings")).status_code == 200
        return len(captured)

    assert queries(1) == queries(5)


# Meine Anträge -----------------------------------------------------------------------------------


def test_my_motions_shows_mine_and_my_factions_only(client, area):
    mine = _motion(area)
    factions = _motion(area, on_behalf_of=area["faction"])
    colleague = f.UserFactory()
    colleague_person = f.PersonFactory(body=area["body"], user=colleague)
    f.MembershipFactory(organization=area["beirat"], person=colleague_person)
    theirs = _motion(area, user=colleague, name="Antrag eines anderen Mitglieds")

    client.force_login(area["member"])
    content = client.get(_u(area, "motion_list")).content.decode()
    assert mine.reference in content
    assert factions.reference in content
    assert "Antrag eines anderen Mitglieds" not in content
    assert theirs.reference not in content
    assert "eingereicht" in content


def test_my_motions_query_count_is_constant(client, area):
    client.force_login(area["member"])

    def queries(n):
        for _ in range(n):
            paper = _motion(area, on_behalf_of=area["faction"])
            services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_u(area, "motion_list")).status_code == 200
        return len(captured)

    assert queries(1) == queries(4)


# Antrag stellen --------------------------------------------------------------------------------


def _form_data(area, **overrides):
    return {
        "meeting": area["meeting"].pk,
        "on_behalf_of": "",
        "name": TEXTS["name"],
        "proposed_resolution": TEXTS["proposed_resolution"],
        "justification": TEXTS["justification"],
        "cited_references": "",
        "public": "on",
        **overrides,
    }


def test_the_form_offers_only_my_sessions_and_shows_the_deadline(client, area):
    client.force_login(area["member"])
    response = client.get(_u(area, "motion_create"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sitzung des Beirats" in content
    assert "Sitzung des Stadtrats" not in content
    # Default: seven days before the session day, so the last day in time is the eighth.
    last_day = timezone.localtime(area["meeting"].start).date() - dt.timedelta(days=8)
    assert f"bis einschließlich {last_day:%d.%m.%Y}" in content
    assert "Gemeindeordnung Rheinland-Pfalz" in content
    on_behalf = response.context["form"].fields["on_behalf_of"].queryset
    assert list(on_behalf) == [area["faction"]]


def test_the_form_warns_when_the_motion_would_be_late(client, area):
    """A session within the deadline is marked: a motion now would be late."""
    area["meeting"].start = timezone.now() + dt.timedelta(days=2)
    area["meeting"].save()
    client.force_login(area["member"])
    content = client.get(_u(area, "motion_create")).content.decode()
    assert "wäre verspätet" in content


def test_filing_through_the_form(client, area):
    """A valid form files the motion and shows the confirmation with its reference."""
    client.force_login(area["member"])
    response = client.post(_u(area, "motion_create"), _form_data(area))
    paper = Paper.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _u(area, "motion_submitted", pk=paper.pk)
    confirmation = client.get(response["Location"])
    content = confirmation.content.decode()
    assert paper.reference in content
    assert "fristgerecht" in content
    assert paper.submitted_by == area["member"]


def test_a_late_motion_is_confirmed_as_late(client, area):
    area["meeting"].start = timezone.now() + dt.timedelta(days=2)
    area["meeting"].save()
    client.force_login(area["member"])
    response = client.post(_u(area, "motion_create"), _form_data(area), follow=True)
    assert Paper.objects.get().late
    assert "verspätet" in response.content.decode()


def test_a_forged_session_is_refused_and_nothing_written(client, area):
    """Another organization's session is not a choice: a form error, no paper."""
    client.force_login(area["member"])
    response = client.post(
        _u(area, "motion_create"), _form_data(area, meeting=area["council_meeting"].pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["meeting"]
    assert not Paper.objects.exists()


def test_unknown_cited_references_are_named(client, area):
    hidden = f.PaperFactory(body=area["body"], public=False, reference="BMI/2026/099")
    client.force_login(area["member"])
    response = client.post(
        _u(area, "motion_create"),
        _form_data(area, cited_references=f"{hidden.reference}, XYZ/1"),
    )
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["cited_references"])
    assert "BMI/2026/099" in error
    assert "XYZ/1" in error
    assert not Paper.objects.filter(submitted_by=area["member"]).exists()


def test_cited_references_become_related_papers(client, area):
    cited = f.PaperFactory(body=area["body"], reference="BMI/2025/003")
    client.force_login(area["member"])
    client.post(_u(area, "motion_create"), _form_data(area, cited_references="BMI/2025/003"))
    motion = Paper.objects.get(submitted_by=area["member"])
    assert list(motion.related_papers.all()) == [cited]


def test_the_confirmation_is_only_for_the_filer(client, area):
    paper = _motion(area)
    client.force_login(area["councillor"])
    assert client.get(_u(area, "motion_submitted", pk=paper.pk)).status_code == 404


# The personal calendar ---------------------------------------------------------------------------


def _token(client, area, user):
    client.force_login(user)
    response = client.post(_u(area, "calendar_reset"))
    assert response.status_code == 302
    user.refresh_from_db()
    return user.calendar_token


def test_the_calendar_feed(client, area):
    """The member's feed holds their sessions with the video link, never other data."""
    token = _token(client, area, area["member"])
    client.logout()
    response = client.get(_u(area, "calendar_feed", token=token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Sitzung des Beirats – " + area["beirat"].name]
    description = str(events[0]["description"])
    assert VIDEO in description
    assert "Nichtöffentlicher Teil: 1" in description
    assert "Personalsache" not in response.content.decode()


def test_a_wrong_token_gives_404(client, area):
    _token(client, area, area["member"])
    assert client.get(_u(area, "calendar_feed", token="falsch")).status_code == 404


def test_a_new_token_ends_the_old_address(client, area):
    old = _token(client, area, area["member"])
    new = _token(client, area, area["member"])
    assert old != new
    assert client.get(_u(area, "calendar_feed", token=old)).status_code == 404
    assert client.get(_u(area, "calendar_feed", token=new)).status_code == 200


def test_the_token_works_only_in_the_members_body(client, area):
    token = _token(client, area, area["member"])
    other = f.BodyFactory()
    url = reverse("council_member:calendar_feed", kwargs={"body": other.slug, "token": token})
    assert client.get(url).status_code == 404


def test_the_calendar_reset_needs_post(client, area):
    client.force_login(area["member"])
    assert client.get(_u(area, "calendar_reset")).status_code == 405
    area["member"].refresh_from_db()
    assert area["member"].calendar_token is None


# Staff and public pages ---------------------------------------------------------------------


def test_staff_see_the_marks_and_put_the_motion_on_the_agenda(client, area):
    paper = _motion(area, on_behalf_of=area["faction"])
    client.force_login(area["staff"])
    edit = reverse("council_staff:paper_edit", kwargs={"body": area["body"].slug, "pk": paper.pk})
    content = client.get(edit).content.decode()
    assert "Auf die Tagesordnung setzen" in content
    assert "Pflicht zur Aufnahme" in content
    assert "Gemeindeordnung Rheinland-Pfalz" in content
    url = reverse(
        "council_staff:motion_put_on_agenda", kwargs={"body": area["body"].slug, "pk": paper.pk}
    )
    data = {"agenda-meeting": area["meeting"].pk, "agenda-public": "0", "agenda-version": 1}
    response = client.post(url, data)
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=area["meeting"], name=paper.name)
    assert not item.public
    paper.refresh_from_db()
    assert not paper.public  # treated in a non-public item, the motion is not public either
    again = client.post(url, {**data, "agenda-version": paper.version}, follow=True)
    assert "schon auf der Tagesordnung" in again.content.decode()
    assert AgendaItem.objects.filter(name=paper.name).count() == 1


def test_staff_paper_list_marks_late_and_obliging(client, area):
    area["meeting"].start = timezone.now() + dt.timedelta(days=2)
    area["meeting"].save()
    _motion(area, on_behalf_of=area["faction"])
    client.force_login(area["staff"])
    content = client.get(
        reverse("council_staff:paper_list", kwargs={"body": area["body"].slug})
    ).content.decode()
    assert "verspätet" in content
    assert "Pflicht zur Aufnahme" in content


def test_the_public_paper_page_shows_where_the_motion_stands(client, area):
    paper = _motion(area)
    url = reverse("council:paper_detail", kwargs={"body": area["body"].slug, "pk": paper.pk})
    content = client.get(url).content.decode()
    assert "Eingereicht für" in content
    assert "eingereicht" in content
    services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)
    content = client.get(url).content.decode()
    assert "auf der Tagesordnung" in content
