"""A body's integration concept for the tests of the read side (pages, selectors, exports).

Version 1.0 is in force; version 2.0 is a draft (its new goal and measure carry the
marker DRAFT_SECRET) drafted by an AG, revised from 1.0. A measure of 1.0 links a
non-public paper and a non-public resolution (NONPUBLIC_PAPER, NONPUBLIC_ITEM) and one
names a responsible person who did not consent to publication (SHY_PERSON).

Version 1.0's numbers, worked out by hand:

| measure | field | goals | status      | progress | weight | planned  | actual  |
| ------- | ----- | ----- | ----------- | -------- | ------ | -------- | ------- |
| M1      | F1    | G1    | done        | (100)    |        | 1200.00  | 1000.00 |
| M2      | F1    | G1    | in progress | 40       | 3      | 5000.00  | 250.50  |
| M3      | F1    | G2    | dropped     | –        |        | 300.00   |         |
| M4      | F2    | –     | planned     | (0)      |        |          |         |

G1 = (100 + 3·40) / 4 = 55; G2 = none (only a dropped measure); G3 (F2) = none;
F1 = 55 (its goals); F2 = 0 (its goal-less M4); the version = (55 + 0) / 2 = 27.5.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from teilhabe.concept.models import ConceptVersion, MeasureStatusChange, Status
from teilhabe.concept.tests import factories as _concept_factories
from teilhabe.council import models as council
from teilhabe.council.tests import factories as _council_factories

# factory_boy's calls return model instances, which its type hints do not say.
cf: Any = _concept_factories
f: Any = _council_factories

DRAFT_SECRET = "ENTWURFGEHEIM"
NONPUBLIC_PAPER = "Vertraulicher Kostenbericht"
NONPUBLIC_ITEM = "Nichtöffentliche Vergabe"
SHY_PERSON = "Verborgenname"
OTHER_BODY_MARK = "ANDERSWO"


def build_scene() -> dict[str, Any]:
    body = f.BodyFactory(name="Musterstadt", slug="musterstadt")
    other_body = f.BodyFactory(name=f"Stadt {OTHER_BODY_MARK}", slug="anderswo")
    beirat = f.OrganizationFactory(body=body, name="Beirat für Migration und Integration")
    stadtrat = f.OrganizationFactory(
        body=body, name="Stadtrat", organization_type=council.Organization.Type.STADTRAT
    )
    ag = f.OrganizationFactory(
        body=body,
        name="AG Integrationskonzept 2.0",
        parent=beirat,
        organization_type=council.Organization.Type.ARBEITSGRUPPE,
    )
    office = f.OrganizationFactory(
        body=body, name="Integrationsbüro", organization_type=council.Organization.Type.VERWALTUNG
    )

    # The council's side: a meeting with a public and a non-public item, papers.
    meeting = f.MeetingFactory(
        organization=beirat, number=11, start=timezone.now() - dt.timedelta(days=60)
    )
    public_item = f.AgendaItemFactory(
        meeting=meeting,
        name="Integrationskonzept: Maßnahmen",
        result=council.AgendaItem.Result.ADOPTED,
    )
    secret_item = f.AgendaItemFactory(
        meeting=meeting, name=NONPUBLIC_ITEM, public=False, result=council.AgendaItem.Result.ADOPTED
    )
    report = f.PaperFactory(
        body=body, name="Bericht der AG Integrationskonzept", paper_type=council.Paper.Type.REPORT
    )
    secret_paper = f.PaperFactory(
        body=body, name=NONPUBLIC_PAPER, public=False, paper_type=council.Paper.Type.REPORT
    )
    f.ConsultationFactory(
        paper=secret_paper, organization=beirat, meeting=meeting, agenda_item=secret_item
    )
    motion = f.PaperFactory(
        body=body, name="Antrag: Sprachcafé finanzieren", reference="BMI/2026/3"
    )
    f.ConsultationFactory(
        paper=motion, organization=beirat, meeting=meeting, agenda_item=public_item, order=1
    )
    f.ConsultationFactory(paper=motion, organization=stadtrat, order=2)

    speaker = f.PersonFactory(body=body, given_name="Rita", family_name="Referentin")
    shy = f.PersonFactory(
        body=body, given_name="Vera", family_name=SHY_PERSON, public_consent=False
    )

    # Users.
    staff = f.StaffRoleFactory(body=body).user
    other_body_staff = f.StaffRoleFactory(body=other_body).user
    beirat_member = f.UserFactory()
    f.MembershipFactory(organization=beirat, person=f.PersonFactory(body=body, user=beirat_member))
    ag_member = f.UserFactory()
    f.MembershipFactory(organization=ag, person=f.PersonFactory(body=body, user=ag_member))
    former_ag_member = f.UserFactory()
    f.MembershipFactory(
        organization=ag,
        person=f.PersonFactory(body=body, user=former_ag_member),
        end_date=dt.date(2020, 1, 1),
    )

    # Version 1.0, in force.
    concept = cf.ConceptFactory(body=body, title="Integrationskonzept")
    v1 = cf.ConceptVersionFactory(
        concept=concept,
        number="1.0",
        title="Integrationskonzept 1.0",
        state=ConceptVersion.State.IN_FORCE,
        in_force_from=dt.date(2024, 1, 1),
    )
    f1 = cf.ActionFieldFactory(concept_version=v1, number=1, title="Sprache und Bildung")
    f2 = cf.ActionFieldFactory(concept_version=v1, number=2, title="Arbeit und Ausbildung")
    g1 = cf.GoalFactory(
        action_field=f1,
        number=1,
        title="Alle Kinder sprechen bei der Einschulung Deutsch",
        priority=1,
        report=report,
        adopted_by=public_item,
        origin_organization=ag,
    )
    g2 = cf.GoalFactory(action_field=f1, number=2, title="Erwachsene finden einen Sprachkurs")
    g3 = cf.GoalFactory(action_field=f2, number=3, title="Mehr Ausbildungsplätze")
    m1 = cf.MeasureFactory(
        action_field=f1,
        goals=[g1],
        number=1,
        title="Sprachcafé in der Stadtbibliothek",
        status=Status.DONE,
        planned_cost=Decimal("1200.00"),
        actual_cost=Decimal("1000.00"),
        responsible_organization=office,
        start_date=dt.date(2024, 3, 1),
        end_date=dt.date(2024, 12, 31),
        funding_source="Landesprogramm",
        report=secret_paper,
        adopted_by=public_item,
        speaker="N.N.",
    )
    m1.papers.add(report, secret_paper)
    m1.resolutions.add(public_item, secret_item)
    m2 = cf.MeasureFactory(
        action_field=f1,
        goals=[g1],
        number=2,
        title="Vorlesepaten in Kitas",
        status=Status.IN_PROGRESS,
        progress=40,
        weight=Decimal("3"),
        planned_cost=Decimal("5000.00"),
        actual_cost=Decimal("250.50"),
        responsible_person=speaker,
        start_date=dt.date(2025, 1, 1),
        motion=motion,
    )
    m3 = cf.MeasureFactory(
        action_field=f1,
        goals=[g2],
        number=3,
        title="Abendkurs Deutsch",
        status=Status.DROPPED,
        planned_cost=Decimal("300.00"),
        end_date=dt.date(2025, 6, 30),
    )
    m4 = cf.MeasureFactory(
        action_field=f2,
        number=4,
        title="Ausbildungsmesse",
        status=Status.PLANNED,
        responsible_person=shy,
    )
    MeasureStatusChange.objects.create(
        body=body, measure=m1, status=Status.PLANNED, date=dt.date(2024, 1, 15), note="Beschlossen"
    )
    MeasureStatusChange.objects.create(
        body=body,
        measure=m1,
        status=Status.DONE,
        date=dt.date(2024, 12, 31),
        progress=100,
        resolution=secret_item,
    )

    # Version 2.0, a draft of the AG, revised from 1.0.
    v2 = cf.ConceptVersionFactory(
        concept=concept,
        number="2.0",
        title="Integrationskonzept 2.0",
        state=ConceptVersion.State.DRAFT,
        predecessor=v1,
        drafted_by=ag,
    )
    f1b = cf.ActionFieldFactory(
        concept_version=v2,
        number=1,
        title="Sprache, Bildung und Medien",
        lineage=f1.lineage,
        carried_from=f1,
    )
    g1b = cf.GoalFactory(
        action_field=f1b,
        number=1,
        title=g1.title,
        justification=g1.justification,
        priority=1,
        lineage=g1.lineage,
        carried_from=g1,
    )
    g_new = cf.GoalFactory(action_field=f1b, number=2, title=f"Neues Ziel {DRAFT_SECRET}")
    m1b = cf.MeasureFactory(
        action_field=f1b,
        goals=[g1b],
        number=1,
        title=m1.title,
        status=Status.IN_PROGRESS,
        progress=10,
        planned_cost=Decimal("1500.00"),
        responsible_organization=office,
        start_date=m1.start_date,
        end_date=m1.end_date,
        funding_source=m1.funding_source,
        speaker="N.N.",
        lineage=m1.lineage,
        carried_from=m1,
    )
    MeasureStatusChange.objects.create(
        body=body, measure=m1b, status=Status.IN_PROGRESS, date=dt.date(2026, 2, 1), progress=10
    )
    m_new = cf.MeasureFactory(
        action_field=f1b, goals=[g_new], number=2, title=f"Neue Maßnahme {DRAFT_SECRET}"
    )

    # The other body's concept: never seen under Musterstadt's addresses.
    other_version = cf.ConceptVersionFactory(
        concept=cf.ConceptFactory(body=other_body, title=f"Konzept {OTHER_BODY_MARK}"),
        number="1.0",
        state=ConceptVersion.State.IN_FORCE,
    )
    other_goal = cf.GoalFactory(
        action_field=cf.ActionFieldFactory(concept_version=other_version),
        title=f"Ziel {OTHER_BODY_MARK}",
    )
    other_measure = cf.MeasureFactory(
        action_field=other_goal.action_field, title=f"Maßnahme {OTHER_BODY_MARK}"
    )

    return {
        "body": body,
        "other_body": other_body,
        "beirat": beirat,
        "stadtrat": stadtrat,
        "ag": ag,
        "office": office,
        "meeting": meeting,
        "public_item": public_item,
        "secret_item": secret_item,
        "report": report,
        "secret_paper": secret_paper,
        "motion": motion,
        "speaker": speaker,
        "shy": shy,
        "concept": concept,
        "v1": v1,
        "v2": v2,
        "f1": f1,
        "f2": f2,
        "g1": g1,
        "g2": g2,
        "g3": g3,
        "m1": m1,
        "m2": m2,
        "m3": m3,
        "m4": m4,
        "f1b": f1b,
        "g1b": g1b,
        "g_new": g_new,
        "m1b": m1b,
        "m_new": m_new,
        "other_version": other_version,
        "other_goal": other_goal,
        "other_measure": other_measure,
        "users": {
            "anonymous": None,
            "staff": staff,
            "other_body_staff": other_body_staff,
            "beirat_member": beirat_member,
            "ag_member": ag_member,
            "former_ag_member": former_ag_member,
        },
    }
