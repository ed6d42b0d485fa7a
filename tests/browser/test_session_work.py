"""The session work in the real browser: from a member's motion to the published minutes.

One walk through the whole cycle (motion, agenda, invitation, attendance, vote, minutes,
approval, publication, the public view), axe on every page type of the session work in
German and Arabic, and the session desk's forms used by keyboard alone.

The cycle spans weeks: the motion is filed and the invitation sent before the session,
the attendance and the vote are taken on the session evening, the minutes are approved in
the following session. The test moves the server's clock (`django.utils.timezone.now`;
the live server runs in this process) to those moments instead of moving the demo's
meetings; the browser's clock is not involved.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import DEMO_SLUG, assert_accessible, log_in, use_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["de", "ar"]
MOTION = "Antrag: Sprechstunde des Beirats im Bürgerhaus"
RESOLUTION = "Der Beirat richtet eine monatliche Sprechstunde im Bürgerhaus ein."
JUSTIFICATION = "Viele Einwohnerinnen und Einwohner kennen den Beirat noch nicht."
MOTION_NOTE = "Die Vorsitzende stellt den Antrag vor; der Beirat stimmt ohne Aussprache ab."
# The demo's 13th Beirat session has this item in its non-public part.
NONPUBLIC_ITEM = "Vergabe: Verlängerung des Vertrags für Dolmetschdienste"
NONPUBLIC_NOTE = "GEHEIM: Der Vertrag wird um ein Jahr zu 18.000 Euro verlängert."
OPENING = "Die Vorsitzende eröffnet die Sitzung und stellt die ordnungsgemäße Ladung fest."


# --- The server's clock ------------------------------------------------------------------


class Clock:
    """`django.utils.timezone.now`, moved by `offset` (for the live server and the test)."""

    def __init__(self) -> None:
        self.real_now = timezone.now
        self.offset = dt.timedelta(0)

    def now(self) -> dt.datetime:
        return self.real_now() + self.offset

    def travel_to(self, moment: dt.datetime) -> None:
        self.offset = moment - self.real_now()


@pytest.fixture
def no_smtp() -> Iterator[None]:
    """Any attempt to open an SMTP connection fails the dispatch (and so the test)."""
    refuse = AssertionError("the browser tests must not connect to a mail server")
    with mock.patch("smtplib.SMTP.connect", side_effect=refuse):
        yield


@pytest.fixture
def clock() -> Iterator[Clock]:
    moved = Clock()
    with mock.patch("django.utils.timezone.now", moved.now):
        yield moved


# --- The demo's records -------------------------------------------------------------------


def _beirat() -> Any:
    from teilhabe.council.models import Organization

    return Organization.objects.get(
        body__slug=DEMO_SLUG, organization_type=Organization.Type.BEIRAT
    )


def _beirat_meeting(number: int) -> Any:
    from teilhabe.council.models import Meeting

    return Meeting.objects.get(organization=_beirat(), number=number, deleted=False)


def _next_beirat_meetings() -> tuple[Any, Any]:
    """The Beirat's next session (the 13th in the demo) and the one after it."""
    from teilhabe.council.models import Meeting

    upcoming = list(
        Meeting.objects.filter(organization=_beirat(), deleted=False, start__gt=timezone.now())
        .exclude(state=Meeting.State.CANCELLED)
        .order_by("start")[:2]
    )
    assert len(upcoming) == 2, "the demo plans two more Beirat sessions"
    return upcoming[0], upcoming[1]


def _body() -> Any:
    from teilhabe.core.models import Body

    return Body.objects.get(slug=DEMO_SLUG)


def _user(username: str) -> Any:
    from teilhabe.accounts.models import User

    return User.objects.get(username=username)


