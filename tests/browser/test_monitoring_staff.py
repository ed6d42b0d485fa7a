"""The monitoring's staff pages in a real browser: axe on every page type, and the upload
of a broken GeoJSON file with its report, in German and in Arabic (right to left)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.browser.conftest import DEMO_SLUG, assert_accessible, log_in, use_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["de", "ar"]


def _staff(name: str) -> str:
    return reverse(f"monitoring_staff:{name}", kwargs={"body": DEMO_SLUG})


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "page_type",
    ["overview", "districts_upload", "snapshot_upload", "indicators", "indicator_create"],
)
def test_monitoring_staff_page_has_no_axe_violation(demo, page, page_type, language):
    use_language(page, demo, language)
    log_in(page, demo, "fachstelle", next_path=_staff(page_type))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main h1").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_broken_districts_file_gets_its_report_and_nothing_is_written(demo, page, language):
    """An unclosed ring: the problem is reported by feature; the districts stay as they were."""
    from teilhabe.districts.models import District

    before = District.objects.filter(body__slug=DEMO_SLUG).count()
    ring = [[7.5, 49.7], [7.6, 49.7], [7.6, 49.8], [7.5, 49.8]]  # not closed
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "9901", "name": "Neues Quartier", "parent": "01"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    use_language(page, demo, language)
    log_in(page, demo, "fachstelle", next_path=_staff("districts_upload"))
    page.locator("input[type=file]").set_input_files(
        {
            "name": "quartiere.geojson",
            "mimeType": "application/geo+json",
            "buffer": json.dumps(collection).encode(),
        }
    )
    page.locator("main form button[type=submit]").first.click()
    page.get_by_text("9901").first.wait_for()
    assert_accessible(page)
    assert District.objects.filter(body__slug=DEMO_SLUG).count() == before


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", ["needs", "thresholds", "threshold_create"])
def test_needs_staff_page_has_no_axe_violation(demo, page, page_type, language):
    """The needs (Handlungsbedarfe) and their thresholds, as staff see them."""
    path = reverse(f"participation_staff:{page_type}", kwargs={"body": DEMO_SLUG})
    use_language(page, demo, language)
    log_in(page, demo, "fachstelle", next_path=path)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main h1").count() == 1
    assert_accessible(page)


def _extract() -> bytes:
    """A register extract of 40 people in two Quartiere, and one row of an unknown one."""
    rows = ["person_id;district_code;year_of_birth;sex;citizenships;country_of_birth"]
    for index in range(40):
        district = "0101" if index % 2 else "0102"
        citizenship = "TUR" if index % 4 == 0 else "DEU"
        rows.append(f"{index};{district};{1950 + index};w;{citizenship};{citizenship}")
    rows.append("99;9999;1980;m;DEU;DEU")
    return ("\n".join(rows) + "\n").encode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_large_extract_loads_in_the_background_with_its_report(demo, page, settings, language):
    """The upload shows its progress, the job's page its report (the skipped row), and the
    new snapshot is on the public map."""
    from teilhabe.core.models import Job
    from teilhabe.monitoring.models import Snapshot

    settings.MONITORING_BACKGROUND_BYTES = 100  # this small extract counts as large
    use_language(page, demo, language)
    log_in(page, demo, "fachstelle", next_path=_staff("snapshot_upload"))
    page.locator("input[name=reference_date]").fill("2025-06-30")
    page.locator("input[name=skip_invalid]").check()
    page.locator("input[type=file]").set_input_files(
        {"name": "auszug.csv", "mimeType": "text/csv", "buffer": _extract()}
    )
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/stichtage/importe/*/")
    page.locator("#job-status .kern-alert--success").wait_for()
    assert page.locator("#pruefbericht").get_by_text("9999").count() == 1
    assert_accessible(page)
    job = Job.objects.get()
    assert job.state == Job.State.DONE
    assert job.result["invalid_lines"] == 1
    assert Snapshot.objects.filter(body__slug=DEMO_SLUG, reference_date="2025-06-30").exists()
    map_path = reverse("monitoring:index", kwargs={"body": DEMO_SLUG}) + "?stichtag=2025-06-30"
    page.goto(demo + map_path)
    assert page.locator("main svg").count() >= 1
    assert "30.06.2025" in page.locator("main").inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_running_import_page_has_no_axe_violation(demo, page, language):
    from teilhabe.core.jobs import job_start
    from teilhabe.core.models import Body, Job
    from teilhabe.monitoring.tasks import KIND

    body = Body.objects.get(slug=DEMO_SLUG)
    job = job_start(body=body, kind=KIND, title="Datenstand vom 30.06.2025 aus „a.csv“")
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, step="count", percent=40)
    use_language(page, demo, language)
    log_in(page, demo, "fachstelle", next_path=_staff("snapshot_upload"))
    page.goto(
        demo + reverse("monitoring_staff:snapshot_job", kwargs={"body": DEMO_SLUG, "pk": job.pk})
    )
    assert page.locator("#job-progress").get_attribute("value") == "40"
    assert page.locator("main h1").count() == 1
    assert_accessible(page)
