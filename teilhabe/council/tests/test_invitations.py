"""The invitation (Ladung): notice period, recipients, the PDF, dispatch by e-mail, retries.

E-mail is tested against a real SMTP server (aiosmtpd) on 127.0.0.1; the test settings run
tasks immediately, so the e-mails go out when the sending transaction commits.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import socket
from email import policy
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord
from teilhabe.council import errors, selectors, services, tasks
from teilhabe.council.models import (
    AgendaItem,
    Dispatch,
    File,
    Invitation,
    Meeting,
    Membership,
    SessionRules,
)
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
ARABIC = "تقرير مجموعة العمل"


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# --- the notice period at its edges ----------------------------------------------------------

# Saturday, 16 March 2030, 18:00 in Berlin; four full days before it are Tue to Fri.
SESSION = berlin(2030, 3, 16, 18, 0)


@pytest.fixture
def session_meeting():
    return f.MeetingFactory(start=SESSION)


def test_exactly_four_full_days_are_in_time(session_meeting):
    """Sent on Monday (any time of day) for a Saturday session: Tue–Fri, four full days."""
    check = services.invitation_check(meeting=session_meeting, at=berlin(2030, 3, 11, 23, 59))
    assert (check.full_days, check.required, check.in_time) == (4, 4, True)
    assert check.latest_date == dt.date(2030, 3, 11)


def test_three_full_days_are_too_late(session_meeting):
    """Sent on Tuesday just after midnight: only three full days remain."""
    check = services.invitation_check(meeting=session_meeting, at=berlin(2030, 3, 12, 0, 1))
    assert (check.full_days, check.in_time) == (3, False)
    assert check.latest_date == dt.date(2030, 3, 11)


def test_days_are_counted_in_berlin_time_across_midnight(session_meeting):
    """00:30 on Tuesday in Berlin is still Monday in UTC: the local (Berlin) day counts."""
    late = berlin(2030, 3, 12, 0, 30)
    assert late.astimezone(dt.UTC).date() == dt.date(2030, 3, 11)
    assert services.invitation_check(meeting=session_meeting, at=late).in_time is False
    early = berlin(2030, 3, 11, 23, 30)
    assert services.invitation_check(meeting=session_meeting, at=early).in_time is True


def test_the_check_names_the_rule_it_applied(session_meeting):
    """Without own rules the Gemeindeordnung applies; an organization's rules override it."""
    default = services.invitation_check(meeting=session_meeting, at=berlin(2030, 3, 11, 9))
    assert "Gemeindeordnung" in default.rule_name
    SessionRules.objects.create(
        body=session_meeting.body,
        organization=session_meeting.organization,
        name="Geschäftsordnung des Beirats",
        notice_days=7,
    )
    own = services.invitation_check(meeting=session_meeting, at=berlin(2030, 3, 8, 9))
    assert (own.rule_name, own.required, own.full_days, own.in_time) == (
        "Geschäftsordnung des Beirats",
        7,
        7,
        True,
    )
    assert own.latest_date == dt.date(2030, 3, 8)


# --- recipients ------------------------------------------------------------------------------


def test_recipients_are_everyone_belonging_on_the_meeting_day():
    """Members, chair, deputies and advisory members on the meeting day, each once; ended,
    future, deleted memberships, deleted persons and other organizations' members are not."""
    meeting = f.MeetingFactory(start=SESSION)
    org, body = meeting.organization, meeting.body
    day = dt.date(2030, 3, 16)

    def member(role=Membership.Role.MEMBER, **kwargs):
        person = kwargs.pop("person", None) or f.PersonFactory(body=body)
        f.MembershipFactory(organization=org, person=person, role=role, **kwargs)
        return person

    expected = {
        member(Membership.Role.CHAIR),
        member(),
        member(Membership.Role.DEPUTY),
        member(Membership.Role.ADVISORY, voting_right=False),
        member(end_date=day),  # ends on the meeting day: still invited
        member(start_date=day),
    }
    twice = member()
    member(Membership.Role.DEPUTY_CHAIR, person=twice)
    expected.add(twice)
    member(end_date=day - dt.timedelta(days=1))
    member(start_date=day + dt.timedelta(days=1))
    member(deleted=True)
    gone = member()
    gone.deleted = True
    gone.save()
    f.MembershipFactory(organization=f.OrganizationFactory(body=body))

    recipients = services.invitation_recipients(meeting=meeting)

    assert set(recipients) == expected
    assert len(recipients) == len(expected)