def _staff(name: str, **kwargs: object) -> str:
    return reverse(f"council_staff:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


def _member(name: str, **kwargs: object) -> str:
    return reverse(f"council_member:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


def _public(name: str, **kwargs: object) -> str:
    return reverse(f"council:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


@contextmanager
def _other_browser(browser: Any) -> Iterator[Any]:
    """A second browser window with its own cookies (another person at another desk)."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def _with_hidden(visible: str, hidden: str) -> re.Pattern[str]:
    """The accessible name of a control whose label ends in visually hidden text
    (`visible<span class="kern-sr-only">: hidden</span>`)."""
    return re.compile(rf"^{re.escape(visible)}\s*:\s*{re.escape(hidden)}$")


def _status_message(page: Any, text: str) -> None:
    """The page's status region (Django messages or an htmx status line) says `text`."""
    page.get_by_role("status").filter(has_text=text).first.wait_for()


# --- 1. The whole cycle -------------------------------------------------------------------


def test_a_members_motion_is_decided_and_its_public_minutes_published(
    demo, page, browser, clock, mailoutbox, no_smtp
):
    """A member files a motion for the next Beirat session in the member area; staff put it
    on the agenda as a public item and send the invitation (an e-mail with the PDF to every
    member and deputy, through the tests' in-memory mail backend). On the session evening
    staff take the attendance on the session desk until the quorum is reached and record
    the vote on the motion: adopted, with the quorum recorded. Staff draft the minutes with
    a note on the motion and one on a non-public item, approve them in the following
    session and publish them. An anonymous visitor then reads the public minutes: the
    motion with its result and note, nothing of the non-public item."""
    from django.conf import settings

    from teilhabe.council import services
    from teilhabe.council.models import Dispatch

    # Nothing in this test may reach a real mail server.
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    session, following = _next_beirat_meetings()
    assert session.number == 13
    assert following.number == 14

    # --- The member files the motion (ten days or more before the session).
    log_in(page, demo, "mitglied", next_path=_member("meetings"))
    page.get_by_role("link", name=_with_hidden("Antrag stellen", session.title)).click()
    form = page.locator("main form", has=page.get_by_role("button", name="Antrag einreichen"))
    assert form.get_by_label("Für die Sitzung").input_value() == str(session.pk)
    form.get_by_label("Titel des Antrags").fill(MOTION)
    form.get_by_label("Beschlussvorschlag").fill(RESOLUTION)
    form.get_by_label("Begründung").fill(JUSTIFICATION)
    assert form.get_by_role("checkbox", name="Öffentlicher Antrag").is_checked()
    form.get_by_role("button", name="Antrag einreichen").click()
    page.wait_for_url(re.compile(r".*/mein-bereich/antraege/[0-9]+/eingegangen/$"))
    _status_message(page, "Ihr Antrag ist eingegangen.")
    assert MOTION in page.locator("main").inner_text()

    # --- Staff put it on the agenda, as a public item.
    with _other_browser(browser) as desk:
        log_in(desk, demo, "fachstelle", next_path=_staff("paper_list"))
        desk.locator("main").get_by_role("link", name=MOTION).click()
        section = desk.get_by_role("region", name="Auf die Tagesordnung setzen")
        assert section.get_by_label("Sitzung").input_value() == str(session.pk)
        section.get_by_label("Tagesordnungspunkt").select_option(label="öffentlich")
        section.get_by_role("button", name="Auf die Tagesordnung setzen").click()
        _status_message(desk, "Der Antrag steht jetzt als TOP")
        status = desk.get_by_role("status").filter(has_text="Der Antrag steht jetzt als TOP")
        number = re.search(r"TOP (\d+)", status.first.inner_text()).group(1)

        # --- ... and send the invitation from the meeting's page.
        desk.goto(demo + _staff("meeting_edit", pk=session.pk))
        desk.get_by_role("link", name="Einladung: Vorschau, Ladungsfrist, Versand").click()
        assert desk.get_by_text("Heute versandt, ist die Einladung fristgerecht.").is_visible()
        preview = desk.get_by_role("region", name="Vorschau der Einladung")
        assert MOTION in preview.inner_text()
        desk.get_by_role("button", name="Einladung jetzt versenden").click()
        desk.wait_for_url(re.compile(r".*/einladung/$|.*/einladung/#versand$"))
        _status_message(desk, "Die Einladung wurde erstellt")
        recipients = {p.email.strip() for p in services.invitation_recipients(meeting=session)}
        recipients.discard("")
        assert recipients, "the Beirat has members with an e-mail address"
        sent_to = {address for message in mailoutbox for address in message.to}
        assert sent_to == recipients
        assert all(
            attachment[2] == "application/pdf"
            for message in mailoutbox
            for attachment in message.attachments
        )
        assert all(message.attachments for message in mailoutbox)
        invitation = session.invitations.order_by("-sent_at").first()
        assert invitation.in_time
        states = set(Dispatch.objects.filter(invitation=invitation).values_list("state", flat=True))
        assert Dispatch.State.SENT in states
        assert Dispatch.State.FAILED not in states

        # --- The session evening: attendance until the quorum is reached, then the vote.
        clock.travel_to(session.start + dt.timedelta(minutes=30))
        # The staff member's session (eight hours) has expired in the meantime.
        log_in(desk, demo, "fachstelle", next_path=_staff("meeting_edit", pk=session.pk))
        desk.get_by_role("link", name=re.compile("^Sitzungsverlauf")).click()
        desk.get_by_role("button", name="Mitglieder in die Liste übernehmen").click()
        _status_message(desk, "Mitglieder in die Anwesenheitsliste übernommen.")
        quorum = desk.locator("#quorum-box")
        needed = int(re.search(r"mindestens (\d+)", quorum.inner_text()).group(1))
        assert quorum.get_by_text("nicht beschlussfähig", exact=True).is_visible()
        rows = desk.locator("#attendance-list tbody tr").filter(has_not_text="ohne Stimmrecht")
        assert rows.count() >= needed
        for index in range(needed):
            row = rows.nth(index)
            name = row.get_by_role("rowheader").inner_text().strip()
            row.get_by_role("combobox", name=f"Status: {name}").select_option(label="anwesend")
            row.get_by_role("button", name=_with_hidden("Speichern", name)).click()
            _status_message(desk, f"{name}: anwesend.")
        assert quorum.get_by_text("beschlussfähig", exact=True).is_visible()
        assert f"stimmberechtigt anwesend {needed}" in " ".join(quorum.inner_text().split())

        # The desk works on the first item without a result; the motion is chosen in the
        # agenda overview.
        overview = desk.get_by_role("table", name="Stand der Tagesordnung")
        overview.get_by_role("row").filter(has_text=MOTION).get_by_role("link").click()
        item = desk.get_by_role("region", name=f"TOP {number}: {MOTION}")
        vote = item.locator("form", has=desk.get_by_role("button", name=re.compile("^Abstimmung")))
        vote.get_by_label("Ja", exact=True).fill(str(needed - 2))
        vote.get_by_label("Nein", exact=True).fill("1")
        vote.get_by_label("Enthaltung", exact=True).fill("1")
        vote.get_by_role("button", name=re.compile("^Abstimmung speichern")).click()
        _status_message(desk, f"TOP {number}: angenommen")
        # The desk works on the first item without a result; the motion is chosen in the
        # agenda overview.
        overview = desk.get_by_role("table", name="Stand der Tagesordnung")
        overview.get_by_role("row").filter(has_text=MOTION).get_by_role("link").click()
        item = desk.get_by_role("region", name=f"TOP {number}: {MOTION}")
        assert item.get_by_text("angenommen", exact=True).is_visible()
        summary = " ".join(item.inner_text().split())
        assert f"Ja: {needed - 2}, Nein: 1, Enthaltungen: 1" in summary
        assert "beschlussfähig:" in summary
        assert "nicht beschlussfähig" not in summary

        # --- The minutes: drafted from the session's data, the prose written by staff.
        desk.get_by_role("link", name="Zurück zur Sitzung").click()
        desk.get_by_role("link", name="Niederschrift", exact=True).click()
        desk.get_by_role("button", name="Entwurf anlegen").click()
        _status_message(desk, "Die Niederschrift wurde als Entwurf angelegt.")
        text = desk.get_by_role("region", name="Text der Niederschrift")
        text.get_by_label("Eröffnung und Feststellungen").fill(OPENING)
        text.get_by_label(f"TOP {number}: {MOTION}").fill(MOTION_NOTE)
        text.get_by_label(re.compile(re.escape(NONPUBLIC_ITEM))).fill(NONPUBLIC_NOTE)
        text.get_by_role("button", name="Text speichern").click()
        _status_message(desk, "Die Niederschrift wurde gespeichert.")
        desk.get_by_role("button", name="An die Mitglieder versenden").click()
        _status_message(desk, "in den Versand gegeben. Sie gilt als versandt")
        # Not yet: the following session has not begun.
        assert desk.get_by_text("Eine solche Sitzung hat noch nicht begonnen.").is_visible()
        minutes_path = _staff("minutes", pk=session.pk)

        # --- The following session approves them; then the public part is published.
        clock.travel_to(following.start + dt.timedelta(minutes=30))
        log_in(desk, demo, "fachstelle", next_path=minutes_path)
        steps = desk.get_by_role("region", name="Versand, Genehmigung, Veröffentlichung")
        steps.get_by_label("genehmigt in der Sitzung").select_option(str(following.pk))
        steps.get_by_role("button", name="Genehmigung eintragen").click()
        _status_message(desk, "Die Genehmigung der Niederschrift wurde eingetragen.")
        desk.get_by_role("button", name=re.compile("^Öffentlichen Teil veröffentlichen")).click()
        _status_message(desk, "Der öffentliche Teil der Niederschrift wurde veröffentlicht.")
        desk.get_by_role("link", name="Öffentliche Niederschrift").click()
        public_path = _public("minutes_detail", pk=session.pk)
        desk.wait_for_url(demo + public_path)

    # --- Anyone can read the public part, and only that.
    with _other_browser(browser) as visitor:
        response = visitor.goto(demo + public_path)
        assert response.status == 200
        assert visitor.get_by_role("link", name="Anmelden").first.is_visible()
        main = visitor.locator("main")
        assert main.get_by_role("heading", level=1).inner_text().startswith("Niederschrift über")
        shown = main.inner_text()
        assert MOTION in shown
        assert MOTION_NOTE in shown
        assert OPENING in shown
        assert "angenommen" in shown
        content = visitor.content()
        assert NONPUBLIC_ITEM not in content
        assert NONPUBLIC_NOTE not in content
        assert main.get_by_role("link", name=re.compile("Niederschrift als PDF")).is_visible()


# --- 2. axe on every page type of the session work ----------------------------------------


def assert_landmarks_unique(page: Any) -> None:
    """axe's rule `landmark-unique` (best practice, beyond WCAG): no two landmarks of a kind
    share a name; on the session desk each item's forms are named with the item, so a
    screen reader's list of forms tells them apart. (Run after `assert_accessible`, which
    injects axe.)"""
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'rule', values: ['landmark-unique']}})"
    )
    assert [n["target"] for v in result["violations"] for n in v["nodes"]] == []


