"""Who may write the concept: a truth table over roles × the state of the version.

Staff of the body may do everything; the current members of the AG drafting a version may
write its goals and measures and submit the report while it is a draft; nobody else —
not the Beirat's members, not a former member of the AG, not staff of another body, not
the public.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from teilhabe.concept.models import ConceptVersion
from teilhabe.concept.tests import factories as cf
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

State = ConceptVersion.State
ROLES = ("anonymous", "other_body_staff", "staff", "ag_member", "former_ag_member", "beirat")
WRITE_PARTS = ("concept.edit_goal", "concept.edit_measure", "concept.submit_report")


def _member(organization, **membership):
    user = f.UserFactory()
    person = f.PersonFactory(body=organization.body, user=user)
    f.MembershipFactory(organization=organization, person=person, **membership)
    return user


@pytest.fixture
def users(scene):
    return {
        "anonymous": AnonymousUser(),
        "other_body_staff": f.StaffRoleFactory(body=f.BodyFactory()).user,
        "staff": f.StaffRoleFactory(body=scene.body).user,
        "ag_member": _member(scene.ag),
        "former_ag_member": _member(scene.ag, end_date="2020-01-01"),
        "beirat": _member(scene.beirat),
    }


def _version(scene, state):
    """A version of `state` drafted by the scene's AG, with a goal and a measure."""
    version = cf.ConceptVersionFactory(concept=scene.concept, state=state, drafted_by=scene.ag)
    field = cf.ActionFieldFactory(concept_version=version)
    return SimpleNamespace(
        version=version,
        goal=cf.GoalFactory(action_field=field),
        measure=cf.MeasureFactory(action_field=field),
    )


def _allowed(role, state, perm):
    if role == "staff":
        return True
    return role == "ag_member" and state == State.DRAFT and perm in WRITE_PARTS


@pytest.mark.parametrize("state", [State.DRAFT, State.DELIBERATION, State.IN_FORCE])
@pytest.mark.parametrize("role", ROLES)
def test_truth_table(scene, users, role, state):
    if state == State.IN_FORCE:
        ConceptVersion.objects.filter(pk=scene.in_force.pk).update(state=State.SUPERSEDED)
    parts = _version(scene, state)
    user = users[role]
    objects = {
        "concept.manage": [parts.version, parts.goal, parts.measure, scene.concept],
        "concept.edit_goal": [parts.version, parts.goal],
        "concept.edit_measure": [parts.version, parts.measure],
        "concept.submit_report": [parts.version],
    }
    for perm, targets in objects.items():
        for target in targets:
            expected = _allowed(role, state, perm)
            assert user.has_perm(perm, target) is expected, (role, state, perm, target)


def test_the_ag_writes_only_the_drafts_it_drafts(scene, users):
    other = cf.ConceptVersionFactory(
        concept=scene.concept, state=State.DRAFT, drafted_by=scene.other_ag
    )
    undrafted = cf.ConceptVersionFactory(concept=scene.concept, state=State.DRAFT)
    member = users["ag_member"]
    assert member.has_perm("concept.edit_goal", scene.draft)
    assert not member.has_perm("concept.edit_goal", other)
    assert not member.has_perm("concept.submit_report", undrafted)
    assert not member.has_perm("concept.edit_goal", None)


def test_a_deleted_draft_is_nobodys_but_staffs(scene, users):
    ConceptVersion.objects.filter(pk=scene.draft.pk).update(deleted=True)
    scene.draft.refresh_from_db()
    assert not users["ag_member"].has_perm("concept.edit_goal", scene.draft)
    assert users["staff"].has_perm("concept.edit_goal", scene.draft)
