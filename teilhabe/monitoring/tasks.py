"""A snapshot upload that runs in the background, with its progress shown to staff.

A register extract of a large city is tens of megabytes; reading, counting and checking it
takes seconds to minutes, longer than a page should wait. An upload of at least
`settings.MONITORING_BACKGROUND_BYTES` therefore becomes a job (`teilhabe.core.jobs`):
`snapshot_import_start` keeps the file and queues `run_snapshot_import`, which calls
`services.snapshot_import` with the very options of the form — the same checks, all or
nothing — and writes each step (`services.Step`) with its percentage onto the job as it
begins. The job's page (`views.staff_snapshots.snapshot_job`) reports progress while it
runs and, at the end, the same report the page gives for a small file: the snapshot
written, or every problem by line. The file is deleted when the job ends, either way.

The report's texts are written when the job ends, in the site's language (German).
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.core.errors import TeilhabeError
from teilhabe.core.jobs import job_claim, job_finish, job_path, job_progress, job_start
from teilhabe.core.models import Body, Job
from teilhabe.monitoring.errors import Problem, SnapshotFileInvalid
from teilhabe.monitoring.services import SnapshotImport, Step, snapshot_import

__all__ = ["KIND", "SHOWN_PROBLEMS", "problems_of", "run_snapshot_import", "snapshot_import_start"]

logger = logging.getLogger(__name__)

KIND = "monitoring.snapshot"
# A report keeps this many problems; the rest are counted (as on the upload page).
SHOWN_PROBLEMS = 1000


def snapshot_import_start(
    *,
    body: Body,
    user: Any,
    reference_date: dt.date,
    file: Any,
    kind: str | None,
    skip_invalid: bool,
    note: str,
    options: dict[str, Any] | None = None,
) -> Job:
    """Keep `file` and queue its import; `options` are further keyword arguments of
    `snapshot_import` (plain JSON values)."""
    params = {
        "reference_date": reference_date.isoformat(),
        "kind": kind,
        "skip_invalid": skip_invalid,
        "note": note,
        "file": file.name or "",
        "options": options or {},
    }
    title = _("Datenstand vom %(date)s aus „%(file)s“") % {
        "date": reference_date.strftime("%d.%m.%Y"),
        "file": file.name or "",
    }
    job = job_start(body=body, kind=KIND, title=title, user=user, params=params, upload=file)
    transaction.on_commit(partial(run_snapshot_import.enqueue, job.pk))
    return job


def _problem(problem: Problem) -> dict[str, Any]:
    return {"where": problem.where, "message": problem.message, "line": problem.line}


def problems_of(problems: Any, invalid_lines: int) -> dict[str, Any]:
    """The report of `problems` as the job keeps it (and the upload page shows it)."""
    problems = list(problems)
    return {
        "problems": [_problem(problem) for problem in problems[:SHOWN_PROBLEMS]],
        "problem_count": len(problems),
        "invalid_lines": invalid_lines,
    }


def _succeeded(result: SnapshotImport) -> dict[str, Any]:
    snapshot = result.snapshot
    return {
        "snapshot_id": snapshot.pk,
        "reference_date": snapshot.reference_date.strftime("%d.%m.%Y"),
        "source": snapshot.get_source_display(),
        "cells": result.cells,
        **problems_of(result.problems, result.skipped_lines),
    }


@task()
def run_snapshot_import(job_id: int) -> None:
    """Run the queued snapshot job `job_id` (once: a second call finds it taken)."""
    job = job_claim(job_id)
    if job is None:
        return
    params = job.params

    def progress(step: Step, percent: int) -> None:
        job_progress(job_id, step=str(step), percent=percent)

    try:
        result = snapshot_import(
            body=job.body,
            reference_date=dt.date.fromisoformat(params["reference_date"]),
            rows_or_file=job_path(job),
            kind=params.get("kind") or None,
            skip_invalid=bool(params.get("skip_invalid")),
            note=params.get("note", ""),
            progress=progress,
            **params.get("options", {}),
        )
    except SnapshotFileInvalid as exc:
        job_finish(
            job,
            failed=True,
            result={"message": str(exc), **problems_of(exc.problems, exc.invalid_lines)},
        )
    except TeilhabeError as exc:
        job_finish(job, failed=True, result={"message": exc.message})
    except Exception:  # The job must end, and the worker go on, whatever went wrong.
        logger.exception("run_snapshot_import: job %s failed", job_id)
        job_finish(
            job,
            failed=True,
            result={
                "message": _(
                    "Beim Laden ist ein unerwarteter Fehler aufgetreten. Es wurde nichts "
                    "übernommen. Bitte versuchen Sie es erneut oder wenden Sie sich an den "
                    "Betrieb."
                )
            },
        )
    else:
        job_finish(job, result=_succeeded(result))
