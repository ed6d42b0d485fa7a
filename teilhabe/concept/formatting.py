"""How the concept's numbers read: money and progress in the active language's format.

Money is a `Decimal` of euros, formatted with Django's localisation (German: 126.000,00 €;
English: 126,000.00 €). Nothing is rounded on the way except where a text says "whole
euros" (the headline).
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
