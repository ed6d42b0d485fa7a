"""Template filters for the concept's pages: money and progress in the page's language."""

from __future__ import annotations

from decimal import Decimal

from django import template

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
