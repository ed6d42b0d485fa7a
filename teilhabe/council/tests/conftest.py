"""Shared council fixtures. `world` is one body with every role a user can have."""

from __future__ import annotations

import pytest

from teilhabe.council import models
from teilhabe.council.tests import factories as f


@pytest.fixture
def world():
    """One body with a Beirat and a Stadtrat, one other body, and a user for every role."""
    body = f.BodyFactory()
    other_body = f.BodyFactory()
    beirat = f.OrganizationFactory(body=body)
    stadtrat = f.OrganizationFactory(
        body=body, name="Stadtrat", organization_type=models.Organization.Type.STADTRAT
    )
    meeting = f.MeetingFactory(organization=beirat)
    public_item = f.AgendaItemFactory(meeting=meeting, public=True)
    secret_item = f.AgendaItemFactory(meeting=meeting, public=False, name="Personalsache")
    secret_paper = f.PaperFactory(body=body, public=False)
    f.ConsultationFactory(
        paper=secret_paper, organization=beirat, agenda_item=secret_item, meeting=meeting
    )

    staff = f.StaffRoleFactory(body=body).user
    other_staff = f.StaffRoleFactory(body=other_body).user
    member = f.UserFactory()
    f.MembershipFactory(organization=beirat, person=f.PersonFactory(body=body, user=member))
    council_member = f.UserFactory()
    f.MembershipFactory(
        organization=stadtrat, person=f.PersonFactory(body=body, user=council_member)
    )
    former = f.UserFactory()
    f.MembershipFactory(
        organization=beirat,
        person=f.PersonFactory(body=body, user=former),
        end_date="2020-01-01",
    )
    return {
        "body": body,
        "public_item": public_item,
        "secret_item": secret_item,
        "secret_paper": secret_paper,
        "users": {
            "anonymous": None,
            "staff": staff,
            "other_body_staff": other_staff,
            "member": member,
            "member_of_other_org": council_member,
            "former_member": former,
        },
    }