#
# Each page type is set up through the services (the database starts from the demo for
# every test); a setup returns who looks at the page (None: anonymous) and its path.


def _present(meeting: Any, count: int) -> list[Any]:
    """Fill the meeting's attendance list; the first `count` voting members are present
    (without times: the whole session), the others absent, whatever the demo recorded."""
    from teilhabe.council import services
    from teilhabe.council.models import Attendance

    services.attendance_prefill(meeting=meeting)
    rows = Attendance.objects.filter(meeting=meeting, voting=True, deleted=False).order_by("pk")
    present = []
    for index, row in enumerate(rows):
        status = Attendance.Status.PRESENT if index < count else Attendance.Status.ABSENT
        row = services.attendance_set(attendance=row, expected_version=row.version, status=status)
        if status == Attendance.Status.PRESENT:
            present.append(row)
    assert len(present) == count
    return present


def _last_held_meeting() -> Any:
    """The Beirat's last session before today (the 12th in the demo), with its items."""
    from teilhabe.council.models import Meeting

    return (
        Meeting.objects.filter(organization=_beirat(), deleted=False, start__lte=timezone.now())
        .exclude(state=Meeting.State.CANCELLED)
        .latest("start")
    )


def _first_public_item(meeting: Any) -> Any:
    return meeting.agenda_items.filter(public=True, deleted=False).order_by("order", "pk").first()


