"""Background work of the council app."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import IO

import docx
from django_tasks import task
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as odf_load
from pypdf import PdfReader

from teilhabe.council import uploads
from teilhabe.council.models import File

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
