"""Staff pages for concepts and their versions: the overview, a new concept or version,
a version's data, and its way from draft to deliberation, adoption and revision.

The overview is the staff's entry; members of an AG drafting a version see it too, with
only the drafts they work on (and none of the forms).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.concept import services
from teilhabe.concept.forms import AdoptForm, ConceptCreateForm, ReviseForm, VersionForm
from teilhabe.concept.models import Concept, ConceptVersion
from teilhabe.concept.views import staff_reads
from teilhabe.concept.views.staff_common import (
    MANAGE,
    body_of,
    concept_view,
    done,
    may,
    page,
    staff_url,
    version_or_404,
    version_url,
)
from teilhabe.council.forms import VersionForm as VersionOnlyForm
from teilhabe.council.views.staff import error_text, submit

FORM_TEMPLATE = "concept/staff/form.html"


class ConceptChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class VersionCreateForm(VersionForm):
    """A new draft of one of the body's concepts."""

    concept = ConceptChoice(queryset=Concept.objects.none(), label=gettext_lazy("Konzept"))
    field_order = ["concept", "number", "title", "summary", "drafted_by"]

    def limit_choices(self) -> None:
        super().limit_choices()
        field: Any = self.fields["concept"]
        field.queryset = Concept.objects.alive().filter(body=self.body).order_by("title", "pk")


def _forms(request: HttpRequest, data: Any = None, which: str = "") -> dict[str, Any]:
    body, user = body_of(request), request.user
    return {
        "concept_form": ConceptCreateForm(
            data if which == "concept" else None, body=body, user=user, prefix="concept"
        ),
        "version_form": VersionCreateForm(
            data if which == "version" else None, body=body, user=user, prefix="version"
        ),
    }


def _overview(request: HttpRequest, **forms_: Any) -> HttpResponse:
    body = body_of(request)
    if may(request, MANAGE, body):
        context: dict[str, Any] = {
            "concepts": staff_reads.concept_overview(body=body),
            **_forms(request),
            **forms_,
        }
    else:
        drafts = staff_reads.drafts_of_member(body=body, user=request.user)
        if not drafts:
            raise Http404
        context = {"drafts": drafts}
    return page(request, "concept/staff/overview.html", context)


@require_safe
@concept_view
def overview(request: HttpRequest) -> HttpResponse:
    """The body's concepts with their versions; for AG members, their drafts."""
    return _overview(request)


def _manage_only(request: HttpRequest) -> None:
    if not may(request, MANAGE, body_of(request)):
        raise Http404


@require_POST
@concept_view
def concept_create(request: HttpRequest) -> HttpResponse:
    _manage_only(request)
    form = _forms(request, request.POST, "concept")["concept_form"]
    concept = submit(
        form, lambda: services.concept_create(body=body_of(request), **form.service_fields())
    )
    if concept is None:
        return _overview(request, concept_form=form)
    return done(
        request,
        _("Das Konzept „%(name)s“ wurde angelegt. Legen Sie nun seine erste Version an.")
        % {"name": concept},
        staff_url(request, "overview"),
    )


@require_POST
@concept_view
def version_create(request: HttpRequest) -> HttpResponse:
    _manage_only(request)
    form = _forms(request, request.POST, "version")["version_form"]
    version = submit(
        form,
        lambda: services.version_create(
            concept=form.cleaned_data["concept"], **form.service_fields()
        ),
    )
    if version is None:
        return _overview(request, version_form=form)
    return done(
        request,
        _("Die Version %(number)s wurde als Entwurf angelegt.") % {"number": version.number},
        version_url(request, version),
    )


def _title(version: ConceptVersion) -> str:
    return str(
        _("%(concept)s, Version %(number)s")
        % {"concept": version.concept.title, "number": version.number}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_or_404(request, pk, MANAGE)
    data = request.POST if request.method == "POST" else None
    form = VersionForm(data, body=body_of(request), user=request.user, instance=version)
    if data is not None:
        saved = submit(
            form,
            lambda: services.version_update(
                version=version, expected_version=form.expected_version, **form.service_fields()
            ),
        )
        if saved is not None:
            return done(
                request,
                _("Die Angaben zur Version wurden gespeichert."),
                version_url(request, saved),
            )
    return page(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "title": _("Angaben zur Version bearbeiten"),
            "subtitle": _title(version),
            "cancel_url": version_url(request, version),
        },
    )


@require_POST
@concept_view
def version_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft goes into deliberation (and becomes public)."""
    version = version_or_404(request, pk, MANAGE)
    form = VersionOnlyForm(request.POST)
    submitted = submit(
        form,
        lambda: services.version_submit(
            version=version, expected_version=form.cleaned_data["version"]
        ),
    )
    if submitted is None:
        return done(request, error_text(form), staff_url(request, "overview"), error=True)
    return done(
        request,
        _("Version %(number)s ist jetzt in Beratung und öffentlich einsehbar.")
        % {"number": version.number},
        staff_url(request, "overview"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def version_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Adopt a version in deliberation by the resolutions of the Beirat and the Stadtrat;
    the version in force until then is superseded."""
    version = version_or_404(request, pk, MANAGE)
    data = request.POST if request.method == "POST" else None
    form = AdoptForm(data, body=body_of(request), user=request.user, concept_version=version)
    if data is not None:
        adopted = submit(
            form,
            lambda: services.version_adopt(
                version=version,
                expected_version=form.expected_version,
                **form.service_fields(),
            ),
        )
        if adopted is not None:
            return done(
                request,
                _("Version %(number)s ist beschlossen und gilt ab dem %(date)s.")
                % {
                    "number": adopted.number,
                    "date": formats.date_format(
                        adopted.in_force_from or form.cleaned_data["adopted_on"],
                        "SHORT_DATE_FORMAT",
                    ),
                },
                staff_url(request, "overview"),
            )
    return page(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "title": _("Version beschließen"),
            "subtitle": _title(version),
            "submit_label": _("Version beschließen"),
            "cancel_url": staff_url(request, "overview"),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@concept_view
def version_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the revision (Fortschreibung) of the version in force: a new draft that
    carries its fields, goals and measures forward."""
    version = version_or_404(request, pk, MANAGE)
    data = request.POST if request.method == "POST" else None
    form = ReviseForm(
        data,
        body=body_of(request),
        user=request.user,
        initial={"drafted_by": version.drafted_by_id},
    )
    if data is not None:
        revision = submit(
            form, lambda: services.version_revise(version=version, **form.service_fields())
        )
        if revision is not None:
            return done(
                request,
                _(
                    "Die Fortschreibung %(number)s wurde als Entwurf angelegt; sie enthält "
                    "alle Handlungsfelder, Ziele und Maßnahmen der Version %(old)s."
                )
                % {"number": revision.number, "old": version.number},
                version_url(request, revision),
            )
    return page(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "title": _("Fortschreibung beginnen"),
            "subtitle": _title(version),
            "submit_label": _("Fortschreibung anlegen"),
            "cancel_url": staff_url(request, "overview"),
        },
    )


__all__ = [
    "concept_create",
    "overview",
    "version_adopt",
    "version_create",
    "version_edit",
    "version_revise",
    "version_submit",
]
