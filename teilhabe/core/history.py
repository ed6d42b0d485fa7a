"""The change history: who changed which record when, and what changed.

Services call `record_create`, `record_update` and `record_delete` (the council's shared
service helpers do it for every write). Who acted comes from `acting_user`: the
`HistoryMiddleware` sets it for a request, a management command or task sets it with
`acting_as(user)`; outside both the change is recorded without a user ("System").
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from teilhabe.core.models import ChangeRecord

_acting_user: contextvars.ContextVar[Any] = contextvars.ContextVar("acting_user", default=None)

# Bookkeeping columns every record has; a change of only these is not worth a line.
IGNORED_FIELDS = frozenset({"id", "created", "modified", "version", "body"})


def acting_user() -> Any:
    return _acting_user.get()


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    token = _acting_user.set(user if getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _acting_user.reset(token)


class HistoryMiddleware:
    """Makes the logged-in user the actor of every change made while answering a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)


def _plain(value: Any) -> Any:
    """A JSON-safe, readable form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of `instance` (foreign keys by id), for a later diff."""
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in IGNORED_FIELDS
    }


def _field_label(instance: models.Model, attname: str) -> str:
    for field in instance._meta.concrete_fields:
        if field.attname == attname:
            return field.name
    return attname


def diff(before: dict[str, Any], after: dict[str, Any], instance: models.Model) -> dict[str, Any]:
    return {
        _field_label(instance, name): [_plain(before.get(name)), _plain(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def _write(instance: models.Model, action: str, changes: dict[str, Any]) -> ChangeRecord:
    return ChangeRecord.objects.create(
        body_id=getattr(instance, "body_id", None),
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        action=action,
        changes=changes,
        user=acting_user(),
        at=timezone.now(),
    )


def record_create(instance: models.Model) -> ChangeRecord:
    after = snapshot(instance)
    return _write(
        instance,
        ChangeRecord.Action.CREATE,
        {
            _field_label(instance, name): [None, _plain(value)]
            for name, value in after.items()
            if value not in ("", None)
        },
    )


def record_update(instance: models.Model, before: dict[str, Any]) -> ChangeRecord | None:
    """Record what changed since `before` (a `snapshot`); nothing changed, nothing recorded."""
    changes = diff(before, snapshot(instance), instance)
    changes.pop("deleted", None)
    if not changes:
        return None
    return _write(instance, ChangeRecord.Action.UPDATE, changes)


def record_delete(instance: models.Model) -> ChangeRecord:
    return _write(instance, ChangeRecord.Action.DELETE, {})


def history_of(instance: models.Model) -> models.QuerySet[ChangeRecord]:
    """Every recorded change of `instance`, newest first, with the acting user."""
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
    ).select_related("user")
