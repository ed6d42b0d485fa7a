"""The concept's staff pages in the real browser: from the AG's draft to the Beirat's
resolution, and axe on every page type of the concept's staff area.

The AG member adds a goal and a measure to the draft 2.0 with the htmx forms of the
version page and submits them to the Beirat with an interim report; staff put the report
on the agenda of the Beirat's next session and record the adopted vote on the session
desk; the goal then shows „beschlossen“ on the AG's page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import DEMO_SLUG, assert_accessible, log_in, use_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["de", "ar"]
GOAL = "Alle Vereine kennen den Beirat und seine Sprechstunde."
JUSTIFICATION = "Viele Vereine wissen nicht, dass der Beirat sie unterstützt."
MEASURE = "Vereinsabend des Beirats im Bürgerhaus"
REPORT = "Zwischenbericht: Vereine und Beirat"


def _concept(name: str, **kwargs: object) -> str:
    return reverse(f"concept_staff:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


def _staff(name: str, **kwargs: object) -> str:
    return reverse(f"council_staff:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


def _draft() -> Any:
    from teilhabe.concept.models import ConceptVersion

    return ConceptVersion.objects.get(
        body__slug=DEMO_SLUG, state=ConceptVersion.State.DRAFT, deleted=False
    )


def _next_beirat_meeting() -> Any:
    from teilhabe.council.models import Meeting, Organization

    return (
        Meeting.objects.filter(
            organization__body__slug=DEMO_SLUG,
            organization__organization_type=Organization.Type.BEIRAT,
            deleted=False,
            start__gt=timezone.now(),
        )
        .exclude(state=Meeting.State.CANCELLED)
        .order_by("start")
        .first()
    )


def _status_message(page: Any, text: str | re.Pattern[str]) -> None:
    page.get_by_role("status").filter(has_text=text).first.wait_for()


@contextmanager
def _other_browser(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


# --- 1. From the AG's draft to the Beirat's resolution -------------------------------------


def test_the_ag_drafts_a_goal_and_a_measure_that_the_beirat_adopts(demo, page, browser):
    from teilhabe.concept.models import Decision, Goal
    from teilhabe.council.models import AgendaItem, Paper

    draft = _draft()
    session = _next_beirat_meeting()
    assert session is not None, "the demo plans a coming Beirat session"

    # --- The AG member finds the draft and adds a goal (htmx: the form comes into place).
    log_in(page, demo, "ag-mitglied", next_path=_concept("overview"))
    page.locator("main").get_by_role("link", name=re.compile(r"Version 2\.0")).click()
    page.wait_for_url(demo + _concept("version", pk=draft.pk))
    field = page.get_by_role("region", name=re.compile(r"^Handlungsfeld 1:"))
    field.get_by_role("link", name=re.compile(r"^Ziel hinzufügen")).click()
    form = field.locator("form", has=page.get_by_role("button", name="Hinzufügen"))
    form.get_by_label("Ziel", exact=True).fill(GOAL)
    form.get_by_label("Begründung").fill(JUSTIFICATION)
    assert_accessible(page)  # the version page with an open add form
    form.get_by_role("button", name="Hinzufügen").click()
    _status_message(page, re.compile(r"Ziel \d+ wurde angelegt\."))
    field = page.get_by_role("region", name=re.compile(r"^Handlungsfeld 1:"))
    assert field.get_by_role("row").filter(has_text=GOAL).get_by_text("Entwurf").is_visible()

    # --- ... and a measure serving that goal.
    field.get_by_role("link", name=re.compile(r"^Maßnahme hinzufügen")).click()
    form = field.locator("form", has=page.get_by_role("button", name="Hinzufügen"))
    form.get_by_label("Titel", exact=True).fill(MEASURE)
    form.get_by_role("group", name=re.compile("dient den Zielen")).get_by_label(
        re.compile(re.escape(GOAL))
    ).check()
    form.get_by_role("textbox", name=re.compile(r"^Beginn")).fill("2031-03-01")
    form.get_by_role("textbox", name=re.compile(r"^Ende")).fill(
        "2031-02-01"
    )  # before the start: refused in place
    form.get_by_role("button", name="Hinzufügen").click()
    field.get_by_text("Das Ende darf nicht vor dem Beginn liegen.").wait_for()
    form = field.locator("form", has=page.get_by_role("button", name="Hinzufügen"))
    form.get_by_role("textbox", name=re.compile(r"^Ende")).fill("2031-12-31")
    form.get_by_role("button", name="Hinzufügen").click()
    _status_message(page, re.compile(r"Maßnahme \d+ wurde angelegt\."))
    goal = Goal.objects.get(title=GOAL)
    assert list(goal.measures.values_list("title", flat=True)) == [MEASURE]

    # --- The interim report to the Beirat: the new goal and measure are chosen already.
    page.get_by_role("link", name="Zwischenbericht an den Beirat").click()
    report_form = page.locator("main form").first
    assert report_form.get_by_label(re.compile(re.escape(GOAL))).is_checked()
    assert report_form.get_by_label(re.compile(re.escape(MEASURE))).is_checked()
    assert report_form.get_by_label("an das Gremium").input_value() != ""
    report_form.get_by_label("zur Sitzung").select_option(str(session.pk))
    report_form.get_by_label("Titel des Berichts").fill(REPORT)
    report_form.get_by_role("button", name="Zwischenbericht vorlegen").click()
    _status_message(page, "ist als Drucksache")
    assert (
        page.get_by_role("region", name="Vorgelegte Berichte zu dieser Version")
        .get_by_text(REPORT)
        .is_visible()
    )
    paper = Paper.objects.get(name=REPORT)
    goal.refresh_from_db()
    assert goal.decision == Decision.SUBMITTED

    # --- Staff put the report on the Beirat's agenda and record the adopted vote.
    with _other_browser(browser) as desk:
        log_in(desk, demo, "fachstelle", next_path=_concept("report", pk=draft.pk))
        desk.get_by_role("link", name=REPORT).click()
        desk.wait_for_url(demo + _staff("paper_edit", pk=paper.pk))
        desk.goto(demo + _staff("meeting_edit", pk=session.pk))
        agenda = desk.locator("form[aria-labelledby=agenda-add-heading]")
        agenda.get_by_label("Gegenstand").fill(REPORT)
        agenda.get_by_role("button", name="Hinzufügen").click()
        desk.locator("#agenda-builder tbody tr", has_text=REPORT).wait_for()
        item = AgendaItem.objects.get(meeting=session, name=REPORT, deleted=False)

        desk.goto(demo + _staff("paper_edit", pk=paper.pk))
        steps = desk.get_by_role("region", name="Beratungsfolge")
        steps.get_by_label("Gremium").select_option(str(session.organization_id))
        steps.get_by_label(re.compile(r"^Sitzung")).select_option(str(session.pk))
        steps.get_by_label("Tagesordnungspunkt").select_option(str(item.pk))
        steps.get_by_label("Rolle").select_option(label="Entscheidung")
        steps.get_by_role("button", name="Beratung hinzufügen").click()
        _status_message(desk, "Die Beratung wurde hinzugefügt.")

        desk.goto(demo + _staff("session_desk", pk=session.pk))
        overview = desk.get_by_role("table", name="Stand der Tagesordnung")
        overview.get_by_role("row").filter(has_text=REPORT).get_by_role("link").click()
        region = desk.get_by_role("region", name=f"TOP {item.number}: {REPORT}")
        vote = region.locator(
            "form", has=desk.get_by_role("button", name=re.compile("^Abstimmung"))
        )
        vote.get_by_label("Ja", exact=True).fill("9")
        vote.get_by_label("Nein", exact=True).fill("0")
        vote.get_by_label("Enthaltung", exact=True).fill("1")
        vote.get_by_role("button", name=re.compile("^Abstimmung speichern")).click()
        _status_message(desk, f"TOP {item.number}: angenommen")

    # --- The AG's page: the goal and the measure are adopted.
    page.goto(demo + _concept("version", pk=draft.pk))
    row = page.get_by_role("row").filter(has_text=GOAL)
    assert row.get_by_text("beschlossen", exact=True).is_visible()
    assert (
        page.get_by_role("row")
        .filter(has_text=MEASURE)
        .get_by_text("beschlossen", exact=True)
        .is_visible()
    )
    goal.refresh_from_db()
    assert (goal.decision, goal.adopted_by_id) == (Decision.ADOPTED, item.pk)


# --- 2. axe on every page type of the concept's staff area ---------------------------------


def _first(model: Any, version: Any) -> Any:
    return model.objects.filter(concept_version=version, deleted=False).order_by("pk").first()


def _in_force() -> Any:
    from teilhabe.concept.models import ConceptVersion

    return ConceptVersion.objects.get(
        body__slug=DEMO_SLUG, state=ConceptVersion.State.IN_FORCE, deleted=False
    )


def _deliberated() -> Any:
    from teilhabe.concept import services

    draft = _draft()
    return services.version_submit(version=draft, expected_version=draft.version)


def _setup(name: str) -> tuple[str, str]:
    from teilhabe.concept.models import ActionField, Goal, Measure

    setups = {
        "overview": lambda: ("fachstelle", _concept("overview")),
        "overview-ag": lambda: ("ag-mitglied", _concept("overview")),
        "version": lambda: ("fachstelle", _concept("version", pk=_in_force().pk)),
        "version-ag": lambda: ("ag-mitglied", _concept("version", pk=_draft().pk)),
        "version-edit": lambda: ("fachstelle", _concept("version_edit", pk=_draft().pk)),
        "version-adopt": lambda: ("fachstelle", _concept("version_adopt", pk=_deliberated().pk)),
        "version-revise": lambda: ("fachstelle", _concept("version_revise", pk=_in_force().pk)),
        "field-edit": lambda: (
            "fachstelle",
            _concept("action_field_edit", pk=_first(ActionField, _in_force()).pk),
        ),
        "goal-edit": lambda: ("ag-mitglied", _concept("goal_edit", pk=_first(Goal, _draft()).pk)),
        "measure-edit": lambda: (
            "fachstelle",
            _concept("measure_edit", pk=_first(Measure, _in_force()).pk),
        ),
        "measure-add": lambda: ("ag-mitglied", _concept("measure_create", pk=_draft().pk)),
        "report": lambda: ("ag-mitglied", _concept("report", pk=_draft().pk)),
        "import": lambda: ("ag-mitglied", _concept("measures_import", pk=_draft().pk)),
    }
    return setups[name]()


PAGE_TYPES = [
    "overview",
    "overview-ag",
    "version",
    "version-ag",
    "version-edit",
    "version-adopt",
    "version-revise",
    "field-edit",
    "goal-edit",
    "measure-edit",
    "measure-add",
    "report",
    "import",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_concept_staff_page_has_no_axe_violation(demo, page, page_type, language):
    """Every page type of the concept's staff area, filled with the demo's concept,
    passes axe-core's WCAG 2.1 A and AA rules in German and in Arabic (right to left)."""
    username, path = _setup(page_type)
    use_language(page, demo, language)
    log_in(page, demo, username, next_path=path)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main h1").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_refused_forms_and_the_import_report_have_no_axe_violation(demo, page, language):
    """A measure refused in place (htmx), a delete to confirm, and the import's report of
    invalid rows: the errors are announced and tied to their fields, in both languages."""
    from teilhabe.concept.spreadsheet import COLUMNS

    draft = _draft()
    use_language(page, demo, language)
    log_in(page, demo, "ag-mitglied", next_path=_concept("version", pk=draft.pk))
    field = page.locator("main section[id^=handlungsfeld-]").first
    field.locator("a[hx-get*='massnahmen/neu']").click()
    form = field.locator("form").last
    form.locator("input[name$=title]").wait_for()
    form.locator("input[name$=planned_cost]").fill("-5")
    form.locator("button[type=submit]").click()
    form.locator("[aria-invalid=true]").first.wait_for()
    assert_accessible(page)

    # The import of a table with an invalid row: nothing imported, the row reported.
    page.goto(demo + _concept("measures_import", pk=draft.pk))
    header = ";".join(str(column.header) for column in COLUMNS)
    table = f"{header}\n1;;Gültige Maßnahme\n;;Ohne Handlungsfeld\n".encode("cp1252")
    page.locator("input[type=file]").set_input_files(
        {"name": "massnahmen.csv", "mimeType": "text/csv", "buffer": io.BytesIO(table).read()}
    )
    page.locator("main form button[type=submit]").click()
    page.locator("#pruefbericht").wait_for()
    assert_accessible(page)
