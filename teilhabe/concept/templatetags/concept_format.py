"""Template filters and tags for the concept's pages: money and progress in the page's
language, and a progress bar with its value as text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from teilhabe.concept import formatting, progress

register = template.Library()


@register.filter
def money(value: Decimal | int | None) -> str:
    """126.000,00 € (German), "–" for none."""
    return formatting.money(value)


@register.filter
def money_whole(value: Decimal | int | None) -> str:
    """126.000 € (German, whole euros), "–" for none."""
    return formatting.money(value, whole=True)


@register.filter
def percent(value: Decimal | None) -> int | None:
    """A progress value as a whole percentage (none stays none)."""
    return progress.percent(value)


@register.simple_tag
def progress_bar(
    value: Decimal | None, id_prefix: Any, id_suffix: Any, subject: Any = "", status: str = ""
) -> SafeString:
    """A labelled `<progress>` with its value as text (`id_prefix` and `id_suffix` together
    unique on the page; `subject` says what the progress is of, for screen readers); none
    says there is nothing to compute, or for a dropped measure (`status`) that it does not
    count."""
    whole = progress.percent(value)
    if whole is None:
        text = (
            gettext("entfallen – zählt beim Fortschritt nicht mit")
            if status == "dropped"
            else gettext("kein Fortschritt zu berechnen")
        )
        return mark_safe(  # noqa: S308 (escaped)
            f'<p class="kern-body kern-body--small meta">{conditional_escape(text)}</p>'
        )
    element_id = conditional_escape(f"progress-{id_prefix}-{id_suffix}")
    label = conditional_escape(gettext("Fortschritt: %(percent)s %%") % {"percent": whole})
    hidden = (
        f'<span class="caption--hidden"> – {conditional_escape(subject)}</span>' if subject else ""
    )
    return mark_safe(  # noqa: S308 (every value is escaped above)
        f'<div class="kern-progress">\n'
        f'  <label class="kern-label kern-label--small" for="{element_id}">{label}{hidden}'
        f"</label>\n"
        f'  <progress id="{element_id}" max="100" value="{whole}">{whole} %</progress>\n'
        f"</div>"
    )
