"""The AG's interim report to the Beirat (Zwischenbericht).

The AG drafting a version (or staff for it) chooses goals and measures of the draft —
those still in draft are chosen already —, the organization that decides on them (the
Beirat), optionally its next meeting, and a title. `report_submit` makes the report a
paper of the council with its consultation; the page then shows it among the version's
reports, for staff with a link to the paper's staff page, where it is put on the agenda.
When the Beirat's result on it is recorded, the goals and measures follow it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.concept import services
from teilhabe.concept.forms import ReportForm
from teilhabe.concept.views import staff_reads
from teilhabe.concept.views.staff_common import (
    SUBMIT_REPORT,
    body_of,
    concept_view,
    done,
    page,
    staff_url,
    version_or_404,
    version_url,
    writable,
)
from teilhabe.council.views.staff import submit


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def report(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_or_404(request, pk, SUBMIT_REPORT)
    data = request.POST if request.method == "POST" else None
    form = ReportForm(data, body=body_of(request), user=request.user, concept_version=version)
    if data is not None:
        submitted = submit(
            form, lambda: services.report_submit(version=version, **form.service_fields())
        )
        if submitted is not None:
            return done(
                request,
                _(
                    "Der Zwischenbericht „%(name)s“ ist als Drucksache an %(to)s angelegt "
                    "(zur Beschlussfassung: Ziele %(goals)s, Maßnahmen %(measures)s)."
                )
                % {
                    "name": submitted.paper.name,
                    "to": submitted.consultation.organization,
                    "goals": len(submitted.goals),
                    "measures": len(submitted.measures),
                },
                staff_url(request, "report", pk=version.pk) + f"#drucksache-{submitted.paper.pk}",
            )
    return page(
        request,
        "concept/staff/report.html",
        {
            "form": form,
            "version": version,
            "reports": staff_reads.reports_of(version),
            "title": _("Zwischenbericht an den Beirat"),
            "subtitle": _("%(concept)s, Version %(number)s")
            % {"concept": version.concept.title, "number": version.number},
            "submit_label": _("Zwischenbericht vorlegen"),
            "cancel_url": version_url(request, version),
            "editable": writable(request, version),
        },
    )
