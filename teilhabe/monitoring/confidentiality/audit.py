"""The published tables as a linear system, and the exact disclosure audit over it.

Data model
----------
A snapshot's tables are cells keyed by (characteristic, category, area code) with
non-negative integer counts. Two kinds of relation tie them together, and an attacker
knows all of them:

* hierarchy: for every (characteristic, category), a parent area's count is the sum of
  its children's (district -> Stadtteil -> city, given as a mapping child -> parent);
* category: where a characteristic has a total, its categories sum to it in every area.
  The total may be a category of the same characteristic ("Altersgruppen" ->
  "insgesamt") or a cell of another one (every characteristic of persons summing to
  ("Bevölkerung", "Einwohner")), which links the tables of a snapshot to each other.

`build_snapshot` completes a snapshot (a missing district cell is a true zero, a missing
total or parent area is the sum of its parts) and refuses one whose given cells break a
relation, since the audit is only as good as the relations it is told.

The audit
---------
With the published cells known, every relation is a linear equation in the suppressed
cells. A suppressed cell is recoverable exactly iff it is the same in every solution,
i.e. iff its unit vector lies in the row space of the constraint matrix restricted to the
suppressed cells. `recoverable` decides that per connected block of suppressed cells:
numerically (numpy SVD, rank with numpy's tolerance) and, where a singular value or a
cell's distance from the row space falls near the decision boundary, again in exact
rational arithmetic (`determined_exactly`).

Not covered: interval (bounds) disclosure. An attacker also knows that counts are
integers, that a suppressed cell is not zero (zeros are shown as "–") and that every cell
is non-negative; from these, bounds on a suppressed cell follow (e.g. 1 ≤ x ≤ 2 when two
primary cells sum to a published 3). Protecting against narrow bounds needs protection
intervals and linear programming (as in τ-Argus), which this module does not do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

import numpy as np

CellKey = tuple[str, str, str]  # (characteristic, category, area code)

# A singular value below this share of the largest, or a cell's distance from the row
# space between the two bounds below, is too close to call in floating point.
_GREY_SINGULAR = 1e-6
_GREY_LOW = 1e-9
_GREY_HIGH = 1e-4


@dataclass(frozen=True, slots=True)
class Relation:
    """`total` equals the sum of `parts` — one equation an attacker knows."""

    total: CellKey
    parts: tuple[CellKey, ...]
    kind: Literal["hierarchy", "category"]

    @property
    def members(self) -> tuple[CellKey, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Snapshot:
    """The complete cells of a snapshot's tables and every relation between them."""

    cells: Mapping[CellKey, int]
    relations: tuple[Relation, ...]
    _index: Mapping[CellKey, tuple[int, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[CellKey, list[int]] = defaultdict(list)
        for number, relation in enumerate(self.relations):
            for member in relation.members:
                index[member].append(number)
        object.__setattr__(self, "_index", {key: tuple(ns) for key, ns in index.items()})

    def relations_of(self, key: CellKey) -> tuple[int, ...]:
        """Indexes into `relations` of the relations `key` belongs to."""
        return self._index.get(key, ())


def build_snapshot(
    counts: Mapping[CellKey, int],
    *,
    parent_of: Mapping[str, str],
    totals: Mapping[str, tuple[str, str]],
) -> Snapshot:
    """Complete `counts` into a `Snapshot` and derive its relations.

    `parent_of` maps each area code to its parent's (empty: a single level). `totals`
    maps a characteristic to the (characteristic, category) of the cell its categories
    sum to. Every (characteristic, category) that occurs gets a cell in every area: a
    missing one in a leaf area is 0 (a missing total: the sum of its categories), one in
    a parent area the sum of its children. Raises ValueError for negative counts, an area
    outside the hierarchy, a cyclic hierarchy, or given cells that break a relation.
    """
    areas, children = _hierarchy(parent_of, counts)
    leaves = sorted(area for area in areas if area not in children)
    for key, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{key}: a count is a non-negative integer, not {value!r}")

    categories: dict[str, set[str]] = defaultdict(set)
    for characteristic, category, _area in counts:
        categories[characteristic].add(category)
    for total_char, total_cat in totals.values():
        categories[total_char].add(total_cat)
    parts_of = {
        characteristic: sorted(categories[characteristic] - {total[1]})
        if total[0] == characteristic
        else sorted(categories[characteristic])
        for characteristic, total in totals.items()
    }
    pairs = sorted((char, cat) for char, cats in categories.items() for cat in cats)
    summing_to: dict[tuple[str, str], list[str]] = defaultdict(list)
    for characteristic in sorted(totals):
        summing_to[totals[characteristic]].append(characteristic)

    cells: dict[CellKey, int] = {}

    def leaf_value(pair: tuple[str, str], area: str, pending: frozenset[tuple[str, str]]) -> int:
        key = (*pair, area)
        if key in cells:
            return cells[key]
        if pair in pending:
            raise ValueError(f"the totals are circular through {pair}")
        inner = pending | {pair}
        sums = {
            sum(leaf_value((char, part), area, inner) for part in parts_of[char])
            for char in summing_to.get(pair, ())
        }
        cells[key] = _agree(key, counts.get(key), sums)
        return cells[key]

    for area in leaves:
        for pair in pairs:
            leaf_value(pair, area, frozenset())
    for area in _bottom_up(areas, children):
        if area not in children:
            continue
        for char, cat in pairs:
            key = (char, cat, area)
            value = sum(cells[(char, cat, child)] for child in children[area])
            cells[key] = _agree(key, counts.get(key), {value})

    relations: list[Relation] = []
    for area in sorted(children):
        for char, cat in pairs:
            relation_parts = tuple((char, cat, child) for child in children[area])
            relations.append(Relation((char, cat, area), relation_parts, "hierarchy"))
    for characteristic in sorted(totals):
        total_char, total_cat = totals[characteristic]
        for area in sorted(areas):
            relation_parts = tuple((characteristic, c, area) for c in parts_of[characteristic])
            relations.append(Relation((total_char, total_cat, area), relation_parts, "category"))
    for relation in relations:
        value = sum(cells[part] for part in relation.parts)
        if cells[relation.total] != value:
            raise ValueError(
                f"{relation.total} is {cells[relation.total]}, its parts sum to {value}"
            )
    return Snapshot(cells=cells, relations=tuple(relations))


def recoverable(snapshot: Snapshot, suppressed: Collection[CellKey]) -> frozenset[CellKey]:
    """The suppressed cells an attacker can compute exactly from the published ones."""
    suppressed_set = set(suppressed)
    strangers = sorted(suppressed_set - snapshot.cells.keys())
    if strangers:
        raise ValueError(f"not cells of the snapshot: {strangers[:5]}")
    exposed: set[CellKey] = set()
    for columns, rows in _blocks(snapshot, suppressed_set):
        position = {key: column for column, key in enumerate(columns)}
        matrix = [
            {
                position[member]: (1 if member == relation.total else -1)
                for member in relation.members
                if member in position
            }
            for relation in rows
        ]
        for column in determined(matrix, len(columns)):
            exposed.add(columns[column])
    return frozenset(exposed)


def determined(rows: Sequence[Mapping[int, int]], width: int) -> set[int]:
    """Columns whose unit vector lies in the row space of `rows` (sparse integer rows).

    Numerical first; exact (`determined_exactly`) when the numbers are too close to call.
    """
    if not rows:
        return set()
    matrix = np.zeros((len(rows), width))
    for number, row in enumerate(rows):
        for column, coefficient in row.items():
            matrix[number, column] = coefficient
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    largest = singular.max()
    tolerance = largest * max(matrix.shape) * np.finfo(float).eps
    rank = int((singular > tolerance).sum())
    distance = np.sqrt((vt[rank:] ** 2).sum(axis=0))  # from the row space, per column
    near_boundary = bool(((singular > tolerance) & (singular < _GREY_SINGULAR * largest)).any())
    near_boundary |= bool(((distance > _GREY_LOW) & (distance < _GREY_HIGH)).any())
    if near_boundary:
        return determined_exactly(rows, width)
    return {int(column) for column in np.flatnonzero(distance <= _GREY_LOW)}


def determined_exactly(rows: Sequence[Mapping[int, int]], width: int) -> set[int]:
    """As `determined`, in exact rational arithmetic (Gauss–Jordan over Fractions).

    In the reduced row echelon form a unit vector lies in the row space iff it is one of
    the rows: a row whose only non-zero entry is its pivot.
    """
    reduced: list[dict[int, Fraction]] = []
    pivots: list[int] = []
    for row in rows:
        vector = {column: Fraction(value) for column, value in row.items() if value}
        for pivot, pivot_row in zip(pivots, reduced, strict=True):
            factor = vector.get(pivot)
            if factor:
                _subtract(vector, pivot_row, factor)
        if not vector:
            continue
        pivot = min(vector)
        scale = vector[pivot]
        vector = {column: value / scale for column, value in vector.items()}
        for other in reduced:
            factor = other.get(pivot)
            if factor:
                _subtract(other, vector, factor)
        reduced.append(vector)
        pivots.append(pivot)
    return {pivot for pivot, row in zip(pivots, reduced, strict=True) if len(row) == 1}


def _subtract(
    target: dict[int, Fraction], source: Mapping[int, Fraction], factor: Fraction
) -> None:
    for column, value in source.items():
        updated = target.get(column, Fraction(0)) - factor * value
        if updated:
            target[column] = updated
        else:
            target.pop(column, None)


def _blocks(
    snapshot: Snapshot, suppressed: set[CellKey]
) -> Iterable[tuple[list[CellKey], list[Relation]]]:
    """Connected blocks of suppressed cells (linked by relations) with their relations."""
    parent: dict[CellKey, CellKey] = {key: key for key in suppressed}

    def find(key: CellKey) -> CellKey:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    touched: set[int] = set()
    for key in suppressed:
        touched.update(snapshot.relations_of(key))
    for number in touched:
        members = [m for m in snapshot.relations[number].members if m in suppressed]
        for other in members[1:]:
            a, b = find(members[0]), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    columns: dict[CellKey, list[CellKey]] = defaultdict(list)
    for key in sorted(suppressed):
        columns[find(key)].append(key)
    rows: dict[CellKey, list[Relation]] = defaultdict(list)
    for number in sorted(touched):
        relation = snapshot.relations[number]
        first = next(m for m in relation.members if m in suppressed)
        rows[find(first)].append(relation)
    for root in sorted(columns):
        yield columns[root], rows[root]


def _hierarchy(
    parent_of: Mapping[str, str], counts: Mapping[CellKey, int]
) -> tuple[set[str], dict[str, tuple[str, ...]]]:
    areas = set(parent_of) | set(parent_of.values())
    if not areas:
        areas = {area for _char, _cat, area in counts}
    strangers = sorted({area for _char, _cat, area in counts} - areas)
    if strangers:
        raise ValueError(f"areas outside the hierarchy: {strangers}")
    for area in areas:
        seen = {area}
        while area in parent_of:
            area = parent_of[area]
            if area in seen:
                raise ValueError(f"the hierarchy has a cycle through {area}")
            seen.add(area)
    grouped: dict[str, list[str]] = defaultdict(list)
    for child, parent in parent_of.items():
        grouped[parent].append(child)
    return areas, {parent: tuple(sorted(kids)) for parent, kids in grouped.items()}


def _bottom_up(areas: set[str], children: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Areas ordered so that every area comes after all its children."""
    order: list[str] = []
    done: set[str] = set()

    def visit(area: str) -> None:
        if area in done:
            return
        for child in children.get(area, ()):
            visit(child)
        done.add(area)
        order.append(area)

    for area in sorted(areas):
        visit(area)
    return order


def _agree(key: CellKey, given: int | None, derived: set[int]) -> int:
    """The cell's value: the given one, which must match every derived sum."""
    values = set(derived) | ({given} if given is not None else set())
    if len(values) > 1:
        raise ValueError(f"{key}: given and summed values disagree: {sorted(values)}")
    return values.pop() if values else 0
