"""Goals and measures follow the resolutions on them.

The council announces every result of an agenda item (`teilhabe.council.results`); this
module listens. What it does with a result is in `services.following`.
"""

from __future__ import annotations

from teilhabe.concept.services.following import follow_result
from teilhabe.council import results
from teilhabe.council.models import AgendaItem


def _follow(agenda_item: AgendaItem) -> None:
    follow_result(agenda_item=agenda_item)


def connect() -> None:
    results.on_result(_follow)
