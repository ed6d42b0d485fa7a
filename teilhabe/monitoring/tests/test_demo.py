"""Musterstadt's monitoring in the demo: three snapshots of a synthetic register, loaded
as aggregates only, with Quartiere as different as a real city's."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.test import override_settings

from teilhabe.core.models import Body
from teilhabe.council import demo
from teilhabe.districts.models import District, Level
from teilhabe.monitoring import characteristics as ch
from teilhabe.monitoring import demo as monitoring_demo
from teilhabe.monitoring.demo_population import Population
from teilhabe.monitoring.models import Count, Snapshot, Source
from teilhabe.monitoring.selectors import snapshot_counts, snapshot_figures

DATES = [dt.date(2012, 12, 31), dt.date(2017, 12, 31), dt.date(2022, 12, 31)]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo at its full size (the other tests load a twentieth of the population),
    loaded once for the module (the tests only read it)."""
    with django_db_blocker.unblock(), override_settings(DEMO_POPULATION_SCALE=1.0):
        demo.load_demo()
        yield
        demo.delete_demo()


@pytest.fixture
def musterstadt(loaded, db):
    return Body.objects.get(slug="musterstadt")


def snapshots(body):
    return list(Snapshot.objects.alive().filter(body=body).order_by("reference_date"))


def by_quartier(snapshot, characteristic, category):
    return {
        code: value
        for (char, cat, code), value in snapshot_counts(snapshot).items()
        if (char, cat) == (characteristic, category)
    }


def test_three_register_snapshots_with_counts_for_all_fifteen_quartiere(musterstadt):
    quartiere = set(
        District.objects.for_body(musterstadt)
        .filter(level=Level.QUARTIER)
        .values_list("code", flat=True)
    )
    assert len(quartiere) == 15
    found = snapshots(musterstadt)
    assert [s.reference_date for s in found] == DATES
    assert {s.source for s in found} == {Source.REGISTER}
    assert [s.protection for s in found] == ["suppression", "suppression", "cellkey"]
    assert not Count.objects.filter(snapshot__in=found, key__isnull=True).exists()
    for snapshot in found:
        residents = by_quartier(snapshot, ch.POPULATION, ch.TOTAL)
        assert set(residents) == quartiere
        assert all(3000 < value < 12_000 for value in residents.values())
        assert 95_000 < sum(residents.values()) < 106_000
    assert not Snapshot.objects.exclude(body=musterstadt).exists()


def test_the_share_with_migration_background_ranges_from_a_tenth_to_over_half(musterstadt):
    for snapshot in snapshots(musterstadt):
        residents = by_quartier(snapshot, ch.POPULATION, ch.TOTAL)
        with_mb = by_quartier(snapshot, ch.MIGRATION_BACKGROUND, ch.YES)
        shares = sorted(with_mb[code] / residents[code] for code in residents)
        assert 0.05 < shares[0] < 0.17, shares
        assert shares[-1] > 0.50, shares


def test_the_population_evolves_plausibly(musterstadt):
    first, _middle, last = snapshots(musterstadt)

    def citizenships(snapshot):
        counts = Counter()
        for (char, category, _code), value in snapshot_counts(snapshot).items():
            if char == ch.CITIZENSHIP:
                counts[category] += value
        return counts

    before, after = citizenships(first), citizenships(last)
    assert after["SYR"] > 3 * before["SYR"]  # refugees 2015/16
    assert after["UKR"] > 2 * before["UKR"]  # 2022
    assert before.most_common(1)[0][0] == "TUR"
    top10 = {code for code, _n in after.most_common(10)}
    assert {"TUR", "SYR", "POL", "UKR", "ROU"} <= top10
    for snapshot in (first, last):
        counts = snapshot_counts(snapshot)
        totals = Counter()
        for (char, category, _code), value in counts.items():
            totals[(char, category)] += value
        residents = totals[(ch.POPULATION, ch.TOTAL)]
        assert totals[(ch.CITIZENSHIP_STATUS, ch.GERMAN_FURTHER)] > 0  # naturalised, option
        assert 0.10 < totals[(ch.CITIZENSHIP_STATUS, ch.FOREIGNER)] / residents < 0.35
        assert 0.04 < totals[(ch.AGE_GROUP, "0_5")] / residents < 0.12
        assert 0.12 < totals[(ch.AGE_GROUP, "65_plus")] / residents < 0.30
        assert totals[(ch.STAY_DURATION, "lt1")] > 0
        assert totals[(ch.STAY_DURATION, "20_plus")] > 0
    foreigners = [
        sum(by_quartier(s, ch.CITIZENSHIP_STATUS, ch.FOREIGNER).values())
        for s in snapshots(musterstadt)
    ]
    assert foreigners == sorted(foreigners)


def test_2022_is_protected_by_the_cell_key_method(musterstadt):
    """Nothing suppressed in 2022, its counts slightly moved."""
    last = snapshots(musterstadt)[-1]
    figures = snapshot_figures(last)
    assert not any(figure.shown.suppressed for figure in figures)
    beirat = {f.area: f.shown.value for f in figures if f.indicator == "beirat_eligible"}
    true = by_quartier(last, ch.BEIRAT_ELIGIBLE, ch.ELIGIBLE)
    assert all(abs(beirat[code] - value) <= 2 for code, value in true.items())
    assert any(beirat[code] != value for code, value in true.items())


def test_quartiere_add_up_to_their_stadtteile_and_the_city(musterstadt):
    districts = District.objects.for_body(musterstadt)
    city = districts.get(level=Level.CITY)
    for snapshot in snapshots(musterstadt):
        residents = by_quartier(snapshot, ch.POPULATION, ch.TOTAL)
        shown = {
            figure.area: figure.shown.value
            for figure in snapshot_figures(snapshot)
            if figure.indicator == "residents"
        }
        for stadtteil in districts.filter(level=Level.STADTTEIL):
            codes = stadtteil.children.values_list("code", flat=True)
            assert shown[stadtteil.code] == sum(residents[code] for code in codes)
        assert shown[city.code] == sum(residents.values())


def test_the_extract_is_deterministic_and_passes_every_row_check():
    (first, _residents), *_later = monitoring_demo.SNAPSHOTS
    one = Population(monitoring_demo.AREAS, seed=monitoring_demo.SEED, start=first).extract()
    two = Population(monitoring_demo.AREAS, seed=monitoring_demo.SEED, start=first).extract()
    assert one == two
    other = Population(monitoring_demo.AREAS, seed=monitoring_demo.SEED + 1, start=first)
    assert other.extract() != one
    assert one.count(b";secondary;") > 1000  # secondary residences, not counted


def test_the_tests_demo_has_a_twentieth_of_the_population():
    """At the scale the tests load, each extract has about 5,000 rows, not 100,000."""
    small = monitoring_demo.extracts(scale=0.05)
    assert [on for on, _data in small] == DATES
    assert all(4_000 < data.count(b"\n") < 7_000 for _on, data in small)


def test_replace_loads_the_same_counts_again(musterstadt):
    before = {s.reference_date: snapshot_counts(s) for s in snapshots(musterstadt)}
    cells = Count.objects.count()
    demo.load_demo(replace=True)
    body = Body.objects.get(slug="musterstadt")
    after = {s.reference_date: snapshot_counts(s) for s in snapshots(body)}
    assert after == before
    assert Count.objects.count() == cells
    assert Snapshot.objects.count() == 3
