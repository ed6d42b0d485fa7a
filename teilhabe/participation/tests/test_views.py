"""The staff pages of thresholds and needs: who gets in, the list, the actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from teilhabe.concept.tests.factories import GoalFactory
from teilhabe.council.tests import factories as f
from teilhabe.participation import services
from teilhabe.participation.models import Need, Rule, Threshold
from teilhabe.participation.tests.world import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot():
    return make_world()


@pytest.fixture
def staff(client, snapshot):
    client.force_login(f.StaffRoleFactory(body=snapshot.body).user)
    return client


def url(snapshot, name, **kwargs):
    return reverse(f"participation_staff:{name}", kwargs={"body": snapshot.body.slug, **kwargs})


@pytest.fixture
def need(snapshot):
    services.threshold_create(
        body=snapshot.body, indicator="women_share", rule=Rule.ABOVE_CITY, value=10
    )
    services.needs_propose(snapshot=snapshot)
    return Need.objects.get()


def test_outsiders_get_404_and_change_nothing(client, snapshot, need):
    client.force_login(f.StaffRoleFactory().user)  # staff of another body
    assert client.get(url(snapshot, "needs")).status_code == 404
    response = client.post(url(snapshot, "need_confirm", pk=need.pk), {"version": need.version})
    assert response.status_code == 404
    need.refresh_from_db()
    assert need.state == Need.State.PROPOSED


def test_the_list_shows_district_indicator_and_values(staff, snapshot, need):
    content = staff.get(url(snapshot, "needs")).content.decode()
    assert need.district.name in content
    assert "Frauenanteil" in content
    assert "60,0\xa0%" in content
    assert "44,8\xa0%" in content


def test_the_list_filters_by_state_and_district(staff, snapshot, need):
    def listed(query):
        return staff.get(url(snapshot, "needs") + query).context["needs"]

    assert listed("?status=proposed") == [need]
    assert listed("?status=confirmed") == []
    assert listed("?status=unbekannt") == [need]  # an unknown state filters nothing
    other = next(
        d for d in need.district.__class__.objects.filter(body=snapshot.body) if d != need.district
    )
    assert listed(f"?gebiet={other.pk}") == []
    assert listed(f"?gebiet={need.district.pk}") == [need]


def test_propose_from_the_page(staff, snapshot):
    services.threshold_create(
        body=snapshot.body, indicator="women_share", rule=Rule.ABOVE_VALUE, value=0
    )
    data = {"snapshot": snapshot.pk}
    assert staff.post(url(snapshot, "needs_propose"), data).status_code == 302
    assert staff.post(url(snapshot, "needs_propose"), data).status_code == 302
    assert Need.objects.count() == 2


def test_actions_and_a_stale_version(staff, snapshot, need):
    goal = GoalFactory(action_field__concept_version__concept__body=snapshot.body)
    version = need.version
    staff.post(url(snapshot, "need_confirm", pk=need.pk), {"version": version})
    staff.post(url(snapshot, "need_dismiss", pk=need.pk), {"version": version})  # stale
    need.refresh_from_db()
    assert need.state == Need.State.CONFIRMED
    staff.post(
        url(snapshot, "need_comment", pk=need.pk), {"version": need.version, "comment": "Kita"}
    )
    need.refresh_from_db()
    staff.post(
        url(snapshot, "need_link_goal", pk=need.pk), {"version": need.version, "goal": goal.pk}
    )
    need.refresh_from_db()
    assert (need.comment, need.goal) == ("Kita", goal)


def test_threshold_form_create_edit_delete(staff, snapshot):
    data = {"indicator": "women_share", "rule": "above_city", "value": "5", "active": "on"}
    assert staff.get(url(snapshot, "threshold_create")).status_code == 200
    assert staff.post(url(snapshot, "threshold_create"), data).status_code == 302
    threshold = Threshold.objects.get()
    response = staff.post(
        url(snapshot, "threshold_update", pk=threshold.pk),
        {**data, "value": "7", "version": threshold.version + 1},
    )
    assert response.status_code == 200  # the conflict, on the form
    threshold.refresh_from_db()
    assert threshold.value == 5
    staff.post(
        url(snapshot, "threshold_update", pk=threshold.pk),
        {**data, "value": "7", "version": threshold.version},
    )
    threshold.refresh_from_db()
    assert threshold.value == 7
    assert "Frauenanteil" in staff.get(url(snapshot, "thresholds")).content.decode()
    staff.post(
        url(snapshot, "threshold_delete", pk=threshold.pk),
        {"version": threshold.version, "confirmed": "1"},
    )
    threshold.refresh_from_db()
    assert threshold.deleted


def test_a_category_is_asked_for_where_the_indicator_has_one(staff, snapshot):
    data = {"indicator": "age_groups", "rule": "above_city", "value": "5"}
    response = staff.post(url(snapshot, "threshold_create"), data)
    assert response.status_code == 200
    assert not Threshold.objects.exists()
