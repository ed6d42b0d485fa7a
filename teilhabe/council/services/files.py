"""Uploads: a checked document or image, attached to a paper, a meeting or an agenda item."""

from __future__ import annotations

import hashlib
import logging
from functools import partial
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.base import File as DjangoFile
from django.db import transaction
from django.utils.text import get_valid_filename

from teilhabe.accounts.models import User
from teilhabe.core import history
from teilhabe.core.models import Body
from teilhabe.council import errors, tasks, uploads
from teilhabe.council.models import AgendaItem, File, Meeting, Paper
from teilhabe.council.models.files import upload_path
from teilhabe.council.services._common import ensure_same_body
from teilhabe.council.services.embedding import touch_embedding

logger = logging.getLogger(__name__)


@transaction.atomic
def file_upload(
    *,
    body: Body,
    by: User,
    uploaded_file: DjangoFile,
    name: str = "",
    paper: Paper | None = None,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
) -> File:
    """Check, store and attach an upload to exactly one paper, meeting or agenda item.

    Raises UploadRejected for anything but an allowed document or image. Its text is
    extracted in the background once the transaction has committed.
    """
    targets = [target for target in (paper, meeting, agenda_item) if target is not None]
    if len(targets) != 1:
        raise errors.InvalidFileTarget()
    ensure_same_body(body, *targets)
    checked = uploads.check_upload(uploaded_file)
    original = PurePath(uploaded_file.name or "").name
    file_name = get_valid_filename(original)[-255:]
    file = File(
        body=body,
        name=(name.strip() or PurePath(original).stem)[:300],
        file_name=file_name,
        mime_type=checked.mime_type,
        size=checked.size,
        sha256=checked.sha256,
        paper=paper,
        meeting=meeting,
        agenda_item=agenda_item,
    )
    file.content.name = uploads.store_upload(uploaded_file, path=upload_path(file, file_name))
    file.save()
    history.record_create(file)
    touch_embedding(file)
    transaction.on_commit(partial(tasks.extract_file_text.enqueue, file.pk))
    logger.info("file %s (%s) uploaded by user %s", file.pk, checked.mime_type, by.pk)
    return file


@transaction.atomic
def file_create_generated(
    *,
    body: Body,
    name: str,
    file_name: str,
    content: bytes,
    mime_type: str = uploads.PDF,
    public: bool = True,
    paper: Paper | None = None,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
) -> File:
    """Store a document Teilhabe rendered itself (an invitation, minutes) as a File.

    It is kept like an upload (content-addressed in the default storage, attached to
    exactly one record, served only through the download view's visibility check, its text
    extracted for search), but not sniffed: its content was made here. `public=False`
    keeps it to the body's staff and the members of the organization concerned.
    """
    targets = [target for target in (paper, meeting, agenda_item) if target is not None]
    if len(targets) != 1:
        raise errors.InvalidFileTarget()
    ensure_same_body(body, *targets)
    file = File(
        body=body,
        name=name.strip()[:300],
        file_name=get_valid_filename(file_name)[-255:],
        mime_type=mime_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        public=public,
        paper=paper,
        meeting=meeting,
        agenda_item=agenda_item,
    )
    file.content.name = uploads.store_upload(
        ContentFile(content, name=file.file_name), path=upload_path(file, file.file_name)
    )
    file.save()
    history.record_create(file)
    touch_embedding(file)
    transaction.on_commit(partial(tasks.extract_file_text.enqueue, file.pk))
    return file
