"""Indicator formulas against values computed by hand, and their confidentiality."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from teilhabe.monitoring import indicators
from teilhabe.monitoring.catalogue import CATALOGUE, DEFINITIONS, Kind
from teilhabe.monitoring.characteristics import TOTAL_OF
from teilhabe.monitoring.confidentiality import build_snapshot, suppress

PARENTS = {"Q1": "*", "Q2": "*"}


def _cells(**by_area):
    counts = {}
    for area, values in by_area.items():
        for (characteristic, category), value in values.items():
            counts[(characteristic, category, area)] = value
    return counts


def small(q1_pop=100, q1_foreigners=20, q1_german=70):
    return _cells(
        Q1={
            ("population", "total"): q1_pop,
            ("citizenship_status", "german_only"): q1_german,
            ("citizenship_status", "german_further"): 10,
            ("citizenship_status", "foreigner"): q1_foreigners,
            ("citizenship", "TUR"): 12,
            ("citizenship", "POL"): q1_foreigners - 12,
            ("sex", "w"): 52,
            ("sex", "m"): q1_pop - 53,
            ("sex", "d"): 1,
        },
        Q2={
            ("population", "total"): 50,
            ("citizenship_status", "german_only"): 20,
            ("citizenship_status", "german_further"): 0,
            ("citizenship_status", "foreigner"): 30,
            ("citizenship", "TUR"): 10,
            ("citizenship", "SYR"): 20,
            ("sex", "w"): 25,
            ("sex", "m"): 25,
        },
    )


def figures(counts, **kwargs):
    return {
        (f.indicator, f.area, f.key): f
        for f in indicators.compute(counts, parent_of=PARENTS, **kwargs)
    }


def text(result, code, area, key=""):
    return result[(code, area, key)].shown.text


def test_counts_and_shares():
    result = figures(small())
    assert text(result, "residents", "Q1") == "100"
    assert text(result, "residents", "*") == "150"
    assert text(result, "foreigners_share", "Q1") == "20,0\u00a0%"
    assert text(result, "foreigners_share", "Q2") == "60,0\u00a0%"
    assert text(result, "foreigners_share", "*") == "33,3\u00a0%"
    assert text(result, "german_further_share", "Q2") == "–"
    assert result[("foreigners_share", "*", "")].shown.value == Decimal("33.3")


def test_location_quotient_and_dissimilarity():
    result = figures(small())
    # (20/100) / (50/150) = 0.6; (30/50) / (50/150) = 1.8
    assert text(result, "foreigners_location_quotient", "Q1") == "0,60"
    assert text(result, "foreigners_location_quotient", "Q2") == "1,80"
    assert text(result, "foreigners_location_quotient", "*") == "1,00"
    # foreigners 20/50 and 30/50, Germans 80/100 and 20/100: ½ (0.4 + 0.4) = 40 %
    assert text(result, "foreigners_dissimilarity", "*") == "40,0"
    assert ("foreigners_dissimilarity", "Q1", "") not in result


def test_ranking_of_citizenships():
    result = figures(small())
    ranked = sorted(
        (f.rank, f.key, f.shown.text)
        for f in result.values()
        if f.indicator == "citizenships_top10"
    )
    assert ranked == [(1, "SYR", "20"), (2, "TUR", "22"), (3, "POL", "8")] or ranked == [
        (1, "TUR", "22"),
        (2, "SYR", "20"),
        (3, "POL", "8"),
    ]
    assert ranked[0][1] == "TUR"  # 22 > 20


def test_change_since_an_earlier_snapshot():
    earlier = small(q1_pop=90, q1_foreigners=18, q1_german=62)
    result = figures(small(), earlier=earlier)
    assert text(result, "residents_change", "Q1") == "+10"
    assert text(result, "residents_change", "Q2") == "±0"
    # 20,0 % now, 18/90 = 20,0 % then; Q2 unchanged; the city 33,3 % against 48/140 = 34,3 %
    assert text(result, "foreigners_share_change", "Q1") == "±0,0"
    assert text(result, "foreigners_share_change", "*") == "-1,0"
    without = figures(small())
    assert not any(key[0] == "residents_change" for key in without)


def test_every_value_is_suppressed_alike():
    counts = small()
    totals = {
        c: t for c, t in TOTAL_OF.items() if c in {"citizenship_status", "citizenship", "sex"}
    }
    hidden = suppress(build_snapshot(counts, parent_of=PARENTS, totals=totals))
    assert ("sex", "d", "Q1") in hidden
    result = figures(counts)
    for area in ("Q1", "Q2", "*"):
        women = result[("women_share", area, "")].shown
        assert women.suppressed == (
            ("sex", "w", area) in hidden or ("population", "total", area) in hidden
        )
    assert all(f.shown.text == "." for f in result.values() if f.shown.suppressed)


def test_a_staff_defined_indicator_goes_through_the_same_protection():
    diverse = SimpleNamespace(
        code="diverse", name="Divers", numerator=[["sex", "d"]], denominator=[]
    )
    share = SimpleNamespace(
        code="diverse_share",
        name="Anteil divers",
        numerator=[["sex", "d"]],
        denominator=[["population", "total"]],
    )
    definitions = [indicators.custom_definition(diverse), indicators.custom_definition(share)]
    result = figures(small(), definitions=definitions)
    assert text(result, "diverse", "Q1") == "."
    assert text(result, "diverse", "Q2") == "–"
    assert text(result, "diverse_share", "Q1") == "."
    assert text(result, "diverse_share", "Q2") == "–"


def test_small_denominator_is_uncertain():
    counts = _cells(
        Q1={("population", "total"): 8, ("sex", "w"): 4, ("sex", "m"): 4},
        Q2={("population", "total"): 40, ("sex", "w"): 20, ("sex", "m"): 20},
    )
    result = figures(counts)
    assert text(result, "women_share", "Q1") == "/"
    assert text(result, "women_share", "Q2") == "50,0\u00a0%"


def test_indicators_without_their_characteristics_are_left_out():
    result = figures(small())
    assert not any(key[0] == "migration_background_share" for key in result)


def test_catalogue_is_complete_and_described():
    codes = set(CATALOGUE)
    for code in (
        "residents",
        "foreigners_share",
        "german_further_share",
        "migration_background_share",
        "immigration_history_share",
        "citizenships_top10",
        "eu_share",
        "other_europe_share",
        "third_country_share",
        "born_abroad_share",
        "stay_duration",
        "age_groups",
        "age_groups_foreigners",
        "age_groups_migration",
        "minors_migration_share",
        "under6_migration_share",
        "women_share",
        "beirat_eligible",
        "foreigners_location_quotient",
        "foreigners_dissimilarity",
        "residents_change",
    ):
        assert code in codes
    for definition in DEFINITIONS:
        assert definition.definition
        assert definition.relevance
        assert definition.source
        if definition.kind is Kind.CHANGE:
            assert definition.base in CATALOGUE
