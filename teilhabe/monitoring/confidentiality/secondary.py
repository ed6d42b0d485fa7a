"""Secondary suppression: hide further cells until no suppressed one can be worked out.

Algorithm (deterministic: every choice is ordered, ties broken by the cell key)
------------------------------------------------------------------------------
1. Suppress the primary cells (`primary.is_primary`).
2. Differencing rule: while some relation (a hierarchy or a category sum, across all
   tables of the snapshot at once) has exactly one suppressed member, suppress one of
   its published non-zero members. Such a member always exists: were all the others
   zero, the suppressed one would be zero as well, and zeros are never suppressed.
3. Exact audit (`audit.recoverable`). For each cell still uniquely determined, suppress
   a published non-zero member of one of its relations; if all of those are suppressed
   already, of the relations one suppressed cell further, and so on outwards through the
   suppressed cells linked to it. Cells sharing a relation with one already handled in
   this round wait for the next audit. Then back to 2.

Which member (steps 2 and 3): the one that leaves the fewest relations with a lone
suppressed member — it closes a cycle of suppressed cells instead of starting a new
chain — and among those the smallest count. Taking simply the smallest count leads to
long chains that the audit then has to break one by one: on a snapshot of 60 districts
and 40 characteristics it suppressed more than twice as many secondary cells, among
them official population totals, and took ten seconds to five minutes instead of
well under a second.

It ends: each round suppresses at least one more cell, and once every non-zero cell is
suppressed nothing is determined (the published cells are then all zero, so doubling
every suppressed value gives another solution). Protection is against exact disclosure
only; see `audit` for what is not covered. Zeros are never suppressed, so a published
"–" stays a true zero.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from enum import StrEnum

from teilhabe.monitoring.confidentiality.audit import CellKey, Snapshot, recoverable
from teilhabe.monitoring.confidentiality.primary import (
    DEFAULT_THRESHOLD,
    Shown,
    is_primary,
    show_counts,
)


class Reason(StrEnum):
    PRIMARY = "primary"  # a small count itself
    SECONDARY = "secondary"  # hidden so that a primary one cannot be worked out


def suppress(snapshot: Snapshot, *, threshold: int = DEFAULT_THRESHOLD) -> dict[CellKey, Reason]:
    """The cells of `snapshot` to suppress, each with its reason."""
    return _Suppression(snapshot, threshold).run()


def protected_counts(
    snapshot: Snapshot, *, threshold: int = DEFAULT_THRESHOLD
) -> dict[CellKey, Shown]:
    """Every cell of `snapshot` as published after primary and secondary suppression."""
    return show_counts(snapshot.cells, suppress(snapshot, threshold=threshold))


class _Suppression:
    """The state of one run: the verdicts so far, and per relation its suppressed count."""

    def __init__(self, snapshot: Snapshot, threshold: int) -> None:
        self.snapshot = snapshot
        self.cells = snapshot.cells
        self.suppressed: dict[CellKey, Reason] = {
            key: Reason.PRIMARY
            for key in sorted(self.cells)
            if is_primary(self.cells[key], threshold=threshold)
        }
        self.counts = [
            sum(member in self.suppressed for member in relation.members)
            for relation in snapshot.relations
        ]
        self.lone = [number for number, count in enumerate(self.counts) if count == 1]
        heapq.heapify(self.lone)

    def run(self) -> dict[CellKey, Reason]:
        while True:
            self.close_lone_relations()
            exposed = recoverable(self.snapshot, self.suppressed)
            if not exposed:
                return self.suppressed
            handled: set[int] = set()
            for key in sorted(exposed):
                own = self.snapshot.relations_of(key)
                if handled.intersection(own):
                    continue
                handled.update(own)
                candidate = self.nearest_candidate(key) or self.best(range(len(self.counts)))
                if candidate is None:  # pragma: no cover - impossible, see the module docstring
                    raise RuntimeError("nothing left to suppress, yet a cell is determined")
                self.add(candidate)

    def close_lone_relations(self) -> None:
        """Step 2: no relation keeps exactly one suppressed member."""
        while self.lone:
            number = heapq.heappop(self.lone)
            if self.counts[number] != 1:
                continue
            candidate = self.best([number])
            if candidate is not None:
                self.add(candidate)

    def nearest_candidate(self, start: CellKey) -> CellKey | None:
        """The best candidate in the relations of `start`, else in those one suppressed
        cell further, and so on through the suppressed cells linked to `start`."""
        reached = {start}
        seen: set[int] = set()
        frontier = sorted(self.snapshot.relations_of(start))
        while frontier:
            seen.update(frontier)
            candidate = self.best(frontier)
            if candidate is not None:
                return candidate
            following: set[int] = set()
            for number in frontier:
                for member in self.snapshot.relations[number].members:
                    if member in self.suppressed and member not in reached:
                        reached.add(member)
                        following.update(self.snapshot.relations_of(member))
            frontier = sorted(following - seen)
        return None

    def best(self, relations: Iterable[int]) -> CellKey | None:
        """The published non-zero member of `relations` that is cheapest to suppress.

        Cheapest: first the one that leaves the fewest relations with a lone suppressed
        member (it closes a cycle instead of starting a new chain), then the smallest.
        """
        candidates = {
            member
            for number in relations
            for member in self.snapshot.relations[number].members
            if member not in self.suppressed and self.cells[member] > 0
        }
        if not candidates:
            return None
        return min(candidates, key=lambda key: (self.opens(key), self.cells[key], key))

    def opens(self, key: CellKey) -> int:
        """How many relations would get a lone suppressed member by suppressing `key`."""
        return sum(1 for number in self.snapshot.relations_of(key) if self.counts[number] == 0)

    def add(self, key: CellKey) -> None:
        self.suppressed[key] = Reason.SECONDARY
        for number in self.snapshot.relations_of(key):
            self.counts[number] += 1
            if self.counts[number] == 1:
                heapq.heappush(self.lone, number)
