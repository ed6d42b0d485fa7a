"""Where the demo's pages are: paths looked up by what the records are, never by id."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from teilhabe.concept.models import ConceptVersion, Goal, Measure
from teilhabe.council.models import Meeting, Organization, Paper, Person
from tests.browser.conftest import DEMO_SLUG

INTERIM_REPORT = "Zwischenbericht der AG „Integrationskonzept 2.0“ mit Beschlussfassung"


def _council(name: str, **kwargs: object) -> str:
    return reverse(f"council:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


def beirat() -> Organization:
    return Organization.objects.get(
        body__slug=DEMO_SLUG, organization_type=Organization.Type.BEIRAT
    )


def beirat_session_11() -> str:
    """The Beirat's 11th session: one public item, the interim report in the non-public part."""
    meeting = Meeting.objects.get(organization=beirat(), number=11)
    return _council("meeting_detail", pk=meeting.pk)


def public_paper_with_consultation_path() -> str:
    """The motion to move the foreigners' office: consulted by the Beirat, then the Stadtrat."""
    paper = (
        Paper.objects.filter(body__slug=DEMO_SLUG, public=True, name__contains="Ausländerbehörde")
        .annotate(consulted_by=Count("consultations__organization", distinct=True))
        .get(consulted_by__gte=2, paper_type=Paper.Type.MOTION)
    )
    return _council("paper_detail", pk=paper.pk)


def public_person_with_memberships() -> str:
    """The Beirat's chair, who agreed to be named."""
    person = (
        Person.objects.filter(
            Q(memberships__organization=beirat()),
            body__slug=DEMO_SLUG,
            public_consent=True,
            family_name="Aydın",
        )
        .distinct()
        .get()
    )
    return _council("person_detail", pk=person.pk)


def _concept(name: str, **kwargs: object) -> str:
    return reverse(f"concept:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


def concept_version(number: str) -> ConceptVersion:
    return ConceptVersion.objects.get(body__slug=DEMO_SLUG, number=number)


def concept_goal() -> str:
    """A goal of the concept in force with its measures."""
    goal = Goal.objects.filter(concept_version=concept_version("1.0")).order_by("number").first()
    assert goal is not None
    return _concept("goal_detail", pk=goal.pk)


def concept_measure() -> str:
    """A measure of the concept in force with a dated history, costs and a goal."""
    measure = Measure.objects.get(
        concept_version=concept_version("1.0"), title="Quartierstreff Nordstadt"
    )
    return _concept("measure_detail", pk=measure.pk)


def concept_draft_comparison() -> str:
    """Version 2.0 (the AG's draft) against 1.0: for staff and the AG only."""
    return _concept("version_compare", pk=concept_version("2.0").pk)


def _monitoring(name: str, **kwargs: object) -> str:
    return reverse(f"monitoring:{name}", kwargs={"body": DEMO_SLUG, **kwargs})


def public_pages() -> dict[str, str]:
    """Every public page type, by a readable name (used as the test id)."""
    return {
        "instance-home": reverse("home"),
        "body-start": _council("body"),
        "organization-list": _council("organization_list"),
        "organization-detail": _council("organization_detail", pk=beirat().pk),
        "meeting-list": _council("meeting_list"),
        "meeting-detail": beirat_session_11(),
        "paper-list": _council("paper_list"),
        "paper-detail": public_paper_with_consultation_path(),
        "person-list": _council("person_list"),
        "person-detail": public_person_with_memberships(),
        "concept": _concept("index"),
        "concept-version": _concept("version_detail", pk=concept_version("1.0").pk),
        "concept-goal": concept_goal(),
        "concept-measure": concept_measure(),
        "concept-measures": _concept("version_measures", pk=concept_version("1.0").pk),
        "monitoring-map": _monitoring("index"),
        "monitoring-district": _monitoring("district", code="0201"),  # Bahnhofsviertel
        "monitoring-comparison": _monitoring("comparison"),
        "login": reverse("accounts:login"),
        "password-reset": reverse("accounts:password_reset"),
        "not-found": _council("meeting_detail", pk=2_000_000_000),
    }
