"""Real Chromium (Debian's package) driven by Playwright, against Django's live server.

No browser is downloaded: Playwright launches the system's `chromium`. axe-core comes from
npm (frontend/node_modules) and is injected into each page it checks.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is not installed (make test installs it).")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page and return its violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe violations on {page.url}: {violations}"


# --- The demo municipality, loaded once per test module --------------------------------
#
# Pages are served by the live server, so every browser test is transactional and the
# database is flushed after each test. Instead of loading the demo for every test, it is
# loaded once per module, serialized, and put back before each test with Django's own
# test deserializer. (`serialized_rollback` would do the same, but on PostgreSQL it makes
# the test database creation leave a connection open, so the database cannot be dropped,
# and it keeps the flush from recreating content types for the tests that follow.)
# Content types and permissions are left out of the snapshot: every flush recreates them.

DEMO_SLUG = "musterstadt"
PHONE = {"width": 375, "height": 740}


def _fresh_content_types() -> None:
    """Empty the database with its id sequences reset, so that the content types the flush
    recreates get the ids of a fresh database. The snapshot's change history refers to
    content types by id; the flush after each test leaves the sequences running, and the
    content types it recreates would get other ids (the cache must forget those too)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)  # resets the sequences
    ContentType.objects.clear_cache()


@pytest.fixture(scope="module")
def demo_snapshot(django_db_setup: None, django_db_blocker: Any) -> str:
    """The demo municipality as JSON; the database is left empty as a flush leaves it."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    not_serialized = ["django.contrib.contenttypes", "django.contrib.auth"]
    with django_db_blocker.unblock(), override_settings(TEST_NON_SERIALIZED_APPS=not_serialized):
        _fresh_content_types()
        call_command("load_demo", stdout=io.StringIO())
        snapshot: str = connection.creation.serialize_db_to_string()
        call_command("flush", interactive=False, verbosity=0)
    return snapshot


@pytest.fixture
def demo(demo_snapshot: str, transactional_db: None, live_server: Any) -> str:
    """The demo municipality behind the live server; returns the server's base URL."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    _fresh_content_types()
    connection.creation.deserialize_db_from_string(demo_snapshot)
    # The rows come back with their ids; the id sequences (PostgreSQL) must follow them, or
    # the next row a test creates would take an id that is already there.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)
    return str(live_server.url)


def use_language(page: Any, base_url: str, language: str) -> None:
    """Choose `language` for the following pages through Django's language cookie."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])


def log_in(page: Any, base_url: str, username: str, *, next_path: str = "/") -> None:
    """Log in through the real login form, landing on `next_path`.

    The fields are found by name so that this works in every language of the page.
    """
    from teilhabe.council.demo import PASSWORD

    page.goto(f"{base_url}/konto/anmelden/?next={quote(next_path)}")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(base_url + next_path)
    assert page.locator(".site-header__tools form button", has_text=username).is_visible()
