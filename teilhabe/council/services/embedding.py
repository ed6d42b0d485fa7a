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

from collections.abc import Callable
from functools import partial
from typing import Any, cast

from django.apps import apps
from django.db import transaction
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


def touch_embedding(instance: Model, before: dict[str, Any] | None = None) -> None:
    """Once the transaction has committed, move `modified` of every record that embeds
    `instance`, to the outermost — and of those that embedded it `before` the change
    (a record moved to another parent leaves the old one changed too).

    After the commit, in statements of their own: the write that called this holds the
    lock of its own row, and taking the parent's lock now would reverse the order in
    which the agenda services lock a meeting and then its items.
    """
    direct = _embedding(instance._meta.label, lambda name: getattr(instance, f"{name}_id", None))
    if before:
        direct += _embedding(instance._meta.label, lambda name: before.get(f"{name}_id"))
    if direct:
        transaction.on_commit(partial(_touch, direct), robust=True)


def _touch(pending: list[tuple[type[Model], int]]) -> None:
    now = timezone.now()
    seen: set[tuple[str, int]] = set()
    while pending:
        model, pk = pending.pop()
        if (model._meta.label, pk) in seen:
            continue
        seen.add((model._meta.label, pk))
        model._default_manager.filter(pk=pk).update(modified=now)
        names = EMBEDDED_IN.get(model._meta.label, ())
        if names:
            row = model._default_manager.filter(pk=pk).values(*(f"{n}_id" for n in names))
            for values in row:
                pending.extend(_embedding(model._meta.label, partial(_value, values)))


def _value(values: dict[str, Any], name: str) -> Any:
    return values[f"{name}_id"]


def _embedding(label: str, value_of: Callable[[str], Any]) -> list[tuple[type[Model], int]]:
    """The (model, pk) of the records that embed a record of `label` directly."""
    found = []
    model = apps.get_model(label)
    for name in EMBEDDED_IN.get(label, ()):
        value = value_of(name)
        if value is not None:
            related = cast(type[Model], model._meta.get_field(name).related_model)
            found.append((related, int(value)))
    return found
