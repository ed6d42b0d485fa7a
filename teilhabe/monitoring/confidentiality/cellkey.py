"""The Cell-Key Method: consistent small noise instead of suppression.

The alternative to `primary`/`secondary` suppression that the 2022 census uses (Zensus
2022, "stochastische Überlagerung nach der Cell-Key-Methode"). Instead of hiding cells,
every published count is moved by a little noise; nothing is shown as ".", but parts no
longer add up exactly to their totals. A table is protected one way or the other, never
both.

How it works
------------
* Every individual record carries a record key, uniform on [0, 1) and fixed for good.
  Here a key is an integer in [0, 2**32) standing for key / 2**32, so sums are exact and
  do not depend on the order of addition. `record_key` derives it from the person's id
  with a secret (HMAC-SHA256), so it need not be stored and stays the same in every
  snapshot; the secret must stay inside the statistics office.
* A cell's key is the fractional part of the sum of its records' keys (`cell_key`).
  The same records give the same cell key, hence the same noise, in every table and
  every release: averaging repeated releases does not wash the noise out.
* The noise comes from a fixed perturbation table (`PerturbationTable`): for the cell's
  count, the cell key falls into one of the intervals [0, p1), [p1, p1 + p2), ... whose
  lengths are the probabilities of the possible noises.
* A zero stays zero; a count never becomes negative; official totals (e.g. the official
  population of each area) are passed as `official` and stay as they are.

Parameters
----------
The census's own table is not published. `DEFAULT_TABLE` is this project's, built to the
same constraints (unbiased, bounded, non-negative results): maximum deviation D = 2;
a count of 1 becomes 0, 1 or 2 with probabilities 1/4, 1/2, 1/4 (variance 1/2); larger
counts move by −2, −1, 0, +1, +2 with probabilities 1/20, 1/5, 1/2, 1/5, 1/20
(variance 4/5). Since a 1 can be published as 0, a "–" in a perturbed table means
"zero after perturbation", not necessarily none. Derived figures (shares, sums of
published cells) carry the noise of their parts.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

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


def record_key(person_id: str, *, secret: bytes) -> int:
    """The record key of a person: fixed for a given secret, uniform over the key space."""
    if not secret:
        raise ValueError("the record keys need a secret")
    digest = hmac.new(secret, person_id.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[: KEY_BITS // 8], "big")


def cell_key(record_keys: Iterable[int]) -> int:
    """The fractional part of the sum of the record keys, in key-space units."""
    total = 0
    for key in record_keys:
        _check_key(key)
        total += key
    return total % KEY_SPACE


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
    published: dict[K, int] = {}
    for cell, keys in cells.items():
        value = len(keys)
        if cell in official_set:
            published[cell] = value
        else:
            published[cell] = value + table.noise(value, cell_key(keys))
    return published


def _check_key(key: int) -> None:
    if not 0 <= key < KEY_SPACE:
        raise ValueError(f"a key lies in [0, 2**{KEY_BITS}): {key}")
