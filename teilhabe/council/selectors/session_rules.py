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
    rows = {row.organization_id: row for row in SessionRules.objects.alive().for_body(body)}
    default = rows.get(None)
    organizations = (
        Organization.objects.visible_to(user).for_body(body).holding_meetings().order_by("name")
    )
    result = []
    for organization in organizations:
        row = rows.get(organization.pk) or default
        applied = rules.rules_from_row(row) if row is not None else rules.default_rules()
        result.append(AppliedRules(organization=organization, rules=applied))
    return result