# --- sending ---------------------------------------------------------------------------------


@pytest.fixture
def scene():
    """A Beirat meeting in 14 days with a public and a non-public item, each with a paper,
    four members (one without e-mail address) and a staff user."""
    body = f.BodyFactory(letterhead="Stadtverwaltung Musterstadt\nGeschäftsstelle des Beirats")
    beirat = f.OrganizationFactory(body=body, name="Beirat für Migration und Integration")
    meeting = f.MeetingFactory(
        organization=beirat,
        number=11,
        start=timezone.now() + dt.timedelta(days=14),
        video_conference_url="https://video.example.org/geheimer-raum",
        location=f.LocationFactory(body=body),
    )
    public_item = f.AgendaItemFactory(meeting=meeting, name="Übergangsregelung für Geflüchtete")
    secret_item = f.AgendaItemFactory(meeting=meeting, name=ARABIC, public=False)
    motion = f.PaperFactory(body=body, reference="BMI/0042", name="Antrag der Liste Vielfalt")
    report = f.PaperFactory(body=body, public=False, name="Zwischenbericht der AG")
    f.ConsultationFactory(
        paper=motion, organization=beirat, meeting=meeting, agenda_item=public_item
    )
    f.ConsultationFactory(
        paper=report, organization=beirat, meeting=meeting, agenda_item=secret_item
    )
    people = [
        f.PersonFactory(
            body=body, given_name="Aylin", family_name="Demir", email="aylin@example.org"
        ),
        f.PersonFactory(
            body=body, given_name="Jonas", family_name="Becker", email="jonas@example.org"
        ),
        f.PersonFactory(
            body=body, given_name="Olena", family_name="Koval", email="olena@example.org"
        ),
        f.PersonFactory(body=body, given_name="Samir", family_name="Haddad", email=""),
    ]
    roles = [Membership.Role.CHAIR, Membership.Role.MEMBER, Membership.Role.DEPUTY]
    for person, role in zip(people, [*roles, Membership.Role.ADVISORY], strict=True):
        f.MembershipFactory(organization=beirat, person=person, role=role)
    staff = f.StaffRoleFactory(body=body).user
    member_user = f.UserFactory()
    people[1].user = member_user
    people[1].save()
    return {
        "body": body,
        "beirat": beirat,
        "meeting": meeting,
        "people": people,
        "staff": staff,
        "member_user": member_user,
        "motion": motion,
    }


def _counts() -> tuple[int, int, int, int]:
    return (
        Invitation.objects.count(),
        Dispatch.objects.count(),
        File.objects.count(),
        ChangeRecord.objects.count(),
    )


