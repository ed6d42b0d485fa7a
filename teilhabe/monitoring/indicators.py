"""Indicator values per district and for the city, computed from a snapshot's counts and
published only through `confidentiality`.

`compute` completes the counts into the snapshot's tables (districts summed up to their
Stadtteile and the city, categories to their totals), protects all of them at once in the
way the snapshot chose (`models.Snapshot.protection`), and derives every indicator from
the protected cells, so that every figure is shown alike on every page, map, download
and API.

Suppression (the default): primary and secondary suppression over all cells, then

* a count, or a sum of counts, is "." when any cell in it is suppressed (a sum of
  published cells gives nothing away), "–" when it is zero;
* a share is `primary.show_share` of numerator and denominator sums ("." if either is
  suppressed, "x" for a zero denominator, "/" below the minimum denominator);
* a location quotient is "." when any of its four sums is, "/" for a district below the
  minimum denominator, "x" when it cannot be formed;
* a ranking leaves out suppressed categories;
* a change is "." when the value on either date is, "/" or "x" likewise;
* the dissimilarity index (city only) is computed from the unmodified leaf counts and
  shown when the city's numerator and denominator are published. Limit: it is one
  non-linear function of cells that may be suppressed; rounded to one decimal it does not
  reveal a single cell in practice, but the audit does not cover it.

The Cell-Key Method (`cell_keys` given: the cell keys of the leaf cells, from the
register extract): nothing is suppressed, nothing is ".". Every count published — a cell
of any area (a district, a Stadtteil, the city), and a sum of several cells of one area,
which is one cell of the union of their records — is its true value moved by the noise
`cellkey.DEFAULT_TABLE` assigns to its cell key (`cellkey.complete_keys`: a parent's key
is the sum of its children's). Exact stay the zeros (noise 0) and the official totals:
the population (`characteristics.POPULATION`/`TOTAL`) of every area. Shares, location
quotients, rankings and changes are formed from these published counts, so parts may not
add up to their totals; a share is capped at 100 % (noise may lift a part above its
whole); the minimum-denominator rule ("/") holds as before; the dissimilarity index is
computed from the published leaf counts (its totals are their sums). A change between
snapshots of different protection compares what each published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from teilhabe.monitoring import characteristics as ch
from teilhabe.monitoring.catalogue import DEFINITIONS, IndicatorDefinition, Kind
from teilhabe.monitoring.confidentiality import (
    DEFAULT_MIN_DENOMINATOR,
    DEFAULT_THRESHOLD,
    CellKey,
    Shown,
    build_snapshot,
    show_count,
    show_share,
    suppress,
)
from teilhabe.monitoring.confidentiality.cellkey import cell_key, complete_keys, published
from teilhabe.monitoring.confidentiality.primary import (
    NOT_APPLICABLE,
    SUPPRESSED,
    UNCERTAIN,
    format_count,
    format_decimal,
)

CITY = "*"  # the city's area code where the body has no district of level "city"
TOP = 10


@dataclass(frozen=True)
class Figure:
    """One published value: indicator, area, sub-key (a category; "" if none), rank."""

    indicator: str
    area: str
    key: str
    shown: Shown
    rank: int | None = None


# The official totals, published exactly under the Cell-Key Method.
OFFICIAL = frozenset({(ch.POPULATION, ch.TOTAL)})


class _Tables:
    """The completed cells and how they are published: without the suppressed ones, or
    (with `cell_keys`) moved by the Cell-Key Method's noise."""

    def __init__(
        self,
        counts: Mapping[CellKey, int],
        parent_of: Mapping[str, str],
        threshold: int,
        cell_keys: Mapping[CellKey, int] | None = None,
    ) -> None:
        present = {characteristic for characteristic, _category, _area in counts}
        totals = {
            characteristic: total
            for characteristic, total in ch.TOTAL_OF.items()
            if characteristic in present and total[0] in present
        }
        snapshot = build_snapshot(counts, parent_of=parent_of, totals=totals)
        self.cells = snapshot.cells
        self.perturbed = cell_keys is not None
        if cell_keys is None:
            self.keys: dict[CellKey, int] = {}
            self.hidden = set(suppress(snapshot, threshold=threshold))
        else:
            self.keys = complete_keys(self.cells, cell_keys, parent_of=parent_of)
            self.hidden = set()
        self.present = present
        self.areas = sorted({area for _char, _cat, area in self.cells})
        parents = set(parent_of.values())
        self.leaves = [area for area in self.areas if area not in parents]

    def has(self, pairs: Iterable[tuple[str, str]]) -> bool:
        return all(characteristic in self.present for characteristic, _category in pairs)

    def sum(self, pairs: Iterable[tuple[str, str]], area: str) -> tuple[int, bool]:
        """The published sum of the cells (characteristic, category, area) and whether it
        is suppressed (under the Cell-Key Method: one cell, its own noise, never)."""
        cells = [(characteristic, category, area) for characteristic, category in pairs]
        value = sum(self.cells.get(cell, 0) for cell in cells)
        if not self.perturbed:
            return value, any(cell in self.hidden for cell in cells)
        official = bool(cells) and all(cell[:2] in OFFICIAL for cell in cells)
        key = cell_key(self.keys.get(cell, 0) for cell in cells)
        return published(value, key, official=official), False

    def categories(self, characteristic: str) -> list[str]:
        return sorted({cat for char, cat, _area in self.cells if char == characteristic})


