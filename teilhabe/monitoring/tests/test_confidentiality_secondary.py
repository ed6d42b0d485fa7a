"""Secondary suppression: worked examples, and attacks on random snapshots."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.monitoring.confidentiality.audit import Snapshot, build_snapshot, recoverable
from teilhabe.monitoring.confidentiality.primary import is_primary
from teilhabe.monitoring.confidentiality.secondary import Reason, protected_counts, suppress

TWO_DISTRICTS = {"d1": "city", "d2": "city"}
AGE = {"age": ("pop", "all")}


def differencing_attack(snapshot: Snapshot, suppressed: set) -> set:
    """An attacker independent of the audit: solve every relation with exactly one
    unknown, with what is known so far, until nothing changes."""
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
            assert known[cell] == snapshot.cells[cell]
            found.add(cell)
            progress = True
    return found


# Worked examples -------------------------------------------------------------------------------


def test_without_small_counts_nothing_is_suppressed():
    snapshot = build_snapshot(
        {("age", "young", "d1"): 3, ("age", "old", "d1"): 0, ("age", "young", "d2"): 9},
        parent_of=TWO_DISTRICTS,
        totals=AGE,
    )
    assert suppress(snapshot) == {}


def test_one_small_count_costs_a_cycle_of_four():
    """A 2 among districts and age groups: the row and the column each need a second
    suppressed cell, and the cell where they cross closes the cycle."""
    snapshot = build_snapshot(
        {
            ("age", "young", "d1"): 2,
            ("age", "old", "d1"): 10,
            ("age", "young", "d2"): 5,
            ("age", "old", "d2"): 7,
        },
        parent_of=TWO_DISTRICTS,
        totals=AGE,
    )
    assert suppress(snapshot) == {
        ("age", "young", "d1"): Reason.PRIMARY,
        ("age", "young", "d2"): Reason.SECONDARY,
        ("age", "old", "d1"): Reason.SECONDARY,
        ("age", "old", "d2"): Reason.SECONDARY,
    }
    shown = protected_counts(snapshot)
    assert [shown[("age", k, "d1")].text for k in ("young", "old")] == [".", "."]
    assert shown[("pop", "all", "d1")].text == "12"
    assert shown[("age", "young", "city")].text == "7"


def test_the_smallest_cell_that_closes_the_cycle_is_taken():
    """In d1 the 4 is smaller than the 30, and in the young column the 6 in d3 is the
    smallest; the old cell of d3 closes the cycle."""
    snapshot = build_snapshot(
        {
            ("age", "young", "d1"): 1,
            ("age", "mid", "d1"): 4,
            ("age", "old", "d1"): 30,
            ("age", "young", "d2"): 9,
            ("age", "mid", "d2"): 20,
            ("age", "old", "d2"): 20,
            ("age", "young", "d3"): 6,
            ("age", "mid", "d3"): 20,
            ("age", "old", "d3"): 20,
        },
        parent_of={"d1": "city", "d2": "city", "d3": "city"},
        totals=AGE,
    )
    secondary = {key for key, reason in suppress(snapshot).items() if reason is Reason.SECONDARY}
    assert secondary == {("age", "mid", "d1"), ("age", "young", "d3"), ("age", "mid", "d3")}


def test_the_threshold_is_configurable():
    snapshot = build_snapshot(
        {("age", "young", "d1"): 5, ("age", "old", "d1"): 50, ("age", "young", "d2"): 50},
        parent_of=TWO_DISTRICTS,
        totals=AGE,
    )
    assert suppress(snapshot) == {}
    assert suppress(snapshot, threshold=6)[("age", "young", "d1")] is Reason.PRIMARY


# Random snapshots under attack -----------------------------------------------------------------


@st.composite
def snapshots(draw: st.DrawFn) -> tuple[dict, dict, dict]:
    """1 city, 2–4 Stadtteile of 2–6 districts; 1–3 characteristics whose categories sum
    to the shared population or to a total of their own, and sometimes one nested in
    another's category. Counts mostly small, so that suppression has work to do."""
    parent_of: dict[str, str] = {}
    districts: list[str] = []
    for s in range(draw(st.integers(min_value=2, max_value=4))):
        parent_of[f"S{s}"] = "city"
        for number in range(draw(st.integers(min_value=2, max_value=6))):
            parent_of[f"S{s}D{number}"] = f"S{s}"
            districts.append(f"S{s}D{number}")
    count = st.one_of(st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=40))
    population = {d: draw(count) for d in districts}
    counts: dict[tuple[str, str, str], int] = {}
    totals: dict[str, tuple[str, str]] = {}

    def split(total: int, parts: int) -> list[int]:
        cuts = sorted(draw(st.integers(min_value=0, max_value=total)) for _ in range(parts - 1))
        edges = [0, *cuts, total]
        return [b - a for a, b in itertools.pairwise(edges)]

    for c in range(draw(st.integers(min_value=1, max_value=3))):
        name = f"M{c}"
        categories = draw(st.integers(min_value=2, max_value=4))
        if draw(st.booleans()):
            totals[name] = ("pop", "all")
            for d in districts:
                for k, value in enumerate(split(population[d], categories)):
                    counts[(name, f"K{k}", d)] = value
        else:
            totals[name] = (name, "total")
            for d in districts:
                for k in range(categories):
                    counts[(name, f"K{k}", d)] = draw(count)
    if draw(st.booleans()):
        totals["N"] = ("M0", "K0")
        for d in districts:
            for k, value in enumerate(split(counts[("M0", "K0", d)], 2)):
                counts[("N", f"L{k}", d)] = value
    if any(total == ("pop", "all") for total in totals.values()):
        for d in districts:
            counts[("pop", "all", d)] = population[d]
    return counts, parent_of, totals


@settings(max_examples=100, deadline=None)
@given(snapshots())
def test_no_suppressed_cell_can_be_recovered(case):
    counts, parent_of, totals = case
    snapshot = build_snapshot(counts, parent_of=parent_of, totals=totals)
    result = suppress(snapshot)
    hidden = set(result)

    assert recoverable(snapshot, hidden) == frozenset()
    assert differencing_attack(snapshot, hidden) == set()

    primary = {key for key, value in snapshot.cells.items() if is_primary(value)}
    assert {key for key, reason in result.items() if reason is Reason.PRIMARY} == primary
    assert all(snapshot.cells[key] != 0 for key in hidden)

    reordered = build_snapshot(dict(reversed(counts.items())), parent_of=parent_of, totals=totals)
    assert suppress(reordered) == result
