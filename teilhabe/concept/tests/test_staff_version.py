"""The version page: its parts in order, the add forms with and without htmx, refusals at
their field, deleting with confirmation, and a query count that does not grow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.concept.models import ActionField, Goal, Measure
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.staff_people import build_people, logged_in, text_of, url
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(scene):
    scene.people = build_people(scene)
    return scene.people


@pytest.fixture
def staff(client, scene, people):
    return logged_in(client, people["staff"])


@pytest.fixture
def ag(client, scene, people):
    return logged_in(client, people["ag_member"])


def test_the_parts_in_their_order_with_links_to_their_pages(staff, scene):
    second = cf.ActionFieldFactory(concept_version=scene.draft, number=2, title="Arbeit")
    later = cf.GoalFactory(action_field=scene.field, number=5, title="Später")
    measure = cf.MeasureFactory(action_field=second, number=1, goals=[scene.goal, later])
    page = staff.get(url(scene, "version", pk=scene.draft.pk))
    text = text_of(page)
    assert text.index("Handlungsfeld 1: Sprache und Bildung") < text.index(
        "Handlungsfeld 2: Arbeit"
    )
    assert text.index("Mehr Sprachkurse") < text.index("Später")
    html = page.content.decode()
    assert url(scene, "goal_edit", pk=scene.goal.pk) in html
    assert url(scene, "measure_edit", pk=measure.pk) in html
    assert f"{scene.goal.number}, 5" in text  # the measure's goals
    assert url(scene, "spreadsheet_template", pk=scene.draft.pk) in html


def test_add_a_goal_with_htmx_fetches_the_form_then_returns_the_parts(ag, scene):
    add = url(scene, "goal_create", pk=scene.draft.pk)
    form = ag.get(f"{add}?feld={scene.field.pk}", **HTMX)
    html = form.content.decode()
    assert form.status_code == 200
    assert "<html" not in html
    assert f'name="goal-{scene.field.pk}-title"' in html
    assert f'<option value="{scene.field.pk}" selected>' in html

    prefix = f"goal-{scene.field.pk}"
    response = ag.post(
        add,
        {
            "slot": scene.field.pk,
            f"{prefix}-action_field": scene.field.pk,
            f"{prefix}-title": "Alle Kinder lernen schwimmen",
            f"{prefix}-priority": "2",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="version-parts"' in html
    assert 'hx-swap-oob="innerHTML"' in html
    goal = Goal.objects.get(title="Alle Kinder lernen schwimmen")
    assert (goal.priority, goal.action_field) == (2, scene.field)
    assert f"Ziel {goal.number} wurde angelegt." in text_of(response)


def test_add_a_goal_without_javascript(ag, scene):
    add = url(scene, "goal_create", pk=scene.draft.pk)
    page = ag.get(f"{add}?feld={scene.field.pk}")
    assert "<html" in page.content.decode()
    response = ag.post(
        add,
        {
            "slot": scene.field.pk,
            f"goal-{scene.field.pk}-action_field": scene.field.pk,
            f"goal-{scene.field.pk}-title": "Ohne Skript",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url(scene, "version", pk=scene.draft.pk) + "#teile"


def test_refused_goal_priority_is_a_message_at_its_field_in_place(ag, scene):
    prefix = f"goal-{scene.field.pk}"
    response = ag.post(
        url(scene, "goal_create", pk=scene.draft.pk),
        {
            "slot": scene.field.pk,
            f"{prefix}-action_field": scene.field.pk,
            f"{prefix}-title": "Ziel",
            f"{prefix}-priority": "0",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#add-{scene.field.pk}"
    assert response["HX-Reswap"] == "innerHTML"
    assert f'id="id_{prefix}-priority_error"' in response.content.decode()
    assert "Die Priorität ist eine ganze Zahl ab 1" in text_of(response)
    assert not Goal.objects.filter(title="Ziel").exists()


def _measure(client, scene, *, htmx=True, **values):
    prefix = f"measure-{scene.field.pk}"
    data = {"slot": scene.field.pk, f"{prefix}-action_field": scene.field.pk}
    data.update({f"{prefix}-{name}": value for name, value in values.items()})
    return client.post(
        url(scene, "measure_create", pk=scene.draft.pk), data, **(HTMX if htmx else {})
    )


def test_add_a_measure_serving_goals_with_a_german_amount(ag, scene):
    response = _measure(
        ag,
        scene,
        title="Sprachcafé",
        goals=[scene.goal.pk],
        start_date="2026-03-01",
        end_date="2026-12-31",
        planned_cost="1.250,50",
    )
    assert response.status_code == 200
    measure = Measure.objects.get(title="Sprachcafé")
    assert list(measure.goals.all()) == [scene.goal]
    assert measure.planned_cost == Decimal("1250.50")
    assert measure.status_changes.count() == 1  # its first status, recorded by the service


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"action_field": ""}, "action_field", "Eine Maßnahme gehört zu einem Handlungsfeld."),
        (
            {"start_date": "2026-05-01", "end_date": "2026-04-30"},
            "end_date",
            "Das Ende darf nicht vor dem Beginn liegen.",
        ),
        ({"planned_cost": "-5"}, "planned_cost", "Kosten sind ein Betrag in Euro ab 0"),
        ({"planned_cost": "viel"}, "planned_cost", "Kosten sind ein Betrag in Euro ab 0"),
        ({"planned_cost": "10,005"}, "planned_cost", "höchstens zwei Nachkommastellen"),
        ({"start_date": "morgen"}, "start_date", "Bitte ein gültiges Datum eingeben."),
    ],
)
def test_refused_measures_show_the_message_at_the_field(ag, scene, values, field, message):
    response = _measure(ag, scene, **{"title": "Abgelehnt", **values})
    assert response.status_code == 200
    assert f'id="id_measure-{scene.field.pk}-{field}_error"' in response.content.decode()
    assert message in text_of(response)
    assert not Measure.objects.filter(title="Abgelehnt").exists()
    # Without JavaScript: the form's own page with the same message.
    page = _measure(ag, scene, htmx=False, **{"title": "Abgelehnt", **values})
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    assert message in text_of(page)


def test_a_goal_of_another_version_is_not_offered(ag, scene):
    other = cf.GoalFactory(action_field=cf.ActionFieldFactory(concept_version=scene.in_force))
    response = _measure(ag, scene, title="Fremdes Ziel", goals=[other.pk])
    assert response.status_code == 200
    assert "ist keine gültige Auswahl" in text_of(response)
    assert not Measure.objects.filter(title="Fremdes Ziel").exists()


def test_staff_add_a_field_of_action_with_htmx_and_an_empty_title_refused(staff, scene):
    add = url(scene, "action_field_create", pk=scene.draft.pk)
    response = staff.post(add, {"field-title": "Wohnen"}, **HTMX)
    assert response.status_code == 200
    assert "Handlungsfeld 2: Wohnen" in text_of(response)
    assert ActionField.objects.get(title="Wohnen").number == 2
    response = staff.post(add, {"field-title": ""}, **HTMX)
    assert response.status_code == 200
    assert "Das Handlungsfeld wurde nicht angelegt." in text_of(response)
    assert 'id="id_field-title_error"' in response.content.decode()
    response = staff.post(add, {"field-title": ""})
    assert response.status_code == 200
    assert "<html" in response.content.decode()


def test_delete_asks_first_without_javascript(ag, scene):
    measure = cf.MeasureFactory(action_field=scene.field, title="Weg damit")
    delete = url(scene, "measure_delete", pk=measure.pk)
    question = ag.post(delete, {"version": measure.version})
    assert question.status_code == 200
    assert "Maßnahme" in text_of(question)
    assert "„Weg damit“ löschen?" in text_of(question)
    measure.refresh_from_db()
    assert not measure.deleted
    response = ag.post(delete, {"version": measure.version, "confirmed": "1"})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.deleted


def test_delete_with_htmx_and_a_stale_delete_changes_nothing(ag, scene):
    goal = cf.GoalFactory(action_field=scene.field, title="Veraltet")
    delete = url(scene, "goal_delete", pk=goal.pk)
    stale = goal.version
    Goal.objects.filter(pk=goal.pk).update(version=stale + 1)
    response = ag.post(delete, {"version": stale, "confirmed": "1"}, **HTMX)
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in text_of(response)
    goal.refresh_from_db()
    assert not goal.deleted
    response = ag.post(delete, {"version": goal.version, "confirmed": "1"}, **HTMX)
    assert f"Ziel {goal.number} wurde gelöscht." in text_of(response)
    assert 'id="version-parts"' in response.content.decode()


def test_a_field_of_action_with_goals_is_not_deleted(staff, scene):
    response = staff.post(
        url(scene, "action_field_delete", pk=scene.field.pk),
        {"version": scene.field.version, "confirmed": "1"},
        follow=True,
    )
    assert "Das Handlungsfeld enthält noch Ziele oder Maßnahmen." in text_of(response)
    scene.field.refresh_from_db()
    assert not scene.field.deleted


def _fill(scene, count):
    organization = f.OrganizationFactory(body=scene.body)
    fields = [scene.field, cf.ActionFieldFactory(concept_version=scene.draft, number=2)]
    for index in range(count - Measure.objects.filter(concept_version=scene.draft).count()):
        field = fields[index % 2]
        goal = cf.GoalFactory(action_field=field)
        measure = cf.MeasureFactory(
            action_field=field, goals=[goal, scene.goal], responsible_organization=organization
        )
        assert measure.pk


@pytest.mark.parametrize("role", ["staff", "ag_member"])
def test_the_version_page_costs_the_same_queries_for_5_and_50_measures(
    client, scene, people, role, django_assert_num_queries
):
    client = logged_in(client, people[role])
    page = url(scene, "version", pk=scene.draft.pk)
    _fill(scene, 5)
    client.get(page)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as five:
        assert client.get(page).status_code == 200
    _fill(scene, 50)
    assert Measure.objects.filter(concept_version=scene.draft).count() == 50
    with django_assert_num_queries(len(five.captured_queries)):
        response = client.get(page)
    assert text_of(response).count("Löschen : Maßnahme") == 50
