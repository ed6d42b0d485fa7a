"""The rows of the concept's long tables, written in Python.

A version's measure list shows fifty measures a page and its overview a row per goal: as
included templates with a `{% url %}` each, their rows cost more than the rest of the page
together. These tags give the same markup as the templates would; the labels and the row
addresses are made once per rendering (`context.render_context`), not once per row.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from teilhabe.concept import formatting
from teilhabe.concept.models import Status
from teilhabe.concept.selectors import Figures, GoalBlock, MeasureRow
from teilhabe.concept.templatetags.concept_format import progress_bar

register = template.Library()

# Stands for the row's primary key while the row address is reversed once.
_PK_MARK = 987654321987

# The badge of each status (as `concept/public/_status.html` gives it).
_STATUS_KIND: dict[str, str] = {
    Status.DONE: "success",
    Status.DROPPED: "danger",
    Status.POSTPONED: "warning",
}


def _kit(context: template.Context, key: str, make: Callable[[template.Context], Any]) -> Any:
    """What every row of one rendering shares, made on the first row."""
    cache = context.render_context
    if key not in cache:
        cache[key] = make(context)
    return cache[key]


def _address(context: template.Context, name: str) -> tuple[str, str]:
    """The address of `name` around its `pk`, escaped: (before, after)."""
    url = reverse(name, kwargs={"body": context["current_body"].slug, "pk": _PK_MARK})
    before, after = url.rsplit(str(_PK_MARK), 1)
    return conditional_escape(before), conditional_escape(after)


def _badge(kind: str, label: str) -> str:
    return (
        f'<span class="kern-badge kern-badge--{kind}"><span class="kern-label '
        f'kern-label--small">{label}</span></span>'
    )


def _labels(context: template.Context) -> dict[str, Any]:
    """The labels of one rendering, escaped once."""
    labels = {value: conditional_escape(str(label)) for value, label in Status.choices}
    return {
        "lang": conditional_escape(str(context.get("content_language", ""))),
        "status_label": labels,
        "status_badge": {
            value: _badge(_STATUS_KIND.get(value, "info"), label) for value, label in labels.items()
        },
        "not_counted": conditional_escape(gettext("zählt beim Fortschritt nicht mit")),
        "none": conditional_escape(gettext("noch keine")),
        "measure_url": _address(context, "concept:measure_detail"),
        "goal_url": _address(context, "concept:goal_detail"),
    }


def _kit_of(context: template.Context) -> dict[str, Any]:
    kit: dict[str, Any] = _kit(context, "concept_rows", _labels)
    return kit


def _money(value: Decimal | None) -> str:
    return conditional_escape(formatting.money(value))


@register.simple_tag(takes_context=True)
def measure_row(context: template.Context, row: MeasureRow) -> SafeString:
    """One measure's row: its number and title (a link to its page), status, progress,
    planned and actual cost and who is responsible."""
    kit = _kit_of(context)
    lang = kit["lang"]
    status = kit["status_badge"].get(row.status) or _badge("info", conditional_escape(row.status))
    shown = row.shown_progress
    if shown is None:
        progress = (
            f'<span class="meta">–</span><span class="caption--hidden"> {kit["not_counted"]}</span>'
        )
    else:
        progress = conditional_escape(formatting.progress_text(shown))
    label = conditional_escape(str(row.responsible.label))
    responsible = (
        f'<span class="meta">{label}</span>'
        if row.responsible.missing
        else f'<bdi lang="{lang}">{label}</bdi>'
    )
    before, after = kit["measure_url"]
    return mark_safe(  # noqa: S308 (every value is escaped above)
        f'<tr class="kern-table__row">\n'
        f'  <th scope="row" class="kern-table__header"><a class="kern-link" '
        f'href="{before}{int(row.pk)}{after}">{int(row.number)}. '
        f'<bdi lang="{lang}">{conditional_escape(row.title)}</bdi></a></th>\n'
        f'  <td class="kern-table__cell">{status}</td>\n'
        f'  <td class="kern-table__cell">{progress}</td>\n'
        f'  <td class="kern-table__cell">{_money(row.planned_cost)}</td>\n'
        f'  <td class="kern-table__cell">{_money(row.actual_cost)}</td>\n'
        f'  <td class="kern-table__cell">{responsible}</td>\n'
        f"</tr>\n"
    )


# A version's overview: a row per goal ----------------------------------------------------------


def _figures_cell(
    kit: dict[str, Any], figures: Figures, href: str, hidden: str, *, strong: bool = False
) -> str:
    """How many measures (a link to them: `href`, with `hidden` for screen readers), how
    many in each status, as a table cell."""
    if not figures.count:
        return f'<td class="kern-table__cell"><span class="meta">{kit["none"]}</span></td>'
    count: str = conditional_escape(
        ngettext("%(counter)s Maßnahme", "%(counter)s Maßnahmen", figures.count)
        % {"counter": figures.count}
    )
    if strong:
        count = f"<strong>{count}</strong>"
    labels = kit["status_label"]
    statuses = ", ".join(
        f"{entry.count}\N{NO-BREAK SPACE}"
        f"{labels.get(entry.status) or conditional_escape(str(entry.label))}"
        for entry in figures.by_status
    )
    return (
        f'<td class="kern-table__cell"><a class="kern-link" href="{conditional_escape(href)}">'
        f'{count}<span class="caption--hidden"> {conditional_escape(hidden)}</span></a>'
        f'<br><span class="kern-body--small">{statuses}</span></td>'
    )


def _money_cells(figures: Figures, *, strong: bool = False) -> str:
    planned, actual = _money(figures.planned), _money(figures.actual)
    if strong:
        planned, actual = f"<strong>{planned}</strong>", f"<strong>{actual}</strong>"
    return (
        f'<td class="kern-table__cell">{planned}</td>\n<td class="kern-table__cell">{actual}</td>'
    )


@register.simple_tag
def with_query(url: str, *pairs: Any) -> str:
    """`url` with the query of `pairs` (name, value, name, value, …), not yet escaped."""
    return f"{url}?{urlencode(list(zip(pairs[::2], pairs[1::2], strict=True)))}"


@register.simple_tag(takes_context=True)
def figures_cells(
    context: template.Context, figures: Figures, href: str, hidden: str, strong: bool = False
) -> SafeString:
    """The cells of a row of figures: the measures (linked to `href`) by status, planned
    and actual cost."""
    kit = _kit_of(context)
    return mark_safe(  # noqa: S308 (every value is escaped where it is made)
        f"{_figures_cell(kit, figures, href, hidden, strong=strong)}\n"
        f"{_money_cells(figures, strong=strong)}"
    )


@register.simple_tag(takes_context=True)
def goal_row(
    context: template.Context, block: GoalBlock, measures_url: str, goal_param: str
) -> SafeString:
    """One goal's row of its field's table: its number and title (a link to its page),
    priority and the indicator it names with its target (no figures), its progress, its
    measures by status (a link to the list of them) and their money."""
    kit = _kit_of(context)
    goal = block.goal
    pk = int(goal.pk)
    before, after = kit["goal_url"]
    number = conditional_escape(gettext("Ziel %(number)s:") % {"number": goal.number})
    priority = ""
    if goal.priority:
        priority = " " + _badge(
            "info",
            conditional_escape(gettext("Priorität %(priority)s") % {"priority": goal.priority}),
        )
    target = ""
    if block.target is not None:
        target = (
            f'<br><span class="kern-body kern-body--small">'
            f"{conditional_escape(block.target.summary)}</span>"
        )
    hidden = gettext("zu Ziel %(number)s") % {"number": goal.number}
    measures = _figures_cell(kit, block.figures, with_query(measures_url, goal_param, pk), hidden)
    bar = progress_bar(block.progress, "goal", pk, goal.title)
    return mark_safe(  # noqa: S308 (every value is escaped above or where it is made)
        f'<tr class="kern-table__row" id="goal-{pk}">\n'
        f'<th scope="row" class="kern-table__header">{number} <a class="kern-link" '
        f'href="{before}{pk}{after}"><bdi lang="{kit["lang"]}">{conditional_escape(goal.title)}'
        f"</bdi></a>{priority}{target}</th>\n"
        f'<td class="kern-table__cell">{bar}</td>\n'
        f"{measures}\n"
        f"{_money_cells(block.figures)}\n"
        f"</tr>\n"
    )
