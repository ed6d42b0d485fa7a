"""Snapshots from a CSV upload, and deleting one.

The upload calls `services.snapshot_import` with the same options as the command
`snapshot_import`: all or nothing, unless "skip invalid rows" is ticked; a reference date
the body already has is refused at the date field. The page lists the problems row by row
(the first `SHOWN_PROBLEMS`, the rest counted), with status 200: a file with errors is
an answer, never an error page. A large upload is read from Django's temporary file, so
the register extract is aggregated from disk (`register_csv` through DuckDB) without
holding it in memory; it runs within the request.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.council.views.staff import current_body, error_text, run_service, staff_view
from teilhabe.monitoring import services
from teilhabe.monitoring.errors import SnapshotFileInvalid
from teilhabe.monitoring.forms import SnapshotDeleteForm, SnapshotUploadForm
from teilhabe.monitoring.models import Snapshot
from teilhabe.monitoring.services import SnapshotImport, snapshot_import
from teilhabe.monitoring.views import staff_reads
from teilhabe.monitoring.views.staff import page, shown, staff_url


def _source(file: Any) -> Any:
    """A path for an upload Django spooled to disk, else the file itself."""
    path = getattr(file, "temporary_file_path", None)
    return path() if path is not None else file


def _import(form: SnapshotUploadForm) -> tuple[SnapshotImport | None, dict[str, Any]]:
    report: dict[str, Any] = {}
    data = form.cleaned_data

    def call() -> SnapshotImport:
        try:
            return snapshot_import(
                body=form.body,
                reference_date=data["reference_date"],
                rows_or_file=_source(data["file"]),
                kind=data["kind"],
                skip_invalid=data["skip_invalid"],
                note=data["note"],
            )
        except SnapshotFileInvalid as exc:
            report.update(shown(exc.problems), invalid_lines=exc.invalid_lines)
            raise

    result = run_service(form, call)
    if result is not None:
        report = {**shown(result.problems), "invalid_lines": result.skipped_lines}
    return result, report


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def snapshot_upload(request: HttpRequest) -> HttpResponse:
    body = current_body(request)
    posted = request.method == "POST"
    form = SnapshotUploadForm(
        request.POST if posted else None, request.FILES if posted else None, body=body
    )
    context: dict[str, Any] = {}
    if posted and form.is_valid():
        result, context = _import(form)
        context["result"] = result
    return page(
        request,
        "monitoring/staff/snapshot_upload.html",
        {"form": form, "cancel_url": staff_url(request, "overview"), **context},
    )


@require_POST
@staff_view
def snapshot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Without `confirmed`: the question; with it: the snapshot is removed (soft delete,
    with its history), and its date is free for a new import."""
    body = current_body(request)
    try:
        snapshot = staff_reads.snapshot_get(body=body, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    if request.POST.get("confirmed") != "1":
        return page(
            request,
            "monitoring/staff/confirm_delete.html",
            {
                "question": _("Den Datenstand vom %(date)s mit allen Zählwerten löschen?")
                % {"date": snapshot},
                "seen_version": request.POST.get("version", ""),
                "cancel_url": staff_url(request, "overview"),
            },
        )
    form = SnapshotDeleteForm(request.POST, body=body)
    if form.is_valid():
        run_service(form, lambda: _delete(snapshot, form.cleaned_data["version"]))
    if form.errors:
        messages.error(request, error_text(form))
    else:
        messages.success(
            request, _("Der Datenstand vom %(date)s wurde gelöscht.") % {"date": snapshot}
        )
    return redirect(staff_url(request, "overview"))


def _delete(snapshot: Snapshot, expected_version: int) -> Snapshot:
    return services.snapshot_delete(snapshot=snapshot, expected_version=expected_version)