def test_send_records_invitation_file_dispatches_and_state(
    scene, django_capture_on_commit_callbacks
):
    """One invitation with its notice check and rule, a non-public PDF of the meeting, one
    dispatch per recipient (no address: NO_ADDRESS), the meeting INVITED, e-mails sent."""
    meeting = scene["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(meeting=meeting, by=scene["staff"])

    assert invitation.in_time is True
    assert invitation.full_days == 13
    assert invitation.notice_days_required == 4
    assert "Gemeindeordnung" in invitation.rule_name
    assert invitation.sent_by == scene["staff"]
    file = invitation.file
    assert (file.meeting, file.public, file.mime_type) == (meeting, False, "application/pdf")
    with file.content.open("rb") as stream:
        assert stream.read(5) == b"%PDF-"
    dispatches = {d.person.family_name: d for d in invitation.dispatches.all()}
    assert set(dispatches) == {"Demir", "Becker", "Koval", "Haddad"}
    assert dispatches["Haddad"].state == Dispatch.State.NO_ADDRESS
    assert all(
        (d.state, d.attempts) == (Dispatch.State.SENT, 1)
        for name, d in dispatches.items()
        if name != "Haddad"
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "aylin@example.org",
        "jonas@example.org",
        "olena@example.org",
    ]
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.INVITED
    assert meeting.version == 2


def test_the_pdf_has_both_parts_papers_links_and_no_video_link(scene, settings):
    """Letterhead, public part then non-public part, each item's papers with reference and
    page link (absolute with TEILHABE_BASE_URL), German and Arabic text; no video link."""
    settings.TEILHABE_BASE_URL = "https://teilhabe.example.org/"
    invitation = services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    with invitation.file.content.open("rb") as stream:
        text = _pdf_text(stream.read())

    assert "Geschäftsstelle des Beirats" in text
    assert "Einladung zur 11. Sitzung" in text
    public_at = text.index("Übergangsregelung für Geflüchtete")
    nonpublic_heading = text.index("nichtöffentlicher Teil")
    assert public_at < nonpublic_heading < text.index(ARABIC)
    assert "BMI/0042" in text
    paper_url = "https://teilhabe.example.org" + reverse(
        "council:paper_detail", kwargs={"body": scene["body"].slug, "pk": scene["motion"].pk}
    )
    assert paper_url in text.replace("\n", "")
    assert "Zwischenbericht der AG" in text
    assert "video.example.org" not in text
    assert "Videokonferenz" in text


def _make_repeat(scene, *, postpone: bool = True) -> Meeting:
    """Make the scene's meeting the repeat of a session that lacked a quorum and
    postponed (or, without `postpone`, noted) the motion on the public item."""
    meeting = scene["meeting"]
    earlier = f.MeetingFactory(organization=meeting.organization, number=10)
    result = AgendaItem.Result.POSTPONED if postpone else AgendaItem.Result.NOTED
    old_item = f.AgendaItemFactory(meeting=earlier, name="Antrag (vertagt)", result=result)
    f.ConsultationFactory(
        paper=scene["motion"], organization=meeting.organization, agenda_item=old_item
    )
    Meeting.objects.filter(pk=meeting.pk).update(repeat_of=earlier)
    SessionRules.objects.create(body=meeting.body, name="Satzung", repeat_quorum_minimum=5)
    meeting.refresh_from_db()
    return meeting


def test_a_repeat_session_states_for_which_items_its_reduced_quorum_holds(scene, client):
    """The invitation (PDF and preview) to a repeat session says expressly that the
    reduced quorum holds for the matters postponed for lack of quorum, names them, and
    says the ordinary quorum holds for the others."""
    meeting = _make_repeat(scene)

    invitation = services.invitation_send(meeting=meeting, by=scene["staff"])

    with invitation.file.content.open("rb") as stream:
        text = " ".join(_pdf_text(stream.read()).split())
    assert "wiederholt die 10. Sitzung" in text
    assert "mindestens 5 Mitglieder anwesend" in text
    notice = text[text.index("wiederholt die 10. Sitzung") : text.index("öffentlicher Teil")]
    assert "Übergangsregelung für Geflüchtete" in notice
    assert ARABIC not in notice
    assert "Für alle anderen Tagesordnungspunkte gilt die gewöhnliche" in notice
    assert text.count("(verringerte Beschlussfähigkeit)") == 1

    client.force_login(scene["staff"])
    page = client.get(_url("invitation", scene)).content.decode()
    preview = page[page.index('class="notice repeat"') :]
    preview = preview[: preview.index("</div>")]
    assert "Übergangsregelung für Geflüchtete" in preview
    assert "mindestens 5 Mitglieder" in preview


def test_a_repeat_session_without_postponed_matters_has_the_ordinary_quorum(scene):
    meeting = _make_repeat(scene, postpone=False)
    document = selectors.invitation_document(meeting=meeting)
    assert document.is_repeat
    assert document.repeated_items == []
    pdf = services.invitation_pdf(document=document)
    text = " ".join(_pdf_text(pdf).split())
    assert "es gilt die gewöhnliche Beschlussfähigkeit" in text
    assert "mindestens 5" not in text


def test_urgent_invitation_prints_its_reason(scene):
    """An urgent invitation records and prints the reason for the shortened notice."""
    invitation = services.invitation_send(
        meeting=scene["meeting"],
        by=scene["staff"],
        urgent=True,
        urgency_reason=" Frist des Landes ",
    )
    assert (invitation.urgent, invitation.urgency_reason) == (True, "Frist des Landes")
    with invitation.file.content.open("rb") as stream:
        assert "Frist des Landes" in _pdf_text(stream.read())


def test_a_late_invitation_is_recorded_and_flagged(scene, client):
    """Sent two days ahead: recorded as not in time; the staff list flags the meeting."""
    meeting = scene["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(start=timezone.now() + dt.timedelta(days=2))
    meeting.refresh_from_db()
    invitation = services.invitation_send(meeting=meeting, by=scene["staff"])
    assert invitation.in_time is False

    client.force_login(scene["staff"])
    response = client.get(
        reverse("council_staff:meeting_list", kwargs={"body": scene["body"].slug})
    )
    assert "zu spät geladen" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"state": Meeting.State.CANCELLED}, errors.InvitationMeetingCancelled),
        ({"start": timezone.now() - dt.timedelta(hours=1)}, errors.InvitationMeetingInPast),
    ],
)
def test_cancelled_or_past_meetings_are_refused(scene, change, error):
    """No invitation to a cancelled meeting or one that has begun; nothing is written."""
    Meeting.objects.filter(pk=scene["meeting"].pk).update(**change)
    before = _counts()
    with pytest.raises(error):
        services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    assert _counts() == before


