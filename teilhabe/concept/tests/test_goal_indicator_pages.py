"""A goal's indicator and target on the pages and in the exports.

The goal's public page shows „Indikator: … – Zielwert: … (area, year)“, the value the
monitoring publishes for the newest reference date and the earlier ones as a short
series — each exactly as the monitoring publishes it, "." where it suppresses — and links
to the monitoring's map (and the district's profile). Its queries do not grow with the
number of snapshots. The version's overview names indicator and target only, no figures.
Staff choose the indicator (the catalogue's by kind, the body's own), the target, district
and year on the goal's edit page; the short add form (htmx) stays as it was. The exports
gain the indicator codes and the targets of a measure's goals.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.concept.models import ConceptVersion, Goal
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.monitoring_scene import (
    CITY_SHARE,
    SMALL_SHARE,
    add_snapshots,
    build_districts,
)
from teilhabe.concept.tests.staff_people import text_of
from teilhabe.council.tests import factories as f
from teilhabe.monitoring.models import Indicator

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
# As `text_of` reads a page: every run of white space (also a no-break one) a space.
SHOWN = {shift: " ".join(text.split()) for shift, text in CITY_SHARE.items()}
CITY_SUMMARY = "Indikator: Ausländeranteil – Zielwert: 15,0 % (Gesamtstadt, 2030)"


def _world(snapshots: int = 3, slug: str = "musterstadt") -> SimpleNamespace:
    """A body with districts and `snapshots` snapshots; 1.0 in force with a goal on the
    city's foreigners' share, one on Quartier 1's (suppressed) and one without indicator."""
    body = f.BodyFactory(name="Musterstadt", slug=slug)
    districts = build_districts(body)
    days = add_snapshots(body, snapshots)
    version = cf.ConceptVersionFactory(
        concept__body=body, number="1.0", state=ConceptVersion.State.IN_FORCE
    )
    field = cf.ActionFieldFactory(concept_version=version, number=1, title="Zusammenleben")
    city_goal = cf.GoalFactory(
        action_field=field,
        number=1,
        title="Die Stadt bleibt offen",
        indicator_code="foreigners_share",
        target_value=Decimal("15.00"),
        target_year=2030,
    )
    small_goal = cf.GoalFactory(
        action_field=field,
        number=2,
        title="Quartier 1 wächst zusammen",
        indicator_code="foreigners_share",
        target_district=districts.quartiere[0],
    )
    plain_goal = cf.GoalFactory(action_field=field, number=3, title="Ohne Indikator")
    return SimpleNamespace(
        body=body,
        districts=districts,
        days=days,
        version=version,
        field=field,
        city_goal=city_goal,
        small_goal=small_goal,
        plain_goal=plain_goal,
    )


@pytest.fixture
def world(db):
    return _world()


def _goal_url(world, goal):
    return reverse("concept:goal_detail", kwargs={"body": world.body.slug, "pk": goal.pk})


def _map_url(world, day):
    base = reverse("monitoring:index", kwargs={"body": world.body.slug})
    return f"{base}?indikator=foreigners_share&amp;stichtag={day.isoformat()}"


# The goal's page ----------------------------------------------------------------------------


def test_the_goal_page_shows_target_current_value_and_the_earlier_ones(client, world):
    response = client.get(_goal_url(world, world.city_goal))
    assert response.status_code == 200
    text = text_of(response)
    assert CITY_SUMMARY in text
    assert f"Aktueller Wert (Stichtag 31.12.2024): {SHOWN[0]}" in text
    assert f"31.12.2023: {SHOWN[10]}" in text
    assert f"31.12.2022: {SHOWN[20]}" in text
    html = response.content.decode()
    assert _map_url(world, world.days[0]) in html
    assert "/quartiere/" not in html  # the whole city: no district's profile
    assert "Zeichen:" not in text  # no sign among the values


def test_a_suppressed_value_shows_as_published_with_a_link_to_the_district(client, world):
    response = client.get(_goal_url(world, world.small_goal))
    text = text_of(response)
    assert "Indikator: Ausländeranteil (Quartier 1)" in text
    assert "Aktueller Wert (Stichtag 31.12.2024): . geheim gehalten" in text
    assert "31.12.2023: . geheim gehalten" in text
    assert "Zeichen: „.“ geheim gehalten" in text
    assert SMALL_SHARE not in response.content.decode()
    profile = reverse("monitoring:district", kwargs={"body": world.body.slug, "code": "Q01"})
    assert f"{profile}?stichtag=2024-12-31" in response.content.decode()


def test_a_goal_without_indicator_shows_no_effect(client, world):
    response = client.get(_goal_url(world, world.plain_goal))
    assert response.status_code == 200
    assert "Wirkung: Indikator und Zielwert" not in text_of(response)


def test_without_a_snapshot_the_target_is_shown_and_the_values_announced(client):
    world = _world(snapshots=0)
    text = text_of(client.get(_goal_url(world, world.city_goal)))
    assert CITY_SUMMARY in text
    assert "Das Monitoring hat noch keinen Datenstand" in text
    assert "Aktueller Wert" not in text


