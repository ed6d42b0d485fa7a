"""Background work of the council app."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial
from typing import IO

import docx
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as odf_load
from pypdf import PdfReader

from teilhabe.core import history
from teilhabe.council import mail, uploads
from teilhabe.council.models import Dispatch, File, Minutes

logger = logging.getLogger(__name__)

# Enough for full-text search of any real council document; a cap keeps a hostile file small.
MAX_TEXT_CHARS = 2_000_000


def _pdf_text(stream: IO[bytes]) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(stream).pages)


def _docx_text(stream: IO[bytes]) -> str:
    document = docx.Document(stream)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _odt_text(stream: IO[bytes]) -> str:
    document = odf_load(stream)
    elements = document.getElementsByType(odf_text.H) + document.getElementsByType(odf_text.P)
    return "\n".join(teletype.extractText(element) for element in elements)


EXTRACTORS: dict[str, Callable[[IO[bytes]], str]] = {
    uploads.PDF: _pdf_text,
    uploads.DOCX: _docx_text,
    uploads.ODT: _odt_text,
}


@task()
def extract_file_text(file_id: int) -> None:
    """Fill `File.text` for search. A file that cannot be read keeps an empty text.

    Only the `text` column is written (no version bump): it is derived data, and an edit
    form open on the file must not conflict with it.
    """
    file = File.objects.filter(pk=file_id).first()
    if file is None:
        logger.warning("extract_file_text: file %s does not exist", file_id)
        return
    extractor = EXTRACTORS.get(file.mime_type)
    if extractor is None:
        return
    try:
        with file.content.open("rb") as stream:
            text = extractor(stream)
    except Exception:  # A broken upload must never take the worker down.
        logger.warning("extract_file_text: could not read file %s", file_id, exc_info=True)
        return
    text = text.replace("\x00", "").strip()[:MAX_TEXT_CHARS]
    File.objects.filter(pk=file_id).update(text=text)


# E-mail to members (invitation, minutes): one task per dispatch ---------------------------

# A dispatch is tried at most this often automatically; then staff see it failed and may
# retry it by hand. The delays give a mail server that is briefly down time to come back.
MAX_ATTEMPTS = 5
RETRY_DELAYS = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
)
MAX_ERROR_CHARS = 2000


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def _record(dispatch_id: int, **changes: object) -> Dispatch:
    """Write the outcome of an attempt onto the dispatch (and into the change history)."""
    with transaction.atomic():
        row = Dispatch.objects.select_for_update().get(pk=dispatch_id)
        before = history.snapshot(row)
        for name, value in changes.items():
            setattr(row, name, value)
        row.attempts += 1
        row.version += 1
        row.save()
        history.record_update(row, before)
    return row


def _enqueue_retry(dispatch_id: int, attempts: int) -> None:
    """Try again later, if the task backend can defer (the database backend can; the
    immediate one of the tests cannot, so there the dispatch waits for staff)."""
    if attempts >= MAX_ATTEMPTS or not send_dispatch.get_backend().supports_defer:
        return
    later = send_dispatch.using(run_after=timezone.now() + retry_delay(attempts))
    transaction.on_commit(partial(later.enqueue, dispatch_id))


@task()
def send_dispatch(dispatch_id: int) -> None:
    """Send one e-mail of a dispatch (see `mail.compose`) and record the outcome.

    Only a queued or failed dispatch is sent, so a retry enqueued twice sends one mail. A
    failure is recorded with its error text and tried again later, up to MAX_ATTEMPTS.
    """
    dispatch = (
        Dispatch.objects.select_related(
            "meeting__body", "meeting__organization", "meeting__location", "invitation__file"
        )
        .select_related("person")
        .filter(pk=dispatch_id, deleted=False)
        .first()
    )
    if dispatch is None or dispatch.state not in (Dispatch.State.QUEUED, Dispatch.State.FAILED):
        return
    # Claim this attempt: of two workers that read the same row (a staff retry and a
    # scheduled one), only the first gets past this update; the other sends nothing.
    claimed = Dispatch.objects.filter(
        pk=dispatch_id,
        state=dispatch.state,
        version=dispatch.version,
    ).update(version=F("version") + 1)
    if not claimed:
        return
    try:
        mail.compose(dispatch).send()
    except Exception as exc:  # Any failure of the mail server is the dispatch's, not the worker's.
        logger.warning("send_dispatch: dispatch %s failed", dispatch_id, exc_info=True)
        error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
        row = _record(dispatch_id, state=Dispatch.State.FAILED, last_error=error)
        _enqueue_retry(dispatch_id, row.attempts)
        return
    delivered = timezone.now()
    _record(dispatch_id, state=Dispatch.State.SENT, sent_at=delivered, last_error="")
    if dispatch.kind == Dispatch.Kind.MINUTES:
        _minutes_delivered(dispatch.meeting_id, delivered)


def _minutes_delivered(meeting_id: int, delivered: dt.datetime) -> None:
    """The first e-mail of the minutes that reached a member marks them as sent
    (`Minutes.sent_at`): only then have the members had them, which the one-month rule
    asks. Minutes whose every e-mail failed stay unsent, and are flagged when overdue.

    Only `sent_at` is written (no version bump), recorded in the history: it follows from
    the dispatch, and an edit form open on the minutes must not conflict with it.
    """
    with transaction.atomic():
        minutes = (
            Minutes.objects.select_for_update()
            .filter(meeting_id=meeting_id, deleted=False, sent_at__isnull=True)
            .first()
        )
        if minutes is None:
            return
        before = history.snapshot(minutes)
        minutes.sent_at = delivered
        Minutes.objects.filter(pk=minutes.pk).update(sent_at=delivered)
        history.record_update(minutes, before)
