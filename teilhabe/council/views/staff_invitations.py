"""The invitation page of a meeting: preview, notice check, sending, dispatch per recipient.

Every form works without JavaScript (it posts and comes back to the page). With htmx the
retry of a failed e-mail swaps only the dispatch table, and the table refreshes itself
while e-mails are still queued.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from teilhabe.council import selectors, services
from teilhabe.council.forms.invitations import InvitationSendForm
from teilhabe.council.models import Dispatch, Meeting
from teilhabe.council.views.staff import (
    current_body,
    error_text,
    get_for_body,
    get_or_404,
    run_service,
    staff_view,
    submit,
)

TEMPLATE = "council/staff/invitation.html"
DISPATCH_ANCHOR = "#versand"


def _invitation_url(request: HttpRequest, meeting: Meeting, anchor: str = "") -> str:
    url = reverse(
        "council_staff:invitation", kwargs={"body": current_body(request).slug, "pk": meeting.pk}
    )
    return url + anchor


def _dispatch_page_url(request: HttpRequest, meeting: Meeting, kind: str) -> str:
    """The page that lists the meeting's e-mails of `kind`."""
    if kind == Dispatch.Kind.MINUTES:
        return reverse(
            "council_staff:minutes", kwargs={"body": current_body(request).slug, "pk": meeting.pk}
        )
    return _invitation_url(request, meeting)


def dispatch_context(
    request: HttpRequest, meeting: Meeting, kind: str = Dispatch.Kind.INVITATION
) -> dict[str, Any]:
    """The dispatch table of `meeting`'s e-mails of `kind` (`_dispatch_table.html`),
    with how many are in each state; the invitation page and the minutes page show it."""
    dispatches = list(selectors.staff_dispatch_list(meeting=meeting, user=request.user, kind=kind))
    states = [dispatch.state for dispatch in dispatches]
    if kind == Dispatch.Kind.MINUTES:
        caption = _("E-Mails der Niederschrift, je Empfänger/in")
    else:
        caption = _("E-Mails der Einladungen, je Empfänger/in")
    return {
        "meeting": meeting,
        "dispatches": dispatches,
        "dispatch_kind": kind,
        "dispatch_page_url": _dispatch_page_url(request, meeting, kind),
        "dispatch_caption": caption,
        "dispatch_pending": Dispatch.State.QUEUED in states,
        "dispatch_counts": {state: states.count(state) for state in Dispatch.State.values},
    }


def _page(
    request: HttpRequest, meeting: Meeting, *, form: InvitationSendForm | None = None
) -> HttpResponse:
    document = selectors.invitation_document(meeting=meeting)
    meeting = document.meeting  # with its organization and location
    check = services.invitation_check(meeting=meeting, rules=document.rules)
    recipients = services.invitation_recipients(meeting=meeting)
    context = {
        "title": _("Einladung: %(meeting)s") % {"meeting": meeting.title},
        "subtitle": meeting.organization.name,
        "check": check,
        "document": document,
        # The preview is in the language of the PDF (the body's), whatever the page's is.
        "document_language": settings.LANGUAGE_CODE,
        "recipients": recipients,
        "without_address": [person for person in recipients if not person.email.strip()],
        "form": form or InvitationSendForm(late=not check.in_time),
        "invitations": selectors.staff_invitation_list(meeting=meeting, user=request.user),
        **dispatch_context(request, meeting),
    }
    return render(request, TEMPLATE, context)


@require_safe
@staff_view
def invitation(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_for_body(request, Meeting, pk))


@require_POST
@staff_view
def invitation_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the invitation; a refusal shows the page again with the reason at the form."""
    meeting = get_for_body(request, Meeting, pk)
    check = services.invitation_check(meeting=meeting)
    form = InvitationSendForm(request.POST, late=not check.in_time)
    sent = submit(
        form,
        lambda: services.invitation_send(
            meeting=meeting,
            by=request.user,  # type: ignore[arg-type]
            urgent=form.cleaned_data["urgent"],
            urgency_reason=form.cleaned_data["urgency_reason"],
        ),
    )
    if sent is None:
        return _page(request, meeting, form=form)
    count = sent.dispatches.count()
    messages.success(
        request,
        _("Die Einladung wurde erstellt und an %(count)s Empfänger/innen in den Versand gegeben.")
        % {"count": count},
    )
    return redirect(_invitation_url(request, meeting, DISPATCH_ANCHOR))


@require_POST
@staff_view
def dispatch_retry(request: HttpRequest, pk: int, dispatch_pk: int) -> HttpResponse:
    """Send a failed e-mail again (to the person's current address): an invitation's or
    the minutes'; back to the page that lists it."""
    meeting = get_for_body(request, Meeting, pk)
    dispatch = get_or_404(
        selectors.staff_dispatch_get, meeting=meeting, user=request.user, pk=dispatch_pk
    )
    form = forms.Form(request.POST)
    retried = run_service(form, lambda: services.dispatch_retry(dispatch=dispatch))
    error = retried is None
    if error:
        status = error_text(form)
    else:
        status = _("Die E-Mail an %(name)s wird erneut versandt.") % {"name": dispatch.person}
    if request.htmx:  # type: ignore[attr-defined]
        context = {
            **dispatch_context(request, meeting, dispatch.kind),
            "dispatch_status": status,
            "dispatch_status_error": error,
            "oob_status": True,
        }
        return render(request, "council/staff/_dispatch_table.html", context)
    (messages.error if error else messages.success)(request, status)
    return redirect(_dispatch_page_url(request, meeting, dispatch.kind) + DISPATCH_ANCHOR)


@require_safe
@staff_view
def invitation_preview_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation as it would be sent now, as PDF (staff only, never cached)."""
    meeting = get_for_body(request, Meeting, pk)
    pdf = services.invitation_pdf(document=selectors.invitation_document(meeting=meeting))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"einladung-vorschau-{slugify(meeting.title) or meeting.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