def _filed_motion() -> Any:
    """A motion `mitglied` files for the next Beirat session, put on its agenda by staff."""
    from teilhabe.council import services

    session, _following = _next_beirat_meetings()
    paper = services.motion_submit(
        body=_body(),
        by=_user("mitglied"),
        meeting=session,
        name=MOTION,
        proposed_resolution=RESOLUTION,
        justification=JUSTIFICATION,
    )
    services.motion_put_on_agenda(paper=paper, public=True, expected_version=paper.version)
    return paper


def _published_minutes_meeting() -> Any:
    """A Beirat session with published minutes: the demo's, or made here through the
    services (the latest begun session without minutes, approved in the one after it)."""
    from teilhabe.council import services
    from teilhabe.council.models import Meeting, Minutes

    published = (
        Minutes.objects.filter(
            meeting__organization=_beirat(), state=Minutes.State.PUBLISHED, deleted=False
        )
        .select_related("meeting")
        .first()
    )
    if published is not None:
        return published.meeting
    begun = list(
        Meeting.objects.filter(organization=_beirat(), deleted=False, start__lte=timezone.now())
        .exclude(state=Meeting.State.CANCELLED)
        .order_by("-start")
    )
    for later, earlier in itertools.pairwise(begun):
        if Minutes.objects.filter(meeting=earlier).exists():
            continue
        minutes = services.minutes_draft(meeting=earlier)
        minutes = services.minutes_update(
            minutes=minutes,
            expected_version=minutes.version,
            opening=OPENING,
            closing="",
            minute_taker="Jana Hartmann",
            notes={},
        )
        minutes = services.minutes_approve(minutes=minutes, in_meeting=later)
        services.minutes_publish(minutes=minutes)
        return earlier
    pytest.fail("no Beirat session without minutes to publish")


