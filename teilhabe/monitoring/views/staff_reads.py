"""What the monitoring's staff pages read: the body's districts and snapshots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet

from teilhabe.core.models import Body
from teilhabe.districts.models import District, Level
from teilhabe.monitoring.models import Snapshot


@dataclass(frozen=True)
class DistrictsSummary:
    levels: list[tuple[str, int]]  # (label, count), from the city down
    total: int
    last_change: dt.datetime | None


def districts_summary(*, body: Body) -> DistrictsSummary:
    counts = dict(
        District.objects.alive()
        .filter(body=body)
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    last = District.objects.filter(body=body).aggregate(last=Max("modified"))["last"]
    levels = [(str(label), counts.get(value, 0)) for value, label in Level.choices]
    return DistrictsSummary(levels=levels, total=sum(counts.values()), last_change=last)


def snapshot_list(*, body: Body) -> QuerySet[Snapshot]:
    """The body's snapshots, newest first, each with its number of counts (`cells`)."""
    return (
        Snapshot.objects.alive()
        .for_body(body)
        .annotate(cells=Count("counts"))
        .order_by("-reference_date", "pk")
    )


def snapshot_get(*, body: Body, pk: Any) -> Snapshot:
    """One alive snapshot of `body` (DoesNotExist otherwise)."""
    return Snapshot.objects.alive().for_body(body).get(pk=pk)
