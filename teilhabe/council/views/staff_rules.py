"""Staff pages for the rules of procedure: which rule applies to which organization."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from teilhabe.council import rules, services
from teilhabe.council.forms.session_rules import SessionRulesForm
from teilhabe.council.models import SessionRules
from teilhabe.council.selectors import session_rules as selectors
from teilhabe.council.views.staff import current_body, staff_view
from teilhabe.council.views.staff_forms import Editable, create_view, edit_view

SESSION_RULES = Editable(
    model=SessionRules,
    form_class=SessionRulesForm,
    create=services.session_rules_create,
    update=services.session_rules_update,
    kwarg="session_rules",
    list_url="council_staff:session_rules_list",
    new_title=gettext_lazy("Neue Geschäftsordnung"),
)

session_rules_create = create_view(SESSION_RULES)
session_rules_edit = edit_view(SESSION_RULES)


@require_safe
@staff_view
def session_rules_list(request: HttpRequest) -> HttpResponse:
    body = current_body(request)
    context = {
        "rule_sets": selectors.staff_session_rules_list(body=body, user=request.user),
        "applied": selectors.applied_rules_list(body=body, user=request.user),
        "defaults": rules.default_rules(),
    }
    return render(request, "council/staff/session_rules_list.html", context)
