"""The rows of the session desk's two long tables, written in Python.

The attendance table has a row per member (each with its form) and the agenda overview a
line per item: as included templates they cost more than the rest of the page together.
These tags give the same markup; the labels, the row address and the CSRF field are made
once per rendering (`context.render_context`), not once per row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# Stands for the row's primary key while the row address is reversed once.
_PK_MARK = 987654321987


def _kit(context: template.Context, key: str, make: Callable[[template.Context], Any]) -> Any:
    """What every row of one rendering shares, made on the first row."""
    cache = context.render_context
    if key not in cache:
        cache[key] = make(context)
    return cache[key]


def _attendance_kit(context: template.Context) -> dict[str, Any]:
    meeting = context["meeting"]
    url = reverse(
        "council_staff:session_attendance_set",
        kwargs={"body": context["current_body"].slug, "pk": meeting.pk, "attendance_pk": _PK_MARK},
    )
    before, after = url.rsplit(str(_PK_MARK), 1)
    return {
        "url": (conditional_escape(before), conditional_escape(after)),
        "csrf": CsrfTokenNode().render(context),
        "no_vote": conditional_escape(_("ohne Stimmrecht")),
        "status": conditional_escape(_("Status")),
        "deputy": conditional_escape(_("vertreten durch")),
        "arrived": conditional_escape(_("gekommen um")),
        "left": conditional_escape(_("gegangen um")),
        "save": conditional_escape(_("Speichern")),
    }


def _errors(errors: Any) -> str:
    return " ".join(conditional_escape(error) for error in errors)


def _cell(form: Any, name: str, label: str, person: str, select: bool) -> str:
    field = form[name]
    error = ""
    if form.is_bound and field.errors:
        error = (
            f'<p class="kern-error" id="{conditional_escape(field.auto_id)}_error">'
            f"{_errors(field.errors)}</p>"
        )
    widget = str(field)
    if select:
        widget = f'<div class="kern-form-input__select-wrapper">{widget}</div>'
    label_for = conditional_escape(field.id_for_label)
    return (
        f'  <td class="kern-table__cell">\n'
        f'    <label class="kern-label kern-sr-only" for="{label_for}">{label}: {person}</label>\n'
        f"    {error}\n"
        f"    {widget}\n"
        f"  </td>\n"
    )


@register.simple_tag(takes_context=True)
def attendance_row(context: template.Context, row: Any) -> SafeString:
    """One member's row of the attendance table with the inputs of `row.form`."""
    kit = _kit(context, "session_desk.attendance", _attendance_kit)
    form = row.form
    pk = int(row.pk)
    person = conditional_escape(row.person.name)
    badge = (
        ""
        if row.voting
        else ' <span class="kern-badge kern-badge--info"><span class="kern-label '
        f'kern-label--small">{kit["no_vote"]}</span></span>'
    )
    general = form.general_errors() if form.is_bound else []
    general_html = f'<p class="kern-error" role="alert">{_errors(general)}</p>' if general else ""
    url = f"{kit['url'][0]}{pk}{kit['url'][1]}"
    return mark_safe(  # noqa: S308 (every value is escaped above, widgets render escaped)
        f'\n<tr class="kern-table__row" id="anwesenheit-{pk}">\n'
        f'  <th scope="row" class="kern-table__cell">{person}{badge}\n'
        f"    {general_html}</th>\n"
        f"{_cell(form, 'status', kit['status'], person, True)}"
        f"{_cell(form, 'deputy', kit['deputy'], person, True)}"
        f"{_cell(form, 'arrived', kit['arrived'], person, False)}"
        f"{_cell(form, 'left', kit['left'], person, False)}"
        f'  <td class="kern-table__cell kern-table__cell--action">\n'
        f'    <form id="{conditional_escape(form.form_id)}" method="post" action="{url}" '
        f'hx-post="{url}" hx-target="closest tr" hx-swap="outerHTML">{kit["csrf"]}\n'
        f"      {form['version']}\n"
        f'      <button type="submit" id="attendance-save-{pk}" class="kern-btn '
        f'kern-btn--secondary kern-btn--x-small"><span class="kern-label">{kit["save"]}'
        f'<span class="kern-sr-only">: {person}</span></span></button>\n'
        f"    </form>\n"
        f"  </td>\n"
        f"</tr>"
    )


def _badge(kind: str, label: str) -> str:
    return (
        f' <span class="kern-badge kern-badge--{kind}"><span class="kern-label '
        f'kern-label--small">{label}</span></span>'
    )


def _or_dash(value: Any) -> str:
    return "–" if value is None else conditional_escape(value)


@register.simple_tag(takes_context=True)
def agenda_row(context: template.Context, item: Any) -> SafeString:
    """One line of the agenda overview: number, name, result, votes and the link to the
    item's forms (`labels`, `desk_url`, `current_item_pk` and `current_item_param` come from
    the view's `_row_context`); with `row_oob` it replaces its old self in an htmx answer."""
    labels = _kit(
        context,
        "session_desk.agenda",
        lambda ctx: {key: conditional_escape(value) for key, value in ctx["labels"].items()},
    )
    pk = int(item.pk)
    current = pk == context.get("current_item_pk")
    number = conditional_escape(item.number)
    badges = ("" if item.public else _badge("warning", labels["nonpublic"])) + (
        _badge("info", labels["reduced_quorum"]) if getattr(item, "reduced_quorum", False) else ""
    )
    if item.votes_yes is not None:
        votes = (
            f"{conditional_escape(item.votes_yes)} / {_or_dash(item.votes_no)} / "
            f"{_or_dash(item.votes_abstain)}"
        )
    else:
        votes = "–"
    if getattr(item, "vote_warnings", None):
        votes += _badge("danger", labels["check"])
    sr_item = f'<span class="kern-sr-only">: {labels["item"]} {number}</span>'
    if current:
        link = (
            f'<a class="kern-link" href="#top-{pk}" aria-current="true">{labels["current"]}'
            f"{sr_item}</a>"
        )
    else:
        href = conditional_escape(
            f"{context.get('desk_url', '')}?{context.get('current_item_param', '')}={pk}#top-{pk}"
        )
        action = labels["change"] if item.result else labels["record"]
        link = f'<a class="kern-link" href="{href}">{action}{sr_item}</a>'
    css = " session-row--current" if current else ""
    oob = ' hx-swap-oob="true"' if context.get("row_oob") else ""
    return mark_safe(  # noqa: S308 (every value is escaped above)
        f'<tr class="kern-table__row{css}" id="zeile-{pk}"{oob}>\n'
        f'  <th scope="row" class="kern-table__cell">{number}</th>\n'
        f'  <td class="kern-table__cell">{conditional_escape(item.name)}{badges}</td>\n'
        f'  <td class="kern-table__cell">'
        f"{conditional_escape(getattr(item, 'result_label', '') or '–')}</td>\n"
        f'  <td class="kern-table__cell">{votes}</td>\n'
        f'  <td class="kern-table__cell kern-table__cell--action">{link}</td>\n'
        f"</tr>"
    )
