"""Shared concept fixtures: one body with its AG, Beirat and Stadtrat and a concept whose
1.0 is in force and whose 2.0 the AG drafts; users for every role."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from teilhabe.concept.models import ConceptVersion
from teilhabe.concept.tests import factories as cf
from teilhabe.council.models import AgendaItem, Organization
from teilhabe.council.tests import factories as f

MEETING_START = timezone.make_aware(dt.datetime(2025, 6, 23, 18, 0))
MEETING_DAY = dt.date(2025, 6, 23)


def resolution(organization, *, result=AgendaItem.Result.ADOPTED, start=MEETING_START, **kw):
    """An agenda item of a meeting of `organization` with `result`."""
    meeting = f.MeetingFactory(organization=organization, start=start)
    return f.AgendaItemFactory(meeting=meeting, result=result, **kw)


@pytest.fixture
def scene(db):
    body = f.BodyFactory()
    ag = f.OrganizationFactory(
        body=body,
        name="AG Integrationskonzept 2.0",
        organization_type=Organization.Type.ARBEITSGRUPPE,
    )
    other_ag = f.OrganizationFactory(
        body=body, name="AG Wohnen", organization_type=Organization.Type.ARBEITSGRUPPE
    )
    beirat = f.OrganizationFactory(body=body, name="Beirat für Migration und Integration")
    stadtrat = f.OrganizationFactory(
        body=body, name="Stadtrat", organization_type=Organization.Type.STADTRAT
    )
    concept = cf.ConceptFactory(body=body, title="Integrationskonzept Musterstadt")
    in_force = cf.ConceptVersionFactory(
        concept=concept,
        number="1.0",
        state=ConceptVersion.State.IN_FORCE,
        in_force_from=dt.date(2011, 3, 1),
        adopted_on=dt.date(2011, 2, 20),
    )
    draft = cf.ConceptVersionFactory(
        concept=concept,
        number="2.0",
        state=ConceptVersion.State.DRAFT,
        drafted_by=ag,
        predecessor=in_force,
    )
    field = cf.ActionFieldFactory(concept_version=draft, number=1, title="Sprache und Bildung")
    goal = cf.GoalFactory(action_field=field, number=1, title="Mehr Sprachkurse")
    return SimpleNamespace(
        body=body,
        ag=ag,
        other_ag=other_ag,
        beirat=beirat,
        stadtrat=stadtrat,
        concept=concept,
        in_force=in_force,
        draft=draft,
        field=field,
        goal=goal,
    )


@pytest.fixture
def foreign(db):
    """Records of another body, which nothing of the scene's body may point at."""
    other = f.BodyFactory()
    ag = f.OrganizationFactory(body=other, organization_type=Organization.Type.ARBEITSGRUPPE)
    version = cf.ConceptVersionFactory(
        concept__body=other, state=ConceptVersion.State.DRAFT, drafted_by=ag
    )
    field = cf.ActionFieldFactory(concept_version=version)
    return SimpleNamespace(
        body=other,
        ag=ag,
        organization=f.OrganizationFactory(body=other),
        person=f.PersonFactory(body=other),
        paper=f.PaperFactory(body=other),
        resolution=resolution(f.OrganizationFactory(body=other)),
        version=version,
        field=field,
        goal=cf.GoalFactory(action_field=field),
    )
