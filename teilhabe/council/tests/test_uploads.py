"""Uploads: only real documents and images get in, stored under their hash, text extracted."""

from __future__ import annotations

import hashlib
import io
import logging
import struct
import zipfile
import zlib

import docx
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from odf.opendocument import OpenDocumentText
from odf.text import P

from teilhabe.core.errors import UploadRejected
from teilhabe.council import errors, services, tasks, uploads
from teilhabe.council.models import File
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

TEXT = "Der Beirat beantragt den Umzug der Auslaenderbehoerde ins Zentrum"


def make_pdf(text: str = TEXT) -> bytes:
    """A minimal one-page PDF with `text` in Helvetica (offsets computed, so it is valid)."""
    content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_docx(text: str = TEXT) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = "Tabelle: 126.000 EUR"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(text: str = TEXT) -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def make_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "mime_type"),
    [
        ("antrag.pdf", make_pdf(), uploads.PDF),
        ("Antrag.PDF", make_pdf(), uploads.PDF),
        ("niederschrift.docx", make_docx(), uploads.DOCX),
        ("einladung.odt", make_odt(), uploads.ODT),
        ("foto.png", make_png(), uploads.PNG),
    ],
)
def test_real_documents_and_images_are_accepted(name, content, mime_type):
    checked = uploads.check_upload(upload(name, content))
    assert checked.mime_type == mime_type
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("antrag.pdf", HTML, "kein erlaubtes Format"),
        ("antrag.html", HTML, "nicht angenommen"),
        ("programm.exe", EXE, "nicht angenommen"),
        ("antrag.pdf", EXE, "kein erlaubtes Format"),
        ("logo.svg", SVG, "nicht angenommen"),
        ("logo.png", SVG, "kein erlaubtes Format"),
        ("antrag.docx", make_pdf(), "passt nicht zum Inhalt"),
        ("foto.jpg", make_png(), "passt nicht zum Inhalt"),
        ("archiv.docx", make_zip({"readme.txt": b"hallo"}), "kein erlaubtes Format"),
        ("archiv.zip", make_zip({"readme.txt": b"hallo"}), "nicht angenommen"),
        (
            "tabelle.odt",
            make_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "kein erlaubtes Format",
        ),
        ("ohne-endung", make_pdf(), "nicht angenommen"),
        ("leer.pdf", b"", "leer"),
    ],
)
def test_everything_else_is_rejected_with_a_clear_message(name, content, message):
    with pytest.raises(UploadRejected) as exc:
        uploads.check_upload(upload(name, content))
    assert message in exc.value.message


def test_too_big_is_rejected_with_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(UploadRejected) as exc:
        uploads.check_upload(upload("antrag.pdf", make_pdf()))
    assert "zu groß" in exc.value.message
    assert "100" in exc.value.message


@pytest.fixture
def paper():
    return f.PaperFactory()


def _upload_file(paper, name, content, **kwargs):
    return services.file_upload(
        body=paper.body,
        by=f.UserFactory(),
        uploaded_file=upload(name, content),
        name=kwargs.pop("title", ""),
        paper=paper,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("antrag.pdf", make_pdf, TEXT),
        ("antrag.docx", make_docx, "126.000 EUR"),
        ("antrag.odt", make_odt, TEXT),
    ],
)
def test_upload_stores_under_hash_and_extracts_text_after_commit(
    paper, name, make, expected, django_capture_on_commit_callbacks
):
    content = make()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        file = _upload_file(paper, name, content)
    # After commit: the text extraction (and the paper counts as modified, for OParl).
    assert len(callbacks) == 2
    file.refresh_from_db()
    digest = hashlib.sha256(content).hexdigest()
    assert file.content.name == f"{paper.body_id}/{digest[:2]}/{digest}"
    assert default_storage.open(file.content.name).read() == content
    assert (file.file_name, file.name, file.sha256) == (name, "antrag", digest)
    assert expected in file.text


def test_no_text_extraction_before_commit(paper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        file = _upload_file(paper, "antrag.pdf", make_pdf())
    file.refresh_from_db()
    assert file.text == ""


def test_same_content_is_stored_once(paper):
    first = _upload_file(paper, "a.pdf", make_pdf())
    second = _upload_file(paper, "b.pdf", make_pdf(), title="Zweite Fassung")
    assert first.content.name == second.content.name
    assert second.name == "Zweite Fassung"


def test_user_typed_file_name_never_reaches_the_file_system(paper):
    file = _upload_file(paper, "../../etc/pass wd.pdf", make_pdf())
    assert ".." not in file.content.name
    assert "pass" not in file.content.name
    assert file.file_name == "pass_wd.pdf"


def test_broken_file_leaves_text_empty_and_logs_a_warning(
    paper, caplog, django_capture_on_commit_callbacks
):
    broken = b"%PDF-1.4\n" + b"\x00garbage" * 50
    with (
        caplog.at_level(logging.WARNING, logger="teilhabe.council.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        file = _upload_file(paper, "kaputt.pdf", broken)
    file.refresh_from_db()
    assert file.text == ""
    assert any("could not read" in record.getMessage() for record in caplog.records)


def test_image_has_no_text_and_is_accepted(paper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        file = _upload_file(paper, "foto.png", make_png())
    file.refresh_from_db()
    assert (file.mime_type, file.text) == (uploads.PNG, "")


def test_rejected_upload_stores_nothing(paper):
    with pytest.raises(UploadRejected):
        _upload_file(paper, "antrag.pdf", HTML)
    assert not File.objects.exists()


def test_file_must_belong_to_exactly_one_thing_of_the_same_body(paper):
    meeting = f.MeetingFactory(organization__body=paper.body)
    with pytest.raises(errors.InvalidFileTarget):
        _upload_file(paper, "a.pdf", make_pdf(), meeting=meeting)
    with pytest.raises(errors.InvalidFileTarget):
        services.file_upload(
            body=paper.body, by=f.UserFactory(), uploaded_file=upload("a.pdf", make_pdf())
        )
    foreign_item = f.AgendaItemFactory()
    with pytest.raises(errors.CrossBodyReference):
        services.file_upload(
            body=paper.body,
            by=f.UserFactory(),
            uploaded_file=upload("a.pdf", make_pdf()),
            agenda_item=foreign_item,
        )
    assert not File.objects.exists()


def test_extraction_of_a_missing_file_only_warns(caplog):
    with caplog.at_level(logging.WARNING, logger="teilhabe.council.tasks"):
        tasks.extract_file_text.call(file_id=987654)
    assert any("does not exist" in record.getMessage() for record in caplog.records)
