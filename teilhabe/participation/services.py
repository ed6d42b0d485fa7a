"""Writes of thresholds and needs, each with its change history and versioned saves.

`needs_propose` is the one place that turns a snapshot's figures into proposed needs: it
reads them from `monitoring.selectors.snapshot_figures` (and so with suppression applied)
and uses only values that are shown. A suppressed or uncertain value ("." or "/")
proposes nothing, and a rule against the city proposes nothing while the city's value is
not shown; so a need never reveals a value that the monitoring does not publish.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction

from teilhabe.concept.models import Goal
from teilhabe.core import history
from teilhabe.core.concurrency import save_versioned
from teilhabe.core.models import Body
from teilhabe.council.services import ensure_writable
from teilhabe.districts.models import District
from teilhabe.monitoring.catalogue import CATALOGUE, Kind
from teilhabe.monitoring.models import Indicator, Snapshot
from teilhabe.monitoring.selectors import area_hierarchy, snapshot_figures
from teilhabe.participation import errors
from teilhabe.participation.models import Need, Threshold

# Kinds with a value per district a threshold can be set on (a ranking and the
# dissimilarity index are the city's only; a change needs an earlier snapshot).
DISTRICT_KINDS = (Kind.COUNT, Kind.SHARE, Kind.DISTRIBUTION, Kind.LOCATION_QUOTIENT)
WITH_CATEGORIES = (Kind.DISTRIBUTION,)
LIMIT = Decimal("9999999999.99")


def indicator_kind(body: Body | int, code: str) -> Kind | None:
    """The kind of indicator `code` for `body` (catalogue or the body's own), or None."""
    definition = CATALOGUE.get(code)
    if definition is not None:
        return definition.kind if definition.kind in DISTRICT_KINDS else None
    own = Indicator.objects.alive().filter(body=body, code=code).values_list("denominator").first()
    if own is None:
        return None
    return Kind.SHARE if own[0] else Kind.COUNT


def _checked(body: Body | int, indicator: str, category: str, value: Any) -> Decimal:
    kind = indicator_kind(body, indicator)
    if kind is None:
        raise errors.UnknownIndicator(field="indicator")
    if bool(category) != (kind in WITH_CATEGORIES):
        raise errors.CategoryRequired(field="category")
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise errors.InvalidValue(field="value")
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise errors.InvalidValue(field="value") from exc
    if not amount.is_finite() or amount.as_tuple().exponent < -2 or abs(amount) > LIMIT:  # type: ignore[operator]
        raise errors.InvalidValue(field="value")
    return amount


@transaction.atomic
def threshold_create(
    *,
    body: Body,
    indicator: str,
    rule: str,
    value: Any,
    category: str = "",
    note: str = "",
    active: bool = True,
) -> Threshold:
    ensure_writable(body)
    amount = _checked(body, indicator, category, value)
    threshold = Threshold(
        body=body,
        indicator=indicator,
        category=category,
        rule=rule,
        value=amount,
        note=note,
        active=active,
    )
    threshold.full_clean()
    threshold.save()
    history.record_create(threshold)
    return threshold


@transaction.atomic
def threshold_update(
    *,
    threshold: Threshold,
    expected_version: int,
    indicator: str,
    rule: str,
    value: Any,
    category: str = "",
    note: str = "",
    active: bool = True,
) -> Threshold:
    ensure_writable(threshold.body_id)
    current = Threshold.objects.get(pk=threshold.pk, deleted=False)
    before = history.snapshot(current)
    current.value = _checked(current.body_id, indicator, category, value)
    current.indicator, current.category, current.rule = indicator, category, rule
    current.note, current.active = note, active
    current.full_clean()
    save_versioned(current, expected_version=expected_version)
    history.record_update(current, before)
    return current


@transaction.atomic
def threshold_delete(*, threshold: Threshold, expected_version: int) -> Threshold:
    """Soft-delete a threshold; the needs it proposed stay."""
    ensure_writable(threshold.body_id)
    current = Threshold.objects.get(pk=threshold.pk, deleted=False)
    current.deleted = True
    save_versioned(current, expected_version=expected_version)
    history.record_delete(current)
    return current


def needs_propose(*, snapshot: Snapshot) -> list[Need]:
    """Propose a need for every district of `snapshot` over an active threshold of its
    body, from the shown values only; returns the new ones (a second run creates none)."""
    ensure_writable(snapshot.body_id)
    thresholds = list(Threshold.objects.alive().filter(body_id=snapshot.body_id, active=True))
    if not thresholds:
        return []
    _parent_of, city = area_hierarchy(snapshot.body_id)
    districts = {
        district.code: district
        for district in District.objects.alive().filter(body_id=snapshot.body_id)
    }
    figures = {(f.indicator, f.area, f.key): f.shown for f in snapshot_figures(snapshot)}
    created: list[Need] = []
    for threshold in thresholds:
        key = threshold.category
        city_shown = figures.get((threshold.indicator, city, key))
        city_value = None
        if city_shown is not None and not (city_shown.suppressed or city_shown.uncertain):
            city_value = city_shown.value
        for (indicator, area, category), shown in sorted(figures.items()):
            if indicator != threshold.indicator or category != key or area == city:
                continue
            district = districts.get(area)
            if district is None or shown.suppressed or shown.uncertain or shown.value is None:
                continue
            if not threshold.exceeded(shown.value, city_value):
                continue
            need = _propose(
                threshold,
                district,
                snapshot,
                shown.text,
                Decimal(shown.value),
                city_shown.text if city_value is not None and city_shown else "",
                city_value,
            )
            if need is not None:
                created.append(need)
    return created


def _propose(
    threshold: Threshold,
    district: District,
    snapshot: Snapshot,
    text: str,
    value: Decimal,
    city_text: str,
    city_value: Any,
) -> Need | None:
    if Need.objects.filter(threshold=threshold, district=district, snapshot=snapshot).exists():
        return None
    need = Need(
        body_id=snapshot.body_id,
        threshold=threshold,
        district=district,
        snapshot=snapshot,
        value_text=text,
        value=value,
        city_text=city_text,
        city_value=Decimal(city_value) if city_value is not None else None,
    )
    try:
        with transaction.atomic():
            need.save()
            history.record_create(need)
    except IntegrityError:  # proposed concurrently
        return None
    return need


def _changed(need: Need, expected_version: int, **changes: Any) -> Need:
    ensure_writable(need.body_id)
    with transaction.atomic():
        current = Need.objects.get(pk=need.pk, deleted=False)
        before = history.snapshot(current)
        for name, value in changes.items():
            setattr(current, name, value)
        save_versioned(current, expected_version=expected_version)
        history.record_update(current, before)
    return current


def need_confirm(*, need: Need, expected_version: int) -> Need:
    return _changed(need, expected_version, state=Need.State.CONFIRMED)


def need_dismiss(*, need: Need, expected_version: int) -> Need:
    return _changed(need, expected_version, state=Need.State.DISMISSED)


def need_comment(*, need: Need, expected_version: int, comment: str) -> Need:
    return _changed(need, expected_version, comment=comment.strip())


def need_link_goal(*, need: Need, expected_version: int, goal: Goal | None) -> Need:
    """Link `need` to a goal of the concept of its body (None: unlink)."""
    if goal is not None and (goal.body_id != need.body_id or goal.deleted):
        raise errors.GoalOfOtherBody(field="goal")
    return _changed(need, expected_version, goal=goal)
