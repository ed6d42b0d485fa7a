"""The instance start page and the login page in real Chromium, checked by axe-core."""

from __future__ import annotations

import pytest

from teilhabe.council.tests import factories as f
from tests.browser.conftest import assert_accessible, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_lists_bodies_and_is_accessible(live_server, page):
    f.BodyFactory(name="Musterstadt", slug="musterstadt")
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Teilhabe"
    assert page.get_by_role("link", name="Musterstadt").is_visible()
    assert_accessible(page)


def test_login_page_is_accessible_and_logs_in(live_server, page):
    user = f.UserFactory(username="fachstelle")
    page.goto(live_server.url + "/konto/anmelden/")
    assert_accessible(page)
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("button", name="Abmelden (fachstelle)").is_visible()


def test_axe_check_finds_a_real_violation(page):
    """The accessibility check itself can fail: an image without alt text is reported."""
    page.set_content('<html lang="de"><title>t</title><main><img src="x.png"></main></html>')
    assert "image-alt" in {v["id"] for v in axe_violations(page)}
