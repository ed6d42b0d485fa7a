"""When an embedded record changes, the record that embeds it has changed too.

OParl serves some records inside others: a meeting with its agenda items and files (and
its published minutes as `resultsProtocol`), an agenda item with its files, a paper with
its consultations and files, a person with its memberships. A client that asks with
`If-Modified-Since`, or lists with `modified_since`, must see the outer record as changed
when an embedded one was added, changed, made non-public or deleted — so every write
through the services moves the `modified` of the records that embed it (and of the
records that embed those). The version stays: this is not an edit, and an open edit form
of the outer record still saves.
"""

from __future__ import annotations

from typing import cast

from django.db.models import Model
from django.utils import timezone

# model label -> the foreign keys of the records that embed it.
EMBEDDED_IN: dict[str, tuple[str, ...]] = {
    "council.AgendaItem": ("meeting",),
    "council.File": ("meeting", "agenda_item", "paper"),
    "council.Consultation": ("paper",),
    "council.Membership": ("person",),
    "council.Minutes": ("meeting",),
}


def touch_embedding(instance: Model) -> None:
    """Move `modified` of every record that embeds `instance`, to the outermost."""
    now = timezone.now()
    seen: set[tuple[str, int]] = set()
    pending = _embedding(instance)
    while pending:
        model, pk = pending.pop()
        if (model._meta.label, pk) in seen:
            continue
        seen.add((model._meta.label, pk))
        model._default_manager.filter(pk=pk).update(modified=now)
        if model._meta.label in EMBEDDED_IN:
            row = model._default_manager.filter(pk=pk).first()
            if row is not None:
                pending.extend(_embedding(row))


def _embedding(instance: Model) -> list[tuple[type[Model], int]]:
    """The (model, pk) of the records that embed `instance` directly."""
    found = []
    for name in EMBEDDED_IN.get(instance._meta.label, ()):
        value = getattr(instance, f"{name}_id", None)
        if value is not None:
            related = cast(type[Model], instance._meta.get_field(name).related_model)
            found.append((related, int(value)))
    return found
