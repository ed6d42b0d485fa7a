"""The concept's selectors: overview with progress, totals, comparison, goal and measure
pages, and that every read goes through `visible_to(user)`."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teilhabe.concept import selectors
from teilhabe.concept.models import ConceptVersion, Goal, Measure, Status
from teilhabe.concept.selectors.compare import Snapshot, Value
from teilhabe.concept.selectors.measures import MEASURE_ORDER, measures_query, row_of
from teilhabe.concept.selectors.totals import TotalsRow
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.public_scene import (
    DRAFT_SECRET,
    NONPUBLIC_ITEM,
    NONPUBLIC_PAPER,
    SHY_PERSON,
    build_scene,
)

D = Decimal


@pytest.fixture
def scene(db):
    return build_scene()


# Versions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        ("anonymous", False),
        ("other_body_staff", False),
        ("beirat_member", False),
        ("former_ag_member", False),
        ("ag_member", True),
        ("staff", True),
    ],
)
def test_a_draft_is_listed_only_for_staff_and_the_drafting_ag(scene, role, sees_draft):
    versions = selectors.version_list(body=scene["body"], user=scene["users"][role])
    assert (scene["v2"] in versions) is sees_draft
    assert scene["v1"] in versions
    assert scene["other_version"] not in versions
    # The version in force is the current one, even where a newer draft is seen.
    assert selectors.current_version(versions) == scene["v1"]


def test_without_a_version_in_force_the_newest_visible_one_is_current(scene):
    ConceptVersion.objects.filter(pk=scene["v1"].pk).update(state=ConceptVersion.State.SUPERSEDED)
    staff_versions = selectors.version_list(body=scene["body"], user=scene["users"]["staff"])
    assert selectors.current_version(staff_versions) == scene["v2"]
    public_versions = selectors.version_list(body=scene["body"], user=None)
    assert selectors.current_version(public_versions) == scene["v1"]
    assert selectors.current_version([]) is None


def test_a_predecessor_is_only_given_when_visible(scene):
    versions = selectors.version_list(body=scene["body"], user=scene["users"]["staff"])
    assert selectors.predecessor_of(scene["v2"], versions) == scene["v1"]
    assert selectors.predecessor_of(scene["v1"], versions) is None
    with pytest.raises(ConceptVersion.DoesNotExist):
        selectors.version_from(
            selectors.version_list(body=scene["body"], user=None), scene["v2"].pk
        )


# The overview ---------------------------------------------------------------------------------


def test_overview_rolls_progress_up_as_worked_out_by_hand(scene):
    overview = selectors.version_overview(version=scene["v1"], user=None)
    assert overview.progress == D("27.5")
    by_field = {block.field: block for block in overview.blocks}
    assert by_field[scene["f1"]].progress == D(55)
    assert by_field[scene["f2"]].progress == D(0)
    goals = {gb.goal: gb for block in overview.blocks for gb in block.goals}
    assert goals[scene["g1"]].progress == D(55)
    assert goals[scene["g2"]].progress is None
    assert goals[scene["g3"]].progress is None
    assert overview.measure_count == 4
    assert [row.pk for row in overview.contents.rows] == [
        scene[m].pk for m in ("m1", "m2", "m3", "m4")
    ]


def test_overview_counts_each_goals_measures_by_status_with_their_money(scene):
    overview = selectors.version_overview(version=scene["v1"], user=None)
    by_field = {block.field: block for block in overview.blocks}
    goals = {gb.goal: gb for block in overview.blocks for gb in block.goals}
    g1 = goals[scene["g1"]].figures
    assert (g1.count, g1.planned, g1.actual) == (2, D("6200.00"), D("1250.50"))
    assert [(e.status, str(e.label), e.count) for e in g1.by_status] == [
        (Status.IN_PROGRESS, "in Umsetzung", 1),
        (Status.DONE, "umgesetzt", 1),
    ]
    g2 = goals[scene["g2"]].figures
    assert (g2.count, g2.planned, g2.actual) == (1, D("300.00"), D(0))
    assert goals[scene["g3"]].figures.count == 0
    f1, f2 = by_field[scene["f1"]], by_field[scene["f2"]]
    assert (f1.figures.count, f1.figures.planned, f1.figures.actual) == (
        3,
        D("6500.00"),
        D("1250.50"),
    )
    assert f1.other.count == 0
    # M4 serves no goal: it counts with its field, on a line of its own.
    assert (f2.figures.count, f2.other.count) == (1, 1)
    assert f2.other_progress == D(0)
    assert not overview.shared_measures


def test_a_measure_serving_two_goals_counts_with_each(scene):
    scene["m2"].goals.add(scene["g2"])
    overview = selectors.version_overview(version=scene["v1"], user=None)
    goals = {gb.goal: gb for block in overview.blocks for gb in block.goals}
    assert goals[scene["g2"]].figures.count == 2
    assert goals[scene["g1"]].figures.count == 2
    assert overview.shared_measures
    # The field and the totals count it once.
    assert overview.blocks[0].figures.count == 3
    assert overview.totals.count == 4


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["m1", "m2", "m3", "m4"]),
        ({"status": Status.DONE}, ["m1"]),
        ({"field": "f2"}, ["m4"]),
        ({"goal": "g1"}, ["m1", "m2"]),
        ({"goal": "g3"}, []),
        ({"goalless": True}, ["m4"]),
        ({"field": "f1", "status": Status.DROPPED}, ["m3"]),
        ({"responsible": "office"}, ["m1"]),
        ({"responsible": "keine"}, ["m3"]),
        ({"responsible": "nv"}, ["m4"]),
    ],
)
def test_the_measure_list_narrows_by_every_filter(scene, filters, expected):
    contents = selectors.version_contents(version=scene["v1"], user=None)
    responsible = filters.get("responsible")
    if responsible == "office":
        responsible = f"o{scene['office'].pk}"
    chosen = selectors.Filters(
        field_pk=scene[filters["field"]].pk if "field" in filters else None,
        goal_pk=scene[filters["goal"]].pk if "goal" in filters else None,
        goalless=filters.get("goalless", False),
        status=filters.get("status"),
        responsible=responsible,
    )
    assert chosen.active is bool(filters)
    rows = selectors.matching(contents.rows, chosen)
    assert [row.pk for row in rows] == [scene[m].pk for m in expected]


def test_the_measure_list_groups_a_page_by_field(scene):
    contents = selectors.version_contents(version=scene["v1"], user=None)
    groups = selectors.grouped_by_field(contents.rows[1:], contents.fields)
    assert [(g.field, [r.pk for r in g.rows]) for g in groups] == [
        (scene["f1"], [scene["m2"].pk, scene["m3"].pk]),
        (scene["f2"], [scene["m4"].pk]),
    ]
    assert contents.goals_by_field() == [
        (scene["f1"], [scene["g1"], scene["g2"]]),
        (scene["f2"], [scene["g3"]]),
    ]
    office = f"o{scene['office'].pk}"
    assert [key for key, _label in contents.responsible_choices()] == [
        office,
        f"p{scene['speaker'].pk}",
        "nv",
        "keine",
    ]


@pytest.mark.parametrize("role", ["anonymous", "staff", "ag_member", "beirat_member"])
@pytest.mark.parametrize("version", ["v1", "v2"])
def test_the_rows_read_the_same_as_the_measures_read_as_instances(scene, role, version):
    """`version_rows` (values) and `row_of` (instances with prefetches) agree, whoever reads."""
    user = scene["users"][role]
    versions = selectors.version_list(body=scene["body"], user=user)
    if scene[version] not in versions:
        return
    goals = selectors.version_goals(version=scene[version], user=user)
    rows = selectors.version_rows(version=scene[version], user=user, goals=goals)
    measures = (
        measures_query(user=user, body_id=scene["body"].pk)
        .filter(concept_version=scene[version])
        .order_by(*MEASURE_ORDER)
    )
    assert rows == [row_of(measure) for measure in measures]
    assert rows


def test_a_responsible_person_without_consent_is_not_named_to_the_public(scene):
    overview = selectors.version_overview(version=scene["v1"], user=None)
    row = next(row for row in overview.contents.rows if row.pk == scene["m4"].pk)
    assert row.responsible.person is None
    assert "nicht veröffentlicht" in str(row.responsible.label)
    assert SHY_PERSON not in str([label for _key, label in overview.contents.responsible_choices()])
    staff_overview = selectors.version_overview(version=scene["v1"], user=scene["users"]["staff"])
    row = next(row for row in staff_overview.contents.rows if row.pk == scene["m4"].pk)
    assert row.responsible.person == scene["shy"]


# Totals ---------------------------------------------------------------------------------------


def test_totals_of_the_scene(scene):
    totals = selectors.version_totals(version=scene["v1"], user=None)
    assert (totals.count, totals.planned, totals.actual) == (4, D("6500.00"), D("1250.50"))
    assert (totals.done_count, totals.done_actual) == (1, D("1000.00"))
    assert [(g.label, g.count, g.planned, g.actual) for g in totals.by_status] == [
        ("geplant", 1, D(0), D(0)),
        ("in Umsetzung", 1, D("5000.00"), D("250.50")),
        ("umgesetzt", 1, D("1200.00"), D("1000.00")),
        ("entfallen", 1, D("300.00"), D(0)),
    ]
    assert [(str(g.label), g.count) for g in totals.by_field] == [
        ("1. Sprache und Bildung", 3),
        ("2. Arbeit und Ausbildung", 1),
    ]
    assert [str(g.label) for g in totals.by_responsible] == [
        "Integrationsbüro",
        "Rita Referentin",
        "eine Person (Name nicht veröffentlicht)",
        "ohne Zuständigkeit",
    ]
    # M1 starts 2024; M2 starts 2025; M3 has only an end in 2025; M4 no dates.
    assert [(str(g.label), g.count, g.planned) for g in totals.by_year] == [
        ("2024", 1, D("1200.00")),
        ("2025", 2, D("5300.00")),
        ("ohne Zeitraum", 1, D(0)),
    ]


def test_totals_of_a_version_without_measures(scene):
    empty = cf.ConceptVersionFactory(
        concept=scene["concept"], number="0.9", state=ConceptVersion.State.SUPERSEDED
    )
    totals = selectors.version_totals(version=empty, user=None)
    assert (totals.count, totals.planned, totals.actual, totals.done_count) == (0, 0, 0, 0)
    assert totals.by_status == totals.by_year == []


money = st.none() | st.decimals(
    min_value=0, max_value=D("9999999999.99"), places=2, allow_nan=False, allow_infinity=False
)
rows = st.builds(
    TotalsRow,
    status=st.sampled_from(Status.values),
    field_key=st.sampled_from(["1", "2", "3"]),
    field_label=st.just("Feld"),
    field_order=st.tuples(st.integers(0, 3), st.integers(0, 3)),
    responsible_key=st.sampled_from(["o1", "o2", "p7", "nv", "keine"]),
    responsible_label=st.sampled_from(["Amt", "Person", "ohne"]),
    year=st.none() | st.integers(2000, 2040),
    planned=money,
    actual=money,
)


@given(st.lists(rows, max_size=40))
def test_every_grouping_sums_to_the_overall_total(rows):
    totals = selectors.totals_of(rows)
    assert totals.count == len(rows)
    assert totals.planned == sum((r.planned or 0 for r in rows), D(0))
    assert totals.actual == sum((r.actual or 0 for r in rows), D(0))
    for grouping in (totals.by_status, totals.by_field, totals.by_responsible, totals.by_year):
        assert sum(g.count for g in grouping) == totals.count
        assert sum((g.planned for g in grouping), D(0)) == totals.planned
        assert sum((g.actual for g in grouping), D(0)) == totals.actual
        assert len({g.key for g in grouping}) == len(grouping)
        assert all(g.count > 0 for g in grouping)
    done = [g for g in totals.by_status if g.key == Status.DONE]
    assert totals.done_count == (done[0].count if done else 0)
    assert totals.done_actual == (done[0].actual if done else 0)


# Comparison -----------------------------------------------------------------------------------


def test_comparison_of_the_draft_with_its_predecessor(scene):
    comparison = selectors.version_comparison(
        version=scene["v2"], predecessor=scene["v1"], user=scene["users"]["staff"]
    )
    fields = comparison.fields
    assert [c.after for c in fields.changed] == [scene["f1b"]]
    assert [(str(ch.label), ch.before, ch.after) for ch in fields.changed[0].changes] == [
        ("Titel", "Sprache und Bildung", "Sprache, Bildung und Medien")
    ]
    assert fields.dropped == [scene["f2"]]
    goals = comparison.goals
    assert goals.added == [scene["g_new"]]
    assert goals.unchanged == [scene["g1b"]]  # its field was renamed, but it is the same field
    assert goals.dropped == [scene["g2"], scene["g3"]]
    measures = comparison.measures
    assert measures.added == [scene["m_new"]]
    assert measures.dropped == [scene["m2"], scene["m3"], scene["m4"]]
    (changed,) = measures.changed
    assert (changed.before, changed.after) == (scene["m1"], scene["m1b"])
    assert [(str(ch.label), ch.before, ch.after) for ch in changed.changes] == [
        ("Status", "umgesetzt", "in Umsetzung"),
        ("Fortschritt in Prozent", "–", "10"),
        ("geplante Kosten", "1.200,00 €", "1.500,00 €"),
        ("tatsächliche Kosten", "1.000,00 €", "–"),
    ]


def _snapshot(lineage, *values):
    return Snapshot(
        lineage=lineage,
        obj=lineage,
        values=tuple(Value(label=f"v{i}", key=v, shown=str(v)) for i, v in enumerate(values)),
    )


@given(
    st.dictionaries(st.uuids(), st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=12),
    st.dictionaries(st.uuids(), st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=12),
    st.data(),
)
def test_every_part_is_exactly_one_of_added_changed_dropped_unchanged(old, new, data):
    # Some lineages in both versions.
    shared = data.draw(st.lists(st.sampled_from(list(old)), unique=True) if old else st.just([]))
    for lineage in shared:
        new[lineage] = data.draw(st.tuples(st.integers(0, 2), st.integers(0, 2)))
    result = selectors.compare_parts(
        [_snapshot(k, *v) for k, v in old.items()], [_snapshot(k, *v) for k, v in new.items()]
    )
    changed_after = [c.after for c in result.changed]
    assert sorted(map(str, result.added + changed_after + result.unchanged)) == sorted(
        map(str, new)
    )
    assert set(result.dropped) == set(old) - set(new)
    assert set(result.added) == set(new) - set(old)
    for entry in result.changed:
        assert old[entry.before] != new[entry.after]
        assert entry.changes
    for lineage in result.unchanged:
        assert old[lineage] == new[lineage]


def test_compare_parts_names_before_and_after():
    lineage = uuid.uuid4()
    result = selectors.compare_parts([_snapshot(lineage, 1, 2)], [_snapshot(lineage, 1, 3)])
    assert [(c.label, c.before, c.after) for c in result.changed[0].changes] == [("v1", "2", "3")]


# A goal and a measure -------------------------------------------------------------------------


def test_goal_page_reads_its_chain(scene):
    page = selectors.goal_get(body=scene["body"], user=None, pk=scene["g1"].pk)
    goal = page.goal
    assert goal.visible_report == scene["report"]
    assert goal.visible_adopted_by == scene["public_item"]
    assert goal.visible_origin_organization == scene["ag"]
    assert goal.visible_carried_from is None
    assert page.progress == D(55)
    assert [row.pk for row in page.measures] == [scene["m1"].pk, scene["m2"].pk]
    assert [row.shown_progress for row in page.measures] == [D(100), D(40)]
    # The goal carried into the draft is its successor only for who may see the draft.
    assert page.successors == []
    staff_page = selectors.goal_get(
        body=scene["body"], user=scene["users"]["staff"], pk=scene["g1"].pk
    )
    assert staff_page.successors == [scene["g1b"]]
    carried = selectors.goal_get(
        body=scene["body"], user=scene["users"]["staff"], pk=scene["g1b"].pk
    )
    assert carried.goal.visible_carried_from == scene["g1"]


def test_measure_page_hides_what_the_council_does_not_show(scene):
    public = selectors.measure_get(body=scene["body"], user=None, pk=scene["m1"].pk)
    measure = public.measure
    assert measure.visible_report is None  # a non-public report
    assert measure.visible_papers == [scene["report"]]
    assert measure.visible_resolutions == [scene["public_item"]]
    assert [step.resolution for step in public.history] == [None, None]

    staff = selectors.measure_get(
        body=scene["body"], user=scene["users"]["staff"], pk=scene["m1"].pk
    )
    assert staff.measure.visible_report.name == NONPUBLIC_PAPER
    assert {item.name for item in staff.measure.visible_resolutions} >= {NONPUBLIC_ITEM}
    assert staff.history[-1].resolution == scene["secret_item"]


def test_measure_history_includes_the_measure_it_was_carried_from(scene):
    page = selectors.measure_get(
        body=scene["body"], user=scene["users"]["ag_member"], pk=scene["m1b"].pk
    )
    assert page.earlier == [scene["m1"]]
    assert [(step.change.status, step.earlier) for step in page.history] == [
        (Status.PLANNED, True),
        (Status.DONE, True),
        (Status.IN_PROGRESS, False),
    ]


def test_measure_page_reads_the_motion_and_its_path(scene):
    page = selectors.measure_get(body=scene["body"], user=None, pk=scene["m2"].pk)
    assert page.measure.visible_motion == scene["motion"]
    assert page.standing is not None
    assert [step.organization for step in page.standing.steps] == [
        scene["beirat"],
        scene["stadtrat"],
    ]
    assert page.progress == D(40)


@pytest.mark.parametrize(
    "role", ["anonymous", "other_body_staff", "beirat_member", "former_ag_member"]
)
def test_a_drafts_parts_do_not_exist_for_outsiders(scene, role):
    user = scene["users"][role]
    with pytest.raises(Goal.DoesNotExist):
        selectors.goal_get(body=scene["body"], user=user, pk=scene["g_new"].pk)
    with pytest.raises(Measure.DoesNotExist):
        selectors.measure_get(body=scene["body"], user=user, pk=scene["m_new"].pk)
    with pytest.raises(ConceptVersion.DoesNotExist):
        selectors.version_get(body=scene["body"], user=user, pk=scene["v2"].pk)
    rows = selectors.export_rows(body=scene["body"], version=scene["v1"], user=user)
    assert all(DRAFT_SECRET not in row.measure.title for row in rows)


def test_another_bodys_parts_do_not_exist_here(scene):
    staff = scene["users"]["staff"]
    with pytest.raises(Goal.DoesNotExist):
        selectors.goal_get(body=scene["body"], user=staff, pk=scene["other_goal"].pk)
    with pytest.raises(Measure.DoesNotExist):
        selectors.measure_get(body=scene["body"], user=staff, pk=scene["other_measure"].pk)


def test_deleted_parts_are_gone(scene):
    Measure.objects.filter(pk=scene["m2"].pk).update(deleted=True)
    overview = selectors.version_overview(version=scene["v1"], user=None)
    assert scene["m2"].pk not in [row.pk for row in overview.contents.rows]
    assert overview.progress == D(50)  # G1 = 100 (M1 alone), F1 = 100, F2 = 0
    with pytest.raises(Measure.DoesNotExist):
        selectors.measure_get(body=scene["body"], user=None, pk=scene["m2"].pk)
