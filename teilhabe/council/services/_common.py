"""Rules every council service shares: same body, dates in order, versioned saves.

Every write of a service goes through `create`, `fresh`/`save_checked`/`update`,
`soft_delete` or `ensure_same_body` (whose first argument is the body written to), and
each of them refuses a body imported from OParl (`ImportedBodyReadOnly`): such a body
mirrors another system and is written by the importer alone, which does not use the
services. Records of other bodies may still point at imported records (a link is stored on
the record that is written; `ensure_citable` says which links are allowed). Exception
still open: reordering an agenda (`meetings._write_order`) writes without passing here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from teilhabe.core import history
from teilhabe.core.concurrency import save_versioned
from teilhabe.core.models import Body, BodyOwnedModel
from teilhabe.council import errors
from teilhabe.council.models import LegislativeTerm, Meeting, Membership, Organization
from teilhabe.council.services.embedding import touch_embedding

M = TypeVar("M", bound=BodyOwnedModel)


def body_id_of(body: Body | int) -> int:
    return body if isinstance(body, int) else body.pk


def ensure_writable(body: Body | int) -> None:
    """`body` is not imported from OParl, else ImportedBodyReadOnly.

    A Body instance is trusted as loaded (no query); an id costs one indexed query.
    """
    if isinstance(body, Body):
        imported = bool(body.oparl_source)
    else:
        imported = Body.objects.filter(pk=body).exclude(oparl_source="").exists()
    if imported:
        raise errors.ImportedBodyReadOnly()


def ensure_instance_writable(instance: BodyOwnedModel) -> None:
    """The body of `instance` is not imported (its loaded body, else its body id)."""
    cached = instance._state.fields_cache.get("body")
    ensure_writable(cached if isinstance(cached, Body) else instance.body_id)


def ensure_same_body(body: Body | int, *refs: BodyOwnedModel | Iterable[Any] | None) -> None:
    """`body` (the body written to) may be written, and every referenced record (or every
    record in a referenced list) is of `body`."""
    ensure_writable(body)
    body_id = body_id_of(body)
    for ref in refs:
        if ref is None:
            continue
        items = [ref] if isinstance(ref, BodyOwnedModel) else list(ref)
        if any(item.body_id != body_id for item in items):
            raise errors.CrossBodyReference()


def ensure_citable(
    body: Body | int,
    *refs: BodyOwnedModel | Iterable[Any] | None,
    user: Any = None,
    field: str | None = None,
) -> None:
    """`body` (the body written to) may be written, and every referenced record is of
    `body` or of a body imported from OParl (else CrossBodyReference): a Beirat's papers
    may cite the papers and resolutions of the Stadtrat mirrored from its council
    information system, never the records of another body made in Teilhabe.

    A record of an imported body must also be visible to `user` through its model's
    `visible_to` (None: to everybody, i.e. public records only), else CitationNotVisible
    at `field`. Records of `body` itself are checked as by `ensure_same_body` (by body
    only). No query when every record is of `body`; else one for the bodies and one per
    model referenced.
    """
    ensure_writable(body)
    body_id = body_id_of(body)
    foreign: dict[type[Any], set[int]] = {}
    foreign_bodies: set[int] = set()
    for ref in refs:
        if ref is None:
            continue
        for item in [ref] if isinstance(ref, BodyOwnedModel) else list(ref):
            if item.body_id != body_id:
                foreign.setdefault(type(item), set()).add(item.pk)
                foreign_bodies.add(item.body_id)
    if not foreign:
        return
    imported = set(
        Body.objects.filter(pk__in=foreign_bodies)
        .exclude(oparl_source="")
        .values_list("pk", flat=True)
    )
    if imported != foreign_bodies:
        raise errors.CrossBodyReference(field=field)
    for model, ids in foreign.items():
        visible = model._default_manager.visible_to(user).filter(pk__in=ids, body_id__in=imported)
        if visible.count() != len(ids):
            raise errors.CitationNotVisible(field=field)


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
    ensure_instance_writable(instance)
    ensure_date_order(instance)
    instance.full_clean()
    instance.save()
    history.record_create(instance)
    touch_embedding(instance)
    return instance


def fresh(instance: M) -> M:
    """The row as it is now, locked for the rest of the transaction.

    It remembers its values as read, so that `save_checked` records what changed.
    """
    row = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    ensure_instance_writable(row)
    row._history_before = history.snapshot(row)  # type: ignore[attr-defined]
    return row


def save_checked(instance: M, *, expected_version: int) -> M:
    """Validate a changed row and save it onto `expected_version` (else ConflictError).

    The change goes into the history when the row came from `fresh`. A row that did not
    come from `fresh` (which checked it) is checked here: an imported body is refused.
    """
    if not hasattr(instance, "_history_before"):
        ensure_instance_writable(instance)
    ensure_date_order(instance)
    instance.full_clean()
    save_versioned(instance, expected_version=expected_version)
    before = getattr(instance, "_history_before", None)
    touch_embedding(instance, before)
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
    touch_embedding(current)
    return current
