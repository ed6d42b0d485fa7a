"""The rows of the session desk's two long tables, written in Python.

The attendance table has a row per member (each with its inputs) and the agenda overview a
line per item: as included templates they cost more than the rest of the page together.
These tags give the same markup; the labels, the row address, the CSRF field and the
options of the two selects are made once per rendering (`context.render_context`), not
once per row.

A row's inputs are those of its `AttendanceForm`. Only a refused row carries its form
(`row.form`, with the input as typed and its errors); every other row's inputs are written
straight from the row, as the unbound form would render them: building and rendering
twenty forms cost more than the rest of the page (the tests compare both, byte for byte).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teilhabe.council.forms.session import AttendanceForm, local_time

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
        "status_choices": [
            (str(value), *_option(str(value), label))
            for value, label in AttendanceForm.base_fields["status"].choices  # type: ignore[attr-defined]
        ],
    }


def _escape(value: Any) -> str:
    """`conditional_escape` without its lazy wrapper for the common case, a plain `str`
    (exactly str: a SafeString keeps its markup); as `teilhabe.core.forms` writes widgets."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


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


# The unbound AttendanceForm's inputs, written from the row ------------------------------


def _option(value: str, label: Any) -> tuple[str, str]:
    """An <option> as the form renderer writes it, split around its `selected` mark."""
    return (f'\n  <option value="{html.escape(value)}"', f">{html.escape(str(label))}</option>\n")


def _options(choices: list[tuple[str, str, str]], selected: str) -> str:
    """The options of a select; the first whose value is `selected` is marked."""
    out = []
    marked = False
    for value, start, end in choices:
        if not marked and value == selected:
            out.append(f"{start} selected{end}")
            marked = True
        else:
            out.append(start + end)
    return "".join(out)


def _deputy_choices(deputies: Sequence[Any]) -> list[tuple[str, str, str]]:
    """The deputy select's options, as `PersonChoiceField` offers them."""
    return [
        ("", *_option("", _("– keine –"))),
        *((str(person.pk), *_option(str(person.pk), person.name)) for person in deputies),
    ]


def _select(name: str, form_id: str, options: str) -> str:
    return (
        f'<select name="{name}" form="{form_id}" class="kern-form-input__select" '
        f'id="id_{name}">{options}\n</select>'
    )


def _input(kind: str, name: str, value: str | None, form_id: str) -> str:
    shown = "" if value is None else f' value="{html.escape(value)}"'
    return (
        f'<input type="{kind}" name="{name}"{shown} form="{form_id}" '
        f'class="kern-form-input__input" id="id_{name}">'
    )


def _plain_cell(name: str, label: str, person: str, widget: str) -> str:
    return (
        f'  <td class="kern-table__cell">\n'
        f'    <label class="kern-label kern-sr-only" for="id_{name}">{label}: {person}</label>\n'
        f"    \n"
        f"    {widget}\n"
        f"  </td>\n"
    )


def _wrapped(select: str) -> str:
    return f'<div class="kern-form-input__select-wrapper">{select}</div>'


def _time(moment: Any) -> str | None:
    shown = local_time(moment)
    return None if shown is None else shown.strftime("%H:%M")


def _plain_inputs(
    row: Any, kit: dict[str, Any], deputies: list[tuple[str, str, str]], person: str
) -> tuple[str, str]:
    """The four cells and the hidden version of an unbound AttendanceForm for `row`."""
    prefix = f"a{int(row.pk)}"
    form_id = f"attendance-form-{int(row.pk)}"
    if row.deputy_id is not None and all(value != str(row.deputy_id) for value, *_ in deputies):
        # A deputy already standing in stays choosable even if their membership ended.
        deputies = [*deputies, (str(row.deputy_id), *_option(str(row.deputy_id), row.deputy.name))]
    status = _select(f"{prefix}-status", form_id, _options(kit["status_choices"], row.status))
    deputy = _select(
        f"{prefix}-deputy",
        form_id,
        _options(deputies, "" if not row.deputy_id else str(row.deputy_id)),
    )
    cells = (
        _plain_cell(f"{prefix}-status", kit["status"], person, _wrapped(status))
        + _plain_cell(f"{prefix}-deputy", kit["deputy"], person, _wrapped(deputy))
        + _plain_cell(
            f"{prefix}-arrived",
            kit["arrived"],
            person,
            _input("time", f"{prefix}-arrived", _time(row.arrived), form_id),
        )
        + _plain_cell(
            f"{prefix}-left",
            kit["left"],
            person,
            _input("time", f"{prefix}-left", _time(row.left), form_id),
        )
    )
    return cells, _input("hidden", f"{prefix}-version", str(row.version), form_id)


