"""How the concept's numbers read: money, progress and a goal's target value in the active
language's format.

Money is a `Decimal` of euros, formatted with Django's localisation (German: 126.000,00 €;
English: 126,000.00 €). Nothing is rounded on the way except where a text says "whole
euros" (the headline). A target value is shown with the places the monitoring shows its
indicator with (a share with one, a location quotient with two), or more if it has them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext

from teilhabe.concept.progress import percent


def money(value: Decimal | int | None, *, whole: bool = False) -> str:
    """`value` euros with two decimals (or whole euros), grouped; "–" when there is none."""
    if value is None:
        return "–"
    amount = Decimal(value)
    if whole:
        amount = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    number = formats.number_format(amount, 0 if whole else 2, force_grouping=True)
    return gettext("%(amount)s €") % {"amount": number}


def progress_text(value: Decimal | None) -> str:
    """A progress value as "40 %" (whole percent), "–" when there is none."""
    whole = percent(value)
    if whole is None:
        return "–"
    return gettext("%(percent)s %%") % {"percent": whole}


def _places(value: Decimal) -> int:
    """How many decimal places `value` needs (trailing zeros do not count)."""
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def target_text(value: Decimal, *, places: int, unit: str = "", signed: bool = False) -> str:
    """A target value with at least `places` decimals, grouped, with its `unit` ("\u00a0%");
    `signed`: a change, with "+" before a rise."""
    number = formats.number_format(value, max(places, _places(value)), force_grouping=True)
    if signed and value > 0:
        number = f"+{number}"
    return f"{number}{unit}"