def compute(
    counts: Mapping[CellKey, int],
    *,
    parent_of: Mapping[str, str],
    city: str = CITY,
    definitions: Sequence[IndicatorDefinition] = DEFINITIONS,
    earlier: Mapping[CellKey, int] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    min_denominator: int = DEFAULT_MIN_DENOMINATOR,
    cell_keys: Mapping[CellKey, int] | None = None,
    earlier_cell_keys: Mapping[CellKey, int] | None = None,
) -> list[Figure]:
    """Every indicator of `definitions` for every area (counts keyed (characteristic,
    category, area), areas linked by `parent_of` up to `city`); CHANGE indicators need
    the `earlier` snapshot's counts over the same districts.

    Without `cell_keys` the counts are protected by suppression; with them (the cell
    keys of the leaf cells) by the Cell-Key Method. `earlier_cell_keys` says the same of
    the `earlier` snapshot."""
    tables = _Tables(counts, parent_of, threshold, cell_keys)
    figures: list[Figure] = []
    by_code = {definition.code: definition for definition in definitions}
    before: dict[tuple[str, str, str], Figure] = {}
    if earlier is not None and any(d.kind is Kind.CHANGE for d in definitions):
        bases = [by_code[d.base] for d in definitions if d.kind is Kind.CHANGE]
        before = {
            (f.indicator, f.area, f.key): f
            for f in compute(
                earlier,
                parent_of=parent_of,
                city=city,
                definitions=bases,
                threshold=threshold,
                min_denominator=min_denominator,
                cell_keys=earlier_cell_keys,
            )
        }
    for definition in definitions:
        figures.extend(
            _figures(definition, tables, city, min_denominator, by_code, before, earlier)
        )
    return figures


def _figures(
    definition: IndicatorDefinition,
    tables: _Tables,
    city: str,
    min_denominator: int,
    by_code: Mapping[str, IndicatorDefinition],
    before: Mapping[tuple[str, str, str], Figure],
    earlier: object,
) -> list[Figure]:
    code, kind = definition.code, definition.kind
    if kind is Kind.CHANGE:
        if earlier is None:
            return []
        base = by_code[definition.base]
        current = {f.area: f for f in _figures(base, tables, city, min_denominator, {}, {}, None)}
        return [
            Figure(code, area, "", _change(figure.shown, before[(base.code, area, "")].shown))
            for area, figure in current.items()
            if (base.code, area, "") in before
        ]
    if not tables.has(definition.numerator) or not tables.has(definition.denominator):
        return []
    if kind is Kind.COUNT:
        return [
            Figure(code, area, "", _show_sum(*tables.sum(definition.numerator, area)))
            for area in tables.areas
        ]
    if kind is Kind.SHARE:
        return [
            Figure(
                code,
                area,
                "",
                _share(tables, definition.numerator, definition.denominator, area, min_denominator),
            )
            for area in tables.areas
        ]
    if kind is Kind.DISTRIBUTION:
        if definition.characteristic not in tables.present:
            return []
        return [
            Figure(
                code,
                area,
                category,
                _share(
                    tables,
                    ((definition.characteristic, category),),
                    definition.denominator,
                    area,
                    min_denominator,
                ),
            )
            for area in tables.areas
            for category in tables.categories(definition.characteristic)
        ]
    if kind is Kind.RANKING:
        return _ranking(definition, tables, city)
    if kind is Kind.LOCATION_QUOTIENT:
        return [
            Figure(code, area, "", _quotient(definition, tables, area, city, min_denominator))
            for area in tables.areas
        ]
    if kind is Kind.DISSIMILARITY:
        return [Figure(code, city, "", _dissimilarity(definition, tables, city))]
    raise ValueError(f"unknown kind {kind}")  # pragma: no cover


def _show_sum(value: int, suppressed: bool) -> Shown:
    return show_count(value, suppressed=suppressed)


