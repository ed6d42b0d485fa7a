"""The staff's history pages: who changed what and when, for a meeting or a paper."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from teilhabe.core.http import paginate
from teilhabe.core.models import BodyOwnedModel, ChangeRecord
from teilhabe.council import selectors
from teilhabe.council.models import Meeting, Paper
from teilhabe.council.views.staff import current_body, get_for_body, staff_view

PER_PAGE = 50


def _history_page(
    request: HttpRequest,
    obj: BodyOwnedModel,
    records: QuerySet[ChangeRecord],
    *,
    title: str,
    back_url: str,
) -> HttpResponse:
    page = paginate(request, records, PER_PAGE)
    entries = [
        {
            "record": record,
            "kind": selectors.record_kind(record),
            "lines": selectors.change_lines(record),
        }
        for record in page.object_list
    ]
    context: dict[str, Any] = {
        "object": obj,
        "title": title,
        "page": page,
        "entries": entries,
        "back_url": back_url,
    }
    return render(request, "council/staff/history.html", context)


def _edit_url(request: HttpRequest, name: str, pk: int) -> str:
    return reverse(f"council_staff:{name}", kwargs={"body": current_body(request).slug, "pk": pk})


@require_safe
@staff_view
def meeting_history(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for_body(request, Meeting, pk)
    return _history_page(
        request,
        meeting,
        selectors.meeting_history(meeting=meeting),
        title=_("Änderungsverlauf: %(meeting)s") % {"meeting": meeting.title},
        back_url=_edit_url(request, "meeting_edit", meeting.pk),
    )


@require_safe
@staff_view
def paper_history(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_for_body(request, Paper, pk)
    return _history_page(
        request,
        paper,
        selectors.paper_history(paper=paper),
        title=_("Änderungsverlauf: %(paper)s") % {"paper": paper},
        back_url=_edit_url(request, "paper_edit", paper.pk),
    )
