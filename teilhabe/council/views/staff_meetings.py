"""Staff pages for meetings; the meeting's edit page is the agenda builder.

The agenda can be built without JavaScript (every button is a plain form that posts and
comes back to the page). With htmx the same forms post in the background and get back
only the agenda fragment (`council/staff/_agenda.html`), plus the text for the status
region that screen readers announce.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.council import consistency, selectors, services
from teilhabe.council.forms import (
    AgendaItemAddForm,
    AgendaItemForm,
    MeetingForm,
    MoveForm,
    ReorderForm,
    VersionForm,
)
from teilhabe.council.models import AgendaItem, Meeting
from teilhabe.council.views.staff import (
    current_body,
    error_text,
    get_for_body,
    get_or_404,
    list_view,
    staff_view,
    submit,
)
from teilhabe.council.views.staff_forms import (
    Editable,
    create_view,
    edit_page_as_saved,
    edit_view,
    form_data,
    form_page,
)

AGENDA_ANCHOR = "#tagesordnung"


def _meeting_url(request: HttpRequest, meeting: Meeting, anchor: str = "") -> str:
    url = reverse(
        "council_staff:meeting_edit", kwargs={"body": current_body(request).slug, "pk": meeting.pk}
    )
    return url + anchor


def _add_form(request: HttpRequest, meeting: Meeting, data: Any = None) -> AgendaItemAddForm:
    return AgendaItemAddForm(
        data,
        prefix="item",
        instance=AgendaItem(body=current_body(request), meeting=meeting),
        body=current_body(request),
        user=request.user,
    )


def _agenda_context(
    request: HttpRequest, meeting: Meeting, *, add_form: AgendaItemAddForm | None = None
) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "items": selectors.staff_agenda_item_list(meeting=meeting, user=request.user),
        "add_form": add_form or _add_form(request, meeting),
    }


def _meeting_extra(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    return {
        **_agenda_context(request, meeting),
        "files": selectors.staff_file_list_for(target=meeting, user=request.user),
        "subtitle": meeting.organization.name,
        "warnings": consistency.meeting_warnings(meeting),
        "motions": selectors.staff_motions_submitted_for(meeting=meeting, user=request.user),
    }


def _agenda_done(
    request: HttpRequest, meeting: Meeting, status: str, *, error: bool = False
) -> HttpResponse:
    """After an agenda action: the fresh fragment for htmx, else back to the page."""
    if request.htmx:  # type: ignore[attr-defined]
        context = {
            **_agenda_context(request, meeting),
            "agenda_status": status,
            "agenda_status_error": error,
            "oob_status": True,
        }
        return render(request, "council/staff/_agenda.html", context)
    (messages.error if error else messages.success)(request, status)
    return redirect(_meeting_url(request, meeting, AGENDA_ANCHOR))


MEETING = Editable(
    model=Meeting,
    form_class=MeetingForm,
    create=services.meeting_create,
    update=services.meeting_update,
    kwarg="meeting",
    list_url="council_staff:meeting_list",
    edit_url="council_staff:meeting_edit",
    new_title=gettext_lazy("Neue Sitzung"),
    template="council/staff/meeting_edit.html",
    extra_context=_meeting_extra,
)

meeting_create = create_view(MEETING)
meeting_edit = edit_view(MEETING)
meeting_list = list_view(selectors.staff_meeting_list, "council/staff/meeting_list.html")


@require_POST
@staff_view
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for_body(request, Meeting, pk)
    form = VersionForm(request.POST)
    cancelled = submit(
        form,
        lambda: services.meeting_cancel(
            meeting=meeting, expected_version=form.cleaned_data["version"]
        ),
    )
    if cancelled is not None:
        messages.success(request, _("Die Sitzung wurde abgesagt."))
    else:
        messages.error(request, error_text(form))
    return redirect(_meeting_url(request, meeting))


@require_POST
@staff_view
def agenda_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Append an item. Invalid input: the form again with its errors (fragment or page)."""
    meeting = get_for_body(request, Meeting, pk)
    form = _add_form(request, meeting, request.POST)
    item = submit(
        form, lambda: services.agenda_item_create(meeting=meeting, **form.service_fields())
    )
    if item is not None:
        status = _("Tagesordnungspunkt „%(name)s“ wurde hinzugefügt.") % {"name": item.name}
        return _agenda_done(request, meeting, status)
    if request.htmx:  # type: ignore[attr-defined]
        context = {**_agenda_context(request, meeting, add_form=form), "oob_status": True}
        context["agenda_status"] = _("Der Tagesordnungspunkt wurde nicht gespeichert.")
        context["agenda_status_error"] = True
        return render(request, "council/staff/_agenda.html", context)
    return edit_page_as_saved(
        MEETING, request, meeting, form_action=_meeting_url(request, meeting), add_form=form
    )