def test_an_empty_agenda_is_refused(scene):
    scene["meeting"].agenda_items.update(deleted=True)
    before = _counts()
    with pytest.raises(errors.InvitationAgendaEmpty):
        services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    assert _counts() == before


def test_an_organization_without_members_is_refused(scene):
    Membership.objects.filter(organization=scene["beirat"]).update(deleted=True)
    with pytest.raises(errors.InvitationNoRecipients):
        services.invitation_send(meeting=scene["meeting"], by=scene["staff"])


@pytest.mark.parametrize("reason", ["", "   "])
def test_urgent_without_reason_is_refused_at_its_field(scene, reason):
    """Urgency needs its reason; the error names the form field; nothing is written."""
    before = _counts()
    with pytest.raises(errors.UrgencyReasonMissing) as caught:
        services.invitation_send(
            meeting=scene["meeting"], by=scene["staff"], urgent=True, urgency_reason=reason
        )
    assert caught.value.field == "urgency_reason"
    assert _counts() == before
    scene["meeting"].refresh_from_db()
    assert scene["meeting"].state == Meeting.State.PLANNED


def test_nothing_is_half_written_when_a_late_step_fails(
    scene, monkeypatch, django_capture_on_commit_callbacks
):
    """A failure after the PDF was stored rolls back file, invitation and meeting state,
    and no e-mail is queued."""

    def broken(**kwargs):
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr("teilhabe.council.services.invitations.dispatch_create", broken)
    before = _counts()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    assert _counts() == before
    assert callbacks == []
    scene["meeting"].refresh_from_db()
    assert scene["meeting"].state == Meeting.State.PLANNED


def _spy_on_rendering(monkeypatch, during=None):
    """Wrap the real PDF rendering: note whether it runs inside a transaction, and run
    `during` (a change made meanwhile, or a failure) before it returns."""
    from teilhabe.council.services import invitations

    real = invitations.render_pdf
    seen: list[bool] = []

    def spy(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        pdf = real(*args, **kwargs)
        if during is not None:
            during()
        return pdf

    monkeypatch.setattr(invitations, "render_pdf", spy)
    return seen


@pytest.mark.django_db(transaction=True)
def test_the_pdf_is_rendered_before_the_write_transaction(scene, monkeypatch):
    """Rendering takes a moment: it runs outside any transaction, so it holds no lock."""
    in_transaction = _spy_on_rendering(monkeypatch)
    invitation = services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    assert in_transaction == [False]
    with invitation.file.content.open("rb") as stream:
        assert stream.read(5) == b"%PDF-"


@pytest.mark.django_db(transaction=True)
def test_a_rendering_failure_writes_nothing(scene, monkeypatch):
    def fail():
        raise RuntimeError("Schrift fehlt")

    _spy_on_rendering(monkeypatch, during=fail)
    before = _counts()
    with pytest.raises(RuntimeError):
        services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    assert _counts() == before
    assert mail.outbox == []
    scene["meeting"].refresh_from_db()
    assert scene["meeting"].state == Meeting.State.PLANNED


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["item_added", "item_renamed", "meeting_moved"])
def test_a_change_while_rendering_is_a_conflict_and_writes_nothing(scene, monkeypatch, change):
    """The PDF would no longer show what is on the agenda: nothing is written or sent."""
    meeting = scene["meeting"]

    def meanwhile():
        if change == "item_added":
            f.AgendaItemFactory(meeting=meeting, name="Dringender Nachtrag")
        elif change == "item_renamed":
            AgendaItem.objects.filter(meeting=meeting, public=True).update(name="Neu")
        else:
            Meeting.objects.filter(pk=meeting.pk).update(
                start=meeting.start + dt.timedelta(hours=1), version=meeting.version + 1
            )

    _spy_on_rendering(monkeypatch, during=meanwhile)
    before = _counts()
    with pytest.raises(ConflictError):
        services.invitation_send(meeting=meeting, by=scene["staff"])
    assert _counts()[:3] == before[:3]  # the change itself may be in the history
    assert mail.outbox == []


