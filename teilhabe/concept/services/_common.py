"""Rules every concept service shares: same body, open versions, checked numbers, versioned
saves with their change history.

Every write of a service goes through `create`, `fresh`/`save_checked`/`update`,
`soft_delete`, `save_rows` or `ensure_same_body`, and each of them refuses a body imported
from OParl through the council's one guard (`council.services.ensure_writable`). A
many-to-many link (a measure's goals, papers, resolutions) is recorded in the history
together with the record it belongs to, as the names before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone, translation

from teilhabe.concept import errors
from teilhabe.concept.models import ConceptVersion
from teilhabe.core import history
from teilhabe.core.concurrency import save_versioned
from teilhabe.core.models import Body, BodyOwnedModel, ChangeRecord
from teilhabe.council.models import AgendaItem, Meeting
from teilhabe.council.services import ensure_citable, ensure_writable

__all__ = [
    "apply",
    "body_id_of",
    "checked_amount",
    "checked_progress",
    "create",
    "ensure_citable",
    "ensure_same_body",
    "ensure_writable",
    "fresh",
    "in_body_language",
    "insert_rows",
    "locked_rows",
    "locked_version",
    "meeting_day",
    "resolution_day",
    "save_checked",
    "save_rows",
    "set_links",
    "soft_delete",
    "update",
    "write_records",
]

M = TypeVar("M", bound=BodyOwnedModel)

# A many-to-many change as it goes into the history: field name -> (before, after).
Links = dict[str, tuple[list[str], list[str]]]


def body_id_of(body: Body | int) -> int:
    return body if isinstance(body, int) else body.pk


def ensure_same_body(
    body: Body | int, *refs: BodyOwnedModel | Iterable[Any] | None, field: str | None = None
) -> None:
    """`body` (the body written to) may be written, and every referenced record (or every
    record in a referenced list) is of `body`, else CrossBodyReference at `field`."""
    ensure_writable(body)
    body_id = body_id_of(body)
    for ref in refs:
        if ref is None:
            continue
        items = [ref] if isinstance(ref, BodyOwnedModel) else list(ref)
        if any(item.body_id != body_id for item in items):
            raise errors.CrossBodyReference(field=field)


def locked_version(version: ConceptVersion | int) -> ConceptVersion:
    """The version as it is now, locked for the transaction; a superseded or deleted one is
    refused (VersionSuperseded). Its fields, goals and measures are written under this lock,
    so a revision that copies them sees all or none of a concurrent write."""
    pk = version if isinstance(version, int) else version.pk
    current = (
        ConceptVersion.objects.select_for_update()
        .filter(pk=pk)
        .order_by("pk")  # no default ordering in a locking query (see save_versioned)
        .get()
    )
    ensure_writable(current.body_id)
    if current.deleted or current.state == ConceptVersion.State.SUPERSEDED:
        raise errors.VersionSuperseded()
    return current


# Numbers the forms hand over -----------------------------------------------------------------


def checked_amount(
    value: Any,
    *,
    error: type[errors.ConceptError],
    field: str,
    minimum: Decimal,
    max_digits: int,
) -> Decimal | None:
    """`value` as a Decimal with two places, or None; else `error` at `field`.

    A number (Decimal, int or float) with at most two decimal places, at least `minimum`
    and fitting `max_digits` digits in all. Nothing is rounded: 10.005 € is refused, not
    stored as 10.01 €.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise error(field=field)
    try:
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        places = amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise error(field=field) from None
    if not amount.is_finite() or places != amount or amount < minimum:
        raise error(field=field)
    if abs(places) >= Decimal(10) ** (max_digits - 2):
        raise error(field=field)
    return places.copy_abs() if places.is_zero() else places  # no "-0.00"


def checked_progress(value: Any, *, field: str = "progress") -> int | None:
    """A whole percentage from 0 to 100, or None; else InvalidProgress."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise errors.InvalidProgress(field=field)
    return value


def meeting_day(meeting: Meeting) -> dt.date:
    """The day a meeting took place, in the local time zone."""
    return timezone.localtime(meeting.start).date()


def resolution_day(item: AgendaItem) -> dt.date:
    return meeting_day(item.meeting)


@contextmanager
def in_body_language() -> Iterator[None]:
    """Texts stored in papers and notes are written in the body's official language
    (German), whatever language the acting user reads the pages in."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


# Writes with their history ------------------------------------------------------------------


def _link_names(instance: models.Model, name: str) -> list[str]:
    return [str(item) for item in getattr(instance, name).all().order_by("pk")]


def _changed_links(links: Links) -> dict[str, Any]:
    return {name: [before, after] for name, (before, after) in links.items() if before != after}


