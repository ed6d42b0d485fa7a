"""Public pages of a body's integration concept: the version in force, any version the user
may see, the comparison with its predecessor, a goal and a measure.

Every page reads through `selectors` (and so through `visible_to(user)`): a draft is seen
only by the body's staff and the members of the AG drafting it; anyone else, and any
address of another body, gets a 404. Filters are query parameters; a value that does not
exist is named in a message and ignored, never an error.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from teilhabe.concept import selectors
from teilhabe.concept.models import ConceptVersion, Status
from teilhabe.core.bodies import body_view
from teilhabe.core.http import get_or_404
from teilhabe.core.models import Body
from teilhabe.core.pagecache import public_page

# The filters' query parameters (German, like the other addresses).
FIELD_PARAM = "feld"
STATUS_PARAM = "status"
RESPONSIBLE_PARAM = "zustaendig"
# How much of an unknown filter value a message repeats.
SHOWN_VALUE_LENGTH = 40


def _body(request: HttpRequest) -> Body:
    return request.current_body  # type: ignore[attr-defined]


def _shown(raw: str) -> str:
    text = "".join(ch for ch in raw if ch.isprintable()).strip()
    return text[:SHOWN_VALUE_LENGTH] + ("…" if len(text) > SHOWN_VALUE_LENGTH else "")


def _filters(
    request: HttpRequest, overview: selectors.Overview
) -> tuple[selectors.Filters, list[str]]:
    """The filters asked for, and a message for each value that does not exist."""
    problems: list[str] = []
    field_pk: int | None = None
    raw_field = request.GET.get(FIELD_PARAM, "").strip()
    if raw_field:
        pks = {field.pk for field in overview.fields}
        if raw_field.isdecimal() and int(raw_field) in pks:
            field_pk = int(raw_field)
        else:
            problems.append(
                gettext(
                    "Ein Handlungsfeld „%(value)s“ gibt es in dieser Version nicht. "
                    "Es werden alle Handlungsfelder gezeigt."
                )
                % {"value": _shown(raw_field)}
            )
    status = request.GET.get(STATUS_PARAM, "").strip()
    if status and status not in Status.values:
        problems.append(
            gettext("Einen Status „%(value)s“ gibt es nicht. Es werden alle Status gezeigt.")
            % {"value": _shown(status)}
        )
        status = ""
    responsible = request.GET.get(RESPONSIBLE_PARAM, "").strip()
    if responsible and responsible not in {key for key, _label in overview.responsible_choices}:
        problems.append(
            gettext(
                "Eine Zuständigkeit „%(value)s“ gibt es in dieser Version nicht. "
                "Es werden alle Zuständigkeiten gezeigt."
            )
            % {"value": _shown(responsible)}
        )
        responsible = ""
    filters = selectors.Filters(field_pk=field_pk, status=status, responsible=responsible)
    return filters, problems


def _version_page(
    request: HttpRequest, version: ConceptVersion, versions: list[ConceptVersion]
) -> HttpResponse:
    overview = selectors.version_overview(version=version, user=request.user)
    filters, problems = _filters(request, overview)
    overview = selectors.narrowed(overview, filters)
    return render(
        request,
        "concept/public/version_detail.html",
        {
            "version": version,
            "overview": overview,
            "totals": overview.totals,
            "other_versions": [v for v in versions if v.pk != version.pk],
            "predecessor": selectors.predecessor_of(version, versions),
            "problems": problems,
            "statuses": Status.choices,
            "field_param": FIELD_PARAM,
            "status_param": STATUS_PARAM,
            "responsible_param": RESPONSIBLE_PARAM,
        },
    )


@require_safe
@body_view
@public_page
def index(request: HttpRequest) -> HttpResponse:
    """The version in force; else the newest the user may see; else a page saying so."""
    versions = selectors.version_list(body=_body(request), user=request.user)
    version = selectors.current_version(versions)
    if version is None:
        return render(request, "concept/public/empty.html")
    return _version_page(request, version, versions)


@require_safe
@body_view
@public_page
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    versions = selectors.version_list(body=_body(request), user=request.user)
    version = get_or_404(selectors.version_from, versions=versions, pk=pk)
    return _version_page(request, version, versions)


@require_safe
@body_view
@public_page
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """The version against its predecessor (if there is one the user may see)."""
    versions = selectors.version_list(body=_body(request), user=request.user)
    version = get_or_404(selectors.version_from, versions=versions, pk=pk)
    predecessor = selectors.predecessor_of(version, versions)
    comparison = (
        selectors.version_comparison(version=version, predecessor=predecessor, user=request.user)
        if predecessor is not None
        else None
    )
    return render(
        request,
        "concept/public/version_compare.html",
        {"version": version, "predecessor": predecessor, "comparison": comparison},
    )


@require_safe
@body_view
@public_page
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_or_404(selectors.goal_get, body=_body(request), user=request.user, pk=pk)
    return render(request, "concept/public/goal_detail.html", {"page": page, "goal": page.goal})


@require_safe
@body_view
@public_page
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_or_404(selectors.measure_get, body=_body(request), user=request.user, pk=pk)
    return render(
        request, "concept/public/measure_detail.html", {"page": page, "measure": page.measure}
    )
