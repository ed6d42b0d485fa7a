"""The public pages of a body: what residents, press, members and staff see.

The `scene` fixture extends the shared `world` with a non-public agenda item that has a
resolution text and a file, a non-public paper, a member who did not consent to
publication and a video conference link. Every page is requested as every role and
checked for those secrets; the non-public part must stay a bare heading for outsiders.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from teilhabe.council import models
from teilhabe.council.tests import factories as f
from teilhabe.council.tests.test_file_download import FileFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "staff", "member_of_other_org", "other_body_staff", "former_member"]
ENTITLED = {"member", "staff"}
OUTSIDERS = [role for role in ROLES if role not in ENTITLED]

SECRET_ITEM = "Personalsache"  # the world's non-public agenda item
SECRET_RESOLUTION = "Geheimer Beschlusstext zur Stellenbesetzung"
SECRET_PAPER = "Geheimantrag Grundstückstausch"
SECRET_FILE = "Vertrauliches Gutachten"
SECRET_PAPER_FILE = "Vertrauliche Anlage"
SECRET_VIDEO = "video.example.org/geheim-raum"
SHY_PERSON = "Verborgen"  # a member without consent to publication
SECRETS = [
    SECRET_ITEM,
    SECRET_RESOLUTION,
    SECRET_PAPER,
    SECRET_FILE,
    SECRET_PAPER_FILE,
    SECRET_VIDEO,
    SHY_PERSON,
]
NONPUBLIC_HEADING = "Nichtöffentlicher Teil"


@pytest.fixture
def scene(world):
    body = world["body"]
    public_item = world["public_item"]
    secret_item = world["secret_item"]
    meeting = public_item.meeting
    beirat = meeting.organization
    meeting.video_conference_url = f"https://{SECRET_VIDEO}"
    meeting.save()

    public_item.result = models.AgendaItem.Result.ADOPTED
    public_item.resolution_text = "Der Beirat unterstützt das Sprachcafé."
    public_item.votes_yes, public_item.votes_no, public_item.votes_abstain = 9, 1, 2
    public_item.save()
    secret_item.result = models.AgendaItem.Result.ADOPTED
    secret_item.resolution_text = SECRET_RESOLUTION
    secret_item.save()

    secret_paper = world["secret_paper"]
    secret_paper.name = SECRET_PAPER
    secret_paper.save()
    public_paper = f.PaperFactory(body=body, name="Antrag Sprachcafé", reference="BMI/2025/007")
    f.ConsultationFactory(
        paper=public_paper,
        organization=beirat,
        meeting=meeting,
        agenda_item=public_item,
        authoritative=True,
        role=models.Consultation.Role.DECIDE,
    )
    public_paper.related_papers.add(secret_paper)

    FileFactory(agenda_item=secret_item, name=SECRET_FILE, file_name="gutachten.pdf")
    FileFactory(paper=secret_paper, name=SECRET_PAPER_FILE, file_name="anlage.pdf")
    public_file = FileFactory(agenda_item=public_item, name="Präsentation Sprachcafé")

    shy = f.PersonFactory(
        body=body, given_name="Vera", family_name=SHY_PERSON, public_consent=False
    )
    f.MembershipFactory(organization=beirat, person=shy)
    member_person = models.Person.objects.get(user=world["users"]["member"])
    return {
        **world,
        "meeting": meeting,
        "beirat": beirat,
        "public_paper": public_paper,
        "public_file": public_file,
        "shy": shy,
        "member_person": member_person,
    }


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _url(name, body, **kwargs):
    return reverse(f"council:{name}", kwargs={"body": body.slug, **kwargs})


def _pages(scene):
    """Every public page of the scene's body, by name."""
    body = scene["body"]
    return {
        "body": _url("body", body),
        "organization_list": _url("organization_list", body),
        "organization_detail": _url("organization_detail", body, pk=scene["beirat"].pk),
        "meeting_list": _url("meeting_list", body),
        "meeting_detail": _url("meeting_detail", body, pk=scene["meeting"].pk),
        "paper_list": _url("paper_list", body),
        "paper_detail": _url("paper_detail", body, pk=scene["public_paper"].pk),
        "person_list": _url("person_list", body),
        "person_detail": _url("person_detail", body, pk=scene["member_person"].pk),
    }


