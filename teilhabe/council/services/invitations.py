"""Writes of the invitation (Ladung): check the notice period, render the PDF, dispatch.

The notice period is checked with the rules of procedure that apply to the meeting's
organization (`rules.rules_for`) and recorded on the invitation with the rule's name, as
it was when the invitation went out. A late invitation is not refused: staff are warned
before (`invitation_check`), and the meeting is marked as invited too late. An urgent
invitation with shortened notice must state its reason, which the document prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.errors import ConflictError
from teilhabe.council import errors
from teilhabe.council.models import Dispatch, Invitation, Meeting, Person
from teilhabe.council.rules import (
    Rules,
    full_days_between,
    latest_dispatch_date,
    local_date,
    notice_in_time,
    rules_for,
)
from teilhabe.council.selectors.invitations import (
    InvitationDocument,
    invitation_document,
    invitation_recipients,
)
from teilhabe.council.services._common import create, fresh, save_checked
from teilhabe.council.services.dispatch import dispatch_create
from teilhabe.council.services.files import file_create_generated
from teilhabe.documents.pdf import render_pdf

INVITATION_TEMPLATE = "council/documents/invitation.html"

__all__ = [
    "INVITATION_TEMPLATE",
    "NoticeCheck",
    "invitation_check",
    "invitation_pdf",
    "invitation_recipients",
    "invitation_send",
]


@dataclass(frozen=True)
class NoticeCheck:
    """The notice period for an invitation sent at `at`: how many full calendar days lie
    between that day and the session day, how many the rule requires, and the last day
    on which an invitation would still be in time."""

    at: dt.datetime
    full_days: int
    required: int
    in_time: bool
    latest_date: dt.date
    rule_name: str


def invitation_check(
    *, meeting: Meeting, at: dt.datetime | None = None, rules: Rules | None = None
) -> NoticeCheck:
    """Would an invitation sent at `at` (default: now) keep the notice period?

    `rules` are the meeting organization's rules when the caller has already read them.
    """
    at = at or timezone.now()
    rules = rules or rules_for(meeting.organization)
    return NoticeCheck(
        at=at,
        full_days=full_days_between(at, meeting.start),
        required=rules.notice_days,
        in_time=notice_in_time(at, meeting.start, rules),
        latest_date=latest_dispatch_date(meeting.start, rules),
        rule_name=rules.name,
    )


def invitation_pdf(*, document: InvitationDocument) -> bytes:
    """The invitation as PDF, in the body's language (it is an official letter)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(INVITATION_TEMPLATE, {"document": document})


def _checked_document(
    meeting: Meeting, *, now: dt.datetime, urgent: bool, reason: str
) -> tuple[InvitationDocument, list[Person]]:
    """The invitation's document and recipients, or the refusal: a cancelled meeting or
    one that has begun, an urgent invitation without reason, an empty agenda, an
    organization without members on the meeting day."""
    if meeting.deleted or meeting.cancelled:
        raise errors.InvitationMeetingCancelled()
    if meeting.start <= now:
        raise errors.InvitationMeetingInPast()
    if urgent and not reason:
        raise errors.UrgencyReasonMissing()
    document = invitation_document(meeting=meeting, urgent=urgent, urgency_reason=reason)
    if not (document.public_items or document.nonpublic_items):
        raise errors.InvitationAgendaEmpty()
    recipients = invitation_recipients(meeting=meeting)
    if not recipients:
        raise errors.InvitationNoRecipients()
    return document, recipients


def invitation_send(
    *, meeting: Meeting, by: User | None, urgent: bool = False, urgency_reason: str = ""
) -> Invitation:
    """Invite the members of the meeting's organization: render the invitation PDF, store
    it as a non-public file of the meeting, record the invitation with its notice check,
    create one dispatch per recipient (e-mailed after commit) and mark the meeting invited.

    Refused, with nothing written: a cancelled meeting or one that has begun, an empty
    agenda, an organization without members on the meeting day, and an urgent invitation
    without its reason. A repeat session (`repeat_of`) states for which items its reduced
    quorum holds.

    The PDF is rendered before the write transaction: a rendering failure writes nothing,
    and rendering (it takes a moment) does not hold the database's write lock. The write
    itself is atomic; if what the invitation shows changed in between (the meeting, its
    agenda, its papers, the rules), ConflictError and nothing is written.
    """
    reason = urgency_reason.strip() if urgent else ""
    seen = Meeting.objects.get(pk=meeting.pk)
    document, _recipients = _checked_document(
        seen, now=timezone.now(), urgent=urgent, reason=reason
    )
    pdf = invitation_pdf(document=document)
    return _store_invitation(
        meeting=seen, by=by, urgent=urgent, reason=reason, rendered=document, pdf=pdf
    )


@transaction.atomic
def _store_invitation(
    *,
    meeting: Meeting,
    by: User | None,
    urgent: bool,
    reason: str,
    rendered: InvitationDocument,
    pdf: bytes,
) -> Invitation:
    current = fresh(meeting)  # locked: two invitations sent at once are written one by one
    now = timezone.now()
    document, recipients = _checked_document(current, now=now, urgent=urgent, reason=reason)
    if document.content_key() != rendered.content_key():
        raise ConflictError()
    check = invitation_check(meeting=current, at=now, rules=document.rules)

    with translation.override(settings.LANGUAGE_CODE):
        name = _("Einladung: %(meeting)s (versandt am %(date)s)") % {
            "meeting": current.title,
            "date": local_date(now).strftime("%d.%m.%Y"),
        }
    file_name = f"einladung-{slugify(current.title)}-{local_date(current.start):%Y-%m-%d}.pdf"
    file = file_create_generated(
        body=document.body,
        name=name,
        file_name=file_name,
        content=pdf,
        meeting=current,
        public=False,
    )
    invitation = create(
        Invitation(
            body_id=current.body_id,
            meeting=current,
            sent_at=now,
            sent_by=by,
            file=file,
            urgent=urgent,
            urgency_reason=reason,
            notice_days_required=check.required,
            full_days=check.full_days,
            in_time=check.in_time,
            rule_name=check.rule_name[:300],
        )
    )
    dispatch_create(
        meeting=current, kind=Dispatch.Kind.INVITATION, persons=recipients, invitation=invitation
    )
    if current.state == Meeting.State.PLANNED:
        current.state = Meeting.State.INVITED
        save_checked(current, expected_version=current.version)
    return invitation
