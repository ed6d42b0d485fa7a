"""Reads of the rules of procedure: the rule sets, and which one applies to each body."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from teilhabe.core.models import Body
from teilhabe.council import rules
from teilhabe.council.models import Organization, SessionRules
from teilhabe.council.selectors.public import AnyUser


def staff_session_rules_list(*, body: Body, user: AnyUser) -> QuerySet[SessionRules]:
    """The body's rule sets, the body-wide default first."""
    return (
        SessionRules.objects.alive()
        .for_body(body)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )


@dataclass(frozen=True)
class AppliedRules:
    organization: Organization
    rules: rules.Rules


def applied_rules_list(*, body: Body, user: AnyUser) -> list[AppliedRules]:
    """For every organization that meets: the rules that apply to it (two queries)."""
    book = rules.rule_book(body_ids=[body.pk])
    organizations = (
        Organization.objects.visible_to(user).for_body(body).holding_meetings().order_by("name")
    )
    return [
        AppliedRules(
            organization=organization,
            rules=book.for_organization(body_id=body.pk, organization_id=organization.pk),
        )
        for organization in organizations
    ]