PAGE_NAMES = [
    "body",
    "organization_list",
    "organization_detail",
    "meeting_list",
    "meeting_detail",
    "paper_list",
    "paper_detail",
    "person_list",
    "person_detail",
]


# Every page, every role ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_every_page_renders_with_one_h1_and_a_title(client, scene, page, role):
    """Each page answers 200 for every role, with exactly one h1 and a <title> naming the body."""
    response = _client(client, scene["users"][role]).get(_pages(scene)[page])
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    title = re.search(r"<title>(.*?)</title>", content, re.S)
    assert title is not None
    assert scene["body"].name in title.group(1)
    assert title.group(1).strip() != scene["body"].name  # the page names itself first


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_no_page_shows_a_secret_to_outsiders(client, scene, page, role):
    """Non-public titles, resolutions, papers, files, video links and shy persons stay hidden."""
    content = _client(client, scene["users"][role]).get(_pages(scene)[page]).content.decode()
    for secret in SECRETS:
        assert secret not in content, (page, role, secret)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_see_only_the_heading_of_the_nonpublic_part(client, scene, role):
    """The meeting page says there is a non-public part (and how many items), nothing more."""
    response = _client(client, scene["users"][role]).get(_pages(scene)["meeting_detail"])
    content = response.content.decode()
    assert NONPUBLIC_HEADING in content
    assert "nicht öffentlich (1 Tagesordnungspunkt)" in content
    assert SECRET_ITEM not in content


@pytest.mark.parametrize("role", sorted(ENTITLED))
def test_members_and_staff_see_the_nonpublic_part_in_full(client, scene, role):
    """Members of the organization and staff see the non-public items, marked as such."""
    content = (
        _client(client, scene["users"][role]).get(_pages(scene)["meeting_detail"]).content.decode()
    )
    assert NONPUBLIC_HEADING in content
    for secret in (SECRET_ITEM, SECRET_RESOLUTION, SECRET_FILE, SECRET_VIDEO):
        assert secret in content
    assert "nichtöffentlich" in content


def test_meeting_page_shows_the_public_agenda_with_votes_papers_and_files(client, scene):
    content = client.get(_pages(scene)["meeting_detail"]).content.decode()
    assert "Der Beirat unterstützt das Sprachcafé." in content
    assert "Ja: 9, Nein: 1, Enthaltungen: 2" in content
    assert "angenommen" in content
    assert "Antrag Sprachcafé" in content
    assert "Präsentation Sprachcafé" in content
    assert "Videokonferenz" in content  # that there is one is public, the link is not


def test_a_file_name_that_cannot_be_linked_does_not_break_the_page(client, scene):
    """A stored name with a slash has no download URL: the page leaves it out, no 500."""
    FileFactory(agenda_item=scene["public_item"], name="Kaputter Name", file_name="a/b.pdf")
    response = client.get(_pages(scene)["meeting_detail"])
    assert response.status_code == 200
    assert "Kaputter Name" not in response.content.decode()
    assert "Präsentation Sprachcafé" in response.content.decode()


def test_only_web_addresses_become_links(client, scene):
    beirat = scene["beirat"]
    beirat.website = "javascript:alert(1)"
    beirat.save()
    content = client.get(_pages(scene)["organization_detail"]).content.decode()
    assert 'href="javascript:' not in content
    beirat.website = "https://beirat.example.org/"
    beirat.save()
    content = client.get(_pages(scene)["organization_detail"]).content.decode()
    assert 'href="https://beirat.example.org/"' in content


@pytest.mark.parametrize("role", sorted(ENTITLED))
def test_body_start_lists_nonpublic_resolutions_only_for_the_entitled(client, scene, role):
    """A non-public resolution appears on the start page for members and staff, marked."""
    content = _client(client, scene["users"][role]).get(_pages(scene)["body"]).content.decode()
    resolutions = content[content.index("Neueste Beschlüsse") :]
    assert SECRET_ITEM in resolutions
    assert "nichtöffentlich" in resolutions


