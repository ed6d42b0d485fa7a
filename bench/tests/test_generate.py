"""The benchmark generator at a tiny scale: sizes, consistency, idempotence, determinism.

Not collected by a plain `pytest` (the test paths are the apps); run `pytest bench`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F

from bench import generate
from bench.dataset import BodyBuilder
from bench.plan import Plan
from teilhabe.accounts.models import StaffRole, User
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Consultation, Meeting, Paper
from teilhabe.council.visibility import viewer_for

PLAN = Plan(scale=0.01, seed=1, year=2026, today=dt.date(2026, 6, 15))


@pytest.fixture
def generated(db):
    assert generate.generate(PLAN) == 0
    return PLAN


def test_sizes_follow_the_scale(generated):
    """Scale 0.01: 2 bodies, 150 meetings with 10 items each, 600 papers, ~20 % non-public."""
    assert Body.objects.filter(slug__startswith="bench-").count() == 2
    assert Meeting.objects.count() == 150
    assert AgendaItem.objects.count() == 1500
    assert Paper.objects.count() == 600
    share = AgendaItem.objects.filter(public=False).count() / 1500
    assert 0.15 < share < 0.25


def test_consultations_sit_on_agenda_items_of_their_organization(generated):
    """A consultation's item belongs to its meeting, whose organization is the consulting one."""
    linked = Consultation.objects.filter(agenda_item__isnull=False)
    assert linked.count() > 300
    assert not linked.exclude(agenda_item__meeting=F("meeting")).exists()
    assert not linked.exclude(meeting__organization=F("organization")).exists()
    assert not linked.exclude(paper__body=F("body")).exists()
    assert not linked.exclude(agenda_item__public=F("paper__public")).exists()
    assert not linked.exclude(meeting__start__date__gt=F("paper__date")).exists()


def test_users_for_the_logged_in_views(generated):
    """bench-staff keeps the first body; bench-member is a current member of its Beirat."""
    first = Body.objects.filter(slug__startswith="bench-").order_by("pk").first()
    assert StaffRole.objects.filter(user__username="bench-staff", body=first).exists()
    viewer = viewer_for(User.objects.get(username="bench-member"))
    assert viewer.organization_ids
    assert not viewer.staff_body_ids


def test_a_second_run_changes_nothing_and_another_scale_is_refused(generated):
    """Same scale: nothing to do (0); another scale: refused with exit code 3."""
    assert generate.generate(PLAN) == 0
    assert Meeting.objects.count() == 150
    other = Plan(scale=0.02, seed=1, year=2026, today=PLAN.today)
    assert generate.generate(other) == generate.EXIT_OTHER_SCALE
    assert Meeting.objects.count() == 150


def test_the_same_seed_builds_the_same_body():
    """Determinism: two builds of one body from one seed give the same records."""

    def fingerprint(plan: Plan) -> list[tuple]:
        data = BodyBuilder(plan, 1).build()
        return [(i.name, i.public, i.result, i.meeting.start) for i in data.items] + [
            (p.reference, p.name, p.public) for p in data.papers
        ]

    assert fingerprint(PLAN) == fingerprint(PLAN)
    assert fingerprint(PLAN) != fingerprint(Plan(scale=0.01, seed=2, year=2026, today=PLAN.today))
