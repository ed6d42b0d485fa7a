"""The monitoring's indicators as goals name them, and what the monitoring publishes for a
goal's indicator.

A goal names the indicator that shows its effect by its code (`models.Goal`): one of the
catalogue's (`monitoring.catalogue`, in code, read without a query) or one of the body's
own alive `monitoring.Indicator`s. Only indicators with one value per area can be a
target (`SCALAR_KINDS`: count, share, location quotient, change).

Every value shown comes from the monitoring's protected figures (`figures_by_snapshot`,
the one place that applies suppression), never from counts: a suppressed value reads "."
as on the monitoring's own pages. The costs are fixed: the names for any number of goals
take no query, or one when a goal names one of the body's own indicators
(`goal_targets`); a goal's readings take the snapshots, the district hierarchy and the
counts of every snapshot shown in one query (`goal_effect`), whatever their number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from teilhabe.concept import formatting
from teilhabe.concept.models import Goal
from teilhabe.core.models import Body
from teilhabe.districts.models import District
from teilhabe.monitoring import indicators, selectors
from teilhabe.monitoring.catalogue import CATALOGUE, DEFINITIONS, IndicatorDefinition, Kind
from teilhabe.monitoring.confidentiality import Shown
from teilhabe.monitoring.models import Indicator, Snapshot
from teilhabe.monitoring.views import common

SCALAR_KINDS = common.SCALAR_KINDS
# The query parameters of the monitoring's pages a goal's page links with.
SNAPSHOT_PARAM = common.SNAPSHOT_PARAM
INDICATOR_PARAM = common.INDICATOR_PARAM
# How many snapshots a goal's page shows (the newest): a short series, not the profile.
SERIES_LENGTH = 5
# What each sign of a published value means, for the signs a goal's readings show.
SIGNS = {
    ".": _("„.“ geheim gehalten (kleine Zahlen und Werte, aus denen sie sich errechnen ließen)"),
    "/": _("„/“ zu unsicher (weniger als 10 Personen im Nenner)"),
    "x": _("„x“ kein sinnvoller Wert"),
    "–": _("„–“ null"),
}
# The decimals the monitoring shows a value of each kind with (a change: as its base).
_PLACES = {Kind.COUNT: 0, Kind.SHARE: 1, Kind.LOCATION_QUOTIENT: 2}


def catalogue_choices() -> list[IndicatorDefinition]:
    """The catalogue's indicators a goal can name, in the catalogue's order."""
    return [d for d in DEFINITIONS if d.kind in SCALAR_KINDS]


def own_indicators(body_id: int, codes: Iterable[str] | None = None) -> list[IndicatorDefinition]:
    """The body's own alive indicators (those of `codes` only, if given), by code (one
    query). Each is a share, or a count without a denominator: always scalar."""
    rows = Indicator.objects.alive().filter(body_id=body_id)
    if codes is not None:
        rows = rows.filter(code__in=sorted(codes))
    return [indicators.custom_definition(row) for row in rows.order_by("code", "pk")]


def definitions_for(body_id: int, codes: Iterable[str]) -> dict[str, IndicatorDefinition]:
    """Code -> definition of every code in `codes` the monitoring knows for the body: the
    catalogue's without a query, the body's own in one (only if one is asked for)."""
    wanted = {code for code in codes if code}
    found = {code: CATALOGUE[code] for code in wanted if code in CATALOGUE}
    rest = wanted - found.keys()
    if rest:
        found.update({d.code: d for d in own_indicators(body_id, rest)})
    return found


def definition_of(body_id: int, code: str) -> IndicatorDefinition | None:
    return definitions_for(body_id, [code]).get(code)


def places_of(definition: IndicatorDefinition) -> int:
    if definition.kind is Kind.CHANGE:
        base = CATALOGUE.get(definition.base)
        return _PLACES.get(base.kind, 1) if base is not None else 1
    return _PLACES.get(definition.kind, 2)


# What a goal names ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A goal's indicator and target, as lists and pages show them. `definition` is None
    when the monitoring no longer knows the code (a removed own indicator)."""

    code: str
    definition: IndicatorDefinition | None
    value: Decimal | None
    district: District | None
    year: int | None

    @property
    def name(self) -> str:
        return str(self.definition.name) if self.definition is not None else self.code

    @property
    def value_text(self) -> str:
        """The target value with the indicator's unit ("25,0 %"); "" without one."""
        if self.value is None:
            return ""
        if self.definition is None:
            return formatting.target_text(self.value, places=0)
        return formatting.target_text(
            self.value,
            places=places_of(self.definition),
            unit=common.unit_of(self.definition, CATALOGUE),
            signed=self.definition.kind is Kind.CHANGE,
        )

    @property
    def area(self) -> str:
        """The district's name, or „Gesamtstadt“ for the whole city."""
        return self.district.name if self.district is not None else gettext("Gesamtstadt")

    @property
    def details(self) -> str:
        """Where and by when: „Nordstadt, 2030“ or „Gesamtstadt“."""
        if self.year is None:
            return self.area
        return gettext("%(area)s, %(year)s") % {"area": self.area, "year": self.year}

    @property
    def summary(self) -> str:
        """„Indikator: … – Zielwert: … (Gesamtstadt, 2030)“, for lists."""
        if self.value is None:
            return gettext("Indikator: %(name)s (%(details)s)") % {
                "name": self.name,
                "details": self.details,
            }
        return gettext("Indikator: %(name)s – Zielwert: %(value)s (%(details)s)") % {
            "name": self.name,
            "value": self.value_text,
            "details": self.details,
        }


