"""Snapshots, counts and staff-defined indicators: what the database refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from teilhabe.core.tests.factories import BodyFactory
from teilhabe.districts.tests.factories import DistrictFactory
from teilhabe.monitoring.models import Count, Indicator, Snapshot

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 31)


def test_one_alive_snapshot_per_body_and_date():
    body = BodyFactory()
    first = Snapshot.objects.create(body=body, reference_date=DAY, source="aggregated")
    Snapshot.objects.create(body=BodyFactory(), reference_date=DAY, source="aggregated")
    with pytest.raises(IntegrityError), transaction.atomic():
        Snapshot.objects.create(body=body, reference_date=DAY, source="register")
    first.deleted = True
    first.save()
    Snapshot.objects.create(body=body, reference_date=DAY, source="register")
    assert str(first) == "31.12.2024"


def test_source_must_be_known():
    with pytest.raises(IntegrityError), transaction.atomic():
        Snapshot.objects.create(body=BodyFactory(), reference_date=DAY, source="guess")


def test_count_cell_unique_and_not_negative():
    body = BodyFactory()
    snapshot = Snapshot.objects.create(body=body, reference_date=DAY, source="aggregated")
    district = DistrictFactory(body=body)
    Count.objects.create(
        snapshot=snapshot, district=district, characteristic="sex", category="w", value=3
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Count.objects.create(
            snapshot=snapshot, district=district, characteristic="sex", category="w", value=4
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Count.objects.create(
            snapshot=snapshot, district=district, characteristic="sex", category="m", value=-1
        )


def test_protection_is_known_and_the_cell_key_method_needs_a_register_extract():
    body = BodyFactory()
    assert Snapshot(body=body, reference_date=DAY, source="register").protection == "suppression"
    with pytest.raises(IntegrityError), transaction.atomic():
        Snapshot.objects.create(
            body=body, reference_date=DAY, source="register", protection="noise"
        )
    table = Snapshot(body=body, reference_date=DAY, source="aggregated", protection="cellkey")
    with pytest.raises(ValidationError) as caught:
        table.full_clean()
    assert caught.value.message_dict["protection"] == [
        "Die Cell-Key-Methode ist nur für einen Auszug aus dem Melderegister möglich, denn "
        "sie braucht die einzelnen Personen. Eine aggregierte Tabelle wird durch Sperrung "
        "kleiner Fallzahlen geschützt."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        table.save()
    register = Snapshot.objects.create(
        body=body, reference_date=DAY, source="register", protection="cellkey"
    )
    register.full_clean()
    assert register.perturbed


def test_a_cell_key_takes_the_whole_key_space_and_no_more():
    """Up to 2**32 - 1 on every database (a PositiveBigIntegerField); None for a table."""
    body = BodyFactory()
    snapshot = Snapshot.objects.create(body=body, reference_date=DAY, source="register")
    district = DistrictFactory(body=body)
    for category, key in (("w", 2**32 - 1), ("m", 0), ("d", None)):
        Count.objects.create(
            snapshot=snapshot,
            district=district,
            characteristic="sex",
            category=category,
            value=1,
            key=key,
        )
    stored = dict(Count.objects.values_list("category", "key"))
    assert stored == {"w": 2**32 - 1, "m": 0, "d": None}
    with pytest.raises(IntegrityError), transaction.atomic():
        Count.objects.create(
            snapshot=snapshot,
            district=district,
            characteristic="sex",
            category="x",
            value=1,
            key=2**32,
        )


def test_staff_indicator_checks_its_pairs_and_code():
    body = BodyFactory()
    indicator = Indicator(
        body=body,
        code="foreigners_share",
        name="Eigener",
        definition="…",
        numerator=[["sex"]],
        denominator="population",
    )
    with pytest.raises(ValidationError) as caught:
        indicator.full_clean()
    assert set(caught.value.message_dict) == {"code", "numerator", "denominator"}
    indicator.code = "women_foreigners"
    indicator.numerator = [["sex", "w"]]
    indicator.denominator = [["population", "total"]]
    indicator.full_clean()
    indicator.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(
            body=body, code="women_foreigners", name="x", definition="x", numerator=[["sex", "w"]]
        )
