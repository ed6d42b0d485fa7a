"""Public pages of one body: what residents, press and members see.

Every page reads through `selectors` (and so through `visible_to(user)`); logged-in
members and staff see the same pages with the non-public parts they are entitled to.
What a user may not see, or what belongs to another body, answers 404.
"""

from __future__ import annotations

from typing import TypeVar

import rules
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from teilhabe.core.bodies import body_view
from teilhabe.core.http import get_or_404, paginate
from teilhabe.core.models import Body
from teilhabe.core.pagecache import public_page
from teilhabe.council import ical, selectors
from teilhabe.council.models import Meeting, Organization, Paper

T = TypeVar("T")
M = TypeVar("M", bound=Model)

MEETINGS_PER_PAGE = 25
PAPERS_PER_PAGE = 25
PERSONS_PER_PAGE = 50


# Helpers: parsing never fails, an unknown value is ignored ----------------------------------


def _body(request: HttpRequest) -> Body:
    return request.current_body  # type: ignore[attr-defined]


def _pick_organization(organizations: list[Organization], raw: str | None) -> Organization | None:
    """The organization whose pk is `raw`, if it is one of `organizations`; else no filter."""
    if not raw or not raw.strip().isdecimal():
        return None
    pk = int(raw.strip())
    return next((org for org in organizations if org.pk == pk), None)


def _web_link(url: str) -> str:
    """`url` if it may become a link (http or https only), else "" (shown as text)."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def _search_text(raw: str | None) -> str:
    # NUL is refused by PostgreSQL, control characters help no search.
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return text.strip()[: selectors.SEARCH_MAX_LENGTH]


# Pages ------------------------------------------------------------------------------------


@require_safe
@body_view
@public_page
def body_start(request: HttpRequest) -> HttpResponse:
    """Start page of a body: next meetings, its organizations, latest resolutions."""
    body, user = _body(request), request.user
    return render(
        request,
        "council/public/body_start.html",
        {
            "upcoming_meetings": selectors.meeting_list_upcoming(body=body, user=user),
            "organizations": selectors.organization_list(body=body, user=user),
            "resolutions": selectors.resolution_list(body=body, user=user),
        },
    )


@require_safe
@body_view
@public_page
def organization_list(request: HttpRequest) -> HttpResponse:
    body, user = _body(request), request.user
    return render(
        request,
        "council/public/organization_list.html",
        {"organizations": selectors.organization_list(body=body, user=user)},
    )


@require_safe
@body_view
@public_page
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body, user = _body(request), request.user
    organization = get_or_404(selectors.organization_get, body=body, user=user, pk=pk)
    context: dict[str, object] = {
        "organization": organization,
        "website_link": _web_link(organization.website),
        "members": selectors.organization_members(organization=organization, user=user),
    }
    if organization.holds_meetings:
        context["upcoming_meetings"] = selectors.meeting_list_upcoming(
            body=body, user=user, organization=organization, include_cancelled=True, limit=10
        )
        context["past_meetings"] = paginate(
            request,
            selectors.meeting_list_past(body=body, user=user, organization=organization),
            MEETINGS_PER_PAGE,
        )
    return render(request, "council/public/organization_detail.html", context)


@require_safe
@body_view
def organization_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """The organization's meetings as an iCalendar feed (public data only)."""
    body = _body(request)
    organization = get_or_404(selectors.organization_get, body=body, user=request.user, pk=pk)

    def url_for(meeting: Meeting) -> str:
        return request.build_absolute_uri(
            reverse("council:meeting_detail", kwargs={"body": body.slug, "pk": meeting.pk})
        )

    calendar = ical.meeting_calendar(
        organization=organization,
        meetings=selectors.meeting_list_for_calendar(organization=organization),
        url_for=url_for,
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sitzungen.ics"'
    return response


@require_safe
@body_view
@public_page
def meeting_list(request: HttpRequest) -> HttpResponse:
    body, user = _body(request), request.user
    organizations = list(selectors.organization_list(body=body, user=user, holding_meetings=True))
    selected = _pick_organization(organizations, request.GET.get("gremium"))
    meetings = selectors.meeting_list(body=body, user=user, organization=selected)
    return render(
        request,
        "council/public/meeting_list.html",
        {
            "organizations": organizations,
            "selected_organization": selected,
            "page_obj": paginate(request, meetings, MEETINGS_PER_PAGE),
        },
    )


@require_safe
@body_view
@public_page
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body, user = _body(request), request.user
    meeting = get_or_404(selectors.meeting_get, body=body, user=user, pk=pk)
    items = meeting.visible_agenda_items  # type: ignore[attr-defined]
    # rules.has_perm asks only the rules (from the viewer already computed for this request),
    # not Django's model-permission backend, which would query the user's permission tables.
    may_see_video_link = rules.has_perm("council.view_meeting_nonpublic", user, meeting)
    public_items = [item for item in items if item.public]
    # Who voted how in a vote by name: public items only, names only with consent.
    selectors.public_named_votes(items=public_items)
    return render(
        request,
        "council/public/meeting_detail.html",
        {
            "meeting": meeting,
            "public_items": public_items,
            "nonpublic_items": [item for item in items if not item.public],
            "video_link": _web_link(meeting.video_conference_url) if may_see_video_link else "",
        },
    )


@require_safe
@body_view
@public_page
def paper_list(request: HttpRequest) -> HttpResponse:
    body, user = _body(request), request.user
    paper_type = request.GET.get("art", "")
    if paper_type not in Paper.Type.values:
        paper_type = ""
    search = _search_text(request.GET.get("q"))
    papers = selectors.paper_list(body=body, user=user, paper_type=paper_type, search=search)
    return render(
        request,
        "council/public/paper_list.html",
        {
            "paper_types": Paper.Type.choices,
            "selected_type": paper_type,
            "search": search,
            "page_obj": paginate(request, papers, PAPERS_PER_PAGE),
        },
    )


@require_safe
@body_view
@public_page
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_or_404(selectors.paper_get, body=_body(request), user=request.user, pk=pk)
    # A motion shows where it stands along its Beratungsfolge (read from what is prefetched).
    standing = selectors.motion_standing(paper) if paper.paper_type == Paper.Type.MOTION else None
    return render(
        request, "council/public/paper_detail.html", {"paper": paper, "standing": standing}
    )


@require_safe
@body_view
@public_page
def person_list(request: HttpRequest) -> HttpResponse:
    persons = selectors.person_list(body=_body(request), user=request.user)
    return render(
        request,
        "council/public/person_list.html",
        {"page_obj": paginate(request, persons, PERSONS_PER_PAGE)},
    )


@require_safe
@body_view
@public_page
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_or_404(selectors.person_get, body=_body(request), user=request.user, pk=pk)
    return render(request, "council/public/person_detail.html", {"person": person})