def _draft_minutes_meeting() -> Any:
    """A held Beirat session with a draft of its minutes that a later session could
    approve (so the page shows the text form and the approval form). The draft is made
    here, for the session before the last one, unless the demo has one already."""
    from teilhabe.council import services
    from teilhabe.council.models import Meeting, Minutes

    draft = Minutes.objects.filter(
        meeting__organization=_beirat(), state=Minutes.State.DRAFT, deleted=False
    ).first()
    if draft is not None:
        return draft.meeting
    last = _last_held_meeting()
    meeting = (
        Meeting.objects.filter(organization=_beirat(), deleted=False, start__lt=last.start)
        .exclude(state=Meeting.State.CANCELLED)
        .filter(minutes__isnull=True)
        .latest("start")
    )
    _present(meeting, 3)
    services.minutes_draft(meeting=meeting)
    return meeting


def _setup_invitation() -> tuple[str | None, str]:
    """After one invitation was sent: the notice check, the form, the preview, the
    dispatch per recipient and the list of invitations."""
    from teilhabe.council import services

    session, _following = _next_beirat_meetings()
    services.invitation_send(meeting=session, by=_user("fachstelle"))
    return "fachstelle", _staff("invitation", pk=session.pk)


def _setup_session_desk() -> tuple[str | None, str]:
    from teilhabe.council import services

    meeting = _last_held_meeting()
    _present(meeting, 3)
    item = _first_public_item(meeting)
    services.vote_record(agenda_item=item, yes=2, no=1, abstain=0, taken_at=meeting.start)
    return "fachstelle", _staff("session_desk", pk=meeting.pk)


