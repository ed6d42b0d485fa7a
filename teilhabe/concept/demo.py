"""Musterstadt's integration concept for the demo (`manage.py load_demo`).

Version 1.0, adopted by the Stadtrat in December 2011 and in force: eight fields of action,
their goals and 30 measures, 26 of them done for 126,000 euros in total. Version 2.0 in
preparation by the AG „Integrationskonzept 2.0“: the two goals it prioritised, with their
justification and measures, put to the Beirat in the non-public agenda item of its 11th
session (its interim report) and adopted there; the motion on the foreigners' authority,
adopted by the Stadtrat, moved its measure into preparation, the motion on the Beirat's
support still waits for the Stadtrat. Two goals carried over into 2.0 name the indicator
of the monitoring that shows their effect: the share of under-6-year-olds with a
migration background in the whole city (the children the language support in the Kitas
is planned for) and the location quotient of the migration background in the
Bahnhofsviertel (the neighbourhoods growing together), each with a target for 2030.

Like the council's demo this is a data loader, not a user action: it writes rows with the
ORM, registered with the council's demo (`teilhabe.council.demo.extensions`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from teilhabe.concept import services
from teilhabe.concept.models import (
    ActionField,
    Concept,
    ConceptVersion,
    Decision,
    Goal,
    Measure,
    MeasureStatusChange,
    Status,
)
from teilhabe.council.demo.extensions import DemoExtension
from teilhabe.council.demo.timeline import Timeline
from teilhabe.council.models import AgendaItem, Consultation
from teilhabe.districts.models import District

ADOPTED_ON = dt.date(2011, 12, 13)
IN_FORCE_FROM = dt.date(2012, 1, 1)

# Field of action -> its goals -> each goal's measures (title, responsible key, cost or
# None, status). Costs are the actual costs of done measures: 26 of them, 126,000 euros.
FIELDS: tuple[
    tuple[str, tuple[tuple[str, tuple[tuple[str, str, int | None, str], ...]], ...]], ...
] = (
    (
        "Sprache und Bildung",
        (
            (
                "Alle Kinder sprechen bei der Einschulung ausreichend Deutsch.",
                (
                    ("Sprachförderung in allen städtischen Kitas", "fachstelle", 7500, "done"),
                    ("Rucksack-Elternprogramm in zwei Grundschulen", "fachstelle", 6500, "done"),
                    (
                        "Mehrsprachige Vorlesestunden in der Stadtbücherei",
                        "fachstelle",
                        2500,
                        "done",
                    ),
                ),
            ),
            (
                "Erwachsene finden schnell einen passenden Sprachkurs.",
                (
                    ("Kursberatung im Bürgerbüro", "fachstelle", 4000, "done"),
                    (
                        "Kurse mit Kinderbetreuung an der Volkshochschule",
                        "fachstelle",
                        8000,
                        "done",
                    ),
                ),
            ),
        ),
    ),
    (
        "Arbeit und Ausbildung",
        (
            (
                "Ausländische Berufsabschlüsse werden schneller anerkannt.",
                (
                    ("Anerkennungsberatung einmal im Monat im Rathaus", "fachstelle", 5000, "done"),
                    ("Ausbildungsmesse mit Migrantenorganisationen", "fachstelle", 6000, "done"),
                    ("Bewerbungstraining für junge Geflüchtete", "fachstelle", 3500, "done"),
                    ("Patenschaften für Auszubildende", "fachstelle", None, "in_progress"),
                ),
            ),
        ),
    ),
    (
        "Wohnen und Quartier",
        (
            (
                "Nachbarschaften in den Quartieren wachsen zusammen.",
                (
                    ("Quartierstreff Nordstadt", "fachstelle", 12000, "done"),
                    ("Interkulturelle Gärten", "fachstelle", 3500, "done"),
                    ("Mehrsprachige Mieterinformation", "fachstelle", 2000, "done"),
                    ("Stadtteilfeste in Nordstadt und Südstadt", "fachstelle", 4500, "done"),
                ),
            ),
        ),
    ),
    (
        "Gesundheit und Pflege",
        (
            (
                "Gesundheitsangebote erreichen auch neu Zugewanderte.",
                (
                    ("Gesundheitslotsinnen und -lotsen ausbilden", "fachstelle", 7000, "done"),
                    ("Dolmetscherpool für Arztbesuche", "fachstelle", 5500, "done"),
                    ("Kultursensible Pflegeberatung", "fachstelle", None, "postponed"),
                ),
            ),
        ),
    ),
    (
        "Politische Teilhabe",
        (
            (
                "Mehr Menschen mit Migrationsgeschichte wählen den Beirat.",
                (
                    ("Wahlaufruf in zwölf Sprachen", "beirat", 3000, "done"),
                    ("Informationsabende der Listen vor der Beiratswahl", "beirat", 1500, "done"),
                    ("Einbürgerungsfeier im Rathaus", "beirat", 1000, "done"),
                ),
            ),
        ),
    ),
    (
        "Kultur, Sport und Freizeit",
        (
            (
                "Vereine öffnen sich für alle.",
                (
                    ("Interkulturelle Woche jedes Jahr", "fachstelle", 8500, "done"),
                    ("Schwimmkurse für Frauen", "fachstelle", 4500, "done"),
                    ("Fußballturnier der Kulturen", "beirat", 2000, "done"),
                ),
            ),
        ),
    ),
    (
        "Interkulturelle Öffnung der Verwaltung",
        (
            (
                "Die Verwaltung ist für alle verständlich und erreichbar.",
                (
                    (
                        "Schulung interkulturelle Kompetenz für Beschäftigte",
                        "fachstelle",
                        6000,
                        "done",
                    ),
                    ("Formulare in leichter Sprache", "fachstelle", 4000, "done"),
                    ("Mehrsprachige Internetseiten der Stadt", "fachstelle", 5000, "done"),
                    (
                        "Ausbildungsquote für junge Menschen mit Migrationsgeschichte",
                        "fachstelle",
                        None,
                        "in_progress",
                    ),
                ),
            ),
        ),
    ),
    (
        "Antidiskriminierung",
        (
            (
                "Wer Diskriminierung erlebt, findet Hilfe.",
                (
                    ("Antidiskriminierungsberatung einrichten", "fachstelle", 7500, "done"),
                    ("Kampagne „Musterstadt ist bunt“", "fachstelle", 3000, "done"),
                    ("Fortbildung für Schulsozialarbeit", "fachstelle", 2500, "done"),
                    ("Beschwerdestelle bei der Polizei", "fachstelle", None, "dropped"),
                ),
            ),
        ),
    ),
)


def _load(loaded: dict[str, Any], timeline: Timeline) -> None:
    musterstadt = loaded["musterstadt"]
    body = musterstadt.body
    orgs = musterstadt.organizations
    concept = Concept.objects.create(
        body=body,
        title="Integrationskonzept der Stadt Musterstadt",
        description=(
            "Erarbeitet von lokalen Akteurinnen und Akteuren in Workshops und "
            "Arbeitsgruppen, beschlossen vom Stadtrat im Dezember 2011."
        ),
    )
    first = ConceptVersion.objects.create(
        body=body,
        concept=concept,
        number="1.0",
        title="Integrationskonzept 1.0",
        summary=(
            "Acht Handlungsfelder mit ihren Zielen und Maßnahmen; einstimmig beschlossen "
            "vom Stadtrat."
        ),
        state=ConceptVersion.State.IN_FORCE,
        adopted_on=ADOPTED_ON,
        in_force_from=IN_FORCE_FROM,
    )
    _load_first(first, orgs)
    _load_revision(concept, first, musterstadt)


def _load_first(version: ConceptVersion, orgs: dict[str, Any]) -> None:
    body_id = version.body_id
    number = goal_number = 0
    for field_number, (field_title, goals) in enumerate(FIELDS, start=1):
        field = ActionField.objects.create(
            body_id=body_id, concept_version=version, number=field_number, title=field_title
        )
        for goal_title, measures in goals:
            goal_number += 1
            goal = Goal.objects.create(
                body_id=body_id,
                concept_version=version,
                action_field=field,
                number=goal_number,
                title=goal_title,
                justification="Ergebnis des Workshops zum Handlungsfeld.",
                origin=Goal.Origin.WORKSHOP,
                decision=Decision.ADOPTED,
                adopted_on=ADOPTED_ON,
            )
            for title, unit, cost, status in measures:
                number += 1
                year = 2012 + number % 7
                done = status == Status.DONE
                measure = Measure.objects.create(
                    body_id=body_id,
                    concept_version=version,
                    action_field=field,
                    number=number,
                    title=title,
                    responsible_organization=orgs[unit],
                    organiser=orgs[unit].name,
                    start_date=dt.date(year, 3, 1),
                    end_date=dt.date(year + 1, 2, 28),
                    status=status,
                    status_since=dt.date(year + 1, 2, 28) if done else dt.date(year, 3, 1),
                    progress=100 if done else (40 if status == Status.IN_PROGRESS else 0),
                    planned_cost=Decimal(cost or 5000),
                    actual_cost=Decimal(cost) if cost is not None else None,
                    funding_source="Haushalt der Stadt" if number % 3 else "Landesförderung",
                    decision=Decision.ADOPTED,
                    adopted_on=ADOPTED_ON,
                )
                measure.goals.add(goal)
                steps: list[tuple[str, dt.date]] = [(Status.PLANNED, dt.date(2012, 1, 1))]
                if status != Status.PLANNED:
                    steps.append((Status.IN_PROGRESS, dt.date(year, 3, 1)))
                if status in (Status.DONE, Status.POSTPONED, Status.DROPPED):
                    steps.append((status, dt.date(year + 1, 2, 28)))
                MeasureStatusChange.objects.bulk_create(
                    MeasureStatusChange(body_id=body_id, measure=measure, status=s, date=d)
                    for s, d in steps
                )


def _item_on(paper: Any, meeting: Any) -> AgendaItem:
    return Consultation.objects.get(paper=paper, agenda_item__meeting=meeting).agenda_item  # type: ignore[return-value]


def _load_revision(concept: Concept, first: ConceptVersion, musterstadt: Any) -> None:
    """Version 2.0 as the AG drafts it, with the two goals the Beirat adopted."""
    body_id = concept.body_id
    orgs, papers, meetings = musterstadt.organizations, musterstadt.papers, musterstadt.meetings
    report = papers["p-interim-report"]
    adopted_by = _item_on(report, meetings["beirat-2-11"])
    adopted_on = meetings["beirat-2-11"].start.date()
    council_item = _item_on(papers["p-authority"], meetings["stadtrat-2-18"])
    council_day = meetings["stadtrat-2-18"].start.date()
    # The revision starts from 1.0 as a user would start it; the measures done or dropped
    # under 1.0 are taken out of the draft, the ongoing ones carried over.
    version = services.version_revise(
        version=first,
        number="2.0",
        title="Integrationskonzept 2.0",
        summary=(
            "Fortschreibung des Integrationskonzepts: Das Konzept von 2011 beruht auf den "
            "Verhältnissen von 2010. Die AG „Integrationskonzept 2.0“ erarbeitet sie."
        ),
        drafted_by=orgs["ag"],
    )
    finished = Measure.objects.filter(
        concept_version=version, status__in=[Status.DONE, Status.DROPPED]
    )
    for measure in finished.order_by("number"):
        services.measure_delete(measure=measure, expected_version=measure.version)
    adopted = {
        "decision": Decision.ADOPTED,
        "report": report,
        "adopted_by": adopted_by,
        "adopted_on": adopted_on,
    }
    _name_targets(version)
    fields = ActionField.objects.filter(concept_version=version)
    access = fields.get(title="Interkulturelle Öffnung der Verwaltung")
    participation = fields.get(title="Politische Teilhabe")
    next_goal = Goal.objects.filter(concept_version=version).count() + 1
    next_measure = Measure.objects.filter(concept_version=version).count() + 1
    goal_one = Goal.objects.create(
        body_id=body_id,
        concept_version=version,
        action_field=access,
        number=next_goal,
        title=(
            "Der Standort der Abteilung „Ausländerbehörde“ der Stadtverwaltung soll ins "
            "Zentrum verlagert werden."
        ),
        justification=(
            "Die Behörde muss für jeden auf kurzem Weg erreichbar sein und gehört somit in "
            "den Mittelpunkt der Stadt."
        ),
        priority=1,
        origin=Goal.Origin.WORKING_GROUP,
        origin_organization=orgs["ag"],
        **adopted,
    )
    goal_two = Goal.objects.create(
        body_id=body_id,
        concept_version=version,
        action_field=participation,
        number=next_goal + 1,
        title=(
            "Die gesellschaftliche und politische Teilhabe von Menschen mit "
            "Migrationsgeschichte soll im ersten Schritt im Beirat für Migration und "
            "Integration gefördert werden."
        ),
        justification=(
            "Der Beirat ist die erste „Schule“, in der Menschen mit Migrationsgeschichte "
            "Kenntnisse über die kommunale Politik und die Abläufe der Verwaltung erwerben. "
            "Erst dann können sie als Multiplikatorinnen und Multiplikatoren Informationen "
            "weitergeben."
        ),
        priority=2,
        origin=Goal.Origin.WORKING_GROUP,
        origin_organization=orgs["ag"],
        **adopted,
    )
    common = {"body_id": body_id, "concept_version": version, **adopted}
    authority = Measure.objects.create(
        action_field=access,
        number=next_measure,
        title="Antrag des Beirats an den Stadtrat: Verlagerung der Ausländerbehörde",
        description=(
            "Der Beirat stellt den Antrag mit Begründung an den Stadtrat. Die AG arbeitet "
            "ihn aus und legt ihn dem Beirat in der Folgesitzung zur Abstimmung vor."
        ),
        responsible_organization=orgs["ag"],
        organiser=orgs["ag"].name,
        status=Status.PREPARING,
        status_since=council_day,
        motion=papers["p-authority"],
        **common,
    )
    authority.goals.add(goal_one)
    MeasureStatusChange.objects.bulk_create(
        [
            MeasureStatusChange(
                body_id=body_id, measure=authority, status=Status.PLANNED, date=adopted_on
            ),
            MeasureStatusChange(
                body_id=body_id,
                measure=authority,
                status=Status.PREPARING,
                date=council_day,
                resolution=council_item,
                note="Der Stadtrat hat den Antrag beschlossen.",
            ),
        ]
    )
    trainings = (
        (
            "Sitzungsordnung – Schulung für den Beirat für Migration und Integration",
            "Geschäftsstelle des Beirats",
        ),
        ("Ich und meine Rolle im Beirat – Schulung für den Beirat", "N.N."),
    )
    for number, (title, speaker) in enumerate(trainings, start=next_measure + 1):
        training = Measure.objects.create(
            action_field=participation,
            number=number,
            title=title,
            description=(
                "Die Anfrage bei der Geschäftsstelle erfolgt über die AG „Integrationskonzept 2.0“."
            ),
            responsible_organization=orgs["fachstelle"],
            organiser="Geschäftsstelle des Beirats",
            speaker=speaker,
            status=Status.PLANNED,
            status_since=adopted_on,
            planned_cost=Decimal(600),
            funding_source="Budget des Beirats",
            **common,
        )
        training.goals.add(goal_two)
    support = Measure.objects.create(
        action_field=participation,
        number=next_measure + 3,
        title=(
            "Antrag des Beirats an den Stadtrat: Beratung und Unterstützung durch die "
            "Geschäftsstelle"
        ),
        responsible_organization=orgs["ag"],
        organiser=orgs["ag"].name,
        status=Status.PLANNED,
        status_since=adopted_on,
        motion=papers["p-support"],
        **common,
    )
    support.goals.add(goal_two)
    new = Measure.objects.filter(concept_version=version, number__gt=next_measure)
    for measure in new.filter(status=Status.PLANNED):
        MeasureStatusChange.objects.create(
            body_id=body_id, measure=measure, status=Status.PLANNED, date=adopted_on
        )


# Goal of 1.0 (carried over into 2.0) -> indicator code, target value, district code
# (None: the whole city), target year.
TARGETS: tuple[tuple[str, str, Decimal, str | None, int], ...] = (
    (
        "Alle Kinder sprechen bei der Einschulung ausreichend Deutsch.",
        "under6_migration_share",
        Decimal(65),
        None,
        2030,
    ),
    (
        "Nachbarschaften in den Quartieren wachsen zusammen.",
        "migration_location_quotient",
        Decimal("1.5"),
        "0201",  # Bahnhofsviertel
        2030,
    ),
)


def _name_targets(version: ConceptVersion) -> None:
    """The indicators and targets of `TARGETS`, set as a user sets them (the service
    checks them against the monitoring's catalogue and the body's districts)."""
    for title, code, value, district_code, year in TARGETS:
        goal = Goal.objects.get(concept_version=version, title=title)
        district = (
            District.objects.alive().get(body_id=version.body_id, code=district_code)
            if district_code is not None
            else None
        )
        services.goal_update(
            goal=goal,
            expected_version=goal.version,
            indicator_code=code,
            target_value=value,
            target_district=district,
            target_year=year,
        )


def _delete(body_ids: list[int]) -> None:
    for model in (MeasureStatusChange, Measure, Goal, ActionField):
        model._default_manager.filter(body_id__in=body_ids).delete()
    ConceptVersion.objects.filter(body_id__in=body_ids).update(predecessor=None)
    ConceptVersion.objects.filter(body_id__in=body_ids).delete()
    Concept.objects.filter(body_id__in=body_ids).delete()


EXTENSION = DemoExtension(load=_load, delete=_delete)