def test_the_invitation_file_is_for_staff_and_members_only(scene, client):
    """The PDF lists the non-public part: the public and outsiders get a 404 and do not see
    it on the meeting's page; members and staff download it."""
    invitation = services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    file = invitation.file
    url = reverse(
        "council:file_download",
        kwargs={"body": scene["body"].slug, "pk": file.pk, "file_name": file.file_name},
    )
    meeting_url = reverse(
        "council:meeting_detail", kwargs={"body": scene["body"].slug, "pk": scene["meeting"].pk}
    )
    outsider = f.UserFactory()
    f.MembershipFactory(
        organization=f.OrganizationFactory(body=scene["body"]),
        person=f.PersonFactory(body=scene["body"], user=outsider),
    )

    assert client.get(url).status_code == 404
    assert file.name not in client.get(meeting_url).content.decode()
    assert not selectors.file_is_public(file=file)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    for user in (scene["member_user"], scene["staff"]):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert file.name in client.get(meeting_url).content.decode()


# --- e-mail against a real SMTP server ------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Mailbox:
    """An aiosmtpd handler that keeps what arrives and refuses addresses starting with
    'abweisen'."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("abweisen"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def _smtp_settings(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    _smtp_settings(settings, controller.port)
    yield mailbox
    controller.stop()


def test_invitations_arrive_by_smtp_with_pdf_and_german_subject(
    scene, smtp_server, django_capture_on_commit_callbacks
):
    """Each recipient with an address gets one e-mail with the invitation PDF attached."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(meeting=scene["meeting"], by=scene["staff"])

    assert len(smtp_server.messages) == 3
    message = next(m for m in smtp_server.messages if m["To"] == "jonas@example.org")
    assert (
        message["Subject"]
        .strip()
        .startswith("Einladung: 11. Sitzung, Beirat für Migration und Integration, am ")
    )
    assert "Guten Tag Jonas Becker" in message.get_body(("plain",)).get_content()
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    assert attachments[0].get_filename() == invitation.file.file_name
    assert attachments[0].get_content()[:5] == b"%PDF-"
    assert set(invitation.dispatches.values_list("state", flat=True)) == {
        Dispatch.State.SENT,
        Dispatch.State.NO_ADDRESS,
    }


def test_a_refused_recipient_fails_and_the_others_arrive(
    scene, smtp_server, django_capture_on_commit_callbacks
):
    """The server refuses one address: that dispatch FAILED with the error, one attempt."""
    koval = scene["people"][2]
    koval.email = "abweisen@example.org"
    koval.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(meeting=scene["meeting"], by=scene["staff"])

    failed = invitation.dispatches.get(person=koval)
    assert (failed.state, failed.attempts, failed.sent_at) == (Dispatch.State.FAILED, 1, None)
    assert "SMTPRecipientsRefused" in failed.last_error
    assert "550" in failed.last_error
    assert len(smtp_server.messages) == 2


def test_a_server_that_is_down_fails_every_dispatch(
    scene, settings, django_capture_on_commit_callbacks
):
    """Nobody listens on the port: every dispatch FAILED with the connection error."""
    _smtp_settings(settings, _free_port())
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    failed = invitation.dispatches.exclude(state=Dispatch.State.NO_ADDRESS)
    assert failed.count() == 3
    for dispatch in failed:
        assert (dispatch.state, dispatch.attempts) == (Dispatch.State.FAILED, 1)
        assert "Connection" in dispatch.last_error or "refused" in dispatch.last_error


# --- retries ----------------------------------------------------------------------------------


@pytest.fixture
def failed_dispatch(scene, settings, django_capture_on_commit_callbacks):
    _smtp_settings(settings, _free_port())
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    return invitation.dispatches.get(person=scene["people"][0])