def test_body_start_shows_next_meetings_organizations_and_resolutions(client, scene):
    """Next meetings (no cancelled ones), organizations by type, latest public resolutions."""
    body, beirat = scene["body"], scene["beirat"]
    f.MeetingFactory(
        organization=beirat, name="Abgesagte Sondersitzung", state=models.Meeting.State.CANCELLED
    )
    f.OrganizationFactory(
        body=body,
        name="AG Sprache und Bildung",
        organization_type=models.Organization.Type.ARBEITSGRUPPE,
        parent=beirat,
    )
    content = client.get(_pages(scene)["body"]).content.decode()
    assert "Abgesagte Sondersitzung" not in content
    assert scene["meeting"].title in content
    assert "Arbeitsgruppe" in content
    assert "AG Sprache und Bildung" in content
    assert scene["public_item"].name in content
    assert "Drucksache BMI/2025/007" in content


def test_secret_paper_is_404_for_outsiders_and_200_for_the_entitled(client, scene):
    url = _url("paper_detail", scene["body"], pk=scene["secret_paper"].pk)
    for role in ROLES:
        client.logout()
        status = _client(client, scene["users"][role]).get(url).status_code
        assert status == (200 if role in ENTITLED else 404), role


def test_paper_page_shows_consultation_path_and_only_visible_related_papers(client, scene):
    content = client.get(_pages(scene)["paper_detail"]).content.decode()
    assert "Beratungsfolge" in content
    assert scene["beirat"].name in content
    assert "Entscheidung" in content
    assert "beschließend" in content
    assert SECRET_PAPER not in content
    staff_content = (
        _client(client, scene["users"]["staff"]).get(_pages(scene)["paper_detail"]).content.decode()
    )
    assert SECRET_PAPER in staff_content


def test_paper_originators_show_organizations_and_only_consenting_persons(client, scene):
    body = scene["body"]
    faction = f.OrganizationFactory(
        body=body, name="Liste Vielfalt", organization_type=models.Organization.Type.FRAKTION
    )
    paper = scene["public_paper"]
    paper.originator_organizations.add(faction)
    paper.originator_persons.add(scene["shy"], scene["member_person"])
    content = client.get(_pages(scene)["paper_detail"]).content.decode()
    assert "Liste Vielfalt" in content
    assert scene["member_person"].name in content
    assert SHY_PERSON not in content


# Consent on organization and person pages ---------------------------------------------------


def test_organization_page_counts_members_without_consent_for_the_public(client, scene):
    content = client.get(_pages(scene)["organization_detail"]).content.decode()
    assert scene["member_person"].name in content
    assert SHY_PERSON not in content
    assert "und 1 weiteres Mitglied, das einer Veröffentlichung nicht zugestimmt hat." in content


def test_organization_page_uses_the_plural_for_several_hidden_members(client, scene):
    for _ in range(2):
        f.MembershipFactory(
            organization=scene["beirat"], person__body=scene["body"], person__public_consent=False
        )
    content = client.get(_pages(scene)["organization_detail"]).content.decode()
    assert "und 3 weitere Mitglieder, die einer Veröffentlichung nicht zugestimmt haben." in content


def test_organization_page_shows_members_roles_voting_right_and_faction(client, scene):
    body, beirat = scene["body"], scene["beirat"]
    faction = f.OrganizationFactory(
        body=body, name="Internationale Liste", organization_type=models.Organization.Type.FRAKTION
    )
    f.MembershipFactory(
        organization=beirat,
        person=f.PersonFactory(body=body, family_name="Yılmaz"),
        role=models.Membership.Role.CHAIR,
        on_behalf_of=faction,
    )
    f.MembershipFactory(
        organization=beirat,
        person=f.PersonFactory(body=body, family_name="Haddad"),
        role=models.Membership.Role.ADVISORY,
        voting_right=False,
    )
    content = client.get(_pages(scene)["organization_detail"]).content.decode()
    assert content.index("Yılmaz") < content.index("Haddad")  # the chair comes first
    assert "Vorsitz" in content
    assert "Internationale Liste" in content
    assert "ohne Stimmrecht" in content
    assert "sitzungen.ics" in content


def test_organization_page_shows_parent_and_children(client, scene):
    beirat = scene["beirat"]
    ag = f.OrganizationFactory(
        body=scene["body"],
        name="AG Arbeit",
        organization_type=models.Organization.Type.ARBEITSGRUPPE,
        parent=beirat,
    )
    assert "AG Arbeit" in client.get(_pages(scene)["organization_detail"]).content.decode()
    child_page = client.get(_url("organization_detail", scene["body"], pk=ag.pk)).content.decode()
    assert "Übergeordnetes Gremium" in child_page
    assert beirat.name in child_page