def target_of(goal: Goal, definitions: dict[str, IndicatorDefinition]) -> Target | None:
    """The goal's target (its `target_district` loaded with it), None without indicator."""
    if not goal.indicator_code:
        return None
    return Target(
        code=goal.indicator_code,
        definition=definitions.get(goal.indicator_code),
        value=goal.target_value,
        district=goal.target_district if goal.target_district_id is not None else None,
        year=goal.target_year,
    )


def goal_targets(goals: Iterable[Goal], body_id: int) -> dict[int, Target]:
    """Goal pk -> target of each goal that names an indicator (goals read with their
    `target_district`; no query, or one for the body's own indicators)."""
    named = [goal for goal in goals if goal.indicator_code]
    definitions = definitions_for(body_id, {goal.indicator_code for goal in named})
    return {
        goal.pk: target for goal in named if (target := target_of(goal, definitions)) is not None
    }


# What the monitoring publishes for it -----------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """The indicator's value in the goal's area on one reference date, as published; None
    when the monitoring has none there (e.g. a change on the first date)."""

    snapshot: Snapshot
    shown: Shown | None

    @property
    def date(self) -> dt.date:
        return self.snapshot.reference_date

    @property
    def text(self) -> str:
        return self.shown.text if self.shown is not None else "x"


@dataclass(frozen=True)
class Effect:
    """A goal's target with the indicator's values in its area, the newest first."""

    target: Target
    # The monitoring's code of the area ("" when nothing can be read for it).
    area_code: str = ""
    readings: list[Reading] = field(default_factory=list)

    @property
    def current(self) -> Reading | None:
        return self.readings[0] if self.readings else None

    @property
    def earlier(self) -> list[Reading]:
        return self.readings[1:]

    @property
    def signs(self) -> list[str]:
        """What the signs among the readings mean, in the order of `SIGNS`."""
        shown = {reading.text for reading in self.readings}
        return [str(label) for sign, label in SIGNS.items() if sign in shown]

    @property
    def readable(self) -> bool:
        """Whether the monitoring knows the indicator and the area (alive)."""
        district = self.target.district
        return self.target.definition is not None and (district is None or not district.deleted)


def _definitions(definition: IndicatorDefinition) -> list[IndicatorDefinition]:
    """The definitions `compute` needs for `definition`: a change needs its base."""
    if definition.kind is Kind.CHANGE and definition.base in CATALOGUE:
        return [definition, CATALOGUE[definition.base]]
    return [definition]


def goal_effect(goal: Goal, body: Body) -> Effect | None:
    """The goal's target and its indicator's published values in its area (the district,
    else the whole city) on the newest `SERIES_LENGTH` reference dates. At most five
    queries for any number of snapshots (the body's own indicator, the snapshots, the
    city's code, the hierarchy and the counts); none without an indicator."""
    target = target_of(goal, definitions_for(body.pk, [goal.indicator_code]))
    if target is None:
        return None
    effect = Effect(target=target)
    definition = target.definition
    if definition is None or not effect.readable:
        return effect
    snapshots = common.snapshots_of(body)
    series = snapshots[:SERIES_LENGTH]
    if not series:
        return effect
    if target.district is not None:
        area = target.district.code
    else:
        _parent_of, area = selectors.area_hierarchy(body)
    figures = common.figures_by_snapshot(body, series, snapshots, _definitions(definition))
    readings = [
        Reading(snapshot, common.Table(figures[snapshot.pk]).shown(definition.code, area))
        for snapshot in series
    ]
    return Effect(target=target, area_code=area, readings=readings)
