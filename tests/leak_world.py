"""A world full of secrets: every non-public string carries the marker SECRET.

Used by the URL walk: no page that a role may reach shows it a marker it may not see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from teilhabe.council import models
from teilhabe.council.tests import factories as f

SECRET = "GEHEIM7F3A"
OTHER_BODY = "ANDERSWO9B"
PASSWORD = "geheim-123"

# Who may see the non-public part of body A's Beirat.
ROLES = ("anonymous", "member", "member_of_other_org", "staff", "other_body_staff", "admin")
SEES_SECRETS = {"member", "staff", "admin"}


@dataclass
class World:
    body: Any
    objects: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)


def _pdf_bytes(text: str) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        + text.encode()
    )


def _file(body: Any, name: str, **attached: Any) -> models.File:
    data = _pdf_bytes(name)
    obj = models.File(
        body=body,
        name=name,
        file_name=f"{name}.pdf",
        mime_type="application/pdf",
        size=len(data),
        sha256=f"{abs(hash(name)):064d}"[:64],
        **attached,
    )
    obj.content.save("x", ContentFile(data), save=False)
    obj.save()
    return obj


def build_world() -> World:
    body = f.BodyFactory(name="Stadt A", slug="stadt-a")
    other = f.BodyFactory(name=f"Stadt {OTHER_BODY}", slug="stadt-b")
    beirat = f.OrganizationFactory(body=body, name="Beirat für Migration und Integration")
    stadtrat = f.OrganizationFactory(
        body=body, name="Stadtrat", organization_type=models.Organization.Type.STADTRAT
    )
    ag = f.OrganizationFactory(
        body=body,
        name="AG Integrationskonzept 2.0",
        parent=beirat,
        organization_type=models.Organization.Type.ARBEITSGRUPPE,
    )
    term = f.LegislativeTermFactory(body=body)
    location = f.LocationFactory(body=body)
    meeting = f.MeetingFactory(
        organization=beirat,
        legislative_term=term,
        location=location,
        number=11,
        video_conference_url=f"https://video.example.org/{SECRET}",
    )
    past = f.MeetingFactory(
        organization=beirat,
        legislative_term=term,
        number=10,
        start=timezone.now() - dt.timedelta(days=30),
        state=models.Meeting.State.HELD,
    )
    public_item = f.AgendaItemFactory(meeting=meeting, name="Mitteilungen", public=True)
    secret_item = f.AgendaItemFactory(
        meeting=meeting,
        public=False,
        name=f"Personalsache {SECRET}",
        resolution_text=f"Beschluss {SECRET}",
        result=models.AgendaItem.Result.ADOPTED,
    )
    past_secret = f.AgendaItemFactory(
        meeting=past,
        public=False,
        name=f"Zwischenbericht {SECRET}",
        result=models.AgendaItem.Result.ADOPTED,
        resolution_text=f"Text {SECRET}",
    )
    public_paper: Any = f.PaperFactory(body=body, name="Antrag auf Einladung einer Referentin")
    secret_paper = f.PaperFactory(
        body=body,
        public=False,
        name=f"Zwischenbericht der AG {SECRET}",
        justification=f"Begründung {SECRET}",
        paper_type=models.Paper.Type.REPORT,
    )
    public_paper.related_papers.add(secret_paper)
    f.ConsultationFactory(
        paper=public_paper, organization=beirat, meeting=meeting, agenda_item=public_item
    )
    f.ConsultationFactory(
        paper=secret_paper, organization=beirat, meeting=past, agenda_item=past_secret
    )
    f.ConsultationFactory(
        paper=public_paper, organization=beirat, meeting=meeting, agenda_item=secret_item
    )

    shy = f.PersonFactory(body=body, given_name="Scheu", family_name=SECRET, public_consent=False)
    f.MembershipFactory(organization=beirat, person=shy)
    chair = f.PersonFactory(body=body, given_name="Aylin", family_name="Vorsitzende")
    chair_membership = f.MembershipFactory(
        organization=beirat, person=chair, role=models.Membership.Role.CHAIR
    )

    public_file = _file(body, "Einladung", meeting=meeting)
    secret_file = _file(body, f"Anlage {SECRET}", agenda_item=secret_item)
    secret_paper_file = _file(body, f"Bericht {SECRET}", paper=secret_paper)

    # The other body: public, but never to be seen under body A's addresses.
    other_org = f.OrganizationFactory(body=other, name=f"Beirat {OTHER_BODY}")
    other_meeting = f.MeetingFactory(organization=other_org, name=f"Sitzung {OTHER_BODY}")
    other_paper = f.PaperFactory(body=other, name=f"Antrag {OTHER_BODY}")
    other_person = f.PersonFactory(body=other, family_name=OTHER_BODY)
    other_file = _file(other, f"Datei {OTHER_BODY}", meeting=other_meeting)

    users: dict[str, Any] = {"anonymous": None}
    users["staff"] = f.StaffRoleFactory(body=body, user__username="staff").user
    users["other_body_staff"] = f.StaffRoleFactory(body=other, user__username="otherstaff").user
    users["member"] = f.UserFactory(username="member")
    f.MembershipFactory(
        organization=beirat, person=f.PersonFactory(body=body, user=users["member"])
    )
    users["member_of_other_org"] = f.UserFactory(username="councillor")
    f.MembershipFactory(
        organization=stadtrat, person=f.PersonFactory(body=body, user=users["member_of_other_org"])
    )
    admin = f.UserFactory(username="admin", is_superuser=True, is_staff=True)
    users["admin"] = admin

    return World(
        body=body,
        users=users,
        objects={
            "other_body": other,
            "beirat": beirat,
            "stadtrat": stadtrat,
            "ag": ag,
            "term": term,
            "location": location,
            "meeting": meeting,
            "past_meeting": past,
            "public_item": public_item,
            "secret_item": secret_item,
            "public_paper": public_paper,
            "secret_paper": secret_paper,
            "shy_person": shy,
            "chair": chair,
            "chair_membership": chair_membership,
            "public_file": public_file,
            "secret_file": secret_file,
            "secret_paper_file": secret_paper_file,
            "other_org": other_org,
            "other_meeting": other_meeting,
            "other_paper": other_paper,
            "other_person": other_person,
            "other_file": other_file,
        },
    )