def test_a_failure_is_tried_again_later_when_the_backend_can_defer(
    failed_dispatch, settings, django_capture_on_commit_callbacks
):
    """With a backend that can defer (the database one in production), a failed attempt
    re-enqueues the task with a delay; after MAX_ATTEMPTS it stops."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_dispatch.call(failed_dispatch.pk)
    failed_dispatch.refresh_from_db()
    assert (failed_dispatch.state, failed_dispatch.attempts) == (Dispatch.State.FAILED, 2)
    [retry] = default_task_backend.results
    assert retry.args == [failed_dispatch.pk]
    assert retry.task.run_after >= start + tasks.retry_delay(2)

    Dispatch.objects.filter(pk=failed_dispatch.pk).update(attempts=tasks.MAX_ATTEMPTS - 1)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_dispatch.call(failed_dispatch.pk)
    assert Dispatch.objects.get(pk=failed_dispatch.pk).attempts == tasks.MAX_ATTEMPTS
    assert len(default_task_backend.results) == 1


def test_staff_retry_sends_a_failed_dispatch_to_the_current_address(
    failed_dispatch, smtp_server, django_capture_on_commit_callbacks
):
    """Retry queues the failed e-mail again, to the address as it is now; it arrives."""
    person = failed_dispatch.person
    person.email = "aylin.neu@example.org"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_retry(dispatch=failed_dispatch)
    failed_dispatch.refresh_from_db()
    assert (failed_dispatch.state, failed_dispatch.attempts) == (Dispatch.State.SENT, 2)
    assert failed_dispatch.email == "aylin.neu@example.org"
    assert failed_dispatch.last_error == ""
    assert [m["To"] for m in smtp_server.messages] == ["aylin.neu@example.org"]


def test_only_a_failed_dispatch_can_be_retried(failed_dispatch):
    Dispatch.objects.filter(pk=failed_dispatch.pk).update(state=Dispatch.State.SENT)
    failed_dispatch.refresh_from_db()
    with pytest.raises(errors.DispatchNotRetryable):
        services.dispatch_retry(dispatch=failed_dispatch)


def test_a_sent_dispatch_is_not_sent_twice(scene, django_capture_on_commit_callbacks):
    """A task enqueued twice for one dispatch sends one e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    sent = invitation.dispatches.filter(state=Dispatch.State.SENT).first()
    outbox = len(mail.outbox)
    tasks.send_dispatch.call(sent.pk)
    assert len(mail.outbox) == outbox
    assert Dispatch.objects.get(pk=sent.pk).attempts == 1


def test_minutes_dispatch_links_the_meeting(scene, django_capture_on_commit_callbacks):
    """The generic dispatch also sends the minutes notice, with the meeting's link."""
    with django_capture_on_commit_callbacks(execute=True):
        rows = services.dispatch_create(
            meeting=scene["meeting"], kind=Dispatch.Kind.MINUTES, persons=scene["people"][:1]
        )
    assert Dispatch.objects.get(pk=rows[0].pk).state == Dispatch.State.SENT
    [message] = mail.outbox
    assert message.subject.startswith("Niederschrift: 11. Sitzung")
    assert f"/sitzungen/{scene['meeting'].pk}/" in message.body
    assert message.attachments == []


# --- the staff page -------------------------------------------------------------------------


def _url(name: str, scene, **kwargs) -> str:
    return reverse(
        f"council_staff:{name}",
        kwargs={"body": scene["body"].slug, "pk": scene["meeting"].pk, **kwargs},
    )


def test_the_page_previews_checks_and_lists(scene, client):
    """Preview (both parts), the notice check with its rule, the send form."""
    client.force_login(scene["staff"])
    page = client.get(_url("invitation", scene)).content.decode()
    assert "Übergangsregelung für Geflüchtete" in page
    assert ARABIC in page
    assert "fristgerecht" in page
    assert "Gemeindeordnung" in page
    assert "Einladung jetzt versenden" in page
    assert "Samir Haddad" in page  # listed as without e-mail address


def test_the_page_warns_before_a_late_dispatch_and_asks_to_confirm(scene, client):
    """Too late: a warning with the latest day; sending needs urgency or a confirmation."""
    Meeting.objects.filter(pk=scene["meeting"].pk).update(
        start=timezone.now() + dt.timedelta(days=2)
    )
    client.force_login(scene["staff"])
    page = client.get(_url("invitation", scene)).content.decode()
    assert "Achtung: Heute versandt, wäre die Einladung zu spät." in page
    assert "Der späteste Versandtag war" in page

    refused = client.post(_url("invitation_send", scene), {})
    assert refused.status_code == 200
    assert "bestätigen Sie" in refused.content.decode()
    assert Invitation.objects.count() == 0

    sent = client.post(_url("invitation_send", scene), {"confirm_late": "on"})
    assert sent.status_code == 302
    assert Invitation.objects.get().in_time is False
    page = client.get(_url("invitation", scene)).content.decode()
    assert "zu spät geladen" in page


