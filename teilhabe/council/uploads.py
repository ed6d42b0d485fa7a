"""Checking and storing uploaded documents.

An upload is accepted only when its content is one of a few document and image types,
the name's extension agrees with the content, and it is not too big. Everything else
(HTML, SVG, scripts, programs, other archives) is refused: files are never executed and
never served directly, but a browser opening a disguised HTML file is the classic attack.
The file is stored under its content hash, so nothing a user typed reaches the file system.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import filetype
from django.conf import settings
from django.core.files.base import File as DjangoFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from teilhabe.core.errors import UploadRejected

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
GIF = "image/gif"

# Extension -> the one content type it may hold.
ALLOWED_EXTENSIONS: dict[str, str] = {
    "pdf": PDF,
    "docx": DOCX,
    "odt": ODT,
    "png": PNG,
    "jpg": JPEG,
    "jpeg": JPEG,
    "webp": WEBP,
    "gif": GIF,
}
_SNIFFED_DIRECTLY = {PDF, PNG, JPEG, WEBP, GIF}
_ZIP_TYPES = {"application/zip", DOCX, ODT}
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# The members we read to tell the ZIP-based formats apart are tiny; a bigger one is a trick.
_MAX_MANIFEST_BYTES = 1024 * 1024
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    """What the checks found out about an accepted upload."""

    mime_type: str
    extension: str
    size: int
    sha256: str


def allowed_extensions_display() -> str:
    return ", ".join(sorted({ext.upper() for ext in ALLOWED_EXTENSIONS}))


def check_upload(uploaded: DjangoFile) -> CheckedUpload:
    """Return what `uploaded` is, or raise UploadRejected with a message for the user."""
    size = uploaded.size or 0
    if size == 0:
        raise UploadRejected(_("Die Datei ist leer."))
    if size > settings.UPLOAD_MAX_BYTES:
        raise UploadRejected(
            _("Die Datei ist zu groß. Erlaubt sind höchstens %(limit)s.")
            % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
    expected = ALLOWED_EXTENSIONS.get(extension)
    if expected is None:
        raise UploadRejected(
            _("Dateien dieser Art werden nicht angenommen. Erlaubt sind: %(types)s.")
            % {"types": allowed_extensions_display()}
        )
    uploaded.seek(0)
    head = uploaded.read(_SNIFF_BYTES)
    sniffed = _sniff(head, uploaded)
    if sniffed is None:
        raise UploadRejected(
            _(
                "Der Inhalt der Datei ist kein erlaubtes Format. Erlaubt sind: %(types)s. "
                "Webseiten (HTML), SVG-Grafiken, Skripte und Programme werden nie angenommen."
            )
            % {"types": allowed_extensions_display()}
        )
    if sniffed != expected:
        raise UploadRejected(
            _(
                "Die Dateiendung „.%(extension)s“ passt nicht zum Inhalt der Datei. Bitte "
                "laden Sie die Datei mit der richtigen Endung hoch."
            )
            % {"extension": extension}
        )
    return CheckedUpload(
        mime_type=sniffed, extension=extension, size=size, sha256=_sha256(uploaded)
    )


def store_upload(uploaded: DjangoFile, *, path: str) -> str:
    """Store the content under `path` (content-addressed) and return the stored name.

    The same content always has the same path, so a second upload reuses the first copy.
    """
    if default_storage.exists(path):
        return path
    uploaded.seek(0)
    return default_storage.save(path, uploaded)


def _sniff(head: bytes, uploaded: IO[bytes] | DjangoFile) -> str | None:
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime in _SNIFFED_DIRECTLY:
        return str(kind.mime)
    if kind.mime in _ZIP_TYPES:
        return _zip_document_type(uploaded)
    return None


def _zip_document_type(uploaded: IO[bytes] | DjangoFile) -> str | None:
    """DOCX and ODT are ZIP files; only their own manifests tell which (or neither)."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= _MAX_MANIFEST_BYTES:
                    if archive.read(info).strip() == ODT.encode():
                        return ODT
                    return None
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= _MAX_MANIFEST_BYTES and _DOCX_MAIN in archive.read(info):
                    return DOCX
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    return None


def _sha256(uploaded: DjangoFile) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    return digest.hexdigest()
