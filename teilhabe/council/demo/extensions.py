"""Apps that build on the council add their part of the demo here.

The council does not know them (dependencies point one way): an app registers, in its
`AppConfig.ready()`, a function that loads its demo rows once the council's demo exists
(`load(loaded, timeline)`, inside the same transaction) and one that deletes them before
the council's rows go (`delete(body_ids)`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from teilhabe.council.demo.timeline import Timeline


@dataclass(frozen=True)
class DemoExtension:
    load: Callable[[dict[str, Any], Timeline], None]
    delete: Callable[[list[int]], None]


_extensions: list[DemoExtension] = []


def register(extension: DemoExtension) -> None:
    if extension not in _extensions:
        _extensions.append(extension)


def load_all(loaded: dict[str, Any], timeline: Timeline) -> None:
    for extension in list(_extensions):
        extension.load(loaded, timeline)


def delete_all(body_ids: list[int]) -> None:
    for extension in reversed(_extensions):
        extension.delete(body_ids)
