"""axe-core finds no WCAG 2.1 A/AA violation on any public page, in German and in Arabic."""

from __future__ import annotations

import pytest

from tests.browser import demo_pages
from tests.browser.conftest import PHONE, assert_accessible, log_in, use_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["de", "ar"]
PAGE_TYPES = [
    "instance-home",
    "body-start",
    "organization-list",
    "organization-detail",
    "meeting-list",
    "meeting-detail",
    "paper-list",
    "paper-detail",
    "person-list",
    "person-detail",
    "concept",
    "concept-version",
    "concept-goal",
    "concept-measure",
    "concept-measures",
    "monitoring-map",
    "monitoring-district",
    "monitoring-comparison",
    "login",
    "password-reset",
    "not-found",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_has_no_axe_violation(demo, page, page_type, language):
    """Every public page type, seen anonymously, passes axe-core's WCAG 2.1 A and AA rules."""
    path = demo_pages.public_pages()[page_type]
    use_language(page, demo, language)
    response = page.goto(demo + path)
    assert response.status == (404 if page_type == "not-found" else 200)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_meeting_page_with_nonpublic_part_seen_by_member_has_no_axe_violation(demo, page, language):
    """The meeting page as a Beirat member sees it (with the non-public items) passes axe."""
    path = demo_pages.beirat_session_11()
    log_in(page, demo, "mitglied", next_path=path)
    use_language(page, demo, language)
    page.reload()
    assert page.get_by_text(demo_pages.INTERIM_REPORT).first.is_visible()
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_concept_comparison_seen_by_staff_has_no_axe_violation(demo, page, language):
    """The AG's draft 2.0 against 1.0 (added, changed, dropped, carried over) passes axe."""
    path = demo_pages.concept_draft_comparison()
    log_in(page, demo, "fachstelle", next_path=path)
    use_language(page, demo, language)
    page.reload()
    assert page.locator("main h1").first.is_visible()
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "page_type", ["body-start", "meeting-list", "meeting-detail", "paper-detail", "person-detail"]
)
def test_page_fits_a_phone_screen(demo, page, page_type, language):
    """On a 375 px wide phone the page does not scroll sideways and still passes axe."""
    page.set_viewport_size(PHONE)
    use_language(page, demo, language)
    page.goto(demo + demo_pages.public_pages()[page_type])
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], widths
    assert_accessible(page)
