"""Rules every council service shares: same body, dates in order, versioned saves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from teilhabe.core import history
from teilhabe.core.concurrency import save_versioned
from teilhabe.core.models import Body, BodyOwnedModel
from teilhabe.council import errors
from teilhabe.council.models import LegislativeTerm, Meeting, Membership, Organization

M = TypeVar("M", bound=BodyOwnedModel)


def body_id_of(body: Body | int) -> int:
    return body if isinstance(body, int) else body.pk


def ensure_same_body(body: Body | int, *refs: BodyOwnedModel | Iterable[Any] | None) -> None:
    """Every referenced record (or every record in a referenced list) is of `body`."""
    body_id = body_id_of(body)
    for ref in refs:
        if ref is None:
            continue
        items = [ref] if isinstance(ref, BodyOwnedModel) else list(ref)
        if any(item.body_id != body_id for item in items):
            raise errors.CrossBodyReference()


# Models whose (start, end) fields must be in order; the error is shown at the end field.
_DATE_RANGES: dict[type[Any], tuple[str, str]] = {
    Organization: ("start_date", "end_date"),
    LegislativeTerm: ("start_date", "end_date"),
    Membership: ("start_date", "end_date"),
    Meeting: ("start", "end"),
}


def ensure_date_order(instance: Any) -> None:
    names = _DATE_RANGES.get(type(instance))
    if names is None:
        return
    start, end = (getattr(instance, name) for name in names)
    if start is not None and end is not None and end < start:
        raise errors.InvalidDateRange(field=names[1])


def apply(instance: Any, fields: Any, *, skip: Iterable[str] = ()) -> None:
    skipped = set(skip)
    for name, value in fields.items():
        if name not in skipped:
            setattr(instance, name, value)


def create(instance: M) -> M:
    ensure_date_order(instance)
    instance.full_clean()
    instance.save()
    history.record_create(instance)
    return instance


def fresh(instance: M) -> M:
    """The row as it is now, locked for the rest of the transaction.

    It remembers its values as read, so that `save_checked` records what changed.
    """
    row = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    row._history_before = history.snapshot(row)  # type: ignore[attr-defined]
    return row


def save_checked(instance: M, *, expected_version: int) -> M:
    """Validate a changed row and save it onto `expected_version` (else ConflictError).

    The change goes into the history when the row came from `fresh`.
    """
    ensure_date_order(instance)
    instance.full_clean()
    save_versioned(instance, expected_version=expected_version)
    before = getattr(instance, "_history_before", None)
    if before is not None:
        history.record_update(instance, before)
        instance._history_before = history.snapshot(instance)  # type: ignore[attr-defined]
    return instance


def update(instance: M, fields: Any, *, expected_version: int, skip: Iterable[str] = ()) -> M:
    current = fresh(instance)
    apply(current, fields, skip=skip)
    return save_checked(current, expected_version=expected_version)


def soft_delete(instance: M, *, expected_version: int) -> M:
    current = fresh(instance)
    current.deleted = True
    save_versioned(current, expected_version=expected_version)
    history.record_delete(current)
    return current
