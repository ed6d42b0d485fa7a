"""File downloads: visible files only, of the body in the URL, under their exact name.

Truth table over every role and every kind of attachment (public or non-public paper,
public or non-public agenda item, meeting), plus the response headers that keep a
download from being rendered, sniffed or cached where it should not be.
"""

from __future__ import annotations

import hashlib

import factory
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from teilhabe.council import models
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% Teilhabe test document\n"


class FileFactory(factory.django.DjangoModelFactory):
    """A stored file; attach it with exactly one of paper=, meeting=, agenda_item=."""

    class Meta:
        model = models.File

    class Params:
        data = PDF

    paper = None
    meeting = None
    agenda_item = None
    body = factory.LazyAttribute(lambda o: (o.paper or o.meeting or o.agenda_item).body)
    name = factory.Sequence(lambda n: f"Dokument {n}")
    file_name = "dokument.pdf"
    mime_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(o.data))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.data).hexdigest())
    content = factory.LazyAttribute(lambda o: ContentFile(o.data, name=o.file_name))


ROLES = ["anonymous", "member", "staff", "member_of_other_org", "other_body_staff", "former_member"]
ENTITLED = {"member", "staff"}

# attachment -> may every role download it (True) or only the entitled (False)?
ATTACHMENTS = {
    "public_paper": True,
    "secret_paper": False,
    "public_item": True,
    "secret_item": False,
    "meeting": True,
}


@pytest.fixture
def files(world):
    public_paper = f.PaperFactory(body=world["body"], public=True)
    return {
        "public_paper": FileFactory(paper=public_paper, file_name="antrag.pdf"),
        "secret_paper": FileFactory(paper=world["secret_paper"], file_name="geheim.pdf"),
        "public_item": FileFactory(agenda_item=world["public_item"], file_name="vorlage.pdf"),
        "secret_item": FileFactory(agenda_item=world["secret_item"], file_name="personal.pdf"),
        "meeting": FileFactory(meeting=world["public_item"].meeting, file_name="einladung.pdf"),
    }


def _url(file, body=None, file_name=None):
    return reverse(
        "council:file_download",
        kwargs={
            "body": (body or file.body).slug,
            "pk": file.pk,
            "file_name": file_name or file.file_name,
        },
    )


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("attachment", "public"), ATTACHMENTS.items())
def test_download_truth_table(client, world, files, attachment, public, role):
    """Public attachments for everyone; non-public ones for members and staff only."""
    file = files[attachment]
    response = _get(client, world["users"][role], _url(file))
    expected = 200 if public or role in ENTITLED else 404
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("role", ["anonymous", "staff", "other_body_staff"])
def test_a_file_of_another_body_is_404_under_this_body(client, world, files, role):
    """Body B's file under /<body A>/dateien/ is a 404, whoever asks (B's staff too)."""
    other_body = world["users"]["other_body_staff"].staff_roles.get().body
    other_paper = f.PaperFactory(body=other_body)
    other_file = FileFactory(paper=other_paper)
    response = _get(client, world["users"][role], _url(other_file, body=world["body"]))
    assert response.status_code == 404
    assert _get(client, None, _url(other_file)).status_code == 200  # under its own body


@pytest.mark.parametrize("wrong", ["andere.pdf", "ANTRAG.pdf", "antrag.pdf.exe", "antrag"])
def test_wrong_file_name_is_404(client, world, files, wrong):
    response = _get(client, world["users"]["staff"], _url(files["public_paper"], file_name=wrong))
    assert response.status_code == 404


def test_unknown_pk_and_huge_pk_are_404(client, world, files):
    file = files["public_paper"]
    for pk in (file.pk + 1000, 2**70):
        url = reverse(
            "council:file_download",
            kwargs={"body": world["body"].slug, "pk": pk, "file_name": file.file_name},
        )
        assert client.get(url).status_code == 404


def test_deleted_file_or_deleted_paper_is_404(client, world, files):
    staff = world["users"]["staff"]
    file = files["public_item"]
    file.deleted = True
    file.save()
    assert _get(client, staff, _url(file)).status_code == 404
    paper_file = files["public_paper"]
    paper_file.paper.deleted = True
    paper_file.paper.save()
    assert _get(client, staff, _url(paper_file)).status_code == 404


def test_file_missing_in_storage_is_404_not_500(client, world, files):
    file = files["public_paper"]
    default_storage.delete(file.content.name)
    assert client.get(_url(file)).status_code == 404


def test_public_download_headers(client, world, files):
    """Attachment with the original name, the recorded type, nosniff, cacheable as public."""
    response = client.get(_url(files["public_paper"]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="antrag.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    assert "private" not in response["Cache-Control"]
    assert response["Content-Length"] == str(len(PDF))


@pytest.mark.parametrize("role", sorted(ENTITLED))
def test_nonpublic_download_is_private_and_not_stored(client, world, files, role):
    response = _get(client, world["users"][role], _url(files["secret_item"]))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_public_file_downloaded_by_staff_is_still_public(client, world, files):
    response = _get(client, world["users"]["staff"], _url(files["meeting"]))
    assert "public" in response["Cache-Control"]


def test_non_ascii_and_quote_characters_in_the_name_are_encoded(client, world):
    paper = f.PaperFactory(body=world["body"])
    file = FileFactory(paper=paper, file_name='Übersicht "Sprachkurse" 2025.pdf')
    response = client.get(_url(file))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%C3%9Cbersicht%20%22Sprachkurse%22%202025.pdf" in disposition


def test_a_strange_recorded_type_is_served_as_octet_stream(client, world):
    paper = f.PaperFactory(body=world["body"])
    file = FileFactory(paper=paper, mime_type="text/html\r\nX-Evil: 1")
    response = client.get(_url(file))
    assert response["Content-Type"] == "application/octet-stream"
    assert "X-Evil" not in response


def test_download_refuses_post(client, world, files):
    assert client.post(_url(files["public_paper"])).status_code == 405


def test_download_costs_a_constant_number_of_queries(
    client, world, files, django_assert_num_queries
):
    """Body, file (with the visibility check) -- for an anonymous visitor, nothing more."""
    with django_assert_num_queries(2):
        response = client.get(_url(files["public_paper"]))
    assert response.status_code == 200
