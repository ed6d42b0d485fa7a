"""Building blocks of agendas.

Every held session has the usual frame (opening, approval of the minutes of the last
session held, communications, other business) around its own topics; non-public items come
last. Sessions that have not been held have an agenda but no results.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from teilhabe.council.demo.specs import ItemSpec, Result, State, Votes
from teilhabe.council.models import Consultation

C = Consultation.Role


def topic(name: str, **kwargs: Any) -> ItemSpec:
    """An item without a result (not yet discussed, or nothing to decide)."""
    return ItemSpec(name, **kwargs)


def noted(name: str, resolution: str = "", **kwargs: Any) -> ItemSpec:
    kwargs.setdefault("role", C.NOTE)
    return ItemSpec(name, result=Result.NOTED, resolution=resolution, **kwargs)


def adopted(name: str, votes: Votes, resolution: str, **kwargs: Any) -> ItemSpec:
    return ItemSpec(name, result=Result.ADOPTED, resolution=resolution, votes=votes, **kwargs)


def decided(name: str, paper: str, votes: Votes, resolution: str) -> ItemSpec:
    """The organization decides on `paper` itself (authoritative consultation)."""
    return adopted(name, votes, resolution, paper=paper, role=C.DECIDE, authoritative=True)


def rejected(name: str, paper: str, votes: Votes, resolution: str) -> ItemSpec:
    """The organization decides on `paper` and turns it down (no does not fall short of yes)."""
    return ItemSpec(
        name,
        result=Result.REJECTED,
        resolution=resolution,
        votes=votes,
        paper=paper,
        role=C.DECIDE,
        authoritative=True,
    )


def postponed(name: str, resolution: str = "", **kwargs: Any) -> ItemSpec:
    return ItemSpec(name, result=Result.POSTPONED, resolution=resolution, **kwargs)


def withdrawn(name: str, resolution: str, **kwargs: Any) -> ItemSpec:
    return ItemSpec(name, result=Result.WITHDRAWN, resolution=resolution, **kwargs)


OPENING = topic(
    "Eröffnung, Begrüßung und Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit"
)
OTHER_BUSINESS = topic("Verschiedenes")


def minutes(previous: int, votes: Votes | None = None) -> ItemSpec:
    name = f"Genehmigung der Niederschrift über die {previous}. Sitzung"
    if votes is None:
        return topic(name)
    return adopted(name, votes, f"Die Niederschrift über die {previous}. Sitzung wird genehmigt.")


def communications(held: bool = True, text: str = "") -> ItemSpec:
    return noted("Mitteilungen", text) if held else topic("Mitteilungen")


def held(
    previous: int, votes: Votes, *topics: ItemSpec, nonpublic: tuple[ItemSpec, ...] = ()
) -> tuple[ItemSpec, ...]:
    hidden = tuple(dataclasses.replace(item, public=False) for item in nonpublic)
    return (OPENING, minutes(previous, votes), *topics, communications(), OTHER_BUSINESS, *hidden)


def ahead(
    previous: int, *topics: ItemSpec, nonpublic: tuple[str, ...] = ()
) -> tuple[ItemSpec, ...]:
    hidden = tuple(topic(name, public=False) for name in nonpublic)
    return (
        OPENING,
        minutes(previous),
        *topics,
        communications(held=False),
        OTHER_BUSINESS,
        *hidden,
    )


HELD, CANCELLED, INVITED, PLANNED = State.HELD, State.CANCELLED, State.INVITED, State.PLANNED
