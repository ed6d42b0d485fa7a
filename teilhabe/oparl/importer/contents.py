"""`--files`: fetch the contents of imported files, store them as uploads are stored,
and extract their text for search.

A file is fetched once: only rows without stored content are asked for, so a re-run (or
a run after an interrupted one) fetches just what is still missing. Contents are checked
like uploads (`uploads.check_upload`): what is not an allowed document type is not kept.
"""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import F

from teilhabe.core.errors import UploadRejected
from teilhabe.core.models import Body
from teilhabe.council import tasks, uploads
from teilhabe.council.models import File
from teilhabe.council.models.files import upload_path
from teilhabe.oparl.importer.client import Client, FetchError
from teilhabe.oparl.importer.report import CREATED, Report

_EXTENSION_OF = {mime: ext for ext, mime in reversed(uploads.ALLOWED_EXTENSIONS.items())}


def fetch_contents(*, body: Body, client: Client, report: Report, now: dt.datetime) -> None:
    missing = (
        File.objects.filter(body=body, deleted=False, content="")
        .exclude(oparl_access_url="")
        .only("pk", "file_name", "mime_type", "oparl_access_url", "body_id")
        .order_by("pk")
    )
    for file in missing.iterator():
        url = file.oparl_access_url
        try:
            data = client.get_bytes(url, max_bytes=settings.UPLOAD_MAX_BYTES)
        except FetchError as exc:
            report.warn("file", url, f"file content not readable: {exc.reason}")
            continue
        name = _name_with_extension(file.file_name, file.mime_type)
        try:
            checked = uploads.check_upload(ContentFile(data, name=name))
        except UploadRejected as exc:
            report.warn("file", url, f"file content refused: {exc}")
            continue
        file.sha256 = checked.sha256
        stored = uploads.store_upload(ContentFile(data, name=name), path=upload_path(file, name))
        File.objects.filter(pk=file.pk).update(
            content=stored,
            size=checked.size,
            sha256=checked.sha256,
            mime_type=checked.mime_type,
            text=_text(checked.mime_type, data),
            modified=now,
            version=F("version") + 1,
        )
        report.count("File content", CREATED)


def _name_with_extension(file_name: str, mime_type: str) -> str:
    """The name the upload checks see: a remote name often lacks its extension."""
    extension = PurePath(file_name).suffix.lower().lstrip(".")
    if extension in uploads.ALLOWED_EXTENSIONS:
        return file_name
    guessed = _EXTENSION_OF.get(mime_type) or (mimetypes.guess_extension(mime_type) or "")
    return f"{file_name or 'datei'}.{guessed.lstrip('.')}" if guessed else file_name


def _text(mime_type: str, data: bytes) -> str:
    extractor = tasks.EXTRACTORS.get(mime_type)
    if extractor is None:
        return ""
    try:
        text = extractor(io.BytesIO(data))
    except Exception:  # A broken document keeps an empty text, as with uploads.
        return ""
    return text.replace("\x00", "").strip()[: tasks.MAX_TEXT_CHARS]
