"""Optimistic locking: an edit is saved only onto the version it was made from."""

from __future__ import annotations

from django.db import transaction

from teilhabe.core.errors import ConflictError
from teilhabe.core.models import TimestampedModel


def save_versioned(instance: TimestampedModel, *, expected_version: int) -> None:
    """Save `instance` if its row still has `expected_version`, else raise ConflictError.

    The row is locked for the check (SELECT ... FOR UPDATE on PostgreSQL; SQLite takes
    its write lock when the transaction begins), so two concurrent saves cannot both pass.
    """
    model = type(instance)
    with transaction.atomic():
        current = (
            model._default_manager.select_for_update()
            .filter(pk=instance.pk)
            # No default ordering: it may join a nullable relation, which PostgreSQL
            # refuses to lock ("FOR UPDATE cannot be applied to the nullable side").
            .order_by("pk")
            .values_list("version", flat=True)
            .first()
        )
        if current != expected_version:
            raise ConflictError()
        instance.version = expected_version + 1
        instance.save()
