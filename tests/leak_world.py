"""A world full of secrets: every non-public string carries the marker SECRET.

Used by the URL walk: no page that a role may reach shows it a marker it may not see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from teilhabe.concept.models import ConceptVersion, MeasureStatusChange, Status
from teilhabe.concept.tests import factories as _concept_factories
from teilhabe.core.jobs import job_start
from teilhabe.council import models
from teilhabe.council.tests import factories as _factories
from teilhabe.districts.models import Level
from teilhabe.districts.tests.factories import DistrictFactory
from teilhabe.monitoring import services as monitoring_services
from teilhabe.monitoring import tasks as monitoring_tasks
from teilhabe.monitoring.services import snapshot_import

# factory_boy's calls return model instances, which its type hints do not say.
f: Any = _factories
cf: Any = _concept_factories

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

    # Published minutes of the past meeting: their public part must show neither the
    # non-public item (its note and resolution carry SECRET) nor the name of a member
    # who did not consent to publication.
    past_public = f.AgendaItemFactory(
        meeting=past, name="Bericht der Verwaltung", public=True, minutes_note="Bericht."
    )
    past_secret.minutes_note = f"Beratung {SECRET}"
    past_secret.save(update_fields=["minutes_note"])
    for person in (shy, chair):
        models.Attendance.objects.create(
            body=body, meeting=past, person=person, status=models.Attendance.Status.PRESENT
        )
    published_minutes = models.Minutes.objects.create(
        body=body,
        meeting=past,
        state=models.Minutes.State.PUBLISHED,
        opening="Die Vorsitzende eröffnet die Sitzung.",
        published_at=timezone.now(),
        published_item_ids=[past_public.pk],
        public_file=_file(body, "Niederschrift der 10. Sitzung", meeting=past),
    )

    # The session desk: attendance and a vote by name on the public item. The public
    # meeting page names only voters who consented; the shy member (SECRET) only counts.
    shy_attendance = models.Attendance.objects.create(
        body=body, meeting=meeting, person=shy, status=models.Attendance.Status.PRESENT
    )
    models.Attendance.objects.create(
        body=body, meeting=meeting, person=chair, status=models.Attendance.Status.PRESENT
    )
    vote = models.Vote.objects.create(
        body=body,
        agenda_item=public_item,
        taken_at=meeting.start,
        yes=1,
        no=1,
        abstain=0,
        by_name=True,
        voting_present=2,
        legal_member_count=beirat.legal_member_count,
        quorate=False,
        adopted=False,
        rule_name="Gemeindeordnung",
    )
    models.PersonVote.objects.create(body=body, vote=vote, person=shy, choice="yes")
    models.PersonVote.objects.create(body=body, vote=vote, person=chair, choice="no")
    models.AgendaItem.objects.filter(pk=public_item.pk).update(
        result=models.AgendaItem.Result.REJECTED, votes_yes=1, votes_no=1, votes_abstain=0
    )
    public_item.refresh_from_db()

    # An invitation of the coming meeting: its PDF lists the non-public part, so it is a
    # non-public file; its urgency reason and a dispatch's error are for staff only.
    invitation_file = _file(body, f"Einladung {SECRET}", meeting=meeting, public=False)
    invitation = models.Invitation.objects.create(
        body=body,
        meeting=meeting,
        sent_at=timezone.now(),
        file=invitation_file,
        urgent=True,
        urgency_reason=f"Dringlich {SECRET}",
        notice_days_required=4,
        full_days=2,
        in_time=False,
        rule_name="Gemeindeordnung",
    )
    failed_dispatch = models.Dispatch.objects.create(
        body=body,
        meeting=meeting,
        kind=models.Dispatch.Kind.INVITATION,
        invitation=invitation,
        person=chair,
        email="vorsitz@example.org",
        state=models.Dispatch.State.FAILED,
        attempts=1,
        last_error=f"SMTPRecipientsRefused {SECRET}",
    )

    # The other body: public, but never to be seen under body A's addresses.
    other_org = f.OrganizationFactory(body=other, name=f"Beirat {OTHER_BODY}")
    other_meeting = f.MeetingFactory(organization=other_org, name=f"Sitzung {OTHER_BODY}")
    other_paper = f.PaperFactory(body=other, name=f"Antrag {OTHER_BODY}")
    other_person = f.PersonFactory(body=other, family_name=OTHER_BODY)
    other_file = _file(other, f"Datei {OTHER_BODY}", meeting=other_meeting)
    session_rules = models.SessionRules.objects.create(
        body=body, organization=beirat, name="Geschäftsordnung des Beirats", notice_days=5
    )
    other_session_rules = models.SessionRules.objects.create(
        body=other, name=f"Geschäftsordnung {OTHER_BODY}"
    )

    concept = _build_concept(
        body=body,
        other=other,
        ag=ag,
        shy=shy,
        secret_paper=secret_paper,
        secret_item=secret_item,
        past_secret=past_secret,
        public_paper=public_paper,
        public_item=public_item,
    )

    monitoring = _build_monitoring(body=body, other=other)

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
            "invitation_file": invitation_file,
            "failed_dispatch": failed_dispatch,
            "past_public_item": past_public,
            "past_secret_item": past_secret,
            "published_minutes": published_minutes,
            "shy_attendance": shy_attendance,
            "other_org": other_org,
            "other_meeting": other_meeting,
            "other_paper": other_paper,
            "other_person": other_person,
            "other_file": other_file,
            "session_rules": session_rules,
            "other_session_rules": other_session_rules,
            **concept,
            **monitoring,
        },
    )


def _build_concept(
    *,
    body: Any,
    other: Any,
    ag: Any,
    shy: Any,
    secret_paper: Any,
    secret_item: Any,
    past_secret: Any,
    public_paper: Any,
    public_item: Any,
) -> dict[str, Any]:
    """The integration concept: 1.0 in force, its public measure linked to the non-public
    paper and resolutions and naming the member without consent as responsible; 2.0 a
    draft of the AG (none of the roles belongs to it) whose goal and measure carry SECRET."""
    concept = cf.ConceptFactory(body=body, title="Integrationskonzept")
    in_force = cf.ConceptVersionFactory(
        concept=concept, number="1.0", state=ConceptVersion.State.IN_FORCE
    )
    field = cf.ActionFieldFactory(concept_version=in_force, number=1, title="Sprache")
    goal = cf.GoalFactory(
        action_field=field,
        number=1,
        title="Sprachkurse für alle",
        report=secret_paper,
        adopted_by=secret_item,
    )
    measure = cf.MeasureFactory(
        action_field=field,
        goals=[goal],
        number=1,
        title="Sprachcafé",
        status=Status.IN_PROGRESS,
        progress=50,
        responsible_person=shy,
        report=secret_paper,
        adopted_by=secret_item,
        motion=public_paper,
    )
    measure.papers.add(secret_paper, public_paper)
    measure.resolutions.add(secret_item, public_item)
    MeasureStatusChange.objects.create(
        body=body,
        measure=measure,
        status=Status.IN_PROGRESS,
        date=dt.date(2025, 1, 1),
        resolution=past_secret,
    )
    draft = cf.ConceptVersionFactory(
        concept=concept,
        number="2.0",
        state=ConceptVersion.State.DRAFT,
        predecessor=in_force,
        drafted_by=ag,
    )
    draft_field = cf.ActionFieldFactory(
        concept_version=draft, number=1, title="Sprache", lineage=field.lineage
    )
    draft_goal = cf.GoalFactory(
        action_field=draft_field, number=1, title=f"Ziel {SECRET}", justification=SECRET
    )
    draft_measure = cf.MeasureFactory(
        action_field=draft_field,
        goals=[draft_goal],
        number=1,
        title=f"Maßnahme {SECRET}",
        lineage=measure.lineage,
        carried_from=measure,
    )
    other_version = cf.ConceptVersionFactory(
        concept=cf.ConceptFactory(body=other, title=f"Konzept {OTHER_BODY}"),
        number="1.0",
        state=ConceptVersion.State.IN_FORCE,
    )
    other_goal = cf.GoalFactory(
        action_field=cf.ActionFieldFactory(concept_version=other_version),
        title=f"Ziel {OTHER_BODY}",
    )
    other_measure = cf.MeasureFactory(
        action_field=other_goal.action_field, title=f"Maßnahme {OTHER_BODY}"
    )
    return {
        "concept": concept,
        "concept_field": field,
        "concept_version": in_force,
        "concept_goal": goal,
        "concept_measure": measure,
        "concept_draft": draft,
        "concept_draft_field": draft_field,
        "concept_draft_goal": draft_goal,
        "concept_draft_measure": draft_measure,
        "other_concept_version": other_version,
        "other_concept_field": other_goal.action_field,
        "other_concept_goal": other_goal,
        "other_concept_measure": other_measure,
    }


MONITORING_DAY = dt.date(2024, 12, 31)


def _build_monitoring(*, body: Any, other: Any) -> dict[str, Any]:
    """Districts and a snapshot of body A in which Quartier Q1 counts 2 foreigners (a small
    count every page and download must suppress); a district of the other body."""
    part = DistrictFactory(body=body, code="S1", name="Nordstadt", level=Level.STADTTEIL)
    q1 = DistrictFactory(body=body, code="Q1", name="Am Markt", parent=part)
    DistrictFactory(body=body, code="Q2", name="Am Hafen", parent=part)
    rows = [
        ("Q1", "population", "total", 137),
        ("Q1", "citizenship_status", "german_only", 120),
        ("Q1", "citizenship_status", "german_further", 15),
        ("Q1", "citizenship_status", "foreigner", 2),
        ("Q2", "population", "total", 500),
        ("Q2", "citizenship_status", "german_only", 380),
        ("Q2", "citizenship_status", "german_further", 40),
        ("Q2", "citizenship_status", "foreigner", 80),
    ]
    snapshot = snapshot_import(body=body, reference_date=MONITORING_DAY, rows_or_file=rows)
    other_district = DistrictFactory(body=other, code="X1", name=f"Quartier {OTHER_BODY}")
    # A background import of each body (staff pages only; the other body's is never found).
    job = job_start(body=body, kind=monitoring_tasks.KIND, title="Datenstand vom 30.06.2025")
    other_job = job_start(body=other, kind=monitoring_tasks.KIND, title=f"Import {OTHER_BODY}")
    indicator = monitoring_services.indicator_create(
        body=body,
        code="eigener_anteil",
        name="Anteil der Ausländerinnen und Ausländer (eigener)",
        definition="Ausländerinnen und Ausländer je 100 Einwohner.",
        numerator=[["citizenship_status", "foreigner"]],
        denominator=[["population", "total"]],
    )
    return {
        "district": q1,
        "monitoring_snapshot": snapshot.snapshot,
        "monitoring_indicator": indicator,
        "other_district": other_district,
        "monitoring_job": job,
        "other_monitoring_job": other_job,
    }
