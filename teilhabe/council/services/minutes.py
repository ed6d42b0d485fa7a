"""Writes of the minutes (Niederschrift): draft, edit, send, approve, publish.

The minutes hold only the prose (opening, closing, minute-taker, and per agenda item its
`minutes_note`); attendance, results and votes are read from the meeting's data whenever
the minutes are shown (`selectors.minutes`). A draft is edited until a later session of
the same organization approves it; approved minutes are not edited any more. Publishing
renders the public part as PDF and attaches it to the meeting as a public file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core.errors import ConflictError
from teilhabe.council import errors
from teilhabe.council.models import AgendaItem, Dispatch, Meeting, Minutes
from teilhabe.council.rules import local_date
from teilhabe.council.selectors.invitations import invitation_recipients
from teilhabe.council.selectors.minutes import minutes_document
from teilhabe.council.services._common import create, ensure_same_body, fresh, save_checked
from teilhabe.council.services.dispatch import dispatch_create
from teilhabe.council.services.files import file_create_generated
from teilhabe.documents.pdf import render_pdf

logger = logging.getLogger(__name__)

PDF_TEMPLATE = "council/documents/minutes.html"


def _ensure_draft(minutes: Minutes) -> None:
    if minutes.state != Minutes.State.DRAFT:
        raise errors.MinutesNotDraft()


@transaction.atomic
def minutes_draft(*, meeting: Meeting) -> Minutes:
    """Start the minutes of a meeting that has begun and is not cancelled (one per meeting)."""
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.deleted or current.state == Meeting.State.CANCELLED:
        raise errors.MeetingCancelled()
    if current.start > timezone.now():
        raise errors.MeetingNotHeld()
    # Also a deleted row: the meeting keeps one minutes row (OneToOne).
    if Minutes.objects.filter(meeting=current).exists():
        raise errors.MinutesExist()
    return create(Minutes(body_id=current.body_id, meeting=current))


@transaction.atomic
def minutes_update(
    *,
    minutes: Minutes,
    expected_version: int,
    opening: str,
    closing: str,
    minute_taker: str,
    notes: Mapping[int, str],
) -> Minutes:
    """Save the prose of a draft; `notes` maps agenda item ids of the meeting to their note.

    An item not (or no longer) on the meeting's agenda is refused (the page was stale).
    Only the notes that changed are written, each into the item's own history.
    """
    current = fresh(minutes)
    _ensure_draft(current)
    items = {
        item.pk: item
        for item in AgendaItem.objects.alive().filter(meeting_id=current.meeting_id, pk__in=notes)
    }
    if set(items) != set(notes):
        raise errors.MinutesAgendaChanged()
    current.opening = opening
    current.closing = closing
    current.minute_taker = minute_taker
    save_checked(current, expected_version=expected_version)
    for pk, note in notes.items():
        if items[pk].minutes_note == note:
            continue
        item = fresh(items[pk])
        item.minutes_note = note
        save_checked(item, expected_version=item.version)
    return current


@transaction.atomic
def minutes_mark_sent(*, minutes: Minutes) -> list[Dispatch]:
    """Send the minutes to everyone who belonged to the organization on the meeting day
    (the invitation's recipients: members, chair, deputies, advisory members) by e-mail.
    Returns the dispatches, one per person.

    The e-mails go out through the dispatch (in the background, retried, each one's
    outcome shown to staff), as the invitation's do. `sent_at` is not set here: the first
    e-mail that reaches a member sets it (`tasks.send_dispatch`), and keeps it for later
    sendings, since the one-month rule asks when the members first had them. While every
    e-mail has failed, the minutes count as not sent.
    """
    current = fresh(minutes)  # locked: the minutes stay as they are while sending
    meeting = current.meeting
    return dispatch_create(
        meeting=meeting,
        kind=Dispatch.Kind.MINUTES,
        persons=invitation_recipients(meeting=meeting),
    )


@transaction.atomic
def minutes_approve(*, minutes: Minutes, in_meeting: Meeting, objections: str = "") -> Minutes:
    """Record the approval of a draft in `in_meeting`: a later meeting of the same
    organization that has begun and is not cancelled. `approved_at` is the start of that
    meeting, where the approval took place."""
    current = fresh(minutes)
    _ensure_draft(current)
    ensure_same_body(current.body_id, in_meeting)
    meeting = current.meeting
    approving = Meeting.objects.filter(pk=in_meeting.pk).first()
    if (
        approving is None
        or approving.deleted
        or approving.state == Meeting.State.CANCELLED
        or approving.organization_id != meeting.organization_id
        or approving.start <= meeting.start
        or approving.start > timezone.now()
    ):
        raise errors.InvalidApprovingMeeting()
    current.state = Minutes.State.APPROVED
    current.approved_in = approving
    current.approved_at = approving.start
    current.objections = objections
    return save_checked(current, expected_version=current.version)


def minutes_publish(*, minutes: Minutes) -> Minutes:
    """Publish the public part of approved minutes: render it as PDF (public items only,
    with their results, votes and notes; names only of consenting persons), attach the PDF
    to the meeting as a public file and record which items it contains.

    The PDF is rendered before the write transaction (it takes a moment, and SQLite would
    hold its write lock meanwhile); if the minutes changed in between, ConflictError.
    """
    seen = Minutes.objects.select_related("meeting__organization", "body").get(pk=minutes.pk)
    if seen.state != Minutes.State.APPROVED or seen.deleted:
        raise errors.MinutesNotApproved()
    document = minutes_document(meeting=seen.meeting, public_only=True)
    # An official document: in the body's language, whoever publishes it.
    with translation.override(settings.LANGUAGE_CODE):
        pdf = render_pdf(PDF_TEMPLATE, {"document": document, "body": seen.body})
    return _store_published(
        minutes=seen, expected_version=seen.version, pdf=pdf, item_ids=document.item_ids
    )


@transaction.atomic
def _store_published(
    *, minutes: Minutes, expected_version: int, pdf: bytes, item_ids: list[int]
) -> Minutes:
    current = fresh(minutes)
    if current.version != expected_version:
        raise ConflictError()
    if current.state != Minutes.State.APPROVED:
        raise errors.MinutesNotApproved()
    meeting = current.meeting
    with translation.override(settings.LANGUAGE_CODE):
        name = _("Niederschrift (öffentlicher Teil): %(meeting)s") % {"meeting": meeting.title}
    day = local_date(meeting.start)
    current.public_file = file_create_generated(
        body=current.body,
        name=name,
        file_name=f"niederschrift-{meeting.number or meeting.pk}-{day:%Y-%m-%d}.pdf",
        content=pdf,
        public=True,
        meeting=meeting,
    )
    current.published_item_ids = item_ids
    current.published_at = timezone.now()
    current.state = Minutes.State.PUBLISHED
    saved = save_checked(current, expected_version=expected_version)
    logger.info("minutes %s published with %s items", saved.pk, len(item_ids))
    return saved
