"""Work that runs in the background, and how far it is: the life of a `Job` row.

A page that starts long work (a large upload) keeps the uploaded file in the private
storage, creates the job and hands its id to a background task (`django_tasks`, run by
`manage.py db_worker` beside the web server); the page then shows the job, which the task
moves on:

    job_start  ->  queued  --job_claim-->  running  --job_progress ...
                                              `--job_finish-->  done | failed

* `job_claim` takes a queued job once: of two workers handed the same id, one runs it.
* `job_progress` writes the step and percentage in its own short statement, outside any
  transaction of the work, so the page sees it at once.
* `job_finish` records the outcome and deletes the file, whatever the outcome.

Writes to jobs do not move the public pages' data generation (`pagecache`): a job is
seen on staff pages only. What a job's `result` holds, and the names of its steps, belong
to the app whose work it is.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath
from typing import Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from teilhabe.core.models import Body, Job

__all__ = ["job_claim", "job_finish", "job_path", "job_progress", "job_start"]

FOLDER = "auftraege"
# A suffix kept from the uploaded name (the work may look at it); anything else is ".bin".
_SUFFIX_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789")


def _suffix(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if 1 < len(suffix) <= 8 and set(suffix[1:]) <= _SUFFIX_CHARS:
        return suffix
    return ".bin"


def job_start(
    *,
    body: Body,
    kind: str,
    title: str,
    user: Any = None,
    params: dict[str, Any] | None = None,
    upload: File[Any] | None = None,
) -> Job:
    """A queued job, with `upload` copied (in chunks) into the private storage under a
    random name. The caller enqueues the task that runs it once the transaction commits."""
    file_name = ""
    if upload is not None:
        name = f"{FOLDER}/{kind}/{body.pk}-{secrets.token_hex(16)}{_suffix(upload.name or '')}"
        file_name = default_storage.save(name, upload)
    return Job.objects.create(
        body=body,
        kind=kind,
        title=title[:300],
        user=user if user is not None and user.is_authenticated else None,
        params=params or {},
        file_name=file_name,
    )


def job_path(job: Job) -> str:
    """The local path of the job's file (the default storage is on the file system)."""
    return str(default_storage.path(job.file_name))


def job_claim(job_id: int) -> Job | None:
    """Mark the queued job running and return it; None when it is not queued (any more)."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started=timezone.now()
    )
    if not claimed:
        return None
    return Job.objects.select_related("body", "user").get(pk=job_id)


def job_progress(job_id: int, *, step: str, percent: int) -> None:
    """Record that the running job has reached `step`, `percent` of the whole done."""
    Job.objects.filter(pk=job_id, state=Job.State.RUNNING).update(
        step=step[:30], percent=max(0, min(100, percent))
    )


def job_finish(job: Job, *, result: dict[str, Any], failed: bool = False) -> None:
    """Record the outcome of the running job and delete its file."""
    state = Job.State.FAILED if failed else Job.State.DONE
    Job.objects.filter(Q(pk=job.pk), ~Q(state__in=[Job.State.DONE, Job.State.FAILED])).update(
        state=state,
        result=result,
        percent=100 if not failed else job.percent,
        finished=timezone.now(),
    )
    if job.file_name and default_storage.exists(job.file_name):
        default_storage.delete(job.file_name)
