"""The public pages' cache: visitors not logged in get a page rendered once, never a stale
or a non-public one.

Each test commits for real (`transaction=True`), as a server does: the data generation that
keys the cache moves on only after a commit.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from teilhabe.council import models, services
from teilhabe.council.tests.test_public_pages import (
    NONPUBLIC_HEADING,
    PAGE_NAMES,
    SECRETS,
    _pages,
    scene,  # noqa: F401 (a fixture)
)

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _enabled(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def _meeting_url(world):
    meeting = world["public_item"].meeting
    return reverse("council:meeting_detail", kwargs={"body": world["body"].slug, "pk": meeting.pk})


def test_the_second_visit_is_served_from_the_cache(client, world, django_assert_num_queries):
    url = _meeting_url(world)
    first = client.get(url)
    assert first.status_code == 200
    # The body and the generation; the meeting, its items and files are not read again.
    with django_assert_num_queries(2):
        second = client.get(url)
    assert second.status_code == 200
    assert world["public_item"].name in second.content.decode()
    assert _main(second) == _main(first)


def test_a_committed_write_is_shown_at_once_even_without_signals(client, world):
    url = _meeting_url(world)
    assert client.get(url).status_code == 200
    # QuerySet.update() sends no signal; the write is still seen on the connection.
    models.AgendaItem.objects.filter(pk=world["public_item"].pk).update(name="Neuer Titel")
    assert "Neuer Titel" in client.get(url).content.decode()


def test_an_item_made_non_public_disappears_from_the_cached_page(client, world):
    url = _meeting_url(world)
    item = world["public_item"]
    assert item.name in client.get(url).content.decode()
    item.public = False
    item.save()
    body = client.get(url).content.decode()
    assert item.name not in body
    assert NONPUBLIC_HEADING in body


def test_what_a_member_sees_is_never_cached_for_the_public(client, world):
    url = _meeting_url(world)
    secret = world["secret_item"].name
    member_client = type(client)()
    member_client.force_login(world["users"]["member"])
    assert secret in member_client.get(url).content.decode()
    assert secret not in client.get(url).content.decode()
    # ... and the other way round: a member is not served the public copy.
    assert secret in member_client.get(url).content.decode()


def test_each_language_has_its_own_copy(client, world):
    url = _meeting_url(world)
    german = client.get(url, headers={"accept-language": "de"})
    arabic = client.get(url, headers={"accept-language": "ar"})
    assert 'lang="de"' in german.content.decode()
    assert 'lang="ar"' in arabic.content.decode()
    assert _main(german) != _main(arabic)


def test_every_visitor_gets_their_own_csrf_token_for_the_language_switch(world):
    url = _meeting_url(world)
    tokens = set()
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(url).content.decode()
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        tokens.add(token)
        answer = visitor.post(
            reverse("set_language"),
            {"language": "ar", "next": url, "csrfmiddlewaretoken": token},
        )
        assert answer.status_code == 302  # a cached page's form still works
    assert len(tokens) == 2


def test_not_found_and_htmx_requests_are_not_cached(client, world, django_assert_max_num_queries):
    slug = world["body"].slug
    missing = reverse("council:meeting_detail", kwargs={"body": slug, "pk": 999999})
    assert client.get(missing).status_code == 404
    assert client.get(missing).status_code == 404
    url = _meeting_url(world)
    client.get(url, headers={"hx-request": "true"})
    with django_assert_max_num_queries(50) as queries:
        client.get(url)
    assert len(queries) > 2  # rendered, not served from a copy the htmx request left


def test_services_writes_are_seen(client, world):
    """A write through a service (its own transaction) shows on the next visit."""
    body = world["body"]
    organization = world["public_item"].meeting.organization
    url = reverse("council:organization_detail", kwargs={"body": body.slug, "pk": organization.pk})
    assert client.get(url).status_code == 200
    services.organization_update(
        organization=organization, expected_version=organization.version, name="Beirat für Teilhabe"
    )
    assert "Beirat für Teilhabe" in client.get(url).content.decode()


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_no_page_leaks_what_members_and_staff_saw_before(page, scene):  # noqa: F811
    """Members and staff visit first, then the public: it sees no secret, on every page."""
    url = _pages(scene)[page]
    for role in ("member", "staff"):
        insider = Client()
        insider.force_login(scene["users"][role])
        assert insider.get(url).status_code == 200
    for _ in range(2):  # rendered, then from the cache
        answer = Client().get(url)
        assert answer.status_code == 200
        html = answer.content.decode()
        assert [secret for secret in SECRETS if secret in html] == []


def _main(response) -> str:
    html = response.content.decode()
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
