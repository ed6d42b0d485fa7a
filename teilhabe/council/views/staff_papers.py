"""Staff pages for papers (with their Beratungsfolge) and for uploading files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.council import selectors, services
from teilhabe.council.forms import ConsultationForm, FileUploadForm, PaperForm, VersionForm
from teilhabe.council.models import Consultation, File, Meeting, Paper
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
)
from teilhabe.council.views.staff_motions import motion_agenda_context

# Links from other staff pages preselect what a new file belongs to.
UPLOAD_TARGET_PARAMS = {"drucksache": "paper", "sitzung": "meeting", "top": "agenda_item"}


def _paper_url(request: HttpRequest, paper: Paper, anchor: str = "") -> str:
    kwargs = {"body": current_body(request).slug, "pk": paper.pk}
    return reverse("council_staff:paper_edit", kwargs=kwargs) + anchor


def _consultation_form(request: HttpRequest, paper: Paper, data: Any = None) -> ConsultationForm:
    return ConsultationForm(
        data,
        prefix="consultation",
        instance=Consultation(body=current_body(request), paper=paper),
        body=current_body(request),
        user=request.user,
    )


def _paper_extra(request: HttpRequest, paper: Paper) -> dict[str, Any]:
    consultations = selectors.staff_consultation_list(paper=paper, user=request.user)
    return {
        "consultations": consultations,
        "consultation_form": _consultation_form(request, paper),
        "files": selectors.staff_file_list_for(target=paper, user=request.user),
        **motion_agenda_context(request, paper, consultations),
    }


PAPER = Editable(
    model=Paper,
    form_class=PaperForm,
    create=services.paper_create,
    update=services.paper_update,
    kwarg="paper",
    list_url="council_staff:paper_list",
    edit_url="council_staff:paper_edit",
    new_title=gettext_lazy("Neue Drucksache"),
    template="council/staff/paper_edit.html",
    extra_context=_paper_extra,
)

paper_create = create_view(PAPER)
paper_edit = edit_view(PAPER)
paper_list = list_view(selectors.staff_paper_list, "council/staff/paper_list.html")


@require_POST
@staff_view
def consultation_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a step to the paper's Beratungsfolge; invalid input: the page with the errors."""
    paper = get_for_body(request, Paper, pk)
    form = _consultation_form(request, paper, request.POST)
    added = submit(form, lambda: services.consultation_create(paper=paper, **form.service_fields()))
    if added is not None:
        messages.success(request, _("Die Beratung wurde hinzugefügt."))
        return redirect(_paper_url(request, paper, "#beratungsfolge"))
    return edit_page_as_saved(
        PAPER, request, paper, form_action=_paper_url(request, paper), consultation_form=form
    )


@require_POST
@staff_view
def consultation_delete(request: HttpRequest, pk: int, consultation_pk: int) -> HttpResponse:
    paper = get_for_body(request, Paper, pk)
    consultation = get_or_404(
        selectors.staff_consultation_get, paper=paper, user=request.user, pk=consultation_pk
    )
    form = VersionForm(request.POST)
    removed = submit(
        form,
        lambda: services.consultation_delete(
            consultation=consultation, expected_version=form.cleaned_data["version"]
        ),
    )
    if removed is not None:
        messages.success(request, _("Die Beratung wurde entfernt."))
    else:
        messages.error(request, error_text(form))
    return redirect(_paper_url(request, paper, "#beratungsfolge"))


file_list = list_view(selectors.staff_file_list, "council/staff/file_list.html")


def _upload_initial(request: HttpRequest) -> dict[str, int]:
    initial = {}
    for param, field in UPLOAD_TARGET_PARAMS.items():
        value = request.GET.get(param, "")
        if value.isdigit():
            initial[field] = int(value)
    return initial


def _after_upload(request: HttpRequest, file: File) -> str:
    if file.paper_id:
        return _paper_url(request, file.paper, "#dateien")  # type: ignore[arg-type]
    meeting: Meeting = file.meeting or file.agenda_item.meeting  # type: ignore[union-attr]
    kwargs = {"body": current_body(request).slug, "pk": meeting.pk}
    return reverse("council_staff:meeting_edit", kwargs=kwargs) + "#dateien"


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def file_upload(request: HttpRequest) -> HttpResponse:
    """Upload a document to a paper, a meeting or an agenda item."""
    body = current_body(request)
    form = FileUploadForm(
        form_data(request),
        request.FILES if request.method == "POST" else None,
        initial=_upload_initial(request),
        body=body,
        user=request.user,
    )
    if request.method == "POST":
        file = submit(
            form,
            lambda: services.file_upload(
                body=body,
                by=request.user,  # type: ignore[arg-type]
                uploaded_file=form.cleaned_data["content"],
                name=form.cleaned_data["name"],
                paper=form.cleaned_data["paper"],
                meeting=form.cleaned_data["meeting"],
                agenda_item=form.cleaned_data["agenda_item"],
            ),
            fields={"upload_rejected": "content"},
        )
        if file is not None:
            messages.success(request, _("Die Datei „%(name)s“ wurde hochgeladen.") % {"name": file})
            return redirect(_after_upload(request, file))
    return render(
        request,
        "council/staff/form.html",
        {
            "form": form,
            "title": _("Datei hochladen"),
            "multipart": True,
            "submit_label": _("Hochladen"),
            "cancel_url": reverse("council_staff:file_list", kwargs={"body": body.slug}),
        },
    )
