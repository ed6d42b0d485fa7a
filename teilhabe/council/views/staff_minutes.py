"""The staff's minutes page: draft the minutes, write the prose, send, approve, publish.

One page per meeting. Attendance, items, results and votes are shown as the meeting's data
has them; the form below edits only the prose. Every step is a plain form that posts to
the page and comes back to it (no JavaScript needed); a refusal is shown as a message
(simple steps) or as errors at the form that was sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.council import consistency, selectors, services
from teilhabe.council.forms.minutes import MinutesApproveForm, MinutesForm
from teilhabe.council.models import Dispatch, Meeting, Minutes
from teilhabe.council.views.staff import (
    current_body,
    error_text,
    get_for_body,
    run_service,
    staff_view,
    submit,
)
from teilhabe.council.views.staff_invitations import DISPATCH_ANCHOR, dispatch_context

ACTIONS = ("draft", "save", "send", "approve", "publish")


def _minutes_url(request: HttpRequest, meeting: Meeting) -> str:
    return reverse(
        "council_staff:minutes", kwargs={"body": current_body(request).slug, "pk": meeting.pk}
    )


def _simple_step(
    request: HttpRequest, meeting: Meeting, call: Callable[[], Any], done: str
) -> HttpResponse:
    """A step without input of its own: a message, then back to the page."""
    form = forms.Form(request.POST)
    if run_service(form, call) is not None:
        messages.success(request, done)
    else:
        messages.error(request, error_text(form))
    return redirect(_minutes_url(request, meeting))


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for_body(request, Meeting, pk)
    document = selectors.minutes_document(meeting=meeting, public_only=False)
    current = document.minutes
    action = request.POST.get("action") if request.method == "POST" else None
    edit_form = approve_form = None
    if current is not None and current.state == Minutes.State.DRAFT:
        edit_form = MinutesForm(
            request.POST if action == "save" else None, minutes=current, items=document.items
        )
        approve_form = MinutesApproveForm(
            request.POST if action == "approve" else None,
            choices=selectors.minutes_approval_choices(minutes=current),
            prefix="approve",
        )

    if action == "draft":
        return _simple_step(
            request,
            meeting,
            lambda: services.minutes_draft(meeting=meeting),
            _("Die Niederschrift wurde als Entwurf angelegt."),
        )
    if action == "send" and current is not None:
        form = forms.Form(request.POST)
        dispatches = run_service(form, lambda: services.minutes_mark_sent(minutes=current))
        if dispatches is None:
            messages.error(request, error_text(form))
            return redirect(_minutes_url(request, meeting))
        messages.success(
            request,
            _(
                "Die Niederschrift wurde an %(count)s Empfänger/innen in den Versand gegeben. "
                "Sie gilt als versandt, sobald die erste E-Mail zugestellt ist."
            )
            % {"count": len(dispatches)},
        )
        return redirect(_minutes_url(request, meeting) + DISPATCH_ANCHOR)
    if action == "publish" and current is not None:
        return _simple_step(
            request,
            meeting,
            lambda: services.minutes_publish(minutes=current),
            _("Der öffentliche Teil der Niederschrift wurde veröffentlicht."),
        )
    if action == "save" and edit_form is not None:
        form = edit_form
        if submit(
            form,
            lambda: services.minutes_update(
                minutes=current,  # type: ignore[arg-type]
                expected_version=form.cleaned_data["version"],
                opening=form.cleaned_data["opening"],
                closing=form.cleaned_data["closing"],
                minute_taker=form.cleaned_data["minute_taker"],
                notes=form.notes(),
            ),
        ):
            messages.success(request, _("Die Niederschrift wurde gespeichert."))
            return redirect(_minutes_url(request, meeting))
    elif action == "approve" and approve_form is not None:
        approval = approve_form
        if submit(
            approval,
            lambda: services.minutes_approve(
                minutes=current,  # type: ignore[arg-type]
                in_meeting=approval.cleaned_data["in_meeting"],
                objections=approval.cleaned_data["objections"],
            ),
        ):
            messages.success(request, _("Die Genehmigung der Niederschrift wurde eingetragen."))
            return redirect(_minutes_url(request, meeting))
    elif action is not None:
        # A step that does not fit the minutes' state any more (a stale page).
        messages.error(
            request,
            _(
                "Dieser Schritt passt nicht mehr zum Stand der Niederschrift. Bitte prüfen "
                "Sie die Seite."
            ),
        )
        return redirect(_minutes_url(request, meeting))

    context = {
        "meeting": meeting,
        "document": document,
        "minutes": current,
        "edit_form": edit_form,
        "approve_form": approve_form,
        "warnings": consistency.meeting_warnings(meeting),
        "held": meeting.start <= timezone.now(),
        **dispatch_context(request, meeting, Dispatch.Kind.MINUTES),
        **selectors.minutes_due_state(meeting=meeting, minutes=current),
    }
    return render(request, "council/staff/minutes.html", context)
