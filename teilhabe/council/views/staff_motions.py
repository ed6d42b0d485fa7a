"""Staff: put a filed motion on the agenda (section "Auf die Tagesordnung setzen").

The section sits on the paper's edit page (see `staff_papers`); it shows whether the
motion came in late and whether it obliges the chair, with the rule of procedure that
says so, and puts the motion on its session's agenda as a public or non-public item.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.council import services
from teilhabe.council.forms.motions import PutOnAgendaForm
from teilhabe.council.models import Paper
from teilhabe.council.selectors import motions as selectors
from teilhabe.council.views.staff import current_body, error_text, get_for_body, staff_view, submit


def _form(request: HttpRequest, paper: Paper, data: Any = None) -> PutOnAgendaForm:
    return PutOnAgendaForm(
        data, prefix="agenda", body=current_body(request), user=request.user, paper=paper
    )


def motion_agenda_context(request: HttpRequest, paper: Paper, consultations: Any) -> dict[str, Any]:
    """What the paper page's section needs; nothing for papers that are not filed motions."""
    meeting = paper.submitted_for
    if paper.paper_type != Paper.Type.MOTION or meeting is None:
        return {}
    return {
        "motion_meeting": meeting,
        "motion_deadline": selectors.motion_deadlines([meeting])[meeting.pk],
        "motion_on_agenda": any(
            step.meeting_id == meeting.pk and step.agenda_item_id for step in consultations
        ),
        "agenda_form": _form(request, paper),
    }


@require_POST
@staff_view
def motion_put_on_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the motion to its session's agenda; a refusal comes back as a message."""
    paper = get_for_body(request, Paper, pk)
    form = _form(request, paper, request.POST)
    item = submit(
        form,
        lambda: services.motion_put_on_agenda(
            paper=paper,
            meeting=form.cleaned_data["meeting"],
            public=form.cleaned_data["public"],
            expected_version=form.cleaned_data["version"],
        ),
    )
    if item is not None:
        messages.success(
            request,
            _("Der Antrag steht jetzt als TOP %(number)s auf der Tagesordnung von „%(meeting)s“.")
            % {"number": item.number, "meeting": item.meeting.title},
        )
    else:
        messages.error(request, error_text(form))
    url = reverse("council_staff:paper_edit", kwargs={"body": current_body(request).slug, "pk": pk})
    return redirect(url + "#tagesordnung")
