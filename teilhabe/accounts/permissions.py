"""Predicates about who a user is for a body. Other apps compose them."""

from __future__ import annotations

from typing import Any

from teilhabe.core.models import Body


def is_body_staff(user: Any, body: Body | int | None) -> bool:
    """Staff of the body's integration office (superusers count as staff everywhere)."""
    if body is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    body_id = body if isinstance(body, int) else body.pk
    cache: dict[int, bool] = user.__dict__.setdefault("_staff_body_cache", {})
    if body_id not in cache:
        cache[body_id] = user.staff_roles.filter(body_id=body_id, deleted=False).exists()
    return cache[body_id]


def staff_body_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(user.staff_roles.filter(deleted=False).values_list("body_id", flat=True))
