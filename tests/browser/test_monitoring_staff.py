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
@pytest.mark.parametrize("page_type", ["overview", "districts_upload", "snapshot_upload"])
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