def _item(request: HttpRequest, pk: int, item_pk: int) -> tuple[Meeting, AgendaItem]:
    """The meeting and one of its items (an item of another meeting is a 404)."""
    meeting = get_for_body(request, Meeting, pk)
    item = get_or_404(
        selectors.staff_agenda_item_get, meeting=meeting, user=request.user, pk=item_pk
    )
    return meeting, item


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def agenda_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting, item = _item(request, pk, item_pk)
    form = AgendaItemForm(
        form_data(request), instance=item, body=current_body(request), user=request.user
    )
    return form_page(
        request,
        form,
        save=lambda: services.agenda_item_update(
            agenda_item=item, expected_version=form.expected_version, **form.service_fields()
        ),
        success_url=lambda saved: _meeting_url(request, meeting, AGENDA_ANCHOR),
        context={
            "title": _("Tagesordnungspunkt „%(name)s“ bearbeiten") % {"name": item},
            "subtitle": f"{meeting.organization.name}: {meeting.title}",
            "cancel_url": _meeting_url(request, meeting, AGENDA_ANCHOR),
        },
    )


@require_POST
@staff_view
def agenda_item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting, item = _item(request, pk, item_pk)
    form = MoveForm(request.POST)
    agenda = submit(
        form,
        lambda: services.agenda_item_move(
            agenda_item=item, offset=-1 if form.cleaned_data["direction"] == "up" else 1
        ),
    )
    if agenda is None:
        return _agenda_done(request, meeting, error_text(form), error=True)
    position = [moved.pk for moved in agenda].index(item.pk) + 1
    status = _("„%(name)s“ steht jetzt an Position %(position)s von %(count)s.") % {
        "name": item.name,
        "position": position,
        "count": len(agenda),
    }
    return _agenda_done(request, meeting, status)


@require_POST
@staff_view
def agenda_item_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda in a new order at once (drag and drop; the buttons move one place)."""
    meeting = get_for_body(request, Meeting, pk)
    form = ReorderForm(request.POST)
    agenda = submit(
        form,
        lambda: services.agenda_item_reorder(
            meeting=meeting, ordered_ids=form.cleaned_data["order"]
        ),
    )
    if agenda is None:
        return _agenda_done(request, meeting, error_text(form), error=True)
    return _agenda_done(
        request, meeting, _("Die neue Reihenfolge der Tagesordnung ist gespeichert.")
    )


@require_POST
@staff_view
def agenda_item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting, item = _item(request, pk, item_pk)
    form = VersionForm(request.POST)
    deleted = submit(
        form,
        lambda: services.agenda_item_delete(
            agenda_item=item, expected_version=form.cleaned_data["version"]
        ),
    )
    if deleted is None:
        return _agenda_done(request, meeting, error_text(form), error=True)
    status = _("„%(name)s“ wurde von der Tagesordnung genommen.") % {"name": deleted.name}
    return _agenda_done(request, meeting, status)
