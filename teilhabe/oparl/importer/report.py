"""What an import did: counts per object type, and every warning with its URL."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

logger = logging.getLogger("teilhabe.oparl.importer")

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
DELETED = "deleted"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, DELETED)


@dataclass(frozen=True)
class Warning_:
    """One thing the remote server did wrong; the import went on without it."""

    kind: str
    url: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message} <{self.url}>"


@dataclass
class Report:
    """Counts per OParl type (`Paper`, …) and outcome, the warnings, and a progress hook.

    `on_progress(type_name, objects_so_far)` is called after every stored page, inside its
    transaction (so an exception there rolls that page back, like a kill would).
    """

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    warnings: list[Warning_] = field(default_factory=list)
    on_progress: Callable[[str, int], None] | None = None
    objects: int = 0

    def count(self, type_name: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts.setdefault(type_name, Counter())[outcome] += n
            self.objects += n

    def warn(self, kind: str, url: str, message: str) -> None:
        warning = Warning_(kind, url, message)
        self.warnings.append(warning)
        logger.warning("%s", warning)

    def progress(self, type_name: str) -> None:
        if self.on_progress is not None:
            self.on_progress(type_name, self.objects)

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    def warnings_of(self, kind: str) -> list[Warning_]:
        return [w for w in self.warnings if w.kind == kind]
