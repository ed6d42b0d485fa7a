"""Non-public agenda items in the real browser: announced to everyone, shown only to members."""

from __future__ import annotations

import pytest

from tests.browser import demo_pages
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _nonpublic_heading(page):
    return page.get_by_role("heading", name="Nichtöffentlicher Teil", exact=True)


def test_anonymous_visitor_sees_that_there_is_a_nonpublic_part_but_not_its_items(demo, page):
    """Anonymous on the Beirat's 11th session: the heading „Nichtöffentlicher Teil“ is shown,
    the interim report's title is neither on the screen nor anywhere in the HTML."""
    page.goto(demo + demo_pages.beirat_session_11())
    assert _nonpublic_heading(page).is_visible()
    assert "Interkulturelle Woche: Programm" in page.locator("main").inner_text()
    assert demo_pages.INTERIM_REPORT not in page.locator("body").inner_text()
    assert "Zwischenbericht" not in page.content()


def test_beirat_member_logged_in_sees_the_nonpublic_items(demo, page):
    """After logging in as `mitglied` (a Beirat member) the same page lists the interim report
    in the non-public part, as a heading of its own."""
    path = demo_pages.beirat_session_11()
    log_in(page, demo, "mitglied", next_path=path)
    assert _nonpublic_heading(page).is_visible()
    section = page.locator("section.nonpublic-part")
    assert section.get_by_role("heading", name=demo_pages.INTERIM_REPORT).is_visible()
    assert demo_pages.INTERIM_REPORT in section.inner_text()


def test_working_group_member_does_not_see_the_beirats_nonpublic_items(demo, page):
    """`ag-mitglied` belongs to the working group, not to the Beirat: logged in, the Beirat's
    non-public items stay hidden from them as from anyone else."""
    path = demo_pages.beirat_session_11()
    log_in(page, demo, "ag-mitglied", next_path=path)
    assert _nonpublic_heading(page).is_visible()
    assert demo_pages.INTERIM_REPORT not in page.locator("body").inner_text()
