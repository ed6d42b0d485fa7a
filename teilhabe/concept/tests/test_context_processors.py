"""The navigation leads the members of a drafting AG to their draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from teilhabe.concept.models import ConceptVersion
from teilhabe.concept.tests.staff_people import build_people

LINK = "Konzeptentwurf"


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("anonymous", False),
        ("beirat_member", False),
        ("other_ag_member", False),
        ("ag_member", True),
        ("staff", False),  # staff reach the draft through "Verwaltung"
    ],
)
def test_only_members_of_the_drafting_ag_get_the_link_to_the_draft(client, scene, role, shown):
    user = build_people(scene)[role]
    if user is not None:
        client.force_login(user)
    page = client.get(reverse("council:body", kwargs={"body": scene.body.slug}))
    assert (LINK in page.content.decode()) is shown
    if shown:
        assert reverse("concept_staff:overview", kwargs={"body": scene.body.slug}) in (
            page.content.decode()
        )


def test_the_link_goes_once_the_draft_is_submitted(client, scene):
    client.force_login(build_people(scene)["ag_member"])
    ConceptVersion.objects.filter(pk=scene.draft.pk).update(state=ConceptVersion.State.DELIBERATION)
    page = client.get(reverse("council:body", kwargs={"body": scene.body.slug}))
    assert LINK not in page.content.decode()
