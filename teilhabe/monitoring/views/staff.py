"""Staff pages of the integration monitoring (under /<body>/verwaltung/monitoring/).

For staff of the body only (`council.manage`), everyone else gets 404 like the council's
staff pages. Districts and snapshots are loaded here with the same checks as by the
commands `districts_import` and `snapshot_import`: the pages call the same services and
list every problem they report. The uploads are in `staff_districts` and
`staff_snapshots`; this module has the overview and what the pages share.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from teilhabe.council.views.staff import current_body, staff_view
from teilhabe.monitoring.views import staff_reads

# A report lists this many problems; the rest are counted (a broken export repeats itself).
SHOWN_PROBLEMS = 1000


def staff_url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return reverse(
        f"monitoring_staff:{name}", kwargs={"body": current_body(request).slug, **kwargs}
    )


def page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A page of the monitoring's staff area; an imported body is read-only."""
    return render(
        request, template, {"read_only_body": bool(current_body(request).oparl_source), **context}
    )


def shown(problems: Any) -> dict[str, Any]:
    """The first SHOWN_PROBLEMS problems, and how many more there are."""
    problems = list(problems)
    return {
        "problems": problems[:SHOWN_PROBLEMS],
        "problem_count": len(problems),
        "hidden_problems": max(len(problems) - SHOWN_PROBLEMS, 0),
    }


@require_safe
@staff_view
def overview(request: HttpRequest) -> HttpResponse:
    """The body's districts per level and its snapshots, with the ways to load more."""
    body = current_body(request)
    return page(
        request,
        "monitoring/staff/overview.html",
        {
            "districts": staff_reads.districts_summary(body=body),
            "snapshots": list(staff_reads.snapshot_list(body=body)),
        },
    )