def test_the_entitled_see_members_without_consent_marked_as_unpublished(client, scene):
    content = (
        _client(client, scene["users"]["staff"])
        .get(_pages(scene)["organization_detail"])
        .content.decode()
    )
    assert SHY_PERSON in content
    assert "nicht veröffentlicht" in content
    assert "weitere Mitglied" not in content


@pytest.mark.parametrize("role", ROLES)
def test_person_without_consent_is_404_unless_visible(client, scene, role):
    """A person shows only to whom `Person.visible_to` shows them; others get a 404."""
    url = _url("person_detail", scene["body"], pk=scene["shy"].pk)
    status = _client(client, scene["users"][role]).get(url).status_code
    assert status == (200 if role in ENTITLED else 404)


def test_person_page_lists_memberships_and_papers(client, scene):
    person = scene["member_person"]
    paper = scene["public_paper"]
    paper.originator_persons.add(person)
    content = client.get(_pages(scene)["person_detail"]).content.decode()
    assert scene["beirat"].name in content
    assert "aktuell" in content
    assert paper.name in content


# 404s ---------------------------------------------------------------------------------------


@pytest.fixture
def other_body_objects():
    other = f.BodyFactory()
    organization = f.OrganizationFactory(body=other)
    meeting = f.MeetingFactory(organization=organization)
    paper = f.PaperFactory(body=other)
    person = f.PersonFactory(body=other)
    return {
        "organization_detail": organization,
        "organization_ical": organization,
        "meeting_detail": meeting,
        "paper_detail": paper,
        "person_detail": person,
    }


@pytest.mark.parametrize(
    "name",
    ["organization_detail", "organization_ical", "meeting_detail", "paper_detail", "person_detail"],
)
@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_anything_of_another_body_is_404(client, scene, other_body_objects, name, role):
    """A meeting (paper, ...) of body B under /<body A>/ is a 404, even for A's staff."""
    url = _url(name, scene["body"], pk=other_body_objects[name].pk)
    assert _client(client, scene["users"][role]).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("meeting_detail", "meeting"),
        ("paper_detail", "public_paper"),
        ("organization_detail", "beirat"),
        ("person_detail", "member_person"),
    ],
)
def test_deleted_rows_are_404_even_for_staff(client, scene, name, key):
    obj = scene[key]
    url = _url(name, scene["body"], pk=obj.pk)
    obj.deleted = True
    obj.save()
    assert _client(client, scene["users"]["staff"]).get(url).status_code == 404


def test_deleted_agenda_items_and_papers_disappear_from_the_meeting_page(client, scene):
    public_item = scene["public_item"]
    public_item.deleted = True
    public_item.save()
    content = client.get(_pages(scene)["meeting_detail"]).content.decode()
    assert public_item.name not in content
    assert "Antrag Sprachcafé" not in content


@pytest.mark.parametrize("name", ["meeting_detail", "paper_detail", "person_detail"])
def test_unknown_and_huge_ids_are_404_not_500(client, scene, name):
    for pk in (999_999, 2**70):
        assert client.get(_url(name, scene["body"], pk=pk)).status_code == 404


def test_unknown_or_deleted_body_is_404(client, scene):
    assert client.get("/gibt-es-nicht/sitzungen/").status_code == 404
    body = scene["body"]
    body.deleted = True
    body.save()
    assert client.get(_pages(scene)["meeting_list"]).status_code == 404


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_pages_refuse_post(client, scene, page):
    """Read-only pages allow GET and HEAD only."""
    assert client.post(_pages(scene)[page]).status_code == 405
    assert client.head(_pages(scene)[page]).status_code == 200


# Lists: filters, search, pagination -----------------------------------------------------------


def test_meeting_list_filters_by_organization(client, scene):
    stadtrat_meeting = f.MeetingFactory(
        organization=models.Organization.objects.get(body=scene["body"], name="Stadtrat"),
        name="Sitzung des Stadtrats",
    )
    url = _pages(scene)["meeting_list"]
    assert stadtrat_meeting.name in client.get(url).content.decode()
    filtered = client.get(url, {"gremium": scene["beirat"].pk}).content.decode()
    assert stadtrat_meeting.name not in filtered
    assert scene["meeting"].title in filtered
    assert f'value="{scene["beirat"].pk}" selected' in filtered


