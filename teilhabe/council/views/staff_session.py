"""The session desk (Sitzungsverlauf): attendance, live quorum, votes and outcomes.

One page for the minute-taker during the session. Every form is a plain form that posts
and comes back to the page at its anchor; with htmx the same forms post in the
background and get back only their fragment: an attendance row (plus the quorum box and
the status line, out of band), or an agenda item's section. A refused input comes back
with its errors, in the fragment or on the whole page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.errors import TeilhabeError
from teilhabe.core.http import get_or_404
from teilhabe.council import selectors, services
from teilhabe.council.forms.session import AttendanceForm, ByNameVoteForm, OutcomeForm, VoteForm
from teilhabe.council.models import AgendaItem, Attendance, Meeting
from teilhabe.council.quorum import VoteWarning
from teilhabe.council.selectors import AttendanceState, SessionDesk
from teilhabe.council.views.staff import current_body, error_text, staff_view, submit

DESK_TEMPLATE = "council/staff/session_desk.html"
ATTENDANCE_ANCHOR = "#anwesenheit"


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_or_404(
        selectors.session_meeting_get, body=current_body(request), user=request.user, pk=pk
    )


def _item(request: HttpRequest, meeting: Meeting, item_pk: int) -> AgendaItem:
    return get_or_404(selectors.session_item_get, meeting=meeting, user=request.user, pk=item_pk)


def desk_url(request: HttpRequest, meeting: Meeting, anchor: str = "") -> str:
    kwargs = {"body": current_body(request).slug, "pk": meeting.pk}
    return reverse("council_staff:session_desk", kwargs=kwargs) + anchor


def _item_anchor(item: AgendaItem) -> str:
    return f"#top-{item.pk}"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.htmx)  # type: ignore[attr-defined]


# Forms on the page ---------------------------------------------------------------------


def _attendance_forms(state: AttendanceState, *, failed: AttendanceForm | None = None) -> None:
    """Give the refused row its form, with the input as typed. Every other row shows its
    unbound form, which the `attendance_row` tag writes from the row itself (twenty forms
    built only to be rendered unbound would cost more than the rest of the page)."""
    if failed is None:
        return
    for row in state.rows:
        if failed.row.pk == row.pk:
            row.form = failed  # type: ignore[attr-defined]


def _item_forms(
    meeting: Meeting,
    item: AgendaItem,
    targets: list[Any],
    *,
    vote_form: VoteForm | None = None,
    outcome_form: OutcomeForm | None = None,
    by_name_form: ByNameVoteForm | None = None,
) -> None:
    item.vote_form = vote_form or VoteForm(meeting=meeting, item=item)  # type: ignore[attr-defined]
    item.outcome_form = outcome_form or OutcomeForm(  # type: ignore[attr-defined]
        meeting=meeting, item=item, organizations=targets
    )
    item.by_name_form = by_name_form  # type: ignore[attr-defined]


CURRENT_ITEM_PARAM = "top"


def _current_item(request: HttpRequest, desk: SessionDesk, failed_item: Any) -> Any:
    """The item whose forms the desk shows: a refused one, the one asked for (`?top=`),
    else the first without a result — the session goes through the agenda in order.

    Only this item carries its forms: forty items with forty sets of forms would make the
    page slow to build and long to tab through; every other item links to its forms.
    """
    if failed_item is not None:
        return failed_item.pk
    requested = request.GET.get(CURRENT_ITEM_PARAM, "")
    by_pk = {item.pk: item for item in desk.items}
    if requested.isdigit() and int(requested) in by_pk:
        return int(requested)
    return next((item.pk for item in desk.items if not item.result), None)


def _desk_context(request: HttpRequest, desk: SessionDesk, **failed: Any) -> dict[str, Any]:
    """The whole page; `failed` holds a refused form (attendance=, or item= with its forms)."""
    meeting = desk.meeting
    _attendance_forms(desk.attendance, failed=failed.get("attendance"))
    failed_item = failed.get("item")
    # Django's get_result_display() rebuilds the choices on every call; forty rows look
    # their label up in one dict instead, translated once for all of them.
    results = {value: str(label) for value, label in AgendaItem.Result.choices}
    for item in desk.items:
        item.result_label = results.get(item.result, "")  # type: ignore[attr-defined]
    current_pk = _current_item(request, desk, failed_item)
    current = next((item for item in desk.items if item.pk == current_pk), None)
    if current is not None:
        forms = failed if failed_item is not None else {}
        _item_forms(
            meeting,
            current,
            desk.referral_targets,
            vote_form=forms.get("vote_form"),
            outcome_form=forms.get("outcome_form"),
            by_name_form=forms.get("by_name_form"),
        )
    return {
        "title": _("Sitzungsverlauf: %(meeting)s") % {"meeting": meeting.title},
        "subtitle": meeting.organization.name,
        "meeting": meeting,
        "desk": desk,
        "attendance": desk.attendance,
        "quorum": desk.attendance.quorum,
        "items": desk.items,
        "current_item": current,
        **_row_context(request, meeting, current_pk),
    }


def _row_context(request: HttpRequest, meeting: Meeting, current_pk: int | None) -> dict[str, Any]:
    """What every line of the agenda overview needs, translated once for all lines."""
    return {
        "current_item_pk": current_pk,
        "desk_url": desk_url(request, meeting),
        "current_item_param": CURRENT_ITEM_PARAM,
        "labels": {
            "nonpublic": _("nichtöffentlich"),
            "check": _("prüfen"),
            "current": _("wird bearbeitet"),
            "record": _("erfassen"),
            "change": _("ändern"),
            "item": _("TOP"),
            "reduced_quorum": _("verringerte Beschlussfähigkeit"),
        },
    }


def _desk_page(request: HttpRequest, meeting: Meeting, **failed: Any) -> HttpResponse:
    desk = selectors.session_desk(meeting=meeting, user=request.user)
    return render(request, DESK_TEMPLATE, _desk_context(request, desk, **failed))


@require_safe
@staff_view
def session_desk(request: HttpRequest, pk: int) -> HttpResponse:
    """Attendance with the live quorum, then every agenda item with its vote and outcome."""
    return _desk_page(request, _meeting(request, pk))


# Attendance ----------------------------------------------------------------------------


def _attendance_status(row: Attendance) -> str:
    if row.status == Attendance.Status.REPRESENTED and row.deputy is not None:
        return _("%(name)s: vertreten durch %(deputy)s.") % {
            "name": row.person.name,
            "deputy": row.deputy.name,
        }
    return _("%(name)s: %(status)s.") % {
        "name": row.person.name,
        "status": row.get_status_display(),
    }


def _quorum_status(state: AttendanceState) -> str:
    quorum = state.quorum
    if quorum.quorate:
        return _("Beschlussfähig: %(present)s stimmberechtigt anwesend.") % {
            "present": quorum.present
        }
    return _("Nicht beschlussfähig: %(present)s stimmberechtigt anwesend.") % {
        "present": quorum.present
    }


@require_POST
@staff_view
def session_attendance_prefill(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the list with the organization's members (each row starts as absent)."""
    meeting = _meeting(request, pk)
    try:
        added = services.attendance_prefill(meeting=meeting)
    except TeilhabeError as exc:
        status, error = exc.message, True
    else:
        status, error = (
            _("%(count)s Mitglieder in die Anwesenheitsliste übernommen.") % {"count": len(added)},
            False,
        )
    if _is_htmx(request):
        state = selectors.session_attendance(meeting=meeting)
        context = {
            "meeting": meeting,
            "attendance": state,
            "quorum": state.quorum,
            "session_status": status,
            "session_status_error": error,
            "oob": True,
        }
        return render(request, "council/staff/_session_attendance.html", context)
    (messages.error if error else messages.success)(request, status)
    return redirect(desk_url(request, meeting, ATTENDANCE_ANCHOR))


