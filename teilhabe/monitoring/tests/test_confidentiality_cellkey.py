"""The Cell-Key Method: zeros stay zero, the same cell gets the same noise, the noise is bounded."""

from __future__ import annotations

import hashlib
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teilhabe.monitoring.confidentiality.cellkey import (
    DEFAULT_TABLE,
    KEY_SPACE,
    PerturbationTable,
    cell_key,
    complete_keys,
    perturb,
    published,
    record_key,
)

keys = st.integers(min_value=0, max_value=KEY_SPACE - 1)
cells = st.dictionaries(st.text(min_size=1, max_size=3), st.lists(keys, max_size=30), max_size=12)


def test_the_default_table_is_documented_as_it_is():
    assert DEFAULT_TABLE.max_deviation == 2
    assert DEFAULT_TABLE.variance(0) == 0
    assert DEFAULT_TABLE.variance(1) == Fraction(1, 2)
    assert DEFAULT_TABLE.variance(2) == DEFAULT_TABLE.variance(500) == Fraction(4, 5)


def test_record_keys_are_fixed_per_person_and_secret():
    first = record_key("person-1", secret=b"office secret")
    assert first == record_key("person-1", secret=b"office secret")
    assert first != record_key("person-2", secret=b"office secret")
    assert first != record_key("person-1", secret=b"another secret")
    assert 0 <= first < KEY_SPACE


def test_the_record_key_is_the_documented_prefix_hash():
    """The first four bytes of SHA-256 over hex(secret) ":" id, as the SQL computes it."""
    digest = hashlib.sha256(b"6f6666696365:person-1").digest()
    assert record_key("person-1", secret=b"office") == int.from_bytes(digest[:4], "big")


def test_record_keys_need_a_secret():
    with pytest.raises(ValueError, match="secret"):
        record_key("person-1", secret=b"")


def test_the_cell_key_is_the_fractional_part_of_the_sum():
    half = KEY_SPACE // 2
    quarter = KEY_SPACE // 4
    assert cell_key([half, half, quarter]) == quarter  # 0.5 + 0.5 + 0.25 -> 0.25
    assert cell_key([]) == 0


def test_a_key_outside_the_key_space_is_refused():
    with pytest.raises(ValueError, match="key"):
        cell_key([KEY_SPACE])


@pytest.mark.parametrize(
    ("position", "noise"),
    [
        (Fraction(0), -1),
        (Fraction(1, 4) - Fraction(1, KEY_SPACE), -1),
        (Fraction(1, 4), 0),
        (Fraction(3, 4) - Fraction(1, KEY_SPACE), 0),
        (Fraction(3, 4), 1),
        (1 - Fraction(1, KEY_SPACE), 1),
    ],
)
def test_the_cell_key_picks_the_interval_of_the_table_row(position, noise):
    """A count of 1: [0, 1/4) -> −1, [1/4, 3/4) -> 0, [3/4, 1) -> +1."""
    key = int(position * KEY_SPACE)
    assert DEFAULT_TABLE.noise(1, key) == noise


@given(cells)
def test_zeros_stay_zero_and_noise_is_bounded(published_cells):
    published = perturb(published_cells)
    for cell, record_keys in published_cells.items():
        original = len(record_keys)
        if original == 0:
            assert published[cell] == 0
        assert abs(published[cell] - original) <= DEFAULT_TABLE.max_deviation
        assert published[cell] >= 0


@given(cells, st.randoms(use_true_random=False))
def test_the_same_records_always_get_the_same_noise(published_cells, random):
    """In any order, in any table: the cell key depends only on the set of records."""
    shuffled = {}
    for cell, record_keys in reversed(published_cells.items()):
        copy = list(record_keys)
        random.shuffle(copy)
        shuffled[cell] = copy
    assert perturb(shuffled) == perturb(published_cells)


@given(cells)
def test_official_totals_stay_unperturbed(published_cells):
    published = perturb(published_cells, official=published_cells.keys())
    assert published == {cell: len(record_keys) for cell, record_keys in published_cells.items()}


def test_noise_reaches_every_value_of_its_row():
    """Over the key space the noise takes every value the row allows, and no other."""
    seen = {DEFAULT_TABLE.noise(7, key) for key in range(0, KEY_SPACE, KEY_SPACE // 1000)}
    assert seen == {-2, -1, 0, 1, 2}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({2: ((0, Fraction(1)),)}, "run 1, 2"),
        ({1: ((0, Fraction(1, 2)),)}, "sum to 1"),
        ({1: ((0, Fraction(1, 2)), (1, Fraction(1, 2)))}, "unbiased"),
        ({1: ((-2, Fraction(1, 2)), (2, Fraction(1, 2)))}, "negative"),
        ({1: ((1, Fraction(1, 2)), (-1, Fraction(1, 2)))}, "ascending"),
    ],
)
def test_a_faulty_table_is_refused(rows, message):
    with pytest.raises(ValueError, match=message):
        PerturbationTable(rows=rows)


PARENTS = {"A": "S", "B": "S", "S": "*", "C": "*"}


def test_parent_keys_are_the_sums_of_their_childrens():
    cells = {("sex", "w", area): 1 for area in ("A", "B", "C", "S", "*")} | {
        ("sex", "m", "A"): 0,
        ("sex", "m", "S"): 0,
        ("sex", "m", "*"): 0,
    }
    half, quarter = KEY_SPACE // 2, KEY_SPACE // 4
    keys = {("sex", "w", "A"): half, ("sex", "w", "B"): half + 5, ("sex", "w", "C"): quarter}
    completed = complete_keys(cells, keys, parent_of=PARENTS)
    assert completed[("sex", "w", "S")] == 5  # 0.5 + 0.5 wraps around
    assert completed[("sex", "w", "*")] == quarter + 5
    assert completed[("sex", "m", "A")] == completed[("sex", "m", "*")] == 0


@pytest.mark.parametrize(
    ("cells", "keys", "message"),
    [
        ({("sex", "w", "A"): 3}, {}, "without a cell key"),
        ({("sex", "w", "S"): 3}, {("sex", "w", "S"): 1}, "lowest areas only"),
        ({("sex", "w", "A"): 3}, {("sex", "w", "A"): KEY_SPACE}, "key lies in"),
    ],
)
def test_keys_are_given_for_every_counted_leaf_cell_and_only_there(cells, keys, message):
    with pytest.raises(ValueError, match=message):
        complete_keys(cells, keys, parent_of=PARENTS)


@given(st.integers(min_value=0, max_value=10_000), keys)
def test_published_moves_a_count_within_the_table_and_leaves_totals_and_zeros(value, key):
    shown = published(value, key)
    assert shown == value + DEFAULT_TABLE.noise(value, key)
    assert shown >= 0
    assert abs(shown - value) <= DEFAULT_TABLE.max_deviation
    assert published(value, key, official=True) == value
    assert published(0, key) == 0
