"""Staff pages for standing data: organizations, terms, persons, memberships, places."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from teilhabe.council import selectors, services
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
    current_body,
    get_for_body,
    list_view,
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


organization_list = list_view(
    selectors.staff_organization_list, "council/staff/organization_list.html"
)
legislative_term_list = list_view(
    selectors.staff_legislative_term_list, "council/staff/legislative_term_list.html"
)
person_list = list_view(selectors.staff_person_list, "council/staff/person_list.html")
membership_list = list_view(selectors.staff_membership_list, "council/staff/membership_list.html")
location_list = list_view(selectors.staff_location_list, "council/staff/location_list.html")


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
