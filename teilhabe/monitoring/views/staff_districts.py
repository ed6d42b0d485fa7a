"""Districts from a GeoJSON upload: a preview first, then the import on confirmation.

The preview runs `districts_import` inside a transaction that is rolled back, like the
command's `--dry-run`: the page shows every problem, or the warnings and what would be
created, updated, left unchanged and removed. The checked file is kept on the server, in
the default (private) storage under `PENDING_DIR` with a random name that only the
uploader's session knows, never as a copy in the page; the confirmation imports that
file for real (checked again, as the districts may have changed meanwhile) and deletes
it. A new preview or discarding it deletes the previous one.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.core.errors import TeilhabeError
from teilhabe.core.models import Body
from teilhabe.council.views.staff import current_body, run_service, staff_view
from teilhabe.districts import geojson
from teilhabe.districts.errors import DistrictsFileInvalid
from teilhabe.districts.models import Level
from teilhabe.districts.services import DistrictsImport, districts_import
from teilhabe.monitoring.forms import DistrictsUploadForm, PendingForm
from teilhabe.monitoring.views.staff import page, shown, staff_url

PENDING_DIR = "monitoring/vorschau"
SESSION_KEY = "monitoring_districts_pending"


def _session_key(body: Body) -> str:
    return f"{SESSION_KEY}_{body.pk}"


def _forget(request: HttpRequest, body: Body) -> None:
    """Delete the file of the body's pending preview, if any."""
    pending = request.session.pop(_session_key(body), None)
    if pending and default_storage.exists(pending["name"]):
        default_storage.delete(pending["name"])


def _keep(request: HttpRequest, body: Body, content: bytes, *, replace: bool) -> str:
    _forget(request, body)
    token = secrets.token_urlsafe(24)
    name = default_storage.save(f"{PENDING_DIR}/{body.pk}-{token}.json", ContentFile(content))
    request.session[_session_key(body)] = {"token": token, "name": name, "replace": replace}
    return token


def _summary(result: DistrictsImport) -> dict[str, Any]:
    return {
        "result": result,
        "levels": [
            (label, result.levels[value])
            for value, label in Level.choices
            if result.levels.get(value)
        ],
        "warnings": result.warnings,
    }


def _run(body: Body, data: Any, *, replace: bool, dry_run: bool) -> DistrictsImport:
    with transaction.atomic():
        result = districts_import(body=body, features=data, replace=replace)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _render(request: HttpRequest, form: Any, context: dict[str, Any]) -> HttpResponse:
    return page(
        request,
        "monitoring/staff/districts_upload.html",
        {"form": form, "cancel_url": staff_url(request, "overview"), **context},
    )


def _attempt(form: Any, call: Any) -> tuple[DistrictsImport | None, dict[str, Any]]:
    """Run `call`; a refusal becomes a form error, a file with problems also the report."""
    report: dict[str, Any] = {}

    def guarded() -> DistrictsImport:
        try:
            result: DistrictsImport = call()
        except DistrictsFileInvalid as exc:
            report.update(shown(exc.problems), warnings=exc.warnings)
            raise
        return result

    return run_service(form, guarded), report


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def districts_upload(request: HttpRequest) -> HttpResponse:
    """The upload, and on POST its preview: nothing is written here."""
    body = current_body(request)
    posted = request.method == "POST"
    form = DistrictsUploadForm(
        request.POST if posted else None, request.FILES if posted else None, body=body
    )
    context: dict[str, Any] = {}
    if posted and form.is_valid():
        file = form.cleaned_data["file"]
        data = run_service(
            form, lambda: geojson.read_upload(file), fields={"upload_rejected": "file"}
        )
        if data is not None:
            replace = form.cleaned_data["replace"]
            result, context = _attempt(
                form, lambda: _run(body, data, replace=replace, dry_run=True)
            )
            if result is not None:
                file.seek(0)
                token = _keep(request, body, file.read(), replace=replace)
                context = {
                    **_summary(result),
                    "replace": replace,
                    "file_name": file.name,
                    "confirm_form": PendingForm(initial={"token": token}, body=body),
                }
    return _render(request, form, context)


@require_POST
@staff_view
def districts_confirm(request: HttpRequest) -> HttpResponse:
    """Import the file the preview checked (kept on the server), or discard it."""
    body = current_body(request)
    form = PendingForm(request.POST, body=body)
    pending = request.session.get(_session_key(body))
    if (
        not form.is_valid()
        or not pending
        or not secrets.compare_digest(pending["token"], form.cleaned_data["token"])
        or not default_storage.exists(pending["name"])
    ):
        messages.error(
            request,
            _("Die geprüfte Datei liegt nicht mehr vor. Bitte laden Sie sie noch einmal hoch."),
        )
        return redirect(staff_url(request, "districts_upload"))
    if "discard" in request.POST:
        _forget(request, body)
        messages.success(request, _("Die geprüfte Datei wurde verworfen."))
        return redirect(staff_url(request, "overview"))
    with default_storage.open(pending["name"], "rb") as handle:
        content = handle.read()
    try:
        result = _run(body, geojson.load_bytes(content), replace=pending["replace"], dry_run=False)
    except DistrictsFileInvalid as exc:  # the districts changed since the preview
        _forget(request, body)
        messages.error(request, exc.message)
        return _render(
            request,
            DistrictsUploadForm(body=body, initial={"replace": pending["replace"]}),
            {**shown(exc.problems), "warnings": exc.warnings},
        )
    except TeilhabeError as exc:
        _forget(request, body)
        messages.error(request, exc.message)
        return redirect(staff_url(request, "districts_upload"))
    except ValidationError as exc:
        _forget(request, body)
        messages.error(request, " ".join(exc.messages))
        return redirect(staff_url(request, "districts_upload"))
    _forget(request, body)
    messages.success(
        request,
        _(
            "Die Gebiete wurden übernommen: %(created)d neu, %(updated)d geändert, "
            "%(unchanged)d unverändert, %(removed)d entfernt."
        )
        % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "removed": result.removed,
        },
    )
    return redirect(staff_url(request, "overview"))
