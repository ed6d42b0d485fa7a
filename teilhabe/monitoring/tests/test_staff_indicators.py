"""The body's own indicators: services, staff pages, and the figures they give."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from teilhabe.core.errors import ConflictError
from teilhabe.core.models import ChangeRecord
from teilhabe.council.tests import factories as f
from teilhabe.districts.models import Level
from teilhabe.districts.tests.factories import DistrictFactory
from teilhabe.monitoring import services
from teilhabe.monitoring.errors import IndicatorInvalid
from teilhabe.monitoring.models import Indicator
from teilhabe.monitoring.selectors import snapshot_figures

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 31)
ROWS = [
    ("Q1", "population", "total", 100),
    ("Q1", "citizenship_status", "german_only", 70),
    ("Q1", "citizenship_status", "german_further", 10),
    ("Q1", "citizenship_status", "foreigner", 20),
    ("Q1", "citizenship", "SYR", 12),
    ("Q1", "citizenship", "TUR", 8),
    ("Q2", "population", "total", 50),
    ("Q2", "citizenship_status", "german_only", 40),
    ("Q2", "citizenship_status", "german_further", 0),
    ("Q2", "citizenship_status", "foreigner", 10),
    ("Q2", "citizenship", "SYR", 4),
    ("Q2", "citizenship", "TUR", 6),
]


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


def create(body, **kwargs):
    values = {
        "code": "syrian_share",
        "name": "Anteil Syrerinnen und Syrer",
        "definition": "Syrische Staatsangehörige je 100 Einwohner.",
        "numerator": [["citizenship", "SYR"]],
        "denominator": [["population", "total"]],
    }
    return services.indicator_create(body=body, **{**values, **kwargs})


def test_an_own_indicator_is_computed_and_protected_like_the_catalogue(body):
    snapshot = services.snapshot_import(body=body, reference_date=DAY, rows_or_file=ROWS)
    create(body)
    create(
        body,
        code="syr_tur",
        name="Syrer und Türken",
        numerator=[["citizenship", "SYR"], ["citizenship", "TUR"]],
        denominator=[],
    )
    shown = {
        (figure.indicator, figure.area): figure.shown.text
        for figure in snapshot_figures(snapshot.snapshot)
    }
    assert shown[("syrian_share", "Q1")] == "12,0\u00a0%"
    assert shown[("syrian_share", "S1")] == "10,7\u00a0%"  # 16 of 150
    assert shown[("syr_tur", "Q2")] == "10"
    assert shown[("syr_tur", "S1")] == "30"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"numerator": [["citizenship", "DEU"]]}, "numerator"),  # not a foreign state
        ({"numerator": [["sex", "q"]]}, "numerator"),
        ({"denominator": [["nonsense", "total"]]}, "denominator"),
        ({"numerator": []}, "numerator"),
        ({"code": "foreigners_share"}, "code"),  # a catalogue code
        ({"code": "kein slug!"}, "code"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_definitions_are_refused_at_their_field(body, changes, field):
    with pytest.raises(IndicatorInvalid) as caught:
        create(body, **changes)
    assert caught.value.field == field
    assert not Indicator.objects.exists()


def test_a_code_is_used_once_per_body_and_freed_by_deleting(body):
    first = create(body)
    with pytest.raises(IndicatorInvalid, match="schon einen Indikator"):
        create(body)
    create(f.BodyFactory())  # another body may use it
    services.indicator_delete(indicator=first, expected_version=first.version)
    assert create(body).pk != first.pk
    assert ChangeRecord.objects.filter(object_id=first.pk, action="delete").exists()


def test_update_keeps_the_code_and_refuses_a_stale_version(body):
    indicator = create(body)
    saved = services.indicator_update(
        indicator=indicator,
        expected_version=indicator.version,
        name="Syrische Staatsangehörige",
        numerator=[["citizenship", "SYR"], ["citizenship", "SYR"]],
        code="changed",
    )
    assert saved.code == "syrian_share"
    assert saved.name == "Syrische Staatsangehörige"
    assert saved.numerator == [["citizenship", "SYR"]]  # doubles once
    with pytest.raises(ConflictError):
        services.indicator_update(indicator=indicator, expected_version=1, name="alt")


def test_staff_define_change_and_delete_an_indicator_through_the_pages(staff, body):
    page = staff.get(url(body, "indicator_create"))
    assert page.status_code == 200
    assert "Herkunftsregion der Ausländerinnen und Ausländer" in page.content.decode()
    response = staff.post(
        url(body, "indicator_create"),
        {
            "code": "eu_anteil",
            "name": "Anteil EU-Bürger",
            "definition": "EU-Staatsangehörige je 100 Ausländer.",
            "numerator": ["citizenship_region:eu"],
            "numerator_citizenships": "",
            "denominator": ["citizenship_status:foreigner"],
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(body=body)
    assert indicator.numerator == [["citizenship_region", "eu"]]
    assert "Anteil EU-Bürger" in staff.get(url(body, "indicators")).content.decode()
    edit = staff.get(url(body, "indicator_edit", pk=indicator.pk)).content.decode()
    assert 'value="citizenship_region:eu" selected' in edit
    response = staff.post(
        url(body, "indicator_edit", pk=indicator.pk),
        {
            "name": "Anteil aus EU und Syrien",
            "definition": "…",
            "numerator": ["citizenship_region:eu"],
            "numerator_citizenships": "syr",
            "denominator": ["citizenship_status:foreigner"],
            "version": indicator.version,
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.numerator == [["citizenship", "SYR"], ["citizenship_region", "eu"]]
    assert indicator.code == "eu_anteil"
    response = staff.post(
        url(body, "indicator_delete", pk=indicator.pk),
        {"version": indicator.version, "confirmed": "1"},
    )
    assert response.status_code == 302
    assert not Indicator.objects.alive().exists()


def test_the_form_reports_bad_input_in_german(staff, body):
    response = staff.post(
        url(body, "indicator_create"),
        {
            "code": "x",
            "name": "X",
            "definition": "X",
            "numerator": ["sex:w", "no_such:pair"],
            "numerator_citizenships": "ABCD, DEU",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben." in text
    assert not Indicator.objects.exists()
    response = staff.post(
        url(body, "indicator_create"),
        {"code": "x", "name": "X", "definition": "X", "numerator_citizenships": "ABCD, DEU"},
    )
    assert "ABCD, DEU" in response.content.decode()
    assert "Keine Staatsangehörigkeit eines anderen Staates" in response.content.decode()


def test_other_bodies_cannot_reach_an_indicator(client, body):
    indicator = create(body)
    client.force_login(f.StaffRoleFactory(body=f.BodyFactory()).user)
    assert client.get(url(body, "indicators")).status_code == 404
    assert client.get(url(body, "indicator_edit", pk=indicator.pk)).status_code == 404
