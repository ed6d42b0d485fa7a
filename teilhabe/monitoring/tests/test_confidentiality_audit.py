"""The snapshot's relations and the exact disclosure audit."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.monitoring.confidentiality import audit
from teilhabe.monitoring.confidentiality.audit import (
    Relation,
    Snapshot,
    build_snapshot,
    determined,
    determined_exactly,
    recoverable,
)
from teilhabe.monitoring.confidentiality.secondary import suppress

TWO_DISTRICTS = {"d1": "city", "d2": "city"}
AGE = {"age": ("pop", "all")}


def differencing_attack(snapshot: Snapshot, suppressed: set[tuple[str, str, str]]) -> set:
    """The naive attacker: solve every relation with one unknown, until nothing changes."""
    known = {key: value for key, value in snapshot.cells.items() if key not in suppressed}
    found: set = set()
    progress = True
    while progress:
        progress = False
        for relation in snapshot.relations:
            unknown = [m for m in relation.members if m not in known]
            if len(unknown) != 1:
                continue
            (cell,) = unknown
            parts = sum(known[p] for p in relation.parts if p != cell)
            known[cell] = parts if cell == relation.total else known[relation.total] - parts
            found.add(cell)
            progress = True
    return found


# Building a snapshot ---------------------------------------------------------------------------


def test_a_snapshot_is_completed_with_zeros_totals_and_parent_areas():
    snapshot = build_snapshot(
        {("age", "young", "d1"): 2, ("age", "old", "d1"): 10, ("age", "old", "d2"): 7},
        parent_of=TWO_DISTRICTS,
        totals=AGE,
    )
    assert snapshot.cells[("age", "young", "d2")] == 0
    assert snapshot.cells[("pop", "all", "d1")] == 12
    assert snapshot.cells[("age", "old", "city")] == 17
    assert snapshot.cells[("pop", "all", "city")] == 19
    kinds = sorted(relation.kind for relation in snapshot.relations)
    assert kinds == ["category"] * 3 + ["hierarchy"] * 3


def test_a_total_may_be_a_category_of_the_same_characteristic():
    snapshot = build_snapshot(
        {("age", "young", "d1"): 2, ("age", "old", "d1"): 3},
        parent_of={},
        totals={"age": ("age", "all")},
    )
    assert snapshot.cells[("age", "all", "d1")] == 5
    (relation,) = snapshot.relations
    assert relation == Relation(
        ("age", "all", "d1"), (("age", "old", "d1"), ("age", "young", "d1")), "category"
    )


def test_totals_may_nest_and_several_characteristics_may_share_one():
    """Foreigners by citizenship sum to the foreigners of the citizenship table, which
    sums (with the Germans) to the population, as does the age table."""
    counts = {
        ("foreign", "TUR", "d1"): 4,
        ("foreign", "SYR", "d1"): 3,
        ("citizenship", "German", "d1"): 13,
        ("age", "young", "d1"): 5,
        ("age", "old", "d1"): 15,
    }
    totals = {
        "foreign": ("citizenship", "foreign"),
        "citizenship": ("pop", "all"),
        "age": ("pop", "all"),
    }
    snapshot = build_snapshot(counts, parent_of={}, totals=totals)
    assert snapshot.cells[("citizenship", "foreign", "d1")] == 7
    assert snapshot.cells[("pop", "all", "d1")] == 20


@pytest.mark.parametrize(
    ("counts", "parent_of", "totals", "message"),
    [
        ({("age", "a", "d1"): -1}, {}, {}, "non-negative"),
        ({("age", "a", "d1"): 1.5}, {}, {}, "non-negative"),
        ({("age", "a", "elsewhere"): 1}, TWO_DISTRICTS, {}, "outside the hierarchy"),
        ({("age", "a", "d1"): 1}, {"d1": "d2", "d2": "d1"}, {}, "cycle"),
        (
            {("age", "a", "d1"): 1, ("pop", "all", "d1"): 2},
            {},
            AGE,
            "disagree",
        ),
        (
            {("age", "a", "d1"): 1, ("age", "a", "city"): 5},
            TWO_DISTRICTS,
            {},
            "disagree",
        ),
        ({("a", "x", "d1"): 1}, {}, {"a": ("b", "y"), "b": ("a", "x")}, "circular"),
    ],
)
def test_a_snapshot_that_breaks_its_relations_is_refused(counts, parent_of, totals, message):
    with pytest.raises(ValueError, match=message):
        build_snapshot(counts, parent_of=parent_of, totals=totals)


# The audit -------------------------------------------------------------------------------------


def small_snapshot() -> Snapshot:
    counts = {
        ("age", "young", "d1"): 2,
        ("age", "old", "d1"): 10,
        ("age", "young", "d2"): 5,
        ("age", "old", "d2"): 7,
    }
    return build_snapshot(counts, parent_of=TWO_DISTRICTS, totals=AGE)


def test_a_lone_suppressed_cell_in_a_relation_is_recoverable():
    snapshot = small_snapshot()
    assert recoverable(snapshot, {("age", "young", "d1")}) == {("age", "young", "d1")}


def test_a_cycle_of_four_suppressed_cells_is_safe():
    """The classic pattern: each row and column of the 2×2 body has two unknowns."""
    suppressed = {(c, k, d) for c in ["age"] for k in ["young", "old"] for d in ["d1", "d2"]}
    assert recoverable(small_snapshot(), suppressed) == frozenset()


def test_the_audit_sees_through_combinations_of_relations():
    """Three relations, each with two unknowns: no single relation gives a cell away, but
    together they fix every one (x = (a − b + c) / 2)."""
    x, y, z = ("t", "x", "d"), ("t", "y", "d"), ("t", "z", "d")
    a, b, c = ("t", "a", "d"), ("t", "b", "d"), ("t", "c", "d")
    snapshot = Snapshot(
        cells={x: 2, y: 5, z: 4, a: 7, b: 9, c: 6},
        relations=(
            Relation(a, (x, y), "category"),
            Relation(b, (y, z), "category"),
            Relation(c, (x, z), "category"),
        ),
    )
    assert differencing_attack(snapshot, {x, y, z}) == set()
    assert recoverable(snapshot, {x, y, z}) == {x, y, z}


def test_the_audit_finds_what_differencing_misses_in_a_real_table():
    """From a generated snapshot, after the differencing rule alone: pop(s1d0) equals the
    only non-zero age group there, likewise in s1d2, so the published Stadtteil totals give
    their sum, and with it the age group in s1d1 — though every relation has two or more
    unknowns."""
    counts = {
        ("pop", "all", "s0d0"): 3,
        ("a", "k0", "s0d0"): 3,
        ("pop", "all", "s0d1"): 14,
        ("a", "k0", "s0d1"): 3,
        ("a", "k1", "s0d1"): 2,
        ("a", "k2", "s0d1"): 9,
        ("pop", "all", "s1d0"): 1,
        ("a", "k0", "s1d0"): 1,
        ("pop", "all", "s1d1"): 14,
        ("a", "k0", "s1d1"): 2,
        ("a", "k1", "s1d1"): 10,
        ("a", "k2", "s1d1"): 2,
        ("pop", "all", "s1d2"): 1,
        ("a", "k0", "s1d2"): 1,
    }
    parent_of = {"s0": "c", "s1": "c", "s0d0": "s0", "s0d1": "s0"} | {
        f"s1d{i}": "s1" for i in range(3)
    }
    snapshot = build_snapshot(counts, parent_of=parent_of, totals={"a": ("pop", "all")})
    suppressed = {
        ("a", "k0", "s1d0"),
        ("a", "k0", "s1d1"),
        ("a", "k0", "s1d2"),
        ("a", "k1", "s0"),
        ("a", "k1", "s0d1"),
        ("a", "k1", "s1"),
        ("a", "k1", "s1d1"),
        ("a", "k2", "s0"),
        ("a", "k2", "s0d1"),
        ("a", "k2", "s1"),
        ("a", "k2", "s1d1"),
        ("pop", "all", "s1d0"),
        ("pop", "all", "s1d2"),
    }
    assert differencing_attack(snapshot, suppressed) == set()
    assert recoverable(snapshot, suppressed) == {("a", "k0", "s1d1")}
    final = set(suppress(snapshot))
    assert recoverable(snapshot, final) == frozenset()
    assert differencing_attack(snapshot, final) == set()


def test_nothing_suppressed_nothing_recoverable():
    assert recoverable(small_snapshot(), set()) == frozenset()


# Numerical and exact decisions agree -----------------------------------------------------------


def _rank(rows: list[list[Fraction]]) -> int:
    """Rank over the rationals, by plain elimination (independent of the module's)."""
    matrix = [row[:] for row in rows]
    rank = 0
    width = len(matrix[0]) if matrix else 0
    for column in range(width):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column] != 0:
                factor = matrix[r][column] / matrix[rank][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def _oracle(rows: list[dict[int, int]], width: int) -> set[int]:
    """Column i is determined iff adding the unit vector e_i does not raise the rank."""
    dense = [[Fraction(row.get(c, 0)) for c in range(width)] for row in rows]
    base = _rank(dense)
    return {
        column
        for column in range(width)
        if _rank([*dense, [Fraction(int(c == column)) for c in range(width)]]) == base
    }


sparse_rows = st.integers(min_value=1, max_value=7).flatmap(
    lambda width: st.tuples(
        st.just(width),
        st.lists(
            st.dictionaries(
                st.integers(min_value=0, max_value=width - 1),
                st.sampled_from([-1, 1]),
                min_size=1,
                max_size=4,
            ),
            max_size=7,
        ),
    )
)


@settings(max_examples=150, deadline=None)
@given(sparse_rows)
def test_numerical_and_exact_audits_agree_with_an_independent_oracle(case):
    width, rows = case
    expected = _oracle(rows, width)
    assert determined(rows, width) == expected
    assert determined_exactly(rows, width) == expected


def test_a_close_call_is_decided_exactly(monkeypatch):
    """With the grey zone widened to everything, the exact path decides — the same way."""
    snapshot = small_snapshot()
    suppressed = {("age", "young", "d1"), ("age", "old", "d1"), ("age", "young", "d2")}
    expected = recoverable(snapshot, suppressed)
    calls = []
    real = audit.determined_exactly

    def spy(rows, width):
        calls.append(width)
        return real(rows, width)

    monkeypatch.setattr(audit, "_GREY_LOW", -1.0)
    monkeypatch.setattr(audit, "_GREY_HIGH", 10.0)
    monkeypatch.setattr(audit, "determined_exactly", spy)
    assert recoverable(snapshot, suppressed) == expected
    assert calls


def test_suppressing_a_cell_the_snapshot_does_not_have_is_refused():
    with pytest.raises(ValueError, match="not cells"):
        recoverable(small_snapshot(), {("age", "middle", "d1")})