@require_POST
@staff_view
def session_attendance_set(request: HttpRequest, pk: int, attendance_pk: int) -> HttpResponse:
    """Record one member's status, deputy and times; the quorum box follows."""
    meeting = _meeting(request, pk)
    row = get_or_404(selectors.session_attendance_get, meeting=meeting, pk=attendance_pk)
    deputies = selectors.session_deputies(meeting=meeting)
    form = AttendanceForm(request.POST, meeting=meeting, row=row, deputies=deputies)
    saved = submit(
        form,
        lambda: services.attendance_set(
            attendance=row,
            expected_version=form.cleaned_data["version"],
            **form.service_fields(),
        ),
    )
    if saved is None:
        status = _("Die Anwesenheit von %(name)s wurde nicht gespeichert: %(errors)s") % {
            "name": row.person.name,
            "errors": error_text(form),
        }
    if not _is_htmx(request):
        if saved is None:
            return _desk_page(request, meeting, attendance=form)
        messages.success(request, _attendance_status(saved))
        return redirect(desk_url(request, meeting, f"#anwesenheit-{row.pk}"))
    state = selectors.session_attendance(meeting=meeting)
    _attendance_forms(state, failed=form if saved is None else None)
    shown = next(r for r in state.rows if r.pk == row.pk)
    if saved is not None:
        status = f"{_attendance_status(shown)} {_quorum_status(state)}"
    context = {
        "meeting": meeting,
        "row": shown,
        "attendance": state,
        "quorum": state.quorum,
        "session_status": status,
        "session_status_error": saved is None,
        "row_oob": True,
    }
    return render(request, "council/staff/_session_attendance_row.html", context)


# Votes and outcomes --------------------------------------------------------------------


