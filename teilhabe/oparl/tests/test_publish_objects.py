"""The OParl objects: what is published of each type, under its own id, and what never is."""

from __future__ import annotations

import pytest

from teilhabe.council import models
from teilhabe.oparl.tests.conftest import API, walk
from tests.leak_world import OTHER_BODY, SECRET

pytestmark = pytest.mark.django_db


def _id(kind: str, obj) -> str:
    return f"http://testserver{API}{kind}/{obj.pk}/"


def _crawl(api, start: str = API) -> dict[str, dict]:
    """Every object reachable from `start` by following the API's own links, by id."""
    seen: dict[str, dict] = {}
    queue, fetched = [start], set()
    while queue:
        url = queue.pop()
        if url in fetched:
            continue
        fetched.add(url)
        document = api.json(url)
        for value in walk(document):
            if isinstance(value, dict) and "id" in value and "type" in value:
                seen.setdefault(value["id"], value)
            if isinstance(value, str) and value.startswith(f"http://testserver{API}"):
                queue.append(value)
    return seen


def test_the_system_names_the_list_of_bodies(world, api):
    system = api.json(API)
    assert system["type"] == "https://schema.oparl.org/1.1/System"
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["body"] == f"http://testserver{API}body/"
    assert system["license"].startswith("https://")
    bodies = api.json(system["body"])["data"]
    assert {body["name"] for body in bodies} == {"Stadt A", f"Stadt {OTHER_BODY}"}


def test_a_body_names_all_its_lists_and_links_its_page(world, api):
    body = api.json(_id("body", world.body))
    for key in (
        "organization",
        "person",
        "meeting",
        "paper",
        "agendaItem",
        "consultation",
        "file",
        "membership",
        "locationList",
        "legislativeTermList",
    ):
        assert body[key].startswith(f"http://testserver{API}body/{world.body.pk}/")
    assert body["web"] == "http://testserver/stadt-a/"
    assert [term["name"] for term in body["legislativeTerm"]] == ["Wahlperiode 2024–2029"]
    assert body["license"] == world.body.license


def test_the_configured_site_address_makes_the_ids(world, api, settings):
    settings.TEILHABE_BASE_URL = "https://teilhabe.example.org/"
    body = api.json(_id("body", world.body))
    assert body["id"] == f"https://teilhabe.example.org{API}body/{world.body.pk}/"
    assert body["web"] == "https://teilhabe.example.org/stadt-a/"


def test_every_embedded_object_is_served_under_its_own_id(world, api):
    """Whatever appears embedded anywhere answers under its id with the same content."""
    objects = _crawl(api)
    embedded_types = {obj["type"].rsplit("/", 1)[1] for obj in objects.values()}
    assert embedded_types >= {
        "System",
        "Body",
        "LegislativeTerm",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
        "Location",
    }
    for oparl_id, obj in objects.items():
        assert api.json(oparl_id)["id"] == oparl_id
        assert obj["created"], oparl_id
        assert obj["modified"], oparl_id


def test_nothing_non_public_is_reachable_for_anyone(world, api, client):
    """The whole API, crawled as a member who may see the secrets on the pages, shows
    none of them, nor a person who did not consent."""
    client.force_login(world.users["member"])
    objects = _crawl(api)
    for obj in objects.values():
        assert SECRET not in str(obj), obj["id"]
    assert _id("person", world.objects["shy_person"]) not in objects
    assert _id("paper", world.objects["secret_paper"]) not in objects


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("paper", "secret_paper"),
        ("agendaitem", "secret_item"),
        ("file", "secret_file"),
        ("file", "secret_paper_file"),
        ("file", "invitation_file"),
        ("person", "shy_person"),
    ],
)
def test_non_public_objects_answer_404_with_an_error_object(world, api, client, kind, key):
    client.force_login(world.users["staff"])
    error = api.json(_id(kind, world.objects[key]), expect=404)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"]


def test_a_membership_of_a_person_without_consent_is_not_published(world, api):
    shy = world.objects["shy_person"]
    membership = models.Membership.objects.get(person=shy)
    api.json(_id("membership", membership), expect=404)
    beirat = api.json(_id("organization", world.objects["beirat"]))
    assert _id("membership", membership) not in beirat["membership"]


def test_a_meeting_embeds_only_public_items_and_files(world, api):
    meeting = api.json(_id("meeting", world.objects["meeting"]))
    assert [item["name"] for item in meeting["agendaItem"]] == ["Mitteilungen"]
    assert [f["name"] for f in meeting["auxiliaryFile"]] == ["Einladung"]
    assert "video" not in str(meeting)


def test_published_minutes_are_the_results_protocol(world, api):
    meeting = api.json(_id("meeting", world.objects["past_meeting"]))
    assert meeting["resultsProtocol"]["name"] == "Niederschrift der 10. Sitzung"
    assert meeting["resultsProtocol"]["accessUrl"].startswith("http://testserver/stadt-a/dateien/")
    assert meeting["auxiliaryFile"] == []


def test_a_paper_embeds_its_visible_consultations_and_files(world, api):
    paper = api.json(_id("paper", world.objects["public_paper"]))
    # The consultation in the non-public item is left out, and so is the related paper
    # that is not public.
    assert [c["agendaItem"] for c in paper["consultation"]] == [
        _id("agendaitem", world.objects["public_item"])
    ]
    assert paper["relatedPaper"] == []
    assert paper["paperType"] == "Antrag"
    assert (
        paper["web"] == f"http://testserver/stadt-a/drucksachen/{world.objects['public_paper'].pk}/"
    )


def test_a_person_shows_name_and_memberships_but_no_contact_data(world, api):
    chair = world.objects["chair"]
    models.Person.objects.filter(pk=chair.pk).update(
        email="aylin@example.org", phone="0123 456", title="Dr."
    )
    person = api.json(_id("person", chair))
    assert person["name"] == "Dr. Aylin Vorsitzende"
    assert person["title"] == ["Dr."]
    assert "email" not in person
    assert "phone" not in person
    assert "aylin@example.org" not in str(person)
    assert [m["role"] for m in person["membership"]] == ["Vorsitz"]


def test_objects_of_a_deleted_body_are_not_found(world, api):
    world.body.deleted = True
    world.body.save()
    api.json(_id("paper", world.objects["public_paper"]), expect=404)
    api.json(f"{API}body/{world.body.pk}/paper/", expect=404)
    tombstone = api.json(_id("body", world.body))
    assert tombstone["deleted"] is True
    assert set(tombstone) == {"id", "type", "created", "modified", "deleted"}


def test_no_null_and_no_empty_string_anywhere(world, api):
    for obj in _crawl(api).values():
        for value in walk(obj):
            assert value is not None, obj["id"]
            assert value != "", obj["id"]
