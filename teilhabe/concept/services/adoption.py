"""Adoption of goals and measures from the resolution on the report that submitted them."""

from __future__ import annotations

from teilhabe.council.models import AgendaItem


def follow_result(*, agenda_item: AgendaItem) -> None:
    """Record the result of `agenda_item` on the goals and measures it decided."""
