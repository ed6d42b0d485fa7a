"""Snapshots from a CSV upload, their background imports, and deleting one.

The upload calls `services.snapshot_import` with the same options as the command
`snapshot_import`: all or nothing, unless "skip invalid rows" is ticked; a reference date
the body already has is refused at the date field. The page lists the problems row by row
(the first `SHOWN_PROBLEMS`, the rest counted), with status 200: a file with errors is
an answer, never an error page.

A file of at least `settings.MONITORING_BACKGROUND_BYTES` is imported in the background
(`tasks`): the upload answers at once with the job's page (`snapshot_job`), which shows
the step and percentage while the job runs (htmx asks again every two seconds; without
JavaScript a link reloads it) and then the same report as for a small file. While the file
travels, the form shows how much of it has been sent (`upload-progress.js`). A small
file is read within the request, from Django's temporary file where it spooled to disk.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from teilhabe.core.models import Job
from teilhabe.council.views.staff import current_body, error_text, run_service, staff_view
from teilhabe.monitoring import services, tasks
from teilhabe.monitoring.errors import SnapshotDateTaken, SnapshotFileInvalid
from teilhabe.monitoring.forms import SnapshotDeleteForm, SnapshotUploadForm
from teilhabe.monitoring.models import Snapshot
from teilhabe.monitoring.services import SnapshotImport, Step, snapshot_import
from teilhabe.monitoring.views import staff_reads
from teilhabe.monitoring.views.staff import page, shown, staff_url

STEP_LABELS: dict[str, Any] = {
    Step.READ: gettext_lazy("Die Datei wird gelesen und Zeile für Zeile geprüft."),
    Step.COUNT: gettext_lazy("Die Personen werden nach Gebiet und Merkmal gezählt."),
    Step.CHECK: gettext_lazy("Es wird geprüft, ob die Zählwerte zusammenpassen."),
    Step.WRITE: gettext_lazy("Der Datenstand wird gespeichert."),
}


def _source(file: Any) -> Any:
    """A path for an upload Django spooled to disk, else the file itself."""
    path = getattr(file, "temporary_file_path", None)
    return path() if path is not None else file


# Form fields passed on to `snapshot_import` as they are, where the form has them.
_OPTIONS = ("protection",)


def _options(form: SnapshotUploadForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in _OPTIONS if name in form.cleaned_data}


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
                **_options(form),
            )
        except SnapshotFileInvalid as exc:
            report.update(shown(exc.problems), invalid_lines=exc.invalid_lines)
            raise

    result = run_service(form, call)
    if result is not None:
        report = {**shown(result.problems), "invalid_lines": result.skipped_lines}
    return result, report


def _in_background(form: SnapshotUploadForm) -> bool:
    return int(form.cleaned_data["file"].size or 0) >= settings.MONITORING_BACKGROUND_BYTES


def _start(request: HttpRequest, form: SnapshotUploadForm) -> Job | None:
    """The job importing the form's file, or None with the refusal on the form: a date
    the body has a snapshot for, or one another import is still running for."""
    data = form.cleaned_data
    date = data["reference_date"]
    if staff_reads.snapshot_date_taken(body=form.body, reference_date=date):
        form.add_error("reference_date", SnapshotDateTaken.default_message)
        return None
    if staff_reads.import_running(body=form.body, reference_date=date):
        form.add_error(
            "reference_date",
            _("Für diesen Stichtag läuft schon ein Import. Bitte warten Sie sein Ergebnis ab."),
        )
        return None
    return tasks.snapshot_import_start(
        body=form.body,
        user=request.user,
        reference_date=date,
        file=data["file"],
        kind=data["kind"],
        skip_invalid=data["skip_invalid"],
        note=data["note"],
        options=_options(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def snapshot_upload(request: HttpRequest) -> HttpResponseBase:
    body = current_body(request)
    posted = request.method == "POST"
    form = SnapshotUploadForm(
        request.POST if posted else None, request.FILES if posted else None, body=body
    )
    context: dict[str, Any] = {}
    if posted and form.is_valid() and not body.oparl_source and _in_background(form):
        job = _start(request, form)
        if job is not None:
            target = staff_url(request, "snapshot_job", pk=job.pk)
            if request.htmx:  # type: ignore[attr-defined]
                return HttpResponseClientRedirect(target)
            return redirect(target)
    elif posted and form.is_valid():
        result, context = _import(form)
        context["result"] = result
    return page(
        request,
        "monitoring/staff/snapshot_upload.html",
        {
            "form": form,
            "cancel_url": staff_url(request, "overview"),
            "running": staff_reads.imports_running(body=body),
            "background_bytes": settings.MONITORING_BACKGROUND_BYTES,
            **context,
        },
    )


@require_safe
@staff_view
def snapshot_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background import: its step while it runs, then its report."""
    try:
        job = staff_reads.import_get(body=current_body(request), pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    result = job.result
    problems = result.get("problems", [])
    return page(
        request,
        "monitoring/staff/job.html",
        {
            "job": job,
            "step": STEP_LABELS.get(job.step, ""),
            "problems": problems,
            "problem_count": result.get("problem_count", 0),
            "hidden_problems": max(result.get("problem_count", 0) - len(problems), 0),
            "invalid_lines": result.get("invalid_lines", 0),
            "upload_url": staff_url(request, "snapshot_upload"),
        },
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
