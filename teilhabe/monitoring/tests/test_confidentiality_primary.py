"""Primary suppression and the German display of counts and shares."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teilhabe.monitoring.confidentiality.primary import (
    Shown,
    is_primary,
    primary_suppressed,
    show_count,
    show_counts,
    show_share,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(("value", "expected"), [(0, False), (1, True), (2, True), (3, False)])
def test_counts_from_one_to_below_three_are_primary(value, expected):
    assert is_primary(value) is expected


def test_the_threshold_is_configurable():
    assert is_primary(4, threshold=5)
    assert not is_primary(5, threshold=5)
    assert not is_primary(0, threshold=5)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="negative"):
        is_primary(-1)


@given(st.dictionaries(st.text(max_size=3), st.integers(min_value=0, max_value=20)))
def test_primary_suppression_hides_exactly_the_small_non_zero_counts(cells):
    """Every primary cell is suppressed; no zero is."""
    hidden = primary_suppressed(cells)
    assert hidden == {key for key, value in cells.items() if 1 <= value <= 2}
    assert all(cells[key] != 0 for key in hidden)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "–"), (3, "3"), (999, "999"), (1234, "1.234"), (1234567, "1.234.567")],
)
def test_counts_are_written_the_german_way(value, text):
    shown = show_count(value, suppressed=False)
    assert shown == Shown(text, value)


def test_a_suppressed_count_shows_a_dot_and_carries_no_value():
    """The value is dropped, so no template can leak it."""
    assert show_count(2, suppressed=True) == Shown(".", None, suppressed=True)


def test_show_counts_applies_the_verdict_to_each_cell():
    shown = show_counts({"a": 2, "b": 0, "c": 1500}, ["a"])
    assert [shown[key].text for key in "abc"] == [".", "–", "1.500"]


@pytest.mark.parametrize(
    ("numerator", "denominator", "text", "value"),
    [
        (10, 80, "12,5", Decimal("12.5")),
        (10, 30, "33,3", Decimal("33.3")),
        (1, 16, "6,3", Decimal("6.3")),  # 6.25 rounds half up
        (25, 25, "100,0", Decimal("100.0")),
        (1, 100_000, "0,0", Decimal("0.0")),  # more than nothing
        (12_345, 10, "123.450,0", Decimal("123450.0")),
    ],
)
def test_shares_are_written_the_german_way(numerator, denominator, text, value):
    shown = show_share(
        numerator, denominator, numerator_suppressed=False, denominator_suppressed=False
    )
    assert shown == Shown(f"{text}{NBSP}%", value)


def test_shares_with_other_precision():
    shown = show_share(10, 80, numerator_suppressed=False, denominator_suppressed=False, decimals=0)
    assert shown.text == f"13{NBSP}%"


def test_a_share_of_exactly_nothing_is_a_dash():
    shown = show_share(0, 50, numerator_suppressed=False, denominator_suppressed=False)
    assert shown == Shown("–", Decimal(0))


def test_no_share_from_a_suppressed_numerator():
    shown = show_share(2, 400, numerator_suppressed=True, denominator_suppressed=False)
    assert shown == Shown(".", None, suppressed=True)


def test_no_share_over_a_suppressed_denominator():
    """The share and a published numerator would give the denominator away."""
    shown = show_share(12, 40, numerator_suppressed=False, denominator_suppressed=True)
    assert shown.suppressed
    assert shown.value is None


def test_a_share_over_a_small_denominator_is_uncertain():
    shown = show_share(3, 9, numerator_suppressed=False, denominator_suppressed=False)
    assert shown == Shown("/", None, uncertain=True)
    shown = show_share(3, 10, numerator_suppressed=False, denominator_suppressed=False)
    assert not shown.uncertain


def test_the_minimum_denominator_is_configurable():
    shown = show_share(
        3, 30, numerator_suppressed=False, denominator_suppressed=False, min_denominator=50
    )
    assert shown.uncertain


def test_a_share_over_zero_cannot_be_shown():
    shown = show_share(0, 0, numerator_suppressed=False, denominator_suppressed=False)
    assert shown == Shown("x", None)


def test_negative_counts_make_no_share():
    with pytest.raises(ValueError, match="negative"):
        show_share(-1, 10, numerator_suppressed=False, denominator_suppressed=False)
