"""Other apps learn about the result of an agenda item, inside the same transaction.

The council does not know who builds on it (the concept's goals and measures follow the
resolutions on them). An app registers a listener once, in its `AppConfig.ready()`; the
vote and outcome services announce every result they record, after the item is saved and
before their transaction commits, so a listener's writes stand or fall with the result.
"""

from __future__ import annotations

from collections.abc import Callable

from teilhabe.council.models import AgendaItem

Listener = Callable[[AgendaItem], None]

_listeners: list[Listener] = []


def on_result(listener: Listener) -> None:
    """Call `listener(agenda_item)` whenever an item's result is recorded (once each)."""
    if listener not in _listeners:
        _listeners.append(listener)


def announce_result(agenda_item: AgendaItem) -> None:
    for listener in list(_listeners):
        listener(agenda_item)