@pytest.mark.parametrize(
    "value", ["abc", "-1", "", " ", "1.5", str(2**70), "\x00", "99999999", "१२"]
)
def test_meeting_list_ignores_bad_filter_values(client, scene, value):
    """A filter that is not one of the body's organizations is ignored, never a 500."""
    response = client.get(_pages(scene)["meeting_list"], {"gremium": value, "seite": value})
    assert response.status_code == 200
    assert scene["meeting"].title in response.content.decode()


def test_meeting_list_ignores_an_organization_of_another_body(client, scene, other_body_objects):
    other = other_body_objects["meeting_detail"]
    response = client.get(
        _pages(scene)["meeting_list"], {"gremium": other_body_objects["organization_detail"].pk}
    )
    assert response.status_code == 200
    assert scene["meeting"].title in response.content.decode()
    assert _url("meeting_detail", scene["body"], pk=other.pk) not in response.content.decode()


def test_paper_list_searches_reference_and_title_and_filters_by_type(client, scene):
    body = scene["body"]
    f.PaperFactory(body=body, name="Anfrage zur Kita-Versorgung", paper_type="anfrage")
    url = _pages(scene)["paper_list"]
    by_reference = client.get(url, {"q": "2025/007"}).content.decode()
    assert "Antrag Sprachcafé" in by_reference
    assert "Kita" not in by_reference
    by_title = client.get(url, {"q": "kita"}).content.decode()
    assert "Anfrage zur Kita-Versorgung" in by_title
    assert "Antrag Sprachcafé" not in by_title
    by_type = client.get(url, {"art": "anfrage"}).content.decode()
    assert "Anfrage zur Kita-Versorgung" in by_type
    assert "Antrag Sprachcafé" not in by_type


