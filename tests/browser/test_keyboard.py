"""Keyboard use in the real browser: the skip link, Tab order and a visible focus."""

from __future__ import annotations

import pytest

from tests.browser import demo_pages
from tests.browser.conftest import log_in, use_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Everything a keyboard user must be able to reach.
INTERACTIVE = "a[href], button, select, input:not([type=hidden]), textarea, [tabindex='0']"

FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    probe: el.dataset.probe ?? null,
    tag: el.tagName,
    text: (el.innerText || el.value || '').trim().slice(0, 60),
    focusVisible: el.matches(':focus-visible'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    boxShadow: style.boxShadow !== 'none',
  };
}"""


IN_VIEWPORT = """el => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.left >= 0 && box.top >= 0
    && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
}"""


@pytest.mark.parametrize("language", ["de", "ar"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(demo, page, language):
    """The skip link is off-screen until the first Tab brings it into view (left to right and
    right to left); Enter on it puts the focus on <main>, and the next Tab goes to the first
    link inside the content, not back into the header."""
    use_language(page, demo, language)
    page.goto(demo + demo_pages.beirat_session_11())
    skip = page.locator("a.skip-link")
    assert not skip.evaluate(IN_VIEWPORT)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert skip.evaluate(IN_VIEWPORT)

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_every_link_and_button_on_the_meeting_page_is_reached_by_tab_with_visible_focus(demo, page):
    """On the meeting page a member sees (header, agenda, non-public part, logout button),
    Tab reaches every link, button and field in turn, and each shows a focus indicator
    (an outline or a box shadow while it matches :focus-visible)."""
    path = demo_pages.beirat_session_11()
    log_in(page, demo, "mitglied", next_path=path)
    count = page.evaluate(
        """selector => {
          const all = [...document.querySelectorAll(selector)].filter(
            el => el.getClientRects().length > 0 && !el.disabled);
          all.forEach((el, i) => { el.dataset.probe = String(i); });
          return all.length;
        }""",
        INTERACTIVE,
    )
    assert count > 10  # header, agenda with paper links, footer

    reached = {}
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["probe"] is not None:
            reached[str(state["probe"])] = state
    missing = page.evaluate(
        """reached => [...document.querySelectorAll('[data-probe]')]
          .filter(el => !reached.includes(el.dataset.probe))
          .map(el => el.outerHTML.slice(0, 120))""",
        list(reached),
    )
    assert missing == []
    invisible = [
        state
        for state in reached.values()
        if not (state["focusVisible"] and (state["outline"] or state["boxShadow"]))
    ]
    assert invisible == []