def _share(
    tables: _Tables,
    numerator: Iterable[tuple[str, str]],
    denominator: Iterable[tuple[str, str]],
    area: str,
    min_denominator: int,
) -> Shown:
    top, top_hidden = tables.sum(numerator, area)
    bottom, bottom_hidden = tables.sum(denominator, area)
    if tables.perturbed:
        top = min(top, bottom)  # noise may lift a part above its whole: at most 100 %
    return show_share(
        top,
        bottom,
        numerator_suppressed=top_hidden,
        denominator_suppressed=bottom_hidden,
        min_denominator=min_denominator,
    )


def _ranking(definition: IndicatorDefinition, tables: _Tables, city: str) -> list[Figure]:
    shown = []
    for category in tables.categories(definition.characteristic):
        value, hidden = tables.sum(((definition.characteristic, category),), city)
        if not hidden and value > 0:
            shown.append((value, category))
    shown.sort(key=lambda item: (-item[0], item[1]))
    return [
        Figure(definition.code, city, category, show_count(value, suppressed=False), rank)
        for rank, (value, category) in enumerate(shown[:TOP], start=1)
    ]


def _quotient(
    definition: IndicatorDefinition, tables: _Tables, area: str, city: str, min_denominator: int
) -> Shown:
    top, top_hidden = tables.sum(definition.numerator, area)
    bottom, bottom_hidden = tables.sum(definition.denominator, area)
    city_top, city_top_hidden = tables.sum(definition.numerator, city)
    city_bottom, city_bottom_hidden = tables.sum(definition.denominator, city)
    if top_hidden or bottom_hidden or city_top_hidden or city_bottom_hidden:
        return Shown(SUPPRESSED, None, suppressed=True)
    if bottom == 0 or city_top == 0 or city_bottom == 0:
        return Shown(NOT_APPLICABLE, None)
    if bottom < min_denominator:
        return Shown(UNCERTAIN, None, uncertain=True)
    value = (Decimal(top) * city_bottom / (Decimal(bottom) * city_top)).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    return Shown(format_decimal(value, 2), value)


def _dissimilarity(definition: IndicatorDefinition, tables: _Tables, city: str) -> Shown:
    city_group, group_hidden = tables.sum(definition.numerator, city)
    city_all, all_hidden = tables.sum(definition.denominator, city)
    if group_hidden or all_hidden:
        return Shown(SUPPRESSED, None, suppressed=True)
    # From the leaf counts as published (unmodified under suppression), with the totals
    # their sums, so that each group's shares over the districts add up to one; the rest
    # of a district is never negative (noise may lift the group above everyone).
    leaves = []
    for area in tables.leaves:
        group, _hidden = tables.sum(definition.numerator, area)
        everyone, _hidden = tables.sum(definition.denominator, area)
        leaves.append((group, max(everyone - group, 0)))
    group_total = sum(group for group, _rest in leaves)
    rest_total = sum(rest for _group, rest in leaves)
    if min(city_group, city_all - city_group, group_total, rest_total) <= 0:
        return Shown(NOT_APPLICABLE, None)
    half_sum = sum(
        (abs(Decimal(group) / group_total - Decimal(rest) / rest_total) for group, rest in leaves),
        Decimal(0),
    )
    value = (half_sum * 50).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Shown(format_decimal(value, 1), value)


def _change(now: Shown, then: Shown) -> Shown:
    if now.suppressed or then.suppressed:
        return Shown(SUPPRESSED, None, suppressed=True)
    if now.value is None or then.value is None:
        uncertain = now.uncertain or then.uncertain
        return Shown(UNCERTAIN if uncertain else NOT_APPLICABLE, None, uncertain=uncertain)
    difference = now.value - then.value
    if isinstance(difference, int):
        text = format_count(abs(difference))
    else:
        text = format_decimal(abs(difference), 1)
    sign = "+" if difference > 0 else "-" if difference < 0 else "±"
    return Shown(f"{sign}{text}", difference)


def custom_definition(indicator: object) -> IndicatorDefinition:
    """A staff-defined `models.Indicator` as a definition: a share, or a count when it
    has no denominator."""
    numerator = tuple(tuple(pair) for pair in getattr(indicator, "numerator", []))
    denominator = tuple(tuple(pair) for pair in getattr(indicator, "denominator", []))
    return IndicatorDefinition(
        code=str(getattr(indicator, "code", "")),
        kind=Kind.SHARE if denominator else Kind.COUNT,
        name=str(getattr(indicator, "name", "")),
        definition=str(getattr(indicator, "definition", "")),
        relevance=str(getattr(indicator, "relevance", "")),
        source=str(getattr(indicator, "data_source", "")),
        method_notes=str(getattr(indicator, "method_notes", "")),
        numerator=numerator,
        denominator=denominator,
    )
