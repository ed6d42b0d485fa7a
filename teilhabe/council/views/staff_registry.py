"""Staff pages for standing data: organizations, terms, persons, memberships, places."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from teilhabe.council import services
from teilhabe.council.forms import (
    LegislativeTermForm,
    LocationForm,
    MembershipEndForm,
    MembershipForm,
    OrganizationForm,
    PersonForm,
)
from teilhabe.council.models import LegislativeTerm, Location, Membership, Organization, Person
from teilhabe.council.views.staff import (
    body_rows,
    current_body,
    get_for_body,
    paginate,
    run_service,
    staff_view,
)
from teilhabe.council.views.staff_forms import (
    Editable,
    create_view,
    edit_view,
    form_data,
    saved_message,
)
from teilhabe.council.visibility import current_membership_q

ORGANIZATION = Editable(
    model=Organization,
    form_class=OrganizationForm,
    create=services.organization_create,
    update=services.organization_update,
    kwarg="organization",
    list_url="council_staff:organization_list",
    new_title=gettext_lazy("Neues Gremium"),
)
LEGISLATIVE_TERM = Editable(
    model=LegislativeTerm,
    form_class=LegislativeTermForm,
    create=services.legislative_term_create,
    update=services.legislative_term_update,
    kwarg="legislative_term",
    list_url="council_staff:legislative_term_list",
    new_title=gettext_lazy("Neue Wahlperiode"),
)
PERSON = Editable(
    model=Person,
    form_class=PersonForm,
    create=services.person_create,
    update=services.person_update,
    kwarg="person",
    list_url="council_staff:person_list",
    new_title=gettext_lazy("Neue Person"),
)
MEMBERSHIP = Editable(
    model=Membership,
    form_class=MembershipForm,
    create=services.membership_create,
    update=services.membership_update,
    kwarg="membership",
    list_url="council_staff:membership_list",
    new_title=gettext_lazy("Neue Mitgliedschaft"),
)
LOCATION = Editable(
    model=Location,
    form_class=LocationForm,
    create=services.location_create,
    update=services.location_update,
    kwarg="location",
    list_url="council_staff:location_list",
    new_title=gettext_lazy("Neuer Ort"),
)

organization_create = create_view(ORGANIZATION)
organization_edit = edit_view(ORGANIZATION)
legislative_term_create = create_view(LEGISLATIVE_TERM)
legislative_term_edit = edit_view(LEGISLATIVE_TERM)
person_create = create_view(PERSON)
person_edit = edit_view(PERSON)
membership_create = create_view(MEMBERSHIP)
membership_edit = edit_view(MEMBERSHIP)
location_create = create_view(LOCATION)
location_edit = edit_view(LOCATION)


@require_safe
@staff_view
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = (
        body_rows(request, Organization)
        .select_related("parent")
        .annotate(member_count=Count("memberships", filter=current_membership_q("memberships__")))
        .order_by("name", "pk")
    )
    return render(
        request,
        "council/staff/organization_list.html",
        {"page": paginate(request, organizations)},
    )


@require_safe
@staff_view
def legislative_term_list(request: HttpRequest) -> HttpResponse:
    terms = body_rows(request, LegislativeTerm).order_by("-start_date", "pk")
    return render(
        request, "council/staff/legislative_term_list.html", {"page": paginate(request, terms)}
    )


@require_safe
@staff_view
def person_list(request: HttpRequest) -> HttpResponse:
    persons = (
        body_rows(request, Person)
        .select_related("user")
        .annotate(membership_count=Count("memberships", filter=Q(memberships__deleted=False)))
        .order_by("family_name", "given_name", "pk")
    )
    return render(request, "council/staff/person_list.html", {"page": paginate(request, persons)})


@require_safe
@staff_view
def membership_list(request: HttpRequest) -> HttpResponse:
    memberships = (
        body_rows(request, Membership)
        .select_related("person", "organization", "on_behalf_of")
        .order_by("organization__name", "role", "person__family_name", "pk")
    )
    return render(
        request, "council/staff/membership_list.html", {"page": paginate(request, memberships)}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a membership on a date (it stays on record)."""
    membership = get_for_body(request, Membership, pk)
    form = MembershipEndForm(form_data(request), initial={"version": membership.version})
    if request.method == "POST" and form.is_valid():
        ended = run_service(
            form,
            lambda: services.membership_end(
                membership=membership,
                end_date=form.cleaned_data["end_date"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if ended is not None:
            saved_message(request, ended)
            return redirect("council_staff:membership_list", body=current_body(request).slug)
    return render(
        request,
        "council/staff/form.html",
        {
            "form": form,
            "object": membership,
            "title": _("Mitgliedschaft beenden: %(name)s") % {"name": membership},
            "cancel_url": reverse(
                "council_staff:membership_list", kwargs={"body": current_body(request).slug}
            ),
            "submit_label": _("Mitgliedschaft beenden"),
        },
    )


@require_safe
@staff_view
def location_list(request: HttpRequest) -> HttpResponse:
    locations = body_rows(request, Location).order_by("description", "pk")
    return render(
        request, "council/staff/location_list.html", {"page": paginate(request, locations)}
    )