@register.simple_tag(takes_context=True)
def attendance_row(context: template.Context, row: Any, deputies: Sequence[Any]) -> SafeString:
    """One member's row of the attendance table: with the inputs of `row.form` if the row
    carries one (a refused input), else those of its unbound form, with `deputies` (the
    `AttendanceState`'s, as the form gets them) to choose from."""
    kit = _kit(context, "session_desk.attendance", _attendance_kit)
    form = getattr(row, "form", None)
    pk = int(row.pk)
    person = _escape(row.person.name)
    badge = (
        ""
        if row.voting
        else ' <span class="kern-badge kern-badge--info"><span class="kern-label '
        f'kern-label--small">{kit["no_vote"]}</span></span>'
    )
    general = form.general_errors() if form is not None and form.is_bound else []
    general_html = f'<p class="kern-error" role="alert">{_errors(general)}</p>' if general else ""
    url = f"{kit['url'][0]}{pk}{kit['url'][1]}"
    if form is None:
        # Every row of a rendering gets the same list; its options are written once.
        choices = _kit(
            context,
            f"session_desk.deputies.{id(deputies)}",
            lambda _c: _deputy_choices(deputies or []),
        )
        cells, version = _plain_inputs(row, kit, choices, person)
        form_id = f"attendance-form-{pk}"
    else:
        cells = (
            f"{_cell(form, 'status', kit['status'], person, True)}"
            f"{_cell(form, 'deputy', kit['deputy'], person, True)}"
            f"{_cell(form, 'arrived', kit['arrived'], person, False)}"
            f"{_cell(form, 'left', kit['left'], person, False)}"
        )
        version = str(form["version"])
        form_id = conditional_escape(form.form_id)
    return mark_safe(  # noqa: S308 (every value is escaped above, widgets render escaped)
        f'\n<tr class="kern-table__row" id="anwesenheit-{pk}">\n'
        f'  <th scope="row" class="kern-table__cell">{person}{badge}\n'
        f"    {general_html}</th>\n"
        f"{cells}"
        f'  <td class="kern-table__cell kern-table__cell--action">\n'
        f'    <form id="{form_id}" method="post" action="{url}" '
        f'hx-post="{url}" hx-target="closest tr" hx-swap="outerHTML">{kit["csrf"]}\n'
        f"      {version}\n"
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
    return "–" if value is None else _escape(value)


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
    number = _escape(item.number)
    badges = ("" if item.public else _badge("warning", labels["nonpublic"])) + (
        _badge("info", labels["reduced_quorum"]) if getattr(item, "reduced_quorum", False) else ""
    )
    if item.votes_yes is not None:
        votes = (
            f"{_escape(item.votes_yes)} / {_or_dash(item.votes_no)} / "
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
        href = _escape(
            f"{context.get('desk_url', '')}?{context.get('current_item_param', '')}={pk}#top-{pk}"
        )
        action = labels["change"] if item.result else labels["record"]
        link = f'<a class="kern-link" href="{href}">{action}{sr_item}</a>'
    css = " session-row--current" if current else ""
    oob = ' hx-swap-oob="true"' if context.get("row_oob") else ""
    return mark_safe(  # noqa: S308 (every value is escaped above)
        f'<tr class="kern-table__row{css}" id="zeile-{pk}"{oob}>\n'
        f'  <th scope="row" class="kern-table__cell">{number}</th>\n'
        f'  <td class="kern-table__cell">{_escape(item.name)}{badges}</td>\n'
        f'  <td class="kern-table__cell">'
        f"{_escape(getattr(item, 'result_label', '') or '–')}</td>\n"
        f'  <td class="kern-table__cell">{votes}</td>\n'
        f'  <td class="kern-table__cell kern-table__cell--action">{link}</td>\n'
        f"</tr>"
    )
