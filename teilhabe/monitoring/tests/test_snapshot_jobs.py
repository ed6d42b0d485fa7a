"""Large snapshot uploads run in the background: the job, its page, its report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teilhabe.core.jobs import job_claim, job_start
from teilhabe.core.models import Job
from teilhabe.core.pagecache import _is_data_write
from teilhabe.council.tests import factories as f
from teilhabe.districts.models import Level
from teilhabe.districts.tests.factories import DistrictFactory
from teilhabe.monitoring import tasks
from teilhabe.monitoring.models import Count, Snapshot
from teilhabe.monitoring.services import snapshot_import

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 31)
REGISTER = (
    "person_id;district_code;year_of_birth;sex;citizenships;country_of_birth\n"
    "1;Q1;1980;w;TUR;TUR\n2;Q1;1990;m;DEU;DEU\n3;Q2;2001;w;DEU|POL;POL\n"
)
BROKEN = REGISTER + "4;Q9;1980;w;TUR;TUR\n5;Q1;2999;w;TUR;TUR\n"


@pytest.fixture(autouse=True)
def background(settings):
    settings.MONITORING_BACKGROUND_BYTES = 10  # every test file here is "large"


@pytest.fixture
def body():
    body = f.BodyFactory()
    part = DistrictFactory(body=body, code="S1", level=Level.STADTTEIL)
    DistrictFactory(body=body, code="Q1", parent=part)
    DistrictFactory(body=body, code="Q2", parent=part)
    return body


@pytest.fixture
def staff(client, body):
    client.force_login(f.StaffRoleFactory(body=body).user)
    return client


def url(body, name, **kwargs):
    return reverse(f"monitoring_staff:{name}", kwargs={"body": body.slug, **kwargs})


def post(client, body, content, *, date=DAY, skip=False, **headers):
    data = {
        "reference_date": date.isoformat(),
        "kind": "",
        "file": SimpleUploadedFile("auszug.csv", content.encode(), "text/csv"),
        "note": "",
    }
    if skip:
        data["skip_invalid"] = "on"
    return client.post(url(body, "snapshot_upload"), data, **headers)


def test_a_large_file_becomes_a_job_that_loads_the_snapshot(
    staff, body, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(staff, body, REGISTER)
    job = Job.objects.get(body=body, kind=tasks.KIND)
    assert response.status_code == 302
    assert response["Location"] == url(body, "snapshot_job", pk=job.pk)
    assert job.state == Job.State.DONE
    assert job.percent == 100
    assert job.step == "write"  # the steps were written as they began
    snapshot = Snapshot.objects.get(body=body, reference_date=DAY)
    assert job.result["snapshot_id"] == snapshot.pk
    assert Count.objects.filter(snapshot=snapshot).count() == job.result["cells"] > 0
    assert not default_storage.exists(job.file_name)  # the file is gone
    page = staff.get(response["Location"])
    assert page.status_code == 200
    assert "Datenstand vom 31.12.2024 übernommen" in page.content.decode()
    assert 'hx-trigger="every 2s"' not in page.content.decode()  # no more polling


def test_htmx_is_sent_to_the_job_page(staff, body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(staff, body, REGISTER, HTTP_HX_REQUEST="true")
    job = Job.objects.get(body=body)
    assert response["HX-Redirect"] == url(body, "snapshot_job", pk=job.pk)


def test_a_file_with_errors_fails_with_the_report_and_writes_nothing(
    staff, body, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(staff, body, BROKEN)
    job = Job.objects.get(body=body)
    assert job.state == Job.State.FAILED
    assert job.result["problem_count"] == 2
    assert not Snapshot.objects.filter(body=body).exists()
    assert not default_storage.exists(job.file_name)
    text = staff.get(response["Location"]).content.decode()
    assert "Zeile 5" in text
    assert "Zeile 6" in text
    assert "Q9" in text
    assert "Eine korrigierte Datei hochladen" in text


def test_invalid_rows_skipped_when_asked(staff, body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(staff, body, BROKEN, skip=True)
    job = Job.objects.get(body=body)
    assert job.state == Job.State.DONE
    assert job.result["invalid_lines"] == 2
    text = staff.get(response["Location"]).content.decode()
    assert "2 ungültige Zeilen wurden übersprungen" in text


def test_a_taken_date_or_a_running_import_is_refused_before_queueing(staff, body):
    snapshot_import(body=body, reference_date=DAY, rows_or_file=REGISTER.encode())
    response = post(staff, body, REGISTER)
    assert response.status_code == 200
    assert "Für diesen Stichtag gibt es schon einen Datenstand." in response.content.decode()
    other = DAY.replace(year=2023)
    post(staff, body, REGISTER, date=other)  # queued: the on-commit task never runs here
    queued = Job.objects.get(body=body)
    assert queued.state == Job.State.QUEUED
    response = post(staff, body, REGISTER, date=other)
    assert "Für diesen Stichtag läuft schon ein Import." in response.content.decode()
    assert Job.objects.filter(body=body).count() == 1
    upload_page = staff.get(url(body, "snapshot_upload")).content.decode()
    assert url(body, "snapshot_job", pk=queued.pk) in upload_page  # listed as running


def test_the_running_job_page_polls_and_shows_its_step(staff, body):
    job = job_start(body=body, kind=tasks.KIND, title="Datenstand vom 31.12.2024", params={})
    text = staff.get(url(body, "snapshot_job", pk=job.pk)).content.decode()
    assert 'hx-trigger="every 2s"' in text
    assert "wartet" in text
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, step="count", percent=40)
    text = staff.get(url(body, "snapshot_job", pk=job.pk), HTTP_HX_REQUEST="true").content
    assert 'value="40"' in text.decode()
    assert "nach Gebiet und Merkmal gezählt" in text.decode()


def test_a_job_is_run_once_and_a_missing_file_fails_cleanly(body):
    upload = SimpleUploadedFile("auszug.csv", REGISTER.encode())
    job = tasks.snapshot_import_start(
        body=body,
        user=None,
        reference_date=DAY,
        file=upload,
        kind=None,
        skip_invalid=False,
        note="",
    )
    default_storage.delete(job.file_name)
    tasks.run_snapshot_import.call(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "unerwarteter Fehler" in job.result["message"]
    assert job_claim(job.pk) is None  # ended: never taken again
    tasks.run_snapshot_import.call(job.pk)  # a second delivery changes nothing
    job.refresh_from_db()
    assert job.state == Job.State.FAILED


def test_other_bodies_and_members_do_not_see_a_job(client, body):
    job = job_start(body=body, kind=tasks.KIND, title="Datenstand", params={})
    other = f.BodyFactory()
    client.force_login(f.StaffRoleFactory(body=other).user)
    assert client.get(url(body, "snapshot_job", pk=job.pk)).status_code == 404
    assert client.get(url(other, "snapshot_job", pk=job.pk)).status_code == 404
    client.force_login(f.UserFactory())
    assert client.get(url(body, "snapshot_job", pk=job.pk)).status_code == 404


def test_job_writes_do_not_move_the_public_pages_generation():
    assert not _is_data_write('UPDATE "core_job" SET "percent" = 40 WHERE "id" = 1')
    assert _is_data_write('UPDATE "monitoring_snapshot" SET "note" = \'\' WHERE "id" = 1')
