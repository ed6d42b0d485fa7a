"""The Cell-Key Method: consistent small noise instead of suppression.

The alternative to `primary`/`secondary` suppression that the 2022 census uses (Zensus
2022, "stochastische Überlagerung nach der Cell-Key-Methode"). Instead of hiding cells,
every published count is moved by a little noise; nothing is shown as ".", but parts no
longer add up exactly to their totals. A table is protected one way or the other, never
both: each snapshot chooses (`models.Snapshot.protection`), and `indicators.compute`
applies the choice to every figure of it.

How it works
------------
* Every individual record carries a record key, uniform on [0, 1) and fixed for good.
  Here a key is an integer in [0, 2**32) standing for key / 2**32, so sums are exact and
  do not depend on the order of addition. `record_key` derives it from the person's id
  with a secret, so it need not be stored and stays the same for the same id and secret;
  the secret must stay inside the statistics office.
* A cell's key is the fractional part of the sum of its records' keys (`cell_key`).
  The same records give the same cell key, hence the same noise, in every table and
  every release: averaging repeated releases does not wash the noise out. Since the
  records of a parent area are the union of its children's, a parent cell's key is the
  sum of its children's keys (`complete_keys`), and a sum of several cells of one area
  is one cell whose key is the sum of theirs (`cell_key` of their keys).
* The noise comes from a fixed perturbation table (`PerturbationTable`): for the cell's
  count, the cell key falls into one of the intervals [0, p1), [p1, p1 + p2), ... whose
  lengths are the probabilities of the possible noises.
* A zero stays zero; a count never becomes negative; official totals (the population of
  each area) stay as they are (`published`, `perturb`'s `official`).

In the monitoring, the record keys never leave the import: `aggregation` computes them
in DuckDB and sums them per cell; only the cell keys are stored (`models.Count.key`),
for every register extract whatever its protection, so that the choice could be changed
later. An aggregated table has no records, hence no keys, and is always suppressed.

The record key
--------------
`record_key` is the first four bytes (big-endian) of SHA-256 over the text
`hex(secret) ":" person_id` (UTF-8), not an HMAC: the register extract is keyed inside
DuckDB (`aggregation`), which has SHA-256 but no HMAC, and Python and SQL must give the
same key for the same person (a test compares them). The secret, written in hex, has a
fixed length and no ":", so the text names the secret and the id unambiguously. A
secret-prefix hash is open to length extension (from the whole hash of one message,
the hash of that message with something appended); that does not matter here: the
extension needs all 32 bytes of a hash, a record key keeps 4 of them, and no record key
or cell key is ever published, only counts moved by the noise the keys pick. Without the
secret nobody can compute a person's key, and so nobody can tell which noise a cell got.

Parameters
----------
The census's own table is not published. `DEFAULT_TABLE` is this project's, built to the
same constraints (unbiased, bounded, non-negative results): maximum deviation D = 2;
a count of 1 becomes 0, 1 or 2 with probabilities 1/4, 1/2, 1/4 (variance 1/2); larger
counts move by −2, −1, 0, +1, +2 with probabilities 1/20, 1/5, 1/2, 1/5, 1/20
(variance 4/5). Since a 1 can be published as 0, a "–" in a perturbed table means
"zero after perturbation", not necessarily none. Shares and other derived figures are
formed from published counts and carry their noise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from teilhabe.monitoring.confidentiality.audit import CellKey

KEY_BITS = 32
KEY_SPACE = 1 << KEY_BITS

K = TypeVar("K")


@dataclass(frozen=True)
class PerturbationTable:
    """Noise distribution per original count: `rows[n]` lists (noise, probability).

    Rows run 1, 2, ..., N; the last applies to every count above N. Checked on creation:
    probabilities positive and summing to 1, zero mean, no negative result.
    """

    rows: Mapping[int, tuple[tuple[int, Fraction], ...]]

    def __post_init__(self) -> None:
        if sorted(self.rows) != list(range(1, len(self.rows) + 1)):
            raise ValueError("rows run 1, 2, ..., N")
        for value, row in self.rows.items():
            noises = [noise for noise, _ in row]
            if noises != sorted(set(noises)):
                raise ValueError(f"row {value}: noises are distinct and ascending")
            if any(p <= 0 for _, p in row) or sum(p for _, p in row) != 1:
                raise ValueError(f"row {value}: probabilities are positive and sum to 1")
            if sum(noise * p for noise, p in row) != 0:
                raise ValueError(f"row {value}: the noise is unbiased (mean 0)")
            if value + noises[0] < 0:
                raise ValueError(f"row {value}: a count never becomes negative")

    @property
    def max_deviation(self) -> int:
        """The largest absolute noise the table can add (D)."""
        return max(abs(noise) for row in self.rows.values() for noise, _ in row)

    def variance(self, value: int) -> Fraction:
        """The noise variance for an original count `value` (0 for a zero)."""
        if value == 0:
            return Fraction(0)
        return sum((noise * noise * p for noise, p in self._row(value)), Fraction(0))

    def noise(self, value: int, key: int) -> int:
        """The noise for a cell of count `value` whose cell key is `key`."""
        if value < 0:
            raise ValueError("a count is never negative")
        _check_key(key)
        if value == 0:
            return 0
        position = Fraction(key, KEY_SPACE)
        upper = Fraction(0)
        row = self._row(value)
        for noise, probability in row:
            upper += probability
            if position < upper:
                return noise
        return row[-1][0]  # pragma: no cover - the probabilities sum to 1

    def _row(self, value: int) -> tuple[tuple[int, Fraction], ...]:
        return self.rows[min(value, len(self.rows))]


def _row(*pairs: tuple[int, int, int]) -> tuple[tuple[int, Fraction], ...]:
    return tuple((noise, Fraction(num, den)) for noise, num, den in pairs)


DEFAULT_TABLE = PerturbationTable(
    rows={
        1: _row((-1, 1, 4), (0, 1, 2), (1, 1, 4)),
        2: _row((-2, 1, 20), (-1, 1, 5), (0, 1, 2), (1, 1, 5), (2, 1, 20)),
    }
)


def key_prefix(secret: bytes) -> str:
    """The text hashed before each person's id: the secret in hex and a separator.

    `aggregation` passes exactly this to DuckDB as a parameter (never as SQL text)."""
    if not secret:
        raise ValueError("the record keys need a secret")
    return secret.hex() + ":"


def record_key(person_id: str, *, secret: bytes) -> int:
    """The record key of a person: fixed for a given secret, uniform over the key space.

    The first four bytes of SHA-256 over `key_prefix(secret) + person_id` (UTF-8); the
    SQL of `aggregation` computes the same (see the module's docstring for why not HMAC).
    """
    digest = hashlib.sha256((key_prefix(secret) + person_id).encode()).digest()
    return int.from_bytes(digest[: KEY_BITS // 8], "big")


def cell_key(record_keys: Iterable[int]) -> int:
    """The fractional part of the sum of the record keys, in key-space units.

    Given the cell keys of disjoint cells instead, the key of their union."""
    total = 0
    for key in record_keys:
        _check_key(key)
        total += key
    return total % KEY_SPACE


def complete_keys(
    cells: Mapping[CellKey, int],
    keys: Mapping[CellKey, int],
    *,
    parent_of: Mapping[str, str],
) -> dict[CellKey, int]:
    """The cell key of every cell of a completed snapshot (`audit.build_snapshot`).

    `keys` holds the cell keys of the cells of the lowest areas (those no area names as
    its parent); a zero cell of such an area needs none (no records: key 0). A parent
    area's cell gets the sum of its children's keys mod 2**32, which is the cell key of
    the union of their records. Raises ValueError for a key outside the key space, a key
    given for a parent area (it is derived, never given) and a counted cell of a lowest
    area without a key.
    """
    parents = set(parent_of.values())
    given_in_parents = sorted(key for key in keys if key[2] in parents)
    if given_in_parents:
        raise ValueError(f"keys are given for the lowest areas only: {given_in_parents[:5]}")
    keyless = sorted(
        cell
        for cell, value in cells.items()
        if value and cell[2] not in parents and cell not in keys
    )
    if keyless:
        raise ValueError(f"counted cells without a cell key: {keyless[:5]}")
    complete = dict.fromkeys(cells, 0)
    for (characteristic, category, area), key in keys.items():
        _check_key(key)
        complete[(characteristic, category, area)] = key
        seen = {area}
        while area in parent_of:
            area = parent_of[area]
            if area in seen:
                raise ValueError(f"the hierarchy has a cycle through {area}")
            seen.add(area)
            upper = (characteristic, category, area)
            complete[upper] = (complete.get(upper, 0) + key) % KEY_SPACE
    return complete


def published(
    value: int, key: int, *, official: bool = False, table: PerturbationTable = DEFAULT_TABLE
) -> int:
    """The count published for a cell of `value` records with cell key `key`: the value
    itself for an official total, else the value moved by the table's noise (a zero
    stays zero, nothing becomes negative)."""
    if official:
        return value
    return value + table.noise(value, key)


def perturb(
    cells: Mapping[K, Collection[int]],
    *,
    official: Collection[K] = (),
    table: PerturbationTable = DEFAULT_TABLE,
) -> dict[K, int]:
    """The published count of each cell, given the record keys of the records in it.

    The cell's count is the number of its records; cells in `official` are published
    unchanged, every other one with the noise the table assigns to its cell key.
    """
    official_set = set(official)
    return {
        cell: published(len(keys), cell_key(keys), official=cell in official_set, table=table)
        for cell, keys in cells.items()
    }


def _check_key(key: int) -> None:
    if not 0 <= key < KEY_SPACE:
        raise ValueError(f"a key lies in [0, 2**{KEY_BITS}): {key}")
