"""Background work through the real database task backend and its worker.

The test settings run tasks immediately; this test uses the backend `make run` uses: the
upload's text extraction is queued in the database on commit, and `db_worker` does it.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from teilhabe.council import services
from teilhabe.council.models import File
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_text_extraction_is_queued_on_commit_and_done_by_the_worker(database_tasks):
    from django_tasks_db.models import DBTaskResult

    body = f.BodyFactory()
    staff = f.StaffRoleFactory(body=body).user
    meeting = f.MeetingFactory(organization=f.OrganizationFactory(body=body))
    upload = SimpleUploadedFile(
        "einladung.docx", _docx("Einladung zur 11. Sitzung des Beirats"), content_type=DOCX
    )

    file = services.file_upload(body=body, by=staff, uploaded_file=upload, meeting=meeting)

    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert File.objects.get(pk=file.pk).text == ""

    call_command("db_worker", "--batch", "--no-reload", stdout=io.StringIO(), stderr=io.StringIO())

    assert "11. Sitzung des Beirats" in File.objects.get(pk=file.pk).text
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_snapshot_import_job_is_run_by_the_worker(database_tasks):
    """A large upload's job waits in the queue until the worker takes it."""
    from django_tasks_db.models import DBTaskResult

    from teilhabe.core.models import Job
    from teilhabe.districts.tests.factories import DistrictFactory
    from teilhabe.monitoring import tasks
    from teilhabe.monitoring.models import Snapshot

    body = f.BodyFactory()
    DistrictFactory(body=body, code="Q1")
    extract = "person_id;district_code;year_of_birth;sex;citizenships\n1;Q1;1980;w;TUR\n"
    job = tasks.snapshot_import_start(
        body=body,
        user=None,
        reference_date=dt.date(2024, 12, 31),
        file=SimpleUploadedFile("auszug.csv", extract.encode()),
        kind=None,
        skip_invalid=False,
        note="",
    )

    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert Job.objects.get(pk=job.pk).state == Job.State.QUEUED

    call_command("db_worker", "--batch", "--no-reload", stdout=io.StringIO(), stderr=io.StringIO())

    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert Snapshot.objects.get(body=body).pk == job.result["snapshot_id"]
