"""A big integration concept for the concept pages: 500 measures in one version in force.

    .venv/bin/python bench/concept_work.py

Adds, once, to the first bench body a concept with version 1.0 (superseded) and version
2.0 in force: `FIELDS` fields of action, `GOALS` goals and `MEASURES` measures, each
measure serving one or two goals, with a responsible unit, a time frame, a status with two
dated steps of history, costs, and links to two of the body's public papers and to a
resolution. Written with `bulk_create` (like the generator; the services are tested
elsewhere) in one transaction, deterministic. `bench/load.py` runs it after the generator;
the public concept overview and the measure pages are then measured on it.
"""

# ruff: noqa: E402  (Django must be set up before the models are imported)
from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import transaction

from bench.plan import SLUG_PREFIX
from teilhabe.concept.models import (
    ActionField,
    Concept,
    ConceptVersion,
    Goal,
    Measure,
    MeasureStatusChange,
    Status,
)
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Organization, Paper

TITLE = "Bench: Integrationskonzept mit 500 Maßnahmen"
FIELDS = 8
GOALS = 40
MEASURES = 500
FIELD_NAMES = [
    "Sprache und Bildung",
    "Arbeit und Ausbildung",
    "Wohnen und Quartier",
    "Gesundheit und Pflege",
    "Politische Teilhabe",
    "Kultur, Sport und Freizeit",
    "Interkulturelle Öffnung der Verwaltung",
    "Antidiskriminierung",
]
STATUSES = [
    Status.DONE,
    Status.DONE,
    Status.IN_PROGRESS,
    Status.PREPARING,
    Status.PLANNED,
    Status.POSTPONED,
    Status.DROPPED,
]


def ensure_big_concept() -> ConceptVersion:
    body = Body.objects.alive().filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
    if body is None:
        raise SystemExit("No benchmark data in this database: run bench/generate.py first.")
    found = ConceptVersion.objects.filter(concept__title=TITLE, state="in_force").first()
    if found is not None:
        return found
    began = time.monotonic()
    with transaction.atomic():
        version = _build(body, random.Random(11))
    print(f"Concept with {MEASURES} measures, in {time.monotonic() - began:.1f} s")
    return version


def _build(body: Body, rng: random.Random) -> ConceptVersion:
    units = list(
        Organization.objects.filter(body=body, deleted=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    papers = list(
        Paper.objects.filter(body=body, public=True, deleted=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:300]
    )
    resolutions = list(
        AgendaItem.objects.filter(body=body, result="adopted", public=True, deleted=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:300]
    )
    concept = Concept.objects.create(body=body, title=TITLE)
    old = ConceptVersion.objects.create(
        body=body,
        concept=concept,
        number="1.0",
        title="Integrationskonzept 1.0",
        state=ConceptVersion.State.SUPERSEDED,
        adopted_on=dt.date(2011, 12, 12),
        in_force_from=dt.date(2012, 1, 1),
        in_force_until=dt.date(2022, 12, 31),
    )
    version = ConceptVersion.objects.create(
        body=body,
        concept=concept,
        number="2.0",
        title="Integrationskonzept 2.0",
        state=ConceptVersion.State.IN_FORCE,
        predecessor=old,
        adopted_on=dt.date(2022, 12, 12),
        in_force_from=dt.date(2023, 1, 1),
    )
    fields = ActionField.objects.bulk_create(
        ActionField(body=body, concept_version=version, number=i + 1, title=FIELD_NAMES[i])
        for i in range(FIELDS)
    )
    goals = Goal.objects.bulk_create(
        Goal(
            body=body,
            concept_version=version,
            action_field=fields[i % FIELDS],
            number=i + 1,
            title=f"Ziel {i + 1}: {FIELD_NAMES[i % FIELDS]} für alle erreichbar machen",
            justification="Begründung aus dem Workshop des Handlungsfelds.",
            priority=1 + i % 3,
            decision="adopted",
        )
        for i in range(GOALS)
    )
    measures = []
    for i in range(MEASURES):
        status = STATUSES[i % len(STATUSES)]
        start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
        planned = Decimal(rng.randrange(500, 20000))
        measures.append(
            Measure(
                body=body,
                concept_version=version,
                action_field=fields[i % FIELDS],
                number=i + 1,
                title=f"Maßnahme {i + 1}: Angebot im Handlungsfeld {FIELD_NAMES[i % FIELDS]}",
                description="Beschreibung der Maßnahme mit Zielgruppe und Ablauf.",
                responsible_organization_id=units[i % len(units)] if units else None,
                organiser="Fachstelle Migration und Integration",
                speaker="N.N." if i % 4 == 0 else "Referentin der Volkshochschule",
                start_date=start,
                end_date=start + dt.timedelta(days=rng.randrange(30, 700)),
                status=status,
                status_since=start,
                progress=100 if status == Status.DONE else rng.randrange(0, 100),
                planned_cost=planned,
                actual_cost=planned * Decimal("0.9") if status == Status.DONE else None,
                funding_source="Haushalt der Stadt" if i % 3 else "Landesförderung",
                decision="adopted",
            )
        )
    starts = [m.start_date for m in measures if m.start_date is not None]
    measures = Measure.objects.bulk_create(measures)
    links = Measure.goals.through
    links.objects.bulk_create(
        links(measure_id=m.pk, goal_id=goals[(i + k) % GOALS].pk)
        for i, m in enumerate(measures)
        for k in range(1 + i % 2)
    )
    if papers:
        paper_links = Measure.papers.through
        paper_links.objects.bulk_create(
            paper_links(measure_id=m.pk, paper_id=papers[(i + k) % len(papers)])
            for i, m in enumerate(measures)
            for k in range(2)
        )
    if resolutions:
        resolution_links = Measure.resolutions.through
        resolution_links.objects.bulk_create(
            resolution_links(measure_id=m.pk, agendaitem_id=resolutions[i % len(resolutions)])
            for i, m in enumerate(measures)
        )
    MeasureStatusChange.objects.bulk_create(
        MeasureStatusChange(
            body=body,
            measure=m,
            status=status,
            date=start + dt.timedelta(days=30 * step),
            note="",
        )
        for m, start in zip(measures, starts, strict=True)
        for step, status in enumerate((Status.PLANNED, m.status))
    )
    return version


def measure_ids() -> list[int]:
    """The measures of the big concept's version in force."""
    version = ConceptVersion.objects.get(concept__title=TITLE, state="in_force")
    return list(
        Measure.objects.filter(concept_version=version).order_by("pk").values_list("pk", flat=True)
    )


if __name__ == "__main__":
    ensure_big_concept()