def test_an_own_indicator_removed_since_is_named_by_its_code_without_values(client, world):
    own = Indicator.objects.create(
        body=world.body,
        code="eigene_quote",
        name="Eigene Quote",
        definition="Ausländer je Einwohner.",
        numerator=[["citizenship_status", "foreigner"]],
        denominator=[["population", "total"]],
    )
    Goal.objects.filter(pk=world.city_goal.pk).update(indicator_code=own.code)
    text = text_of(client.get(_goal_url(world, world.city_goal)))
    assert "Indikator: Eigene Quote – Zielwert: 15,0 % (Gesamtstadt, 2030)" in text
    # The body's own share is computed by the monitoring like the catalogue's.
    assert f"Aktueller Wert (Stichtag 31.12.2024): {SHOWN[0]}" in text
    own.deleted = True
    own.save()
    text = text_of(client.get(_goal_url(world, world.city_goal)))
    assert "Indikator: eigene_quote" in text
    assert "führt das Monitoring nicht mehr" in text
    assert "Aktueller Wert" not in text


@pytest.mark.parametrize("goal", ["city_goal", "small_goal"])
def test_the_goal_pages_queries_do_not_grow_with_the_snapshots(client, goal):
    counts = []
    for snapshots, slug in ((1, "eins"), (3, "drei")):
        world = _world(snapshots, slug=slug)
        client.get(_goal_url(world, world.plain_goal))  # warm caches (content types)
        with CaptureQueriesContext(connection) as plain:
            client.get(_goal_url(world, world.plain_goal))
        with CaptureQueriesContext(connection) as named:
            response = client.get(_goal_url(world, getattr(world, goal)))
        assert response.status_code == 200
        assert text_of(response).count("31.12.20") >= snapshots  # a reading per snapshot
        counts.append((len(plain.captured_queries), len(named.captured_queries)))
    (plain_one, named_one), (plain_three, named_three) = counts
    assert named_one == named_three
    assert plain_one == plain_three
    # The snapshots, the district hierarchy (and for the city its code), the counts.
    assert named_one - plain_one <= 4


# The version's overview and the staff pages ---------------------------------------------------


def test_the_overview_names_indicator_and_target_without_figures(client, world):
    response = client.get(reverse("concept:index", kwargs={"body": world.body.slug}))
    text = text_of(response)
    assert CITY_SUMMARY in text
    assert "Indikator: Ausländeranteil (Quartier 1)" in text
    assert text.count("Indikator:") == 2
    assert SHOWN[0] not in text
    assert "Aktueller Wert" not in text


def test_the_overview_reads_an_own_indicators_name_in_one_query(
    client, world, django_assert_max_num_queries
):
    url = reverse("concept:index", kwargs={"body": world.body.slug})
    client.get(url)
    with CaptureQueriesContext(connection) as catalogue_only:
        client.get(url)
    for n in range(3):
        Indicator.objects.create(
            body=world.body,
            code=f"eigene_{n}",
            name=f"Eigene Quote {n}",
            definition="–",
            numerator=[["citizenship_status", "foreigner"]],
        )
        cf.GoalFactory(action_field=world.field, indicator_code=f"eigene_{n}")
    with django_assert_max_num_queries(len(catalogue_only.captured_queries) + 1):
        response = client.get(url)
    assert all(f"Indikator: Eigene Quote {n} " in text_of(response) for n in range(3))


@pytest.fixture
def staff(client, world):
    client.force_login(f.StaffRoleFactory(body=world.body).user)
    return client


def _staff_url(world, name, **kwargs):
    return reverse(f"concept_staff:{name}", kwargs={"body": world.body.slug, **kwargs})


def _goal_data(world, goal, **changes):
    data = {
        "action_field": world.field.pk,
        "number": goal.number,
        "title": goal.title,
        "justification": goal.justification,
        "priority": "",
        "origin": goal.origin,
        "origin_organization": "",
        "weight": "",
        "indicator_code": goal.indicator_code,
        "target_value": "",
        "target_district": "",
        "target_year": "",
        "version": goal.version,
    }
    return {**data, **changes}