def test_urgent_without_reason_shows_the_error_at_the_field(scene, client):
    client.force_login(scene["staff"])
    response = client.post(_url("invitation_send", scene), {"urgent": "on"})
    assert response.status_code == 200
    assert 'id="id_urgency_reason_error"' in response.content.decode()
    assert Invitation.objects.count() == 0


def test_send_and_retry_through_the_page(
    scene, client, smtp_server, django_capture_on_commit_callbacks
):
    """Send through the page (server refusing one address), then retry it: with htmx the
    dispatch table comes back with the status; without, a redirect to the page."""
    koval = scene["people"][2]
    koval.email = "abweisen@example.org"
    koval.save()
    client.force_login(scene["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("invitation_send", scene), {})
    assert response.status_code == 302
    failed = Dispatch.objects.get(person=koval)
    assert failed.state == Dispatch.State.FAILED
    page = client.get(_url("invitation", scene)).content.decode()
    assert "Erneut senden" in page
    assert "SMTPRecipientsRefused" in page

    koval.email = "olena@example.org"
    koval.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("dispatch_retry", scene, dispatch_pk=failed.pk), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="versand"' in content
    assert "wird erneut versandt" in content
    assert Dispatch.objects.get(pk=failed.pk).state == Dispatch.State.SENT

    again = client.post(_url("dispatch_retry", scene, dispatch_pk=failed.pk))
    assert again.status_code == 302  # not failed any more: an error message, no change


def test_the_pdf_preview_is_a_pdf(scene, client):
    client.force_login(scene["staff"])
    response = client.get(_url("invitation_preview_pdf", scene))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert ARABIC in _pdf_text(response.content)


def test_a_dispatch_of_another_meeting_is_not_found(failed_dispatch, scene, client):
    other = f.MeetingFactory(organization=scene["beirat"])
    client.force_login(scene["staff"])
    url = reverse(
        "council_staff:dispatch_retry",
        kwargs={"body": scene["body"].slug, "pk": other.pk, "dispatch_pk": failed_dispatch.pk},
    )
    assert client.post(url).status_code == 404


def _grow(scene, size: int) -> None:
    """`size` more items with papers, members and one invitation with dispatches."""
    for n in range(size):
        item = f.AgendaItemFactory(meeting=scene["meeting"], public=n % 2 == 0)
        f.ConsultationFactory(
            paper=f.PaperFactory(body=scene["body"]),
            organization=scene["beirat"],
            meeting=scene["meeting"],
            agenda_item=item,
        )
        f.MembershipFactory(
            organization=scene["beirat"],
            person=f.PersonFactory(body=scene["body"], email=f"p{n}@example.org"),
        )


@pytest.mark.parametrize("size", [1, 8])
def test_the_page_costs_the_same_queries_for_any_size(
    scene, client, django_assert_num_queries, size
):
    """The invitation page reads a constant number of queries (no N+1 over items, papers,
    recipients, invitations or dispatches)."""
    _grow(scene, size)
    services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    services.invitation_send(meeting=scene["meeting"], by=scene["staff"])
    client.force_login(scene["staff"])
    with django_assert_num_queries(13):
        response = client.get(_url("invitation", scene))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_the_meeting_list_flag_costs_no_query_per_meeting(scene, client, size):
    for _ in range(size):
        meeting = f.MeetingFactory(organization=scene["beirat"])
        Invitation.objects.create(
            body=scene["body"],
            meeting=meeting,
            sent_at=timezone.now(),
            notice_days_required=4,
            full_days=1,
            in_time=False,
            rule_name="GemO",
        )
    client.force_login(scene["staff"])
    url = reverse("council_staff:meeting_list", kwargs={"body": scene["body"].slug})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.content.decode().count("zu spät geladen") == size
    assert len(queries) == 7


def test_the_preview_is_in_the_documents_language_on_an_arabic_page(scene, client):
    """An Arabic staff page shows the preview as the PDF will be: German, left to right."""
    client.force_login(scene["staff"])
    client.cookies["django_language"] = "ar"
    page = client.get(_url("invitation", scene)).content.decode()
    assert 'dir="rtl"' in page
    assert '<div class="document-preview kern-card" lang="de" dir="ltr">' in page
    assert "Tagesordnung – öffentlicher Teil" in page
