"""The member area (/<body>/mein-bereich/): a member's sessions, motions and calendar.

For logged-in users who are a person of the body: anonymous visitors are sent to the
login, everyone else (no person here) gets a 404. A member sees only their own data and
what their memberships let them see; the pages read through `visible_to(user)`.
The personal iCal feed needs no login: its address holds a secret token
(`User.calendar_token`) that the member can replace, which ends the old address.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.accounts.models import User
from teilhabe.accounts.services import calendar_token_reset
from teilhabe.core.bodies import View, body_view
from teilhabe.core.http import get_or_404
from teilhabe.core.models import Body
from teilhabe.council import ical, services
from teilhabe.council.forms.motions import MotionForm
from teilhabe.council.models import Meeting
from teilhabe.council.selectors import minutes as minutes_selectors
from teilhabe.council.selectors import motions as selectors
from teilhabe.council.views.staff import run_service


def _body(request: HttpRequest) -> Body:
    return request.current_body  # type: ignore[attr-defined]


def member_view(view: View) -> View:
    """Resolve the body; let in only logged-in users who are a person of it."""

    @wraps(view)
    def check(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        person = selectors.member_person(body=_body(request), user=request.user)
        if person is None:
            raise Http404
        request.member_person = person  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return body_view(check)


def _web_link(url: str) -> str:
    """`url` if it may become a link (http or https only), else ""."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def _video_link_for(user: Any) -> Callable[[Meeting], str]:
    def link(meeting: Meeting) -> str:
        if not rules.has_perm("council.view_meeting_nonpublic", user, meeting):
            return ""
        return _web_link(meeting.video_conference_url)

    return link


def _calendar_url(request: HttpRequest) -> str:
    token = getattr(request.user, "calendar_token", None)
    if not token:
        return ""
    return request.build_absolute_uri(
        reverse(
            "council_member:calendar_feed", kwargs={"body": _body(request).slug, "token": token}
        )
    )


@require_safe
@member_view
def meetings(request: HttpRequest) -> HttpResponse:
    """Meine Sitzungen: upcoming and recent sessions of the member's organizations."""
    body, user = _body(request), request.user
    listed = selectors.member_meeting_list(body=body, user=user)
    video_link = _video_link_for(user)
    for meeting in listed.upcoming:
        meeting.video_link = video_link(meeting)  # type: ignore[attr-defined]
    return render(
        request,
        "council/member/meetings.html",
        {
            "person": request.member_person,  # type: ignore[attr-defined]
            "upcoming": listed.upcoming,
            "recent": listed.recent,
            "calendar_url": _calendar_url(request),
        },
    )


@require_safe
@member_view
def motion_list(request: HttpRequest) -> HttpResponse:
    """Meine Anträge: the member's and their organizations' motions, with where each stands."""
    papers = selectors.member_motion_list(
        body=_body(request),
        user=request.user,
        person=request.member_person,  # type: ignore[attr-defined]
    )
    return render(request, "council/member/motion_list.html", {"papers": papers})


@require_http_methods(["GET", "HEAD", "POST"])
@member_view
def motion_create(request: HttpRequest) -> HttpResponse:
    """Antrag stellen: the form, the deadlines of the member's sessions, then the service."""
    body, user = _body(request), request.user
    choices = list(selectors.motion_meeting_choices(body=body, user=user))
    deadlines = selectors.motion_deadlines(choices)
    form = MotionForm(
        request.POST if request.method == "POST" else None,
        body=body,
        user=user,
        deadlines=deadlines,
        initial=_initial_meeting(request, choices),
    )
    if request.method == "POST" and form.is_valid():
        paper = run_service(
            form,
            lambda: services.motion_submit(body=body, by=user, **form.service_fields()),
        )
        if paper is not None:
            messages.success(request, _("Ihr Antrag ist eingegangen."))
            return redirect("council_member:motion_submitted", body=body.slug, pk=paper.pk)
    return render(
        request,
        "council/member/motion_form.html",
        {
            "form": form,
            "sessions": [(meeting, deadlines[meeting.pk]) for meeting in choices],
        },
    )


def _initial_meeting(request: HttpRequest, choices: list[Meeting]) -> dict[str, int]:
    """`?sitzung=<pk>` preselects one of the member's sessions (anything else is ignored)."""
    raw = request.GET.get("sitzung", "")
    if raw.isdecimal() and any(meeting.pk == int(raw) for meeting in choices):
        return {"meeting": int(raw)}
    return {}


@require_safe
@member_view
def motion_submitted(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation after filing: reference, deadline check and what happens next."""
    paper = get_or_404(selectors.member_motion_get, body=_body(request), user=request.user, pk=pk)
    meeting = paper.submitted_for
    deadline = selectors.motion_deadlines([meeting]).get(meeting.pk) if meeting else None
    return render(
        request, "council/member/motion_submitted.html", {"paper": paper, "deadline": deadline}
    )


@require_safe
@member_view
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The members' copy of a session's minutes, non-public part included, once sent."""
    found = get_or_404(
        minutes_selectors.member_minutes_get, body=_body(request), user=request.user, pk=pk
    )
    context = {
        "meeting": found.meeting,
        "minutes": found,
        "document": minutes_selectors.minutes_document(meeting=found.meeting, public_only=False),
    }
    return render(request, "council/member/minutes.html", context)


@require_POST
@member_view
def calendar_reset(request: HttpRequest) -> HttpResponse:
    """Kalender-Link neu erzeugen: a new secret address; the old one stops working."""
    calendar_token_reset(user=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("Ihr persönlicher Kalender-Link wurde neu erzeugt. Der bisherige Link gilt nicht mehr."),
    )
    return redirect(
        reverse("council_member:meetings", kwargs={"body": _body(request).slug}) + "#kalender"
    )


@require_safe
@body_view
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's sessions as iCalendar; an unknown token (or no person here): 404."""
    body = _body(request)
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None or selectors.member_person(body=body, user=user) is None:
        raise Http404

    def url_for(meeting: Meeting) -> str:
        return request.build_absolute_uri(
            reverse("council:meeting_detail", kwargs={"body": body.slug, "pk": meeting.pk})
        )

    calendar = ical.member_calendar(
        name=_("Meine Sitzungen – %(body)s") % {"body": body.name},
        meetings=selectors.member_calendar_meetings(body=body, user=user),
        url_for=url_for,
        video_link_for=_video_link_for(user),
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meine-sitzungen.ics"'
    # The address is a secret: no shared cache may keep the member's calendar.
    response["Cache-Control"] = "private, no-store"
    return response
