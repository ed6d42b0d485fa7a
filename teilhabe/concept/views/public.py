"""Public pages of a body's integration concept: the version in force, any version the user
may see (its structure and figures), its measures (a list, filtered and paginated), the
comparison with its predecessor, a goal (with the values the monitoring publishes for the
indicator it names) and a measure.

Every page reads through `selectors` (and so through `visible_to(user)`): a draft is seen
only by the body's staff and the members of the AG drafting it; anyone else, and any
address of another body, gets a 404. Filters and the page of the list are query
parameters; a value that does not exist is named in a message and ignored (a page beyond
the end gives the last), never an error.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from teilhabe.concept import selectors
from teilhabe.concept.models import ConceptVersion, Status
from teilhabe.core.bodies import body_view
from teilhabe.core.http import PAGE_PARAM, get_or_404
from teilhabe.core.models import Body
from teilhabe.core.pagecache import public_page

# The measure list's query parameters (German, like the other addresses).
FIELD_PARAM = "feld"
GOAL_PARAM = "ziel"
STATUS_PARAM = "status"
RESPONSIBLE_PARAM = "zustaendig"
# The goal filter's value for the measures that serve no goal.
NO_GOAL = "ohne"
MEASURES_PER_PAGE = 50
# How much of an unknown filter value a message repeats.
SHOWN_VALUE_LENGTH = 40


def _body(request: HttpRequest) -> Body:
    return request.current_body  # type: ignore[attr-defined]


def _shown(raw: str) -> str:
    text = "".join(ch for ch in raw if ch.isprintable()).strip()
    return text[:SHOWN_VALUE_LENGTH] + ("…" if len(text) > SHOWN_VALUE_LENGTH else "")


def _pk_among(raw: str, pks: set[int]) -> int | None:
    return int(raw) if raw.isdecimal() and len(raw) < 12 and int(raw) in pks else None


def _filters(
    request: HttpRequest, contents: selectors.Contents, responsible_keys: set[str]
) -> tuple[selectors.Filters, list[str]]:
    """The filters asked for, and a message for each value that does not exist."""
    problems: list[str] = []
    field_pk: int | None = None
    raw_field = request.GET.get(FIELD_PARAM, "").strip()
    if raw_field:
        field_pk = _pk_among(raw_field, {field.pk for field in contents.fields})
        if field_pk is None:
            problems.append(
                gettext(
                    "Ein Handlungsfeld „%(value)s“ gibt es in dieser Version nicht. "
                    "Es werden alle Handlungsfelder gezeigt."
                )
                % {"value": _shown(raw_field)}
            )
    goal_pk: int | None = None
    raw_goal = request.GET.get(GOAL_PARAM, "").strip()
    goalless = raw_goal == NO_GOAL
    if raw_goal and not goalless:
        goal_pk = _pk_among(raw_goal, {goal.pk for goal in contents.goals})
        if goal_pk is None:
            problems.append(
                gettext(
                    "Ein Ziel „%(value)s“ gibt es in dieser Version nicht. "
                    "Es werden die Maßnahmen zu allen Zielen gezeigt."
                )
                % {"value": _shown(raw_goal)}
            )
    status = request.GET.get(STATUS_PARAM, "").strip()
    if status and status not in Status.values:
        problems.append(
            gettext("Einen Status „%(value)s“ gibt es nicht. Es werden alle Status gezeigt.")
            % {"value": _shown(status)}
        )
        status = ""
    responsible = request.GET.get(RESPONSIBLE_PARAM, "").strip()
    if responsible and responsible not in responsible_keys:
        problems.append(
            gettext(
                "Eine Zuständigkeit „%(value)s“ gibt es in dieser Version nicht. "
                "Es werden alle Zuständigkeiten gezeigt."
            )
            % {"value": _shown(responsible)}
        )
        responsible = ""
    filters = selectors.Filters(
        field_pk=field_pk,
        goal_pk=goal_pk,
        goalless=goalless,
        status=status,
        responsible=responsible,
    )
    return filters, problems


def _page(request: HttpRequest, rows: list[selectors.MeasureRow]) -> tuple[Page, str | None]:
    """The page of `rows` asked for; one that does not exist gives the nearest (the first
    for a page that is no number, the last for one beyond the end) and a message."""
    raw = request.GET.get(PAGE_PARAM, "").strip()
    page = Paginator(rows, MEASURES_PER_PAGE).get_page(raw)
    if not raw or (raw.isdecimal() and len(raw) < 12 and int(raw) == page.number):
        return page, None
    problem = gettext(
        "Eine Seite „%(value)s“ gibt es hier nicht. Gezeigt wird Seite %(number)s von %(total)s."
    ) % {"value": _shown(raw), "number": page.number, "total": page.paginator.num_pages}
    return page, problem


def _version_page(
    request: HttpRequest, version: ConceptVersion, versions: list[ConceptVersion]
) -> HttpResponse:
    """A version's structure and figures; its measures are listed on their own page."""
    overview = selectors.version_overview(version=version, user=request.user)
    return render(
        request,
        "concept/public/version_detail.html",
        {
            "version": version,
            "overview": overview,
            "totals": overview.totals,
            "other_versions": [v for v in versions if v.pk != version.pk],
            "predecessor": selectors.predecessor_of(version, versions),
            "field_param": FIELD_PARAM,
            "goal_param": GOAL_PARAM,
            "no_goal": NO_GOAL,
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
def version_measures(request: HttpRequest, pk: int) -> HttpResponse:
    """A version's measures, filtered by field, goal, status and who is responsible, a page
    of them at a time."""
    versions = selectors.version_list(body=_body(request), user=request.user)
    version = get_or_404(selectors.version_from, versions=versions, pk=pk)
    contents = selectors.version_contents(version=version, user=request.user)
    responsible_choices = contents.responsible_choices()
    filters, problems = _filters(request, contents, {key for key, _label in responsible_choices})
    rows = selectors.matching(contents.rows, filters)
    page, page_problem = _page(request, rows)
    if page_problem:
        problems.append(page_problem)
    return render(
        request,
        "concept/public/measure_list.html",
        {
            "version": version,
            "contents": contents,
            "filters": filters,
            "problems": problems,
            "page_obj": page,
            "groups": selectors.grouped_by_field(page.object_list, contents.fields),
            "goals_by_field": contents.goals_by_field(),
            "statuses": Status.choices,
            "responsible_choices": responsible_choices,
            "field_param": FIELD_PARAM,
            "goal_param": GOAL_PARAM,
            "status_param": STATUS_PARAM,
            "responsible_param": RESPONSIBLE_PARAM,
            "no_goal": NO_GOAL,
        },
    )


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
    """A goal with its measures and, if it names an indicator, its target and the values
    the monitoring publishes for it (linked to the monitoring's map)."""
    page = get_or_404(selectors.goal_get, body=_body(request), user=request.user, pk=pk)
    return render(
        request,
        "concept/public/goal_detail.html",
        {
            "page": page,
            "goal": page.goal,
            "indicator_param": selectors.INDICATOR_PARAM,
            "snapshot_param": selectors.SNAPSHOT_PARAM,
        },
    )


@require_safe
@body_view
@public_page
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_or_404(selectors.measure_get, body=_body(request), user=request.user, pk=pk)
    return render(
        request, "concept/public/measure_detail.html", {"page": page, "measure": page.measure}
    )
