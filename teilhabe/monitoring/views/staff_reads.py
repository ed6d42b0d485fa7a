"""What the monitoring's staff pages read: the body's districts, snapshots and imports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet

from teilhabe.core.models import Body, Job
from teilhabe.districts.models import District, Level
from teilhabe.monitoring.models import Indicator, Snapshot
from teilhabe.monitoring.tasks import KIND


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


def snapshot_date_taken(*, body: Body, reference_date: dt.date) -> bool:
    return Snapshot.objects.alive().for_body(body).filter(reference_date=reference_date).exists()


def _imports(body: Body) -> QuerySet[Job]:
    return Job.objects.filter(body=body, kind=KIND)


def import_running(*, body: Body, reference_date: dt.date) -> bool:
    """Whether a queued or running import of `body` is for `reference_date`."""
    return (
        _imports(body)
        .filter(
            state__in=[Job.State.QUEUED, Job.State.RUNNING],
            params__reference_date=reference_date.isoformat(),
        )
        .exists()
    )


def imports_running(*, body: Body) -> list[Job]:
    """The body's queued and running imports, the newest first."""
    return list(_imports(body).filter(state__in=[Job.State.QUEUED, Job.State.RUNNING]))


def import_get(*, body: Body, pk: Any) -> Job:
    """One snapshot import of `body` (DoesNotExist otherwise)."""
    return _imports(body).get(pk=pk)


def indicator_list(*, body: Body) -> list[Indicator]:
    """The body's own alive indicators, by name."""
    return list(Indicator.objects.alive().for_body(body).order_by("name", "pk"))


def indicator_get(*, body: Body, pk: Any) -> Indicator:
    """One alive indicator of `body` (DoesNotExist otherwise)."""
    return Indicator.objects.alive().for_body(body).get(pk=pk)
