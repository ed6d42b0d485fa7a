"""The minutes (Niederschrift): drafted from the meeting's data, edited, sent, approved in a
later session, and the public part published as HTML and PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from teilhabe.core import history
from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord
from teilhabe.council import errors, selectors, services
from teilhabe.council.models import (
    AgendaItem,
    Attendance,
    Dispatch,
    File,
    Meeting,
    Minutes,
    PersonVote,
    SessionRules,
    Vote,
)
from teilhabe.council.services.minutes import _store_published
from teilhabe.council.tests import factories as f
from teilhabe.council.tests.test_invitations import Mailbox, _free_port, _smtp_settings

pytestmark = pytest.mark.django_db

SECRET = "GEHEIM4711"
SHY = "Zurückhaltend"


def _vote(item, *, yes=5, no=2, abstain=1, present=9, quorate=True, by_name=False):
    return Vote.objects.create(
        body=item.body,
        agenda_item=item,
        taken_at=item.meeting.start + dt.timedelta(minutes=30),
        yes=yes,
        no=no,
        abstain=abstain,
        by_name=by_name,
        voting_present=present,
        legal_member_count=15,
        quorate=quorate,
        adopted=yes > no,
        rule_name="GemO RLP",
    )


def _attend(meeting, person, status=Attendance.Status.PRESENT, **kwargs):
    return Attendance.objects.create(
        body=meeting.body, meeting=meeting, person=person, status=status, **kwargs
    )


@pytest.fixture
def session():
    """A Beirat's meeting held three days ago, with a public and a non-public item, a vote
    by name, attendance of a consenting and a non-consenting member; a later meeting held
    yesterday and one still ahead."""
    body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body)
    now = timezone.now()
    held = f.MeetingFactory(
        organization=beirat, number=1, start=now - dt.timedelta(days=3), state="held"
    )
    later = f.MeetingFactory(organization=beirat, number=2, start=now - dt.timedelta(days=1))
    ahead = f.MeetingFactory(organization=beirat, number=3, start=now + dt.timedelta(days=7))
    public_item = f.AgendaItemFactory(
        meeting=held,
        number="1",
        order=1,
        name="Bericht zum Integrationskonzept",
        result=AgendaItem.Result.ADOPTED,
        resolution_text="Der Beirat empfiehlt das Konzept.",
    )
    secret_item = f.AgendaItemFactory(
        meeting=held,
        number="2",
        order=2,
        name=f"Personalsache {SECRET}",
        public=False,
        resolution_text=f"Beschluss {SECRET}",
        minutes_note=f"Beratung {SECRET}",
    )
    named = f.PersonFactory(body=body, given_name="Aylin", family_name="Offen", email="a@x.de")
    shy = f.PersonFactory(body=body, given_name="Sami", family_name=SHY, public_consent=False)
    for person in (named, shy):
        f.MembershipFactory(organization=beirat, person=person)
    _attend(held, named)
    _attend(held, shy)
    vote = _vote(public_item, yes=2, no=0, abstain=0, present=2, by_name=True)
    for person in (named, shy):
        PersonVote.objects.create(body=body, vote=vote, person=person, choice="yes")
    return {
        "body": body,
        "beirat": beirat,
        "held": held,
        "later": later,
        "ahead": ahead,
        "public_item": public_item,
        "secret_item": secret_item,
        "named": named,
        "shy": shy,
        "staff": f.StaffRoleFactory(body=body).user,
    }


def _approved(session):
    minutes = services.minutes_draft(meeting=session["held"])
    return services.minutes_approve(minutes=minutes, in_meeting=session["later"])


def _staff_url(session, meeting=None):
    meeting = meeting or session["held"]
    return reverse("council_staff:minutes", kwargs={"body": session["body"].slug, "pk": meeting.pk})


def _public_url(session, meeting=None):
    meeting = meeting or session["held"]
    return reverse(
        "council:minutes_detail", kwargs={"body": session["body"].slug, "pk": meeting.pk}
    )


# --- drafting ------------------------------------------------------------------------------


def test_draft_is_created_for_a_meeting_that_has_begun(session):
    """A meeting that started a moment ago gets its draft; it is recorded in the history."""
    meeting = f.MeetingFactory(
        organization=session["beirat"], start=timezone.now() - dt.timedelta(seconds=1)
    )
    minutes = services.minutes_draft(meeting=meeting)
    assert minutes.state == Minutes.State.DRAFT
    assert minutes.body_id == meeting.body_id
    assert ChangeRecord.objects.filter(object_id=minutes.pk, action="create").exists()


def test_draft_is_refused_before_the_meeting_begins(session):
    """A meeting a minute ahead has no minutes yet."""
    meeting = f.MeetingFactory(
        organization=session["beirat"], start=timezone.now() + dt.timedelta(minutes=1)
    )
    with pytest.raises(errors.MeetingNotHeld):
        services.minutes_draft(meeting=meeting)
    assert not Minutes.objects.exists()


def test_draft_is_refused_for_a_cancelled_meeting(session):
    meeting = f.MeetingFactory(
        organization=session["beirat"],
        start=timezone.now() - dt.timedelta(days=1),
        state=Meeting.State.CANCELLED,
    )
    with pytest.raises(errors.MeetingCancelled):
        services.minutes_draft(meeting=meeting)


def test_a_meeting_has_one_minutes(session):
    services.minutes_draft(meeting=session["held"])
    with pytest.raises(errors.MinutesExist):
        services.minutes_draft(meeting=session["held"])
    assert Minutes.objects.count() == 1


# --- editing -------------------------------------------------------------------------------


def test_update_saves_prose_and_notes_of_the_items(session):
    """Opening, closing, minute-taker on the minutes; each note on its item (non-public too)."""
    minutes = services.minutes_draft(meeting=session["held"])
    public_item, secret_item = session["public_item"], session["secret_item"]
    saved = services.minutes_update(
        minutes=minutes,
        expected_version=minutes.version,
        opening="Die Vorsitzende eröffnet.",
        closing="Ende 20 Uhr.",
        minute_taker="B. Schreiber",
        notes={public_item.pk: "Aussprache.", secret_item.pk: secret_item.minutes_note},
    )
    saved.refresh_from_db()
    public_item.refresh_from_db()
    assert (saved.opening, saved.closing, saved.minute_taker) == (
        "Die Vorsitzende eröffnet.",
        "Ende 20 Uhr.",
        "B. Schreiber",
    )
    assert public_item.minutes_note == "Aussprache."
    assert public_item.version == 2
    # An unchanged note is not written again.
    assert AgendaItem.objects.get(pk=secret_item.pk).version == secret_item.version


def test_update_onto_a_stale_version_is_refused(session):
    minutes = services.minutes_draft(meeting=session["held"])
    with pytest.raises(ConflictError):
        services.minutes_update(
            minutes=minutes,
            expected_version=minutes.version + 1,
            opening="x",
            closing="",
            minute_taker="",
            notes={},
        )
    minutes.refresh_from_db()
    assert minutes.opening == ""


def test_update_with_an_item_of_another_meeting_writes_nothing(session):
    """A stale page naming an item that is not (or no longer) on the agenda is refused."""
    minutes = services.minutes_draft(meeting=session["held"])
    foreign = f.AgendaItemFactory(meeting=session["later"])
    with pytest.raises(errors.MinutesAgendaChanged):
        services.minutes_update(
            minutes=minutes,
            expected_version=minutes.version,
            opening="neu",
            closing="",
            minute_taker="",
            notes={session["public_item"].pk: "neu", foreign.pk: "fremd"},
        )
    minutes.refresh_from_db()
    foreign.refresh_from_db()
    assert minutes.opening == ""
    assert foreign.minutes_note == ""


def test_approved_minutes_are_not_edited(session):
    minutes = _approved(session)
    with pytest.raises(errors.MinutesNotDraft):
        services.minutes_update(
            minutes=minutes,
            expected_version=minutes.version,
            opening="später",
            closing="",
            minute_taker="",
            notes={},
        )


# --- sending -------------------------------------------------------------------------------


def test_sending_is_recorded_by_the_first_delivered_email(
    session, django_capture_on_commit_callbacks
):
    """Every member gets a MINUTES dispatch; `sent_at` is the moment the first e-mail was
    delivered, and a later sending keeps it."""
    minutes = services.minutes_draft(meeting=session["held"])
    with django_capture_on_commit_callbacks(execute=True):
        dispatches = services.minutes_mark_sent(minutes=minutes)
    assert {d.person_id for d in dispatches} == {session["named"].pk, session["shy"].pk}
    rows = Dispatch.objects.filter(meeting=session["held"], kind=Dispatch.Kind.MINUTES)
    # The member without an address is recorded so staff can reach them another way.
    assert rows.get(person=session["shy"]).state == Dispatch.State.NO_ADDRESS
    delivered = rows.get(person=session["named"])
    assert delivered.state == Dispatch.State.SENT
    minutes.refresh_from_db()
    assert minutes.sent_at == delivered.sent_at
    assert minutes.version == 1  # no conflict with a form open on the minutes
    assert any("sent_at" in record.changes for record in history.history_of(minutes))
    first = minutes.sent_at
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_mark_sent(minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.sent_at == first
    assert rows.filter(state=Dispatch.State.SENT).count() == 2


@pytest.fixture
def mail_server_down(settings):
    _smtp_settings(settings, _free_port())


@pytest.fixture
def mail_server(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield lambda: _smtp_settings(settings, controller.port)
    controller.stop()


def test_minutes_whose_every_email_failed_are_not_sent_and_stay_flagged(
    client, session, mail_server_down, mail_server, django_capture_on_commit_callbacks
):
    """The mail server is down: every e-mail fails, so the minutes are not sent, the
    overdue flag stays, and staff see the failures with their error on the minutes page,
    where they send them again; the first delivered one marks the minutes sent."""
    meeting = _days_ago(session, 40)
    minutes = services.minutes_draft(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_mark_sent(minutes=minutes)
    failed = Dispatch.objects.get(meeting=meeting, person=session["named"])
    assert failed.state == Dispatch.State.FAILED
    minutes.refresh_from_db()
    assert minutes.sent_at is None
    overdue = selectors.minutes_overdue_list(body=session["body"], user=session["staff"])
    assert meeting.pk in [m.pk for m in overdue]

    client.force_login(session["staff"])
    page = client.get(_staff_url(session, meeting)).content.decode()
    assert "überfällig: noch nicht versandt" in page
    assert "Die Niederschrift hat noch kein Mitglied erreicht." in page
    assert failed.last_error[:20] in page
    retry_url = reverse(
        "council_staff:dispatch_retry",
        kwargs={"body": session["body"].slug, "pk": meeting.pk, "dispatch_pk": failed.pk},
    )
    assert retry_url in page

    mail_server()  # the server is back
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url)
    assert response.status_code == 302
    assert response["Location"] == _staff_url(session, meeting) + "#versand"
    minutes.refresh_from_db()
    failed.refresh_from_db()
    assert failed.state == Dispatch.State.SENT
    assert minutes.sent_at == failed.sent_at
    overdue = selectors.minutes_overdue_list(body=session["body"], user=session["staff"])
    assert meeting.pk not in [m.pk for m in overdue]


def test_a_minutes_retry_with_htmx_answers_the_minutes_table(
    client, session, mail_server_down, django_capture_on_commit_callbacks
):
    minutes = services.minutes_draft(meeting=session["held"])
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_mark_sent(minutes=minutes)
    failed = Dispatch.objects.get(meeting=session["held"], person=session["named"])
    client.force_login(session["staff"])
    url = reverse(
        "council_staff:dispatch_retry",
        kwargs={"body": session["body"].slug, "pk": session["held"].pk, "dispatch_pk": failed.pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert "E-Mails der Niederschrift" in html
    assert "E-Mails der Einladungen" not in html


# --- approving -----------------------------------------------------------------------------


def test_approval_in_a_later_meeting_of_the_same_organization(session):
    minutes = services.minutes_draft(meeting=session["held"])
    approved = services.minutes_approve(
        minutes=minutes, in_meeting=session["later"], objections="TOP 1 berichtigt."
    )
    assert approved.state == Minutes.State.APPROVED
    assert approved.approved_in == session["later"]
    assert approved.approved_at == session["later"].start
    assert approved.objections == "TOP 1 berichtigt."


@pytest.mark.parametrize("which", ["itself", "earlier", "ahead", "cancelled", "other_org"])
def test_approval_needs_a_later_begun_meeting_of_the_same_organization(session, which):
    held = session["held"]
    if which == "itself":
        in_meeting = held
    elif which == "earlier":
        in_meeting = f.MeetingFactory(
            organization=session["beirat"], start=held.start - dt.timedelta(days=30)
        )
    elif which == "ahead":
        in_meeting = session["ahead"]
    elif which == "cancelled":
        in_meeting = f.MeetingFactory(
            organization=session["beirat"],
            start=timezone.now() - dt.timedelta(hours=1),
            state=Meeting.State.CANCELLED,
        )
    else:
        in_meeting = f.MeetingFactory(
            organization=f.OrganizationFactory(body=session["body"]),
            start=timezone.now() - dt.timedelta(hours=1),
        )
    minutes = services.minutes_draft(meeting=held)
    with pytest.raises(errors.InvalidApprovingMeeting):
        services.minutes_approve(minutes=minutes, in_meeting=in_meeting)
    minutes.refresh_from_db()
    assert minutes.state == Minutes.State.DRAFT


def test_approval_in_a_meeting_of_another_body_is_refused(session):
    minutes = services.minutes_draft(meeting=session["held"])
    foreign = f.MeetingFactory(start=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(errors.CrossBodyReference):
        services.minutes_approve(minutes=minutes, in_meeting=foreign)


def test_minutes_are_approved_once(session):
    minutes = _approved(session)
    with pytest.raises(errors.MinutesNotDraft):
        services.minutes_approve(minutes=minutes, in_meeting=session["later"])


# --- publishing ----------------------------------------------------------------------------


def test_only_approved_minutes_are_published(session):
    minutes = services.minutes_draft(meeting=session["held"])
    with pytest.raises(errors.MinutesNotApproved):
        services.minutes_publish(minutes=minutes)
    assert not File.objects.exists()


def test_publishing_renders_the_public_part_as_pdf(session):
    """The PDF holds the public item, its vote and the consenting member's name; never the
    non-public item nor the name of a member who did not consent."""
    published = services.minutes_publish(minutes=_approved(session))
    assert published.state == Minutes.State.PUBLISHED
    assert published.published_at is not None
    assert published.published_item_ids == [session["public_item"].pk]
    file = published.public_file
    assert file.meeting_id == session["held"].pk
    assert file.public
    assert file.mime_type == "application/pdf"
    with file.content.open("rb") as stream:
        data = stream.read()
    assert data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Bericht zum Integrationskonzept" in text
    assert "Offen" in text
    assert SECRET not in text
    assert SHY not in text
    # Anyone may download it.
    assert File.objects.visible_to(None).filter(pk=file.pk).exists()
    with pytest.raises(errors.MinutesNotApproved):
        services.minutes_publish(minutes=published)


def test_publishing_onto_changed_minutes_is_refused(session):
    """If the minutes change while the PDF is rendered, nothing is published."""
    minutes = _approved(session)
    with pytest.raises(ConflictError):
        _store_published(
            minutes=minutes, expected_version=minutes.version - 1, pdf=b"%PDF-", item_ids=[]
        )
    minutes.refresh_from_db()
    assert minutes.state == Minutes.State.APPROVED
    assert not File.objects.exists()


# --- the document --------------------------------------------------------------------------


def test_public_document_counts_members_who_did_not_consent(session):
    document = selectors.minutes_document(meeting=session["held"], public_only=True)
    assert [item.pk for item in document.items] == [session["public_item"].pk]
    (present,) = document.attendance
    assert [entry.name for entry in present.entries] == [session["named"].name]
    assert present.hidden == 1
    (vote,) = document.items[0].minutes_votes
    (yes,) = vote.choice_groups
    assert (yes.names, yes.hidden) == ([session["named"].name], 1)


def test_staff_document_names_everyone_and_holds_every_item(session):
    document = selectors.minutes_document(meeting=session["held"], public_only=False)
    assert document.item_ids == [session["public_item"].pk, session["secret_item"].pk]
    (present,) = document.attendance
    assert len(present.entries) == 2
    assert present.hidden == 0


# --- superseded votes -----------------------------------------------------------------------


def _vote_line(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if "Abstimmung: Ja" in line]


def test_a_vote_superseded_by_an_outcome_is_in_no_minutes(
    client, session, django_capture_on_commit_callbacks
):
    """The item was voted on by name, then postponed: the staff draft, the members' copy,
    the public page and the PDF show the postponement, not the vote; the vote stays
    recorded (and in the history)."""
    item = session["public_item"]
    services.agenda_item_conclude(
        agenda_item=item, expected_version=item.version, outcome=AgendaItem.Result.POSTPONED
    )
    for public_only in (False, True):
        document = selectors.minutes_document(meeting=session["held"], public_only=public_only)
        (shown,) = [i for i in document.items if i.pk == item.pk]
        assert shown.minutes_votes == []
    assert Vote.objects.filter(agenda_item=item).count() == 1

    member = f.UserFactory()
    f.MembershipFactory(
        organization=session["beirat"], person=f.PersonFactory(body=session["body"], user=member)
    )
    client.force_login(session["staff"])
    approved = _approved(session)
    staff_page = client.get(_staff_url(session)).content.decode()
    published = services.minutes_publish(minutes=approved)
    public_page = client.get(_public_url(session)).content.decode()
    client.force_login(member)
    member_url = reverse(
        "council_member:minutes", kwargs={"body": session["body"].slug, "pk": session["held"].pk}
    )
    member_page = client.get(member_url).content.decode()
    for html in (staff_page, public_page, member_page):
        assert _vote_line(html) == []
        assert "vertagt" in html
        assert "Offen" not in html.split("minutes-items")[1].split("minutes-approval")[0]
    with published.public_file.content.open("rb") as stream:
        text = "".join(page.extract_text() for page in PdfReader(stream).pages)
    assert "Abstimmung: Ja" not in text


def test_a_vote_recorded_again_replaces_the_earlier_one_in_the_minutes(client, session):
    """Two votes on one item: the minutes show the one recorded last, once."""
    item = session["public_item"]
    _vote(item, yes=7, no=1, abstain=0, present=9)
    for public_only in (False, True):
        document = selectors.minutes_document(meeting=session["held"], public_only=public_only)
        (shown,) = [i for i in document.items if i.pk == item.pk]
        assert [(v.yes, v.no, v.by_name) for v in shown.minutes_votes] == [(7, 1, False)]
    services.minutes_draft(meeting=session["held"])
    client.force_login(session["staff"])
    lines = _vote_line(client.get(_staff_url(session)).content.decode())
    assert len(lines) == 1
    assert "Ja 7, Nein 1" in lines[0]


# --- the staff page ------------------------------------------------------------------------


def test_staff_work_the_minutes_through_the_page(
    client, session, django_capture_on_commit_callbacks
):
    """Draft, write, send, approve and publish, each a plain form post."""
    client.force_login(session["staff"])
    url = _staff_url(session)
    page = client.get(url)
    assert page.status_code == 200
    assert "Entwurf anlegen" in page.content.decode()

    assert client.post(url, {"action": "draft"}).status_code == 302
    minutes = Minutes.objects.get(meeting=session["held"])
    page = client.get(url).content.decode()
    # The full draft: the non-public item, marked.
    assert SECRET in page
    assert "nichtöffentlich" in page

    response = client.post(
        url,
        {
            "action": "save",
            "version": minutes.version,
            "opening": "Eröffnung durch die Vorsitzende.",
            "minute_taker": "B. Schreiber",
            "closing": "",
            f"note_{session['public_item'].pk}": "Aussprache über das Konzept.",
            f"note_{session['secret_item'].pk}": "vertraulich",
        },
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.opening == "Eröffnung durch die Vorsitzende."

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "send"}).status_code == 302
    assert "#versand" in client.post(url, {"action": "send"})["Location"]
    response = client.post(url, {"action": "approve", "approve-in_meeting": session["later"].pk})
    assert response.status_code == 302
    assert client.post(url, {"action": "publish"}).status_code == 302
    minutes.refresh_from_db()
    assert minutes.state == Minutes.State.PUBLISHED
    assert minutes.sent_at is not None


def test_a_stale_save_shows_the_conflict_and_keeps_the_input(client, session):
    client.force_login(session["staff"])
    minutes = services.minutes_draft(meeting=session["held"])
    response = client.post(
        _staff_url(session),
        {"action": "save", "version": minutes.version + 5, "opening": "Mein Text"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "inzwischen von jemand anderem geändert" in content
    assert "Mein Text" in content


def test_a_note_for_an_item_removed_meanwhile_is_refused(client, session):
    """The page was loaded before an item left the agenda: nothing is written, the staff
    member is asked to reload; an id too big for the database is no 500."""
    client.force_login(session["staff"])
    minutes = services.minutes_draft(meeting=session["held"])
    removed = f.AgendaItemFactory(meeting=session["held"], deleted=True)
    for key in (f"note_{removed.pk}", "note_99999999999999999999999"):
        response = client.post(
            _staff_url(session),
            {"action": "save", "version": minutes.version, "opening": "Neu", key: "Notiz"},
        )
        assert response.status_code == 200
        assert "Bitte laden Sie die Seite" in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.opening == ""


def test_an_item_added_meanwhile_keeps_its_note(client, session):
    """A save from a page that did not show an item leaves that item's note alone."""
    client.force_login(session["staff"])
    minutes = services.minutes_draft(meeting=session["held"])
    added = f.AgendaItemFactory(meeting=session["held"], minutes_note="schon geschrieben")
    response = client.post(
        _staff_url(session), {"action": "save", "version": minutes.version, "opening": "Neu"}
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.minutes_note == "schon geschrieben"


def test_an_approval_in_a_meeting_ahead_is_not_offered(client, session):
    """The form offers only begun later meetings; another one is a form error, not a 500."""
    client.force_login(session["staff"])
    services.minutes_draft(meeting=session["held"])
    response = client.post(
        _staff_url(session), {"action": "approve", "approve-in_meeting": session["ahead"].pk}
    )
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben." in response.content.decode()
    assert Minutes.objects.get().state == Minutes.State.DRAFT


def test_a_step_that_does_not_fit_the_state_is_a_message(client, session):
    """Publishing a draft (a stale page) is refused with a message, nothing changes."""
    client.force_login(session["staff"])
    services.minutes_draft(meeting=session["held"])
    response = client.post(_staff_url(session), {"action": "publish"}, follow=True)
    assert "Nur eine genehmigte" in response.content.decode()
    assert Minutes.objects.get().state == Minutes.State.DRAFT


def test_staff_page_flags_minutes_not_sent_within_the_due_days(client, session):
    client.force_login(session["staff"])
    old = f.MeetingFactory(
        organization=session["beirat"], start=timezone.now() - dt.timedelta(days=40)
    )
    assert "überfällig" in client.get(_staff_url(session, old)).content.decode()
    assert "überfällig" not in client.get(_staff_url(session)).content.decode()


def _grow(session, n):
    """n more items with votes (by name) and n more attendees."""
    meeting = session["held"]
    for i in range(n):
        item = f.AgendaItemFactory(meeting=meeting, public=i % 2 == 0, minutes_note="x")
        vote = _vote(item, by_name=True)
        person = f.PersonFactory(body=session["body"], public_consent=i % 3 == 0)
        PersonVote.objects.create(body=meeting.body, vote=vote, person=person, choice="no")
        paper = f.PaperFactory(body=session["body"])
        f.ConsultationFactory(
            paper=paper, organization=session["beirat"], meeting=meeting, agenda_item=item
        )
        _attend(meeting, person, status=Attendance.Status.REPRESENTED, deputy=person)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_staff_page_costs_the_same_queries_for_any_size(client, session):
    client.force_login(session["staff"])
    services.minutes_draft(meeting=session["held"])
    url = _staff_url(session)
    few = _count(client, url)
    _grow(session, 6)
    assert _count(client, url) == few


# --- the public page -----------------------------------------------------------------------


def test_public_page_is_not_found_until_published(client, session):
    assert client.get(_public_url(session)).status_code == 404
    minutes = _approved(session)
    assert client.get(_public_url(session)).status_code == 404
    services.minutes_publish(minutes=minutes)
    assert client.get(_public_url(session)).status_code == 200


def test_public_page_shows_only_the_public_part(client, session):
    """No non-public item, no name without consent; the PDF linked; for members too."""
    services.minutes_publish(minutes=_approved(session))
    member = f.UserFactory()
    f.MembershipFactory(
        organization=session["beirat"], person=f.PersonFactory(body=session["body"], user=member)
    )
    for user in (None, member):
        if user is not None:
            client.force_login(user)
        content = client.get(_public_url(session)).content.decode()
        assert "Bericht zum Integrationskonzept" in content
        assert "Aylin Offen" in content
        assert SECRET not in content
        assert SHY not in content
        assert "Niederschrift als PDF" in content


def test_public_page_leaves_out_an_item_made_non_public_after_publishing(client, session):
    services.minutes_publish(minutes=_approved(session))
    AgendaItem.objects.filter(pk=session["public_item"].pk).update(public=False)
    content = client.get(_public_url(session)).content.decode()
    assert "Bericht zum Integrationskonzept" not in content


def test_meeting_page_links_the_published_minutes(client, session):
    meeting_url = reverse(
        "council:meeting_detail", kwargs={"body": session["body"].slug, "pk": session["held"].pk}
    )
    minutes = _approved(session)
    assert _public_url(session) not in client.get(meeting_url).content.decode()
    services.minutes_publish(minutes=minutes)
    assert _public_url(session) in client.get(meeting_url).content.decode()


def test_public_page_costs_the_same_queries_for_any_size(client, session, monkeypatch):
    monkeypatch.setattr("teilhabe.council.services.minutes.render_pdf", lambda *a: b"%PDF-1.4")
    minutes = _approved(session)
    url = _public_url(session)
    services.minutes_publish(minutes=minutes)
    few = _count(client, url)
    _grow(session, 6)
    Minutes.objects.filter(pk=minutes.pk).update(
        published_item_ids=list(
            AgendaItem.objects.filter(meeting=session["held"], public=True).values_list(
                "pk", flat=True
            )
        )
    )
    assert _count(client, url) == few


# --- the dashboard: minutes overdue --------------------------------------------------------


def _days_ago(session, days, organization=None):
    return f.MeetingFactory(
        organization=organization or session["beirat"],
        start=timezone.now() - dt.timedelta(days=days),
        state=Meeting.State.HELD,
    )


def test_overdue_once_the_due_day_has_passed(session, django_capture_on_commit_callbacks):
    """Due 30 days after the session day: on day 30 it is not yet overdue, on day 31 it is."""
    on_due_day = _days_ago(session, 30)
    past_due = _days_ago(session, 31)
    sent = _days_ago(session, 45)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_mark_sent(minutes=services.minutes_draft(meeting=sent))
    cancelled = _days_ago(session, 50)
    Meeting.objects.filter(pk=cancelled.pk).update(state=Meeting.State.CANCELLED)
    found = selectors.minutes_overdue_list(body=session["body"], user=session["staff"])
    assert [m.pk for m in found] == [past_due.pk]
    assert on_due_day.pk not in [m.pk for m in found]


def test_overdue_follows_each_organizations_rules(session):
    """An organization's own rules (10 days) apply to its meetings, the body's to others."""
    body = session["body"]
    ag = f.OrganizationFactory(body=body, organization_type="arbeitsgruppe")
    SessionRules.objects.create(body=body, organization=ag, name="GO der AG", minutes_due_days=10)
    SessionRules.objects.create(body=body, name="GO", minutes_due_days=60)
    ag_late = _days_ago(session, 11, ag)
    beirat_in_time = _days_ago(session, 40)
    found = [m.pk for m in selectors.minutes_overdue_list(body=body, user=session["staff"])]
    assert ag_late.pk in found
    assert beirat_in_time.pk not in found


def test_dashboard_lists_overdue_minutes_with_constant_queries(client, session):
    client.force_login(session["staff"])
    url = reverse("council_staff:dashboard", kwargs={"body": session["body"].slug})
    late = _days_ago(session, 35)
    content = client.get(url).content.decode()
    assert "Niederschriften überfällig" in content
    assert _staff_url(session, late) in content
    few = _count(client, url)
    for i in range(3):
        organization = f.OrganizationFactory(body=session["body"])
        SessionRules.objects.create(
            body=session["body"], organization=organization, name=f"GO {i}", minutes_due_days=5
        )
        _days_ago(session, 20, organization)
    assert _count(client, url) == few


def test_the_minute_taker_is_named_only_in_the_staff_document(client, session):
    """The minute-taker is a name typed freely, with no known consent: not published."""
    minutes = services.minutes_draft(meeting=session["held"])
    services.minutes_update(
        minutes=minutes,
        expected_version=minutes.version,
        opening="",
        closing="",
        minute_taker="Bea Schreiberin",
        notes={},
    )
    minutes.refresh_from_db()
    services.minutes_publish(
        minutes=services.minutes_approve(minutes=minutes, in_meeting=session["later"])
    )
    assert "Schreiberin" not in client.get(_public_url(session)).content.decode()
    staff = selectors.minutes_document(meeting=session["held"], public_only=False)
    assert staff.minutes.minute_taker == "Bea Schreiberin"


def test_an_item_made_non_public_takes_the_published_minutes_back(client, session):
    """The PDF was fixed when it was published: once an item in it is made non-public, the
    PDF is no longer public and the minutes wait to be published again (from what may be
    public now)."""
    published = services.minutes_publish(minutes=_approved(session))
    item = session["public_item"]
    services.agenda_item_update(agenda_item=item, expected_version=item.version, public=False)
    published.refresh_from_db()
    assert published.state == Minutes.State.APPROVED
    assert not File.objects.visible_to(None).filter(pk=published.public_file_id).exists()
    assert client.get(_public_url(session)).status_code == 404
    again = services.minutes_publish(minutes=published)
    assert item.pk not in again.published_item_ids


def test_a_withdrawn_consent_takes_back_the_minutes_that_name_the_person(session):
    published = services.minutes_publish(minutes=_approved(session))
    named = session["named"]
    services.person_update(person=named, expected_version=named.version, public_consent=False)
    published.refresh_from_db()
    assert published.state == Minutes.State.APPROVED
    assert not File.objects.visible_to(None).filter(pk=published.public_file_id).exists()


def test_members_read_the_whole_minutes_once_they_are_sent(
    client, session, django_capture_on_commit_callbacks
):
    """The members' copy holds the non-public part and every name, from the moment the
    minutes are sent; before that, and for anyone outside the organization, it is a 404."""
    url = reverse(
        "council_member:minutes", kwargs={"body": session["body"].slug, "pk": session["held"].pk}
    )
    member = f.UserFactory()
    f.MembershipFactory(
        organization=session["beirat"], person=f.PersonFactory(body=session["body"], user=member)
    )
    outsider = f.UserFactory()
    f.MembershipFactory(
        organization=f.OrganizationFactory(body=session["body"]),
        person=f.PersonFactory(body=session["body"], user=outsider),
    )
    minutes = services.minutes_draft(meeting=session["held"])
    client.force_login(member)
    assert client.get(url).status_code == 404  # a draft not yet sent
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_mark_sent(minutes=minutes)
    content = client.get(url).content.decode()
    assert SECRET in content
    assert SHY in content
    assert "Einwendungen bringen Sie" in content
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    (sent,) = [m for m in mail.outbox if session["named"].email in m.to]
    assert url in sent.body