def _setup_vote_by_name() -> tuple[str | None, str]:
    meeting = _last_held_meeting()
    _present(meeting, 3)
    item = _first_public_item(meeting)
    return "fachstelle", _staff("session_vote", pk=meeting.pk, item_pk=item.pk)


def _setup_minutes_staff() -> tuple[str | None, str]:
    return "fachstelle", _staff("minutes", pk=_draft_minutes_meeting().pk)


def _setup_meeting_history() -> tuple[str | None, str]:
    meeting = _last_held_meeting()
    _present(meeting, 1)
    return "fachstelle", _staff("meeting_history", pk=meeting.pk)


def _setup_paper_history() -> tuple[str | None, str]:
    return "fachstelle", _staff("paper_history", pk=_filed_motion().pk)


def _setup_session_rules() -> tuple[str | None, str]:
    return "fachstelle", _staff("session_rules_list")


def _setup_member_meetings() -> tuple[str | None, str]:
    return "mitglied", _member("meetings")


def _setup_member_motions() -> tuple[str | None, str]:
    _filed_motion()
    return "mitglied", _member("motion_list")


def _setup_member_motion_create() -> tuple[str | None, str]:
    return "mitglied", _member("motion_create")


def _setup_member_motion_submitted() -> tuple[str | None, str]:
    return "mitglied", _member("motion_submitted", pk=_filed_motion().pk)


def _setup_member_minutes() -> tuple[str | None, str]:
    return "mitglied", _member("minutes", pk=_published_minutes_meeting().pk)


def _setup_public_minutes() -> tuple[str | None, str]:
    return None, _public("minutes_detail", pk=_published_minutes_meeting().pk)


