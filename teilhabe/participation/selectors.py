"""Reads of thresholds and needs for the staff pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from teilhabe.concept.models import Goal
from teilhabe.monitoring.catalogue import CATALOGUE
from teilhabe.monitoring.models import Indicator
from teilhabe.participation.models import Need, Threshold


def threshold_list(*, body: Any) -> QuerySet[Threshold]:
    return Threshold.objects.alive().filter(body=body)


def need_list(*, body: Any, state: str = "", district: int | None = None) -> QuerySet[Need]:
    """The body's needs, newest snapshot first, filtered by state and district."""
    needs = (
        Need.objects.alive()
        .filter(body=body)
        .select_related("district", "snapshot", "threshold", "goal")
    )
    if state:
        needs = needs.filter(state=state)
    if district is not None:
        needs = needs.filter(district_id=district)
    return needs


def indicator_names(*, body: Any) -> dict[str, str]:
    """Code -> name of every indicator thresholds may name (the body's own included)."""
    names = {code: str(item.name) for code, item in CATALOGUE.items()}
    for code, name in Indicator.objects.alive().filter(body=body).values_list("code", "name"):
        names[code] = name
    return names


def goal_choices(*, body: Any) -> QuerySet[Goal]:
    return Goal.objects.filter(body=body, deleted=False).order_by("number", "pk")
