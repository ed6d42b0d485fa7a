"""Sizes of the benchmark dataset and small helpers; no Django here."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from bench import words as w

BODIES, YEARS, MEETINGS, PAPERS, PERSONS = 50, 15, 15_000, 60_000, 5_000
SLUG_PREFIX = "bench-"


@dataclass(frozen=True)
class Plan:
    scale: float
    seed: int
    year: int
    today: dt.date

    @property
    def bodies(self) -> int:
        return max(2, round(BODIES * self.scale))

    def total(self, full: int, minimum_per_body: int) -> int:
        return max(minimum_per_body * self.bodies, round(full * self.scale))

    @property
    def meetings(self) -> int:
        return self.total(MEETINGS, 10)

    @property
    def papers(self) -> int:
        return self.total(PAPERS, 10)

    @property
    def persons(self) -> int:
        return self.total(PERSONS, 20)

    @property
    def marker(self) -> str:
        return f"Benchmark dataset (scale={self.scale:g}, seed={self.seed}, year={self.year})"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year - YEARS + 1, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, 12, 31)


def share(total: int, parts: int, index: int) -> int:
    return total // parts + (1 if index < total % parts else 0)


def weighted(rng: random.Random, options: list[tuple[int, Any]]) -> Any:
    return rng.choices([o for _, o in options], weights=[wt for wt, _ in options])[0]


def place_name(index: int) -> str:
    stems, endings = w.PLACE_STEMS, w.PLACE_ENDINGS
    base = stems[index % len(stems)] + endings[(index // len(stems)) % len(endings)]
    lap = index // (len(stems) * len(endings))
    return f"{base} {lap + 1}" if lap else base
