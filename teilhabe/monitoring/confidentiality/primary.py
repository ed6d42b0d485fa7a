"""Primary suppression and the display of counts and shares in German tables.

Rule (municipal practice, see the project's rules on statistics): a count from 1 up to
below the threshold (3 by default) is not published. The signs follow the German
convention for statistical tables (DIN 55301, Destatis "Zeichenerklärung"):

====  ===========================================================================
``–``  exactly zero ("nichts vorhanden")
``.``  suppressed ("Zahlenwert unbekannt oder geheim zu halten")
``/``  no value, too uncertain ("keine Angabe, da Zahlenwert nicht sicher genug")
``x``  cannot be shown, no meaningful value ("Tabellenfach gesperrt")
``0``  a share that rounds to zero but is more than nothing ("0,0 %")
====  ===========================================================================

Numbers are written the German way: "1.234", shares "12,5 %" (with a no-break space
before the percent sign, so a line never starts with it). Which cells are suppressed
beyond the primary ones is `secondary`'s business; the display functions only take the
verdict as flags, so every output shows a cell the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

DEFAULT_THRESHOLD = 3
# Practice, not law: below this base a share is marked "/" (too uncertain).
DEFAULT_MIN_DENOMINATOR = 10

ZERO = "–"
SUPPRESSED = "."
UNCERTAIN = "/"
NOT_APPLICABLE = "x"
PERCENT = "\u00a0%"

K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Shown:
    """A table entry as published: its text, and its value only where it may be shown."""

    text: str
    value: int | Decimal | None
    suppressed: bool = False
    uncertain: bool = False


def is_primary(value: int, *, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """A count that must not be published on its own: 0 < value < threshold."""
    if value < 0:
        raise ValueError(f"a count is never negative: {value}")
    return 0 < value < threshold


def primary_suppressed(
    cells: Mapping[K, int], *, threshold: int = DEFAULT_THRESHOLD
) -> frozenset[K]:
    """The keys of `cells` whose count is primary-suppressed. Zeros never are."""
    return frozenset(key for key, value in cells.items() if is_primary(value, threshold=threshold))


def format_count(value: int) -> str:
    """A count in German notation: 1234567 -> "1.234.567"."""
    return f"{value:,}".replace(",", ".")


def format_decimal(value: Decimal, decimals: int) -> str:
    """A rounded number in German notation: 1234.5 -> "1.234,5"."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def show_count(value: int, *, suppressed: bool) -> Shown:
    """A count as published: "." if suppressed, "–" if zero, else "1.234"."""
    if value < 0:
        raise ValueError(f"a count is never negative: {value}")
    if suppressed:
        return Shown(SUPPRESSED, None, suppressed=True)
    if value == 0:
        return Shown(ZERO, 0)
    return Shown(format_count(value), value)


def show_share(
    numerator: int,
    denominator: int,
    *,
    numerator_suppressed: bool,
    denominator_suppressed: bool,
    min_denominator: int = DEFAULT_MIN_DENOMINATOR,
    decimals: int = 1,
) -> Shown:
    """numerator / denominator in percent, as published.

    In this order: "." if either count is suppressed (a share would give the suppressed
    count away); "x" if the denominator is zero; "/" if it is below `min_denominator`;
    "–" if the numerator is exactly zero; otherwise the share rounded half up to
    `decimals` places, "12,5 %" ("0,0 %" is more than nothing).
    """
    if numerator < 0 or denominator < 0:
        raise ValueError("counts are never negative")
    if numerator_suppressed or denominator_suppressed:
        return Shown(SUPPRESSED, None, suppressed=True)
    if denominator == 0:
        return Shown(NOT_APPLICABLE, None)
    if denominator < min_denominator:
        return Shown(UNCERTAIN, None, uncertain=True)
    if numerator == 0:
        return Shown(ZERO, Decimal(0))
    exponent = Decimal(1).scaleb(-decimals)
    share = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(exponent, ROUND_HALF_UP)
    return Shown(format_decimal(share, decimals) + PERCENT, share)


def show_counts(cells: Mapping[K, int], suppressed: Iterable[K]) -> dict[K, Shown]:
    """Every cell as published, given the keys to suppress (primary and secondary)."""
    hidden = set(suppressed)
    return {key: show_count(value, suppressed=key in hidden) for key, value in cells.items()}