def test_staff_choose_indicator_target_district_and_year_on_the_goal_page(staff, world):
    Indicator.objects.create(
        body=world.body,
        code="eigene_quote",
        name="Eigene Quote",
        definition="–",
        numerator=[["citizenship_status", "foreigner"]],
    )
    other = f.BodyFactory()
    Indicator.objects.create(
        body=other, code="fremde_quote", name="Fremde Quote", definition="–", numerator=[["a", "b"]]
    )
    edit = _staff_url(world, "goal_edit", pk=world.plain_goal.pk)
    html = staff.get(edit).content.decode()
    assert '<optgroup label="Anteile">' in html
    assert '<optgroup label="Eigene Indikatoren">' in html
    assert '<option value="eigene_quote">Eigene Quote</option>' in html
    assert "fremde_quote" not in html
    assert 'value="age_groups"' not in html  # a distribution is no target
    assert ">Quartier 2</option>" in html
    assert ">Musterstadt</option>" not in html  # the city is the empty choice
    quartier = world.districts.quartiere[1]
    response = staff.post(
        edit,
        _goal_data(
            world,
            world.plain_goal,
            indicator_code="foreigners_share",
            target_value="12,5",
            target_district=quartier.pk,
            target_year="2030",
        ),
    )
    assert response.status_code == 302
    world.plain_goal.refresh_from_db()
    assert (
        world.plain_goal.indicator_code,
        world.plain_goal.target_value,
        world.plain_goal.target_district,
        world.plain_goal.target_year,
    ) == ("foreigners_share", Decimal("12.50"), quartier, 2030)
    page = staff.get(_staff_url(world, "version", pk=world.version.pk))
    assert "Indikator: Ausländeranteil – Zielwert: 12,5 % (Quartier 2, 2030)" in text_of(page)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"target_value": "12,5"}, "gehören zu einem Indikator"),
        ({"indicator_code": "foreigners_share", "target_value": "viel"}, "Zahl mit höchstens"),
        ({"indicator_code": "foreigners_share", "target_value": "120"}, "zwischen 0 und 100"),
        ({"indicator_code": "erfunden"}, "gibt es im Monitoring nicht"),
        ({"indicator_code": "residents", "target_year": "3000"}, "von 1990 bis 2100"),
    ],
)
def test_a_refused_target_comes_back_at_its_field(staff, world, changes, message):
    edit = _staff_url(world, "goal_edit", pk=world.plain_goal.pk)
    response = staff.post(edit, _goal_data(world, world.plain_goal, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="kern-error" id="id_' in html
    world.plain_goal.refresh_from_db()
    assert (world.plain_goal.indicator_code, world.plain_goal.target_value) == ("", None)


def test_the_short_add_form_stays_short_and_posts_with_htmx(staff, world):
    """The add form has no indicator fields; the parts it returns show the targets."""
    world.version.state = ConceptVersion.State.DRAFT
    world.version.save()
    add = _staff_url(world, "goal_create", pk=world.version.pk)
    form = staff.get(f"{add}?feld={world.field.pk}", **HTMX)
    assert form.status_code == 200
    assert "indicator_code" not in form.content.decode()
    prefix = f"goal-{world.field.pk}"
    response = staff.post(
        add,
        {
            "slot": world.field.pk,
            f"{prefix}-action_field": world.field.pk,
            f"{prefix}-title": "Neues Ziel",
        },
        **HTMX,
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "Ziel 4 wurde angelegt." in text
    assert CITY_SUMMARY in text
    assert Goal.objects.get(title="Neues Ziel").indicator_code == ""


# Exports ----------------------------------------------------------------------------------------


@pytest.fixture
def exported(world):
    cf.MeasureFactory(
        action_field=world.field,
        title="Sprachcafé",
        planned_cost=Decimal("1250.50"),
        goals=[world.city_goal, world.small_goal, world.plain_goal],
    )
    return world


def _export(client, world, kind):
    url = reverse(
        f"concept:version_export_{kind}", kwargs={"body": world.body.slug, "pk": world.version.pk}
    )
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_csv_and_xlsx_gain_the_goals_indicators_and_targets(client, exported):
    text = _export(client, exported, "csv").content.decode("utf-8")[1:]
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    by_name = dict(zip(header, row, strict=True))
    assert header.index("Indikatoren der Ziele") == header.index("Ziele") + 1
    assert by_name["Indikatoren der Ziele"] == "1. foreigners_share; 2. foreigners_share"
    assert by_name["Zielwerte der Ziele"] == "1. 15,0\u00a0% (Gesamtstadt, 2030); 2. (Quartier 1)"
    sheet = load_workbook(io.BytesIO(_export(client, exported, "xlsx").content)).active
    cells = [[cell.value for cell in line] for line in sheet.iter_rows()]
    xlsx = dict(zip(cells[0], cells[1], strict=True))
    assert xlsx["Indikatoren der Ziele"] == by_name["Indikatoren der Ziele"]
    assert xlsx["Zielwerte der Ziele"] == by_name["Zielwerte der Ziele"]
    # The money columns moved to the right and are still formatted as euros.
    planned = sheet.cell(row=2, column=header.index("geplante Kosten in Euro") + 1)
    assert (planned.value, planned.number_format) == (Decimal("1250.50"), '#,##0.00 "€"')


def test_json_gives_each_goals_indicator_and_target(client, exported):
    document = json.loads(_export(client, exported, "json").content)
    (measure,) = document["measures"]
    city, small, plain = measure["goals"]
    assert city["indicator"] == {"code": "foreigners_share", "name": "Ausländeranteil"}
    assert city["target"] == {"value": "15.00", "district": None, "year": 2030}
    assert small["target"] == {
        "value": None,
        "district": {"code": "Q01", "name": "Quartier 1"},
        "year": None,
    }
    assert (plain["indicator"], plain["target"]) == (None, None)
