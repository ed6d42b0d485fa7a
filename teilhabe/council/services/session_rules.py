"""Writes of the rules of procedure (Geschäftsordnung) of a body and its organizations."""

from __future__ import annotations

from typing import Any, TypedDict, Unpack

from django.db import transaction

from teilhabe.core.models import Body
from teilhabe.council import errors
from teilhabe.council.models import Organization, SessionRules
from teilhabe.council.services._common import apply, create, ensure_same_body, fresh, save_checked


class SessionRulesFields(TypedDict, total=False):
    organization: Organization | None
    name: str
    notice_days: int
    motion_deadline_days: int
    quorum_percent: int
    repeat_quorum_minimum: int
    obliging_share_percent: int
    minutes_due_days: int


def _ensure_unique(body_id: int, organization: Any, *, exclude_pk: int | None = None) -> None:
    """One set of rules per organization, and one default (without organization) per body."""
    taken = SessionRules.objects.alive().filter(body_id=body_id, organization=organization)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise errors.DuplicateSessionRules()


@transaction.atomic
def session_rules_create(*, body: Body, **fields: Unpack[SessionRulesFields]) -> SessionRules:
    organization = fields.get("organization")
    ensure_same_body(body.pk, organization)
    _ensure_unique(body.pk, organization)
    rules = SessionRules(body=body)
    apply(rules, fields)
    return create(rules)


@transaction.atomic
def session_rules_update(
    *,
    session_rules: SessionRules,
    expected_version: int,
    **fields: Unpack[SessionRulesFields],
) -> SessionRules:
    current = fresh(session_rules)
    apply(current, fields)
    ensure_same_body(current.body_id, current.organization)
    _ensure_unique(current.body_id, current.organization, exclude_pk=current.pk)
    return save_checked(current, expected_version=expected_version)
