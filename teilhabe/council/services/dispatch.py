"""Writes of the dispatch: one e-mail per recipient, sent in the background, retried.

`dispatch_create` records who gets what and queues the e-mails once the transaction has
committed; the task `tasks.send_dispatch` sends each one and records the outcome. Any
kind of mail to members (invitation, minutes) goes this way (`mail.COMPOSERS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction

from teilhabe.council import errors, tasks
from teilhabe.council.models import Dispatch, Invitation, Meeting, Person
from teilhabe.council.services._common import create, ensure_same_body, fresh, save_checked


@transaction.atomic
def dispatch_create(
    *,
    meeting: Meeting,
    kind: str,
    persons: Iterable[Person],
    invitation: Invitation | None = None,
) -> list[Dispatch]:
    """One dispatch of `kind` per person; a person without e-mail address is recorded as
    such (NO_ADDRESS) so staff can reach them another way. The e-mails are queued after
    commit: nothing is sent for a transaction that is rolled back."""
    recipients = list(persons)
    ensure_same_body(meeting.body_id, invitation, recipients)
    rows = []
    for person in recipients:
        email = person.email.strip()
        row = create(
            Dispatch(
                body_id=meeting.body_id,
                meeting=meeting,
                kind=kind,
                invitation=invitation,
                person=person,
                email=email,
                state=Dispatch.State.QUEUED if email else Dispatch.State.NO_ADDRESS,
            )
        )
        if email:
            transaction.on_commit(partial(tasks.send_dispatch.enqueue, row.pk))
        rows.append(row)
    return rows


@transaction.atomic
def dispatch_retry(*, dispatch: Dispatch) -> Dispatch:
    """Queue a failed dispatch again, to the person's current address if it has changed
    since (a typo fixed in the meantime). Only a FAILED dispatch can be retried."""
    current = fresh(dispatch)
    if current.state != Dispatch.State.FAILED:
        raise errors.DispatchNotRetryable()
    address = current.person.email.strip()
    if address:
        current.email = address
    current.state = Dispatch.State.QUEUED
    saved = save_checked(current, expected_version=current.version)
    transaction.on_commit(partial(tasks.send_dispatch.enqueue, saved.pk))
    return saved