def _record(instance: models.Model, action: str, changes: dict[str, Any]) -> ChangeRecord:
    """An unsaved change record, as `core.history` writes it (who acts comes from there)."""
    return ChangeRecord(
        body_id=getattr(instance, "body_id", None),
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        action=action,
        changes=changes,
        user=history.acting_user(),
        at=timezone.now(),
    )


def _created_changes(instance: models.Model) -> dict[str, Any]:
    return {
        name: change
        for name, change in history.diff({}, history.snapshot(instance), instance).items()
        if change[1] not in ("", None)
    }


def _updated_changes(instance: models.Model, before: dict[str, Any]) -> dict[str, Any]:
    changes = history.diff(before, history.snapshot(instance), instance)
    changes.pop("deleted", None)
    return changes


def apply(instance: Any, fields: Mapping[str, Any], *, skip: Iterable[str] = ()) -> None:
    skipped = set(skip)
    for name, value in fields.items():
        if name not in skipped:
            setattr(instance, name, value)


def create(instance: M) -> M:
    """Validate and insert `instance`, and record its creation."""
    ensure_writable(instance.body_id)
    instance.full_clean()
    instance.save()
    history.record_create(instance)
    return instance


def set_links(
    instance: models.Model, values: Mapping[str, Any], names: Sequence[str], *, created: bool
) -> None:
    """Set the many-to-many fields of `names` that `values` holds, and record what changed
    (for a new record: what it was linked to)."""
    links: Links = {}
    for name in names:
        if name not in values:
            continue
        before = [] if created else _link_names(instance, name)
        getattr(instance, name).set(values[name])
        links[name] = (before, _link_names(instance, name))
    changes = _changed_links(links)
    if changes:
        _record(instance, ChangeRecord.Action.UPDATE, changes).save()


def fresh(instance: M) -> M:
    """The row as it is now, locked for the rest of the transaction.

    It remembers its values as read, so that `save_checked` records what changed.
    """
    row = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .order_by("pk")
        .get()
    )
    ensure_writable(row.body_id)
    row._history_before = history.snapshot(row)  # type: ignore[attr-defined]
    return row


def save_checked(instance: M, *, expected_version: int) -> M:
    """Validate a changed row (from `fresh`) and save it onto `expected_version` (else
    ConflictError); the change goes into the history."""
    ensure_writable(instance.body_id)
    instance.full_clean()
    save_versioned(instance, expected_version=expected_version)
    before = getattr(instance, "_history_before", None)
    if before is not None:
        history.record_update(instance, before)
        instance._history_before = history.snapshot(instance)  # type: ignore[attr-defined]
    return instance


def update(
    instance: M, fields: Mapping[str, Any], *, expected_version: int, skip: Iterable[str] = ()
) -> M:
    current = fresh(instance)
    apply(current, fields, skip=skip)
    return save_checked(current, expected_version=expected_version)


def soft_delete(instance: M, *, expected_version: int) -> M:
    current = fresh(instance)
    current.deleted = True
    save_versioned(current, expected_version=expected_version)
    history.record_delete(current)
    return current


def insert_rows(model: type[M], rows: list[M]) -> list[M]:
    """Insert rows built from records already validated (a revision's copies, the status
    changes that follow a resolution) in one statement, and their history in one more."""
    if not rows:
        return rows
    ensure_writable(rows[0].body_id)
    model._default_manager.bulk_create(rows)
    ChangeRecord.objects.bulk_create(
        [_record(row, ChangeRecord.Action.CREATE, _created_changes(row)) for row in rows]
    )
    return rows


def save_rows(model: type[M], rows: Sequence[M], fields: Sequence[str]) -> list[ChangeRecord]:
    """Save `fields` of rows read with `locked_rows` in one statement: each row's version
    goes up by one (so an edit form opened before is refused), and the change records are
    returned unsaved, for the caller to write together (`write_records`)."""
    if not rows:
        return []
    ensure_writable(rows[0].body_id)
    now = timezone.now()
    records = []
    for row in rows:
        row.version += 1
        row.modified = now
        changes = _updated_changes(row, row._history_before)  # type: ignore[attr-defined]
        if changes:
            records.append(_record(row, ChangeRecord.Action.UPDATE, changes))
        row._history_before = history.snapshot(row)  # type: ignore[attr-defined]
    model._default_manager.bulk_update(rows, [*fields, "version", "modified"])
    return records


def locked_rows(queryset: models.QuerySet[M]) -> list[M]:
    """The rows of `queryset`, locked (their own rows only), remembering their values."""
    rows = list(queryset.select_for_update(of=("self",)).order_by("pk"))
    for row in rows:
        row._history_before = history.snapshot(row)  # type: ignore[attr-defined]
    return rows


def write_records(records: list[ChangeRecord]) -> None:
    if records:
        ChangeRecord.objects.bulk_create(records)
