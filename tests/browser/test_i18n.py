"""Languages in the real browser: Arabic pages run right to left, the switch works by keyboard."""

from __future__ import annotations

import pytest

from tests.browser import demo_pages
from tests.browser.conftest import use_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "direction"), [("de", "ltr"), ("ar", "rtl")])
def test_page_direction_follows_the_language(demo, page, language, direction):
    """German pages are laid out left to right, Arabic pages right to left.

    Not only the attributes: the browser computes the direction, and the header is mirrored
    (the body's name, first in the markup, stands at the start of the line: left in German,
    right in Arabic).
    """
    use_language(page, demo, language)
    page.goto(demo + demo_pages.public_pages()["body-start"])
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == direction
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    assert page.evaluate("getComputedStyle(document.getElementById('main')).direction") == (
        direction
    )
    brand = page.locator(".site-header__brand").bounding_box()
    nav = page.locator("nav.site-nav").bounding_box()
    brand_is_left = brand["x"] < nav["x"]
    assert brand_is_left == (direction == "ltr"), (brand, nav)


def _tab_to(page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} not reached with {limit} Tab presses")


def _choose_language_by_keyboard(page, language: str) -> None:
    """With the focus on the language select, press arrow keys until `language` is chosen."""
    select = page.locator("#language-select")
    key = "ArrowDown"
    for _ in range(2 * 10):
        if select.input_value() == language:
            return
        page.keyboard.press(key)
        if select.evaluate("s => s.selectedIndex === s.options.length - 1"):
            key = "ArrowUp"
    pytest.fail(f"language {language} not reachable with the arrow keys")


def test_language_switch_by_keyboard_keeps_the_page_and_the_choice(demo, page):
    """Tab to the language select, choose Arabic with the arrow keys, press Enter on the button:
    the same page comes back in Arabic, and the next page is Arabic too. Space on the button
    switches back to German the same way."""
    path = demo_pages.public_pages()["meeting-list"] + "?seite=2"
    page.goto(demo + path)
    assert page.locator("html").get_attribute("lang") == "de"

    _tab_to(page, "#language-select")
    _choose_language_by_keyboard(page, "ar")
    _tab_to(page, ".language-switch button[type=submit]", limit=1)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == demo + path
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#language-select").input_value() == "ar"

    paper_list = demo_pages.public_pages()["paper-list"]
    page.locator(f"nav.site-nav a[href='{paper_list}']").click()
    page.wait_for_url(demo + paper_list)
    assert page.locator("html").get_attribute("lang") == "ar"

    _tab_to(page, "#language-select")
    _choose_language_by_keyboard(page, "de")
    _tab_to(page, ".language-switch button[type=submit]", limit=1)
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert page.url == demo + paper_list
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("html").get_attribute("dir") == "ltr"


# Where the first and the last character of an element's text are drawn.
FIRST_AND_LAST_X = """el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) { if (walker.currentNode.data.trim()) nodes.push(walker.currentNode); }
  const x = (node, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect().left;
  };
  const first = nodes[0], last = nodes[nodes.length - 1];
  const lastIndex = last.data.trimEnd().length - 1;
  return {first: x(first, first.data.length - first.data.trimStart().length),
          last: x(last, lastIndex), text: el.textContent.trim()};
}"""


def test_german_texts_on_an_arabic_page_keep_their_own_direction(demo, page):
    """Justification and proposed resolution are written in German: on an Arabic page they
    still run left to right (dir="auto"), so their full stops stay at the end of the line;
    the paper's German title in the right-aligned heading is isolated the same way."""
    use_language(page, demo, "ar")
    page.goto(demo + demo_pages.public_pages()["paper-detail"])
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    blocks = page.locator("section[aria-labelledby=justification] .text-block")
    assert blocks.evaluate("el => getComputedStyle(el).direction") == "ltr"
    heading = page.locator("#justification")
    assert heading.evaluate("el => getComputedStyle(el).direction") == "rtl"
    title = page.locator("h1 bdi")
    assert title.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert page.locator("h1").evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_german_name_ending_in_a_quote_keeps_the_quote_at_its_end_on_an_arabic_page(demo, page):
    """The working group „AG „Integrationskonzept 2.0““ ends with a closing quote, a character
    without direction of its own. In an Arabic page the link is drawn left to right as a
    whole, so the quote appears right of the first letter, not at the far left."""
    use_language(page, demo, "ar")
    page.goto(demo + demo_pages.public_pages()["organization-list"])
    link = page.locator("main a", has_text="Integrationskonzept 2.0").first
    drawn = link.evaluate(FIRST_AND_LAST_X)
    assert drawn["text"].endswith("“")
    assert drawn["first"] < drawn["last"], drawn
