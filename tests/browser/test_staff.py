"""The staff pages in the real browser: a session built with its agenda, and axe on the pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.browser.conftest import DEMO_SLUG, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING_NAME = "Sondersitzung Barrierefreiheit"
PUBLIC_ITEM = "Bericht: Barrierefreie Website der Stadt"
NONPUBLIC_ITEM = "Personalangelegenheit: Besetzung der Geschäftsstelle"
MEETING_EDIT_URL = re.compile(r".*/verwaltung/sitzungen/[0-9]+/$")


def _staff(name: str, **kwargs: object) -> str:
    return reverse(f"council_staff:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


def _add_item(page, name: str, *, public: bool) -> None:
    """Add an agenda item with the htmx form and wait until the table shows it."""
    form = page.locator("form[aria-labelledby=agenda-add-heading]")
    form.get_by_label("Gegenstand").fill(name)
    checkbox = form.get_by_role("checkbox", name="Öffentlich")
    if checkbox.is_checked() != public:
        checkbox.click()
    form.get_by_role("button", name="Hinzufügen").click()
    page.locator("#agenda-builder tbody tr", has_text=name).wait_for()
    assert name in page.locator("#agenda-status").inner_text()


def _agenda_rows(page) -> list[str]:
    return page.locator("#agenda-builder tbody tr td:nth-child(2)").all_inner_texts()


def test_staff_creates_a_session_and_orders_its_agenda(demo, page):
    """`fachstelle` creates a Beirat session with the form, adds a public and a non-public item
    on its edit page (htmx: the page is not reloaded) and moves the non-public one up. The
    public page then numbers the items in the new order; anonymous visitors see the public
    item as TOP 2 and only the count of the non-public part."""
    log_in(page, demo, "fachstelle", next_path=_staff("dashboard"))
    page.locator("main nav").get_by_role("link", name="Sitzungen").click()
    page.wait_for_url(demo + _staff("meeting_list"))
    page.get_by_role("link", name="Neue Sitzung").click()
    page.wait_for_url(demo + _staff("meeting_create"))

    form = page.locator("main form").first
    form.get_by_label("Gremium").select_option(label="Beirat für Migration und Integration")
    form.get_by_label("Wahlperiode").select_option(label="Wahlperiode 2024–2029")
    form.get_by_label("Bezeichnung").fill(MEETING_NAME)
    form.get_by_label("Beginn").fill("2031-03-12T18:00")
    form.get_by_label("Ende").fill("2031-03-12T20:00")
    form.get_by_role("button", name="Speichern").click()
    page.wait_for_url(MEETING_EDIT_URL)
    assert page.get_by_role("status").filter(has_text=MEETING_NAME).is_visible()
    assert "leer" in page.locator("#agenda-builder").inner_text()

    # htmx swaps the agenda in place: a value set on window survives only without a reload.
    page.evaluate("window.samePage = true")
    _add_item(page, PUBLIC_ITEM, public=True)
    _add_item(page, NONPUBLIC_ITEM, public=False)
    assert _agenda_rows(page) == [PUBLIC_ITEM, NONPUBLIC_ITEM]

    row = page.locator("#agenda-builder tbody tr", has_text=NONPUBLIC_ITEM)
    row.get_by_role("button", name="Nach oben").click()
    page.locator("#agenda-builder tbody tr").first.filter(has_text=NONPUBLIC_ITEM).wait_for()
    assert _agenda_rows(page) == [NONPUBLIC_ITEM, PUBLIC_ITEM]
    assert "Position 1 von 2" in page.locator("#agenda-status").inner_text()
    assert page.evaluate("window.samePage === true")

    # With the mouse: the public item dragged above the non-public one, and back.
    from teilhabe.council.models import AgendaItem

    rows = page.locator("#agenda-builder tbody tr")
    rows.filter(has_text=PUBLIC_ITEM).drag_to(rows.filter(has_text=NONPUBLIC_ITEM))
    page.locator("#agenda-status").get_by_text("neue Reihenfolge").wait_for()
    assert _agenda_rows(page) == [PUBLIC_ITEM, NONPUBLIC_ITEM]
    saved = AgendaItem.objects.filter(meeting__name=MEETING_NAME).order_by("order")
    assert [item.name for item in saved] == [PUBLIC_ITEM, NONPUBLIC_ITEM]
    rows = page.locator("#agenda-builder tbody tr")
    rows.filter(has_text=PUBLIC_ITEM).get_by_role("button", name="Nach unten").click()
    page.locator("#agenda-builder tbody tr").first.filter(has_text=NONPUBLIC_ITEM).wait_for()

    # The public page, as the staff member sees it: both items, in the new order.
    page.get_by_role("link", name="Öffentliche Seite dieser Sitzung").click()
    public_url = page.url
    assert page.locator("h1").inner_text().startswith(MEETING_NAME)
    nonpublic = page.locator("section.nonpublic-part")
    assert nonpublic.get_by_role("heading", name=f"TOP 1: {NONPUBLIC_ITEM}").is_visible()
    agenda = page.locator("section[aria-labelledby=agenda-public]")
    assert agenda.get_by_role("heading", name=f"TOP 2: {PUBLIC_ITEM}").is_visible()

    # And anonymously: the public item keeps its number, the other is only counted.
    page.get_by_role("button", name="Abmelden (fachstelle)").click()
    page.goto(public_url)
    assert agenda.get_by_role("heading", name=f"TOP 2: {PUBLIC_ITEM}").is_visible()
    assert nonpublic.get_by_role("heading", name="Nichtöffentlicher Teil").is_visible()
    assert "(1 Tagesordnungspunkt)" in nonpublic.inner_text()
    assert NONPUBLIC_ITEM not in page.content()


@pytest.mark.parametrize(
    "url_name", ["dashboard", "meeting_list", "paper_list", "meeting_create", "paper_create"]
)
def test_staff_page_has_no_axe_violation(demo, page, url_name):
    """The staff dashboard, list pages and form pages pass axe-core's WCAG 2.1 A and AA rules."""
    log_in(page, demo, "fachstelle", next_path=_staff(url_name))
    assert_accessible(page)


def test_staff_meeting_edit_page_with_agenda_has_no_axe_violation(demo, page):
    """The meeting edit page with its agenda builder (table, move buttons) passes axe."""
    log_in(page, demo, "fachstelle", next_path=_staff("meeting_list"))
    page.locator("main table tbody a").first.click()
    page.wait_for_url(MEETING_EDIT_URL)
    assert page.locator("#agenda-builder tbody tr").count() > 0
    assert_accessible(page)