def _item_done(
    request: HttpRequest,
    meeting: Meeting,
    item_pk: int,
    status: str,
    *,
    error: bool = False,
    warnings: list[VoteWarning] | None = None,
    **failed: Any,
) -> HttpResponse:
    """After a vote or an outcome: the item's section for htmx, else back to the page."""
    if _is_htmx(request):
        item = _item(request, meeting, item_pk)
        targets = selectors.session_referral_targets(meeting=meeting, user=request.user)
        _item_forms(meeting, item, targets, **failed)
        item.result_label = item.get_result_display()  # type: ignore[attr-defined]
        context = {
            "meeting": meeting,
            "item": item,
            "session_status": status,
            "session_status_error": error,
            "oob": True,
            **_row_context(request, meeting, item.pk),
        }
        return render(request, "council/staff/_session_item.html", context)
    anchor = f"#top-{item_pk}"
    if error:
        item = _item(request, meeting, item_pk)
        return _desk_page(request, meeting, item=item, **failed)
    messages.success(request, status)
    for warning in warnings or []:
        messages.warning(request, warning.message)
    return redirect(desk_url(request, meeting, anchor))


def _vote_status(recorded: services.RecordedVote) -> str:
    vote, item = recorded.vote, recorded.agenda_item
    return _("TOP %(number)s: %(result)s (Ja %(yes)s, Nein %(no)s, Enthaltung %(abstain)s).") % {
        "number": item.number,
        "result": item.get_result_display(),
        "yes": vote.yes,
        "no": vote.no,
        "abstain": vote.abstain,
    }


def _by_name_form(
    request: HttpRequest, meeting: Meeting, item: AgendaItem, data: Any = None
) -> ByNameVoteForm:
    voters = selectors.session_attendance(meeting=meeting).voters
    return ByNameVoteForm(data, meeting=meeting, item=item, voters=voters)


def _record(request: HttpRequest, meeting: Meeting, item: AgendaItem, form: Any) -> HttpResponse:
    recorded = submit(form, lambda: services.vote_record(agenda_item=item, **form.service_fields()))
    if recorded is None:
        status = _("Die Abstimmung wurde nicht gespeichert: %(errors)s") % {
            "errors": error_text(form)
        }
        key = "by_name_form" if isinstance(form, ByNameVoteForm) else "vote_form"
        return _item_done(request, meeting, item.pk, status, error=True, **{key: form})
    status = " ".join([_vote_status(recorded), *(warning.message for warning in recorded.warnings)])
    if not _is_htmx(request):
        return _item_done(
            request, meeting, item.pk, _vote_status(recorded), warnings=recorded.warnings
        )
    return _item_done(request, meeting, item.pk, status, error=bool(recorded.warnings))


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def session_vote(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Record a vote. GET shows the vote by name (its own page, or its fragment for htmx);
    a POST with `namentlich` is a vote by name, else the three numbers."""
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    if request.method == "POST":
        if "namentlich" in request.POST:
            return _record(
                request, meeting, item, _by_name_form(request, meeting, item, request.POST)
            )
        return _record(request, meeting, item, VoteForm(request.POST, meeting=meeting, item=item))
    form = _by_name_form(request, meeting, item)
    context = {"meeting": meeting, "item": item, "form": form}
    if _is_htmx(request):
        return render(request, "council/staff/_session_by_name.html", context)
    context["title"] = _("Namentliche Abstimmung: TOP %(number)s") % {"number": item.number}
    context["subtitle"] = f"{meeting.organization.name}: {meeting.title}"
    return render(request, "council/staff/session_vote_by_name.html", context)


def _conclusion_status(conclusion: services.Conclusion) -> str:
    item = conclusion.agenda_item
    status = _("TOP %(number)s: %(result)s.") % {
        "number": item.number,
        "result": item.get_result_display(),
    }
    if item.referred_to is None:
        return status
    if conclusion.next_meeting is not None:
        more = _(
            "%(count)s Drucksachen stehen nun in der Beratungsfolge von „%(organization)s“ für "
            "die Sitzung am %(date)s."
        ) % {
            "count": len(conclusion.referrals),
            "organization": item.referred_to.name,
            "date": formats.date_format(
                timezone.localtime(conclusion.next_meeting.start), "SHORT_DATE_FORMAT"
            ),
        }
    else:
        more = _(
            "%(count)s Drucksachen stehen nun in der Beratungsfolge von „%(organization)s“; "
            "eine nächste Sitzung ist noch nicht geplant."
        ) % {"count": len(conclusion.referrals), "organization": item.referred_to.name}
    return f"{status} {more}"


@require_POST
@staff_view
def session_outcome(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """End an item without a vote: noted, postponed, withdrawn or referred."""
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    targets = selectors.session_referral_targets(meeting=meeting, user=request.user)
    form = OutcomeForm(request.POST, meeting=meeting, item=item, organizations=targets)
    conclusion = submit(
        form,
        lambda: services.agenda_item_conclude(agenda_item=item, **form.service_fields()),
    )
    if conclusion is None:
        status = _("Das Ergebnis wurde nicht gespeichert: %(errors)s") % {
            "errors": error_text(form)
        }
        return _item_done(request, meeting, item.pk, status, error=True, outcome_form=form)
    return _item_done(request, meeting, item.pk, _conclusion_status(conclusion))