SESSION_WORK_PAGES = {
    "staff-invitation": _setup_invitation,
    "staff-session-desk": _setup_session_desk,
    "staff-vote-by-name": _setup_vote_by_name,
    "staff-minutes": _setup_minutes_staff,
    "staff-meeting-history": _setup_meeting_history,
    "staff-paper-history": _setup_paper_history,
    "staff-session-rules": _setup_session_rules,
    "member-meetings": _setup_member_meetings,
    "member-motion-list": _setup_member_motions,
    "member-motion-create": _setup_member_motion_create,
    "member-motion-submitted": _setup_member_motion_submitted,
    "member-minutes": _setup_member_minutes,
    "public-minutes": _setup_public_minutes,
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", list(SESSION_WORK_PAGES))
def test_session_work_page_has_no_axe_violation(demo, page, page_type, language):
    """Every page type of the session work (staff: invitation, session desk, vote by name,
    minutes, histories, rules of procedure; members: their sessions and motions; the public
    minutes), filled with data, passes axe-core's WCAG 2.1 A and AA rules in German and in
    Arabic (right to left)."""
    username, path = SESSION_WORK_PAGES[page_type]()
    use_language(page, demo, language)
    if username is None:
        response = page.goto(demo + path)
        assert response.status == 200
    else:
        log_in(page, demo, username, next_path=path)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main h1").count() == 1
    assert_accessible(page)
    assert_landmarks_unique(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_session_desk_with_a_refused_vote_has_no_axe_violation(demo, page, language):
    """A vote sent without numbers comes back (htmx) with the errors at the fields and in
    the status line; the desk in that state still passes axe, in German and Arabic."""
    meeting = _last_held_meeting()
    _present(meeting, 2)
    item = _first_public_item(meeting)
    use_language(page, demo, language)
    desk_for_item = _staff("session_desk", pk=meeting.pk) + f"?top={item.pk}"
    log_in(page, demo, "fachstelle", next_path=desk_for_item)
    section = page.locator(f"#top-{item.pk}")
    section.locator(f"#vote-submit-{item.pk}").click()
    section = page.locator(f"#top-{item.pk}")
    section.locator(".kern-error").first.wait_for()
    assert page.locator("#session-status .kern-error").count() == 1
    assert_accessible(page)


# --- 3. The session desk by keyboard alone -------------------------------------------------

ACTIVE = """() => {
  const el = document.activeElement;
  return {id: el.id, tag: el.tagName, type: el.type || '', value: el.value ?? '',
          form: el.form ? el.form.id : null};
}"""


def _tab_to(page: Any, element_id: str, *, within: Any, limit: int = 12) -> list[str]:
    """Press Tab until the element `element_id` has the focus; every stop on the way must
    lie within `within` (a locator). Returns the ids of the stops."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(ACTIVE)
        assert within.evaluate("(el) => el.contains(document.activeElement)"), state
        stops.append(state["id"])
        if state["id"] == element_id:
            return stops
    pytest.fail(f"Tab did not reach #{element_id}: {stops}")


def test_attendance_and_vote_on_the_session_desk_work_by_keyboard_alone(demo, page):
    """On the session desk a keyboard user sets a member present (type-ahead in the status
    list, Tab through the row's fields to its Save button, Enter) and records a vote (the
    three numbers typed, Tab to the Save button, Enter). Both are saved in place by htmx,
    the status line announces them, the quorum box follows, and the focus stays on the
    Save button that was pressed."""
    from teilhabe.council.models import AgendaItem, Attendance
    from teilhabe.council.quorum import quorum_for

    meeting = _last_held_meeting()
    needed = quorum_for(meeting=meeting, voting_present=0).needed
    _present(meeting, needed - 1)  # one short of the quorum
    item = _first_public_item(meeting)
    row = (
        Attendance.objects.filter(meeting=meeting, voting=True, status=Attendance.Status.ABSENT)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    assert row is not None
    desk_for_item = _staff("session_desk", pk=meeting.pk) + f"?top={item.pk}"
    log_in(page, demo, "fachstelle", next_path=desk_for_item)
    quorum = page.locator("#quorum-box")
    assert quorum.get_by_text("nicht beschlussfähig", exact=True).is_visible()

    # Attendance: the row's status list is reached (as by Tab) and used by keys only.
    table_row = page.locator(f"#anwesenheit-{row.pk}")
    status = table_row.get_by_role("combobox", name=f"Status: {row.person.name}")
    status.focus()
    page.keyboard.type("anw")  # type-ahead: "anwesend"
    assert status.input_value() == Attendance.Status.PRESENT
    stops = _tab_to(page, f"attendance-save-{row.pk}", within=table_row)
    assert len(stops) >= 2  # the deputy and the times lie between status and Save
    page.keyboard.press("Enter")
    _status_message(page, f"{row.person.name}: anwesend.")
    assert quorum.get_by_text("beschlussfähig", exact=True).is_visible()
    assert page.evaluate(ACTIVE)["id"] == f"attendance-save-{row.pk}"
    row.refresh_from_db()
    assert row.status == Attendance.Status.PRESENT

    # The vote on the first public item: the numbers typed, Tab to Save, Enter.
    section = page.locator(f"#top-{item.pk}")
    section.get_by_label("Ja", exact=True).focus()
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("0")
    _tab_to(page, f"vote-submit-{item.pk}", within=section)
    page.keyboard.press("Enter")
    _status_message(page, f"TOP {item.number}: angenommen")
    assert page.evaluate(ACTIVE)["id"] == f"vote-submit-{item.pk}"
    item.refresh_from_db()
    assert (item.result, item.votes_yes, item.votes_no, item.votes_abstain) == (
        AgendaItem.Result.ADOPTED,
        6,
        2,
        0,
    )
    assert item.votes.latest("taken_at").quorate