@pytest.mark.parametrize(
    "params",
    [
        {"art": "gibtsnicht"},
        {"art": "<script>"},
        {"q": "\x00"},
        {"q": "a" * 5000},
        {"q": "%_'\"; DROP TABLE"},
        {"q": "<script>alert(1)</script>"},
        {"seite": "-3"},
        {"seite": "999"},
    ],
)
def test_paper_list_ignores_invalid_values(client, scene, params):
    response = client.get(_pages(scene)["paper_list"], params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_paper_list_never_lists_a_secret_paper_in_search_results(client, scene):
    content = client.get(_pages(scene)["paper_list"], {"q": "Geheim"}).content.decode()
    assert SECRET_PAPER not in content
    assert "Keine Drucksachen gefunden." in content


def test_pagination_is_an_accessible_nav_that_keeps_the_filter(client, scene):
    beirat = scene["beirat"]
    start = timezone.now() - dt.timedelta(days=400)
    for i in range(30):
        f.MeetingFactory(organization=beirat, start=start + dt.timedelta(days=i))
    content = client.get(_pages(scene)["meeting_list"], {"gremium": beirat.pk}).content.decode()
    assert re.search(r'<nav class="pagination" aria-label="[^"]+"', content)
    assert 'aria-current="page"' in content
    assert f"gremium={beirat.pk}&amp;seite=2" in content
    second = client.get(_pages(scene)["meeting_list"], {"gremium": beirat.pk, "seite": 2})
    assert 'rel="prev"' in second.content.decode()


# Language and direction ---------------------------------------------------------------------


@pytest.mark.parametrize("page", ["body", "meeting_detail", "paper_list"])
def test_arabic_pages_are_right_to_left(client, scene, page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    content = client.get(_pages(scene)[page]).content.decode()
    assert 'dir="rtl"' in content
    assert 'lang="ar"' in content


def test_accept_language_arabic_is_right_to_left(client, scene):
    response = client.get(_pages(scene)["organization_detail"], HTTP_ACCEPT_LANGUAGE="ar")
    assert 'dir="rtl"' in response.content.decode()


def test_german_pages_are_left_to_right(client, scene):
    assert 'dir="ltr"' in client.get(_pages(scene)["body"]).content.decode()


def test_home_lists_the_bodies(client, scene):
    content = client.get(reverse("home")).content.decode()
    assert scene["body"].name in content
    assert content.count("<h1") == 1


# Query counts: the same for 2 rows as for 10 ---------------------------------------------------


def _build(page, scene, n):
    """Add `n` rows of what `page` lists; return the URL to request."""
    body, beirat = scene["body"], scene["beirat"]
    meeting = scene["meeting"]
    if page in ("body", "meeting_list"):
        for i in range(n):
            org = f.OrganizationFactory(body=body)
            m = f.MeetingFactory(organization=org, location=f.LocationFactory(body=body))
            item = f.AgendaItemFactory(meeting=m, result="adopted", public=i % 2 == 0)
            f.ConsultationFactory(
                paper=f.PaperFactory(body=body), organization=org, agenda_item=item
            )
        return _url(page, body)
    if page == "organization_list":
        for i in range(n):
            f.OrganizationFactory(body=body, parent=beirat, organization_type="arbeitsgruppe")
            f.OrganizationFactory(body=body, name=f"Fraktion {i}", organization_type="fraktion")
        return _url(page, body)
    if page == "organization_detail":
        faction = f.OrganizationFactory(body=body, organization_type="fraktion")
        for i in range(n):
            f.MembershipFactory(organization=beirat, person__body=body, on_behalf_of=faction)
            f.MembershipFactory(
                organization=beirat, person__body=body, person__public_consent=False
            )
            f.OrganizationFactory(body=body, parent=beirat)
            f.MeetingFactory(organization=beirat)
            f.MeetingFactory(organization=beirat, start=timezone.now() - dt.timedelta(days=i + 1))
        return _url(page, body, pk=beirat.pk)
    if page == "meeting_detail":
        for i in range(n):
            item = f.AgendaItemFactory(meeting=meeting, public=i % 2 == 0, result="adopted")
            f.ConsultationFactory(
                paper=f.PaperFactory(body=body), organization=beirat, agenda_item=item
            )
            FileFactory(agenda_item=item)
            FileFactory(meeting=meeting)
        return _url(page, body, pk=meeting.pk)
    if page == "paper_list":
        for i in range(n):
            f.PaperFactory(body=body, public=i % 2 == 0)
        return _url(page, body)
    if page == "paper_detail":
        paper = scene["public_paper"]
        for i in range(n):
            org = f.OrganizationFactory(body=body)
            m = f.MeetingFactory(organization=org)
            item = f.AgendaItemFactory(meeting=m, result="adopted")
            f.ConsultationFactory(paper=paper, organization=org, meeting=m, agenda_item=item)
            paper.related_papers.add(f.PaperFactory(body=body, public=i % 2 == 0))
            paper.originator_persons.add(f.PersonFactory(body=body, public_consent=i % 2 == 0))
            paper.originator_organizations.add(org)
            FileFactory(paper=paper)
        return _url(page, body, pk=paper.pk)
    if page == "person_list":
        for _ in range(n):
            m = f.MembershipFactory(organization=beirat, person__body=body)
            f.MembershipFactory(organization=f.OrganizationFactory(body=body), person=m.person)
        return _url(page, body)
    if page == "person_detail":
        person = scene["member_person"]
        for i in range(n):
            f.MembershipFactory(
                organization=f.OrganizationFactory(body=body),
                person=person,
                end_date=dt.date(2020, 1, 1) if i % 2 else None,
            )
            f.PaperFactory(body=body).originator_persons.add(person)
        return _url(page, body, pk=person.pk)
    raise AssertionError(page)


# Queries per page for an anonymous visitor.
QUERIES = {
    "body": 5,
    "organization_list": 2,
    "organization_detail": 8,
    "meeting_list": 4,
    "meeting_detail": 6,
    "paper_list": 3,
    "paper_detail": 7,
    "person_list": 4,
    "person_detail": 4,
}
# Logged in: session, user, the viewer's staff roles, and their persons with their current
# memberships (one query); a member who is not staff also whether one of their
# organizations drafts a concept version (the navigation's link to the draft).
LOGGED_IN_EXTRA = {"anonymous": 0, "member": 5, "staff": 4}


@pytest.mark.parametrize("size", [2, 10])
@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_query_count_does_not_grow_with_the_data(
    client, scene, django_assert_num_queries, page, role, size
):
    """Each page costs the same number of queries for 2 rows as for 10."""
    url = _build(page, scene, size)
    _client(client, scene["users"][role])
    expected = QUERIES[page] + LOGGED_IN_EXTRA[role]
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
