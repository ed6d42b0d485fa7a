"""A snapshot protected by the Cell-Key Method, through every output: nothing suppressed,
zeros zero, the population exact, every other count moved by the noise its cell key picks
(a parent's key being the key of the union of its children's records), and the same
value for the same cell on every page, download and read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Body
from teilhabe.council.views.staff import run_service
from teilhabe.monitoring import characteristics as ch
from teilhabe.monitoring import indicators
from teilhabe.monitoring.aggregation import record_key_secret
from teilhabe.monitoring.catalogue import Kind
from teilhabe.monitoring.confidentiality.cellkey import DEFAULT_TABLE, cell_key, record_key
from teilhabe.monitoring.errors import CellKeyNeedsRegister
from teilhabe.monitoring.forms import SnapshotUploadForm
from teilhabe.monitoring.models import Count, Snapshot
from teilhabe.monitoring.selectors import area_hierarchy, snapshot_counts, snapshot_figures
from teilhabe.monitoring.services import snapshot_import
from teilhabe.monitoring.tests import public_world
from teilhabe.monitoring.views import common
from teilhabe.monitoring.views.pages import category_label

pytestmark = pytest.mark.django_db

DAY = public_world.DAY
EARLIER = public_world.EARLIER
HEADER = "person_id;district_code;year_of_birth;sex;citizenships;country_of_birth\n"
NOTE = "nach der Cell-Key-Methode leicht verändert; Summen können daher von den Teilen"
DOT_SIGN = "„.“ geheim gehalten"


@dataclass(frozen=True)
class Person:
    pid: str
    district: str
    sex: str
    citizenship: str

    @property
    def foreign(self) -> bool:
        return self.citizenship != "DEU"


def people(quartiere: int = 3, seed: int = 6) -> list[Person]:
    """Q01: 135 Germans and 2 Turks (a count suppression would hide); the others about
    300 residents, a fifth of them Turks or Syrians. Some ids are not ASCII."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    result = []
    for n in range(1, quartiere + 1):
        code = f"Q{n:02d}"
        size, foreigners = (137, 2) if n == 1 else (280 + 10 * n, 55 + 5 * n)
        for i in range(size):
            pid = f"{code}-{i}" if i % 7 else f"Bürger-{code}-{i}"
            sex = "d" if i % 97 == 5 else rng.choice("mw")
            citizenship = "DEU" if i >= foreigners else "SYR" if n > 1 and i % 2 else "TUR"
            result.append(Person(pid, code, sex, citizenship))
    return result


def extract(persons: list[Person]) -> bytes:
    lines = [HEADER]
    for p in persons:
        lines.append(f"{p.pid};{p.district};1980;{p.sex};{p.citizenship};{p.citizenship}\n")
    return "".join(lines).encode()


def build(protection_now: str = "cellkey", *, earlier: bool = True) -> Any:
    """Musterstadt (Q01–Q03 in Stadtteil 01 in city 00): EARLIER an aggregated table
    (suppression), DAY a register extract protected by `protection_now`."""
    body = public_world.build(3, snapshots=False)
    if earlier:
        snapshot_import(body=body, reference_date=EARLIER, rows_or_file=public_world.rows(3, 10))
    snapshot_import(
        body=body, reference_date=DAY, rows_or_file=extract(people()), protection=protection_now
    )
    return body


def snapshot_on(day: dt.date) -> Snapshot:
    return Snapshot.objects.get(reference_date=day, deleted=False, body__slug="musterstadt")


def counting(pairs: list[tuple[str, str]]) -> list[Any]:
    """A count indicator for each (characteristic, category): every cell shown as such."""
    return [
        indicators.custom_definition(
            SimpleNamespace(code=f"n.{char}.{cat}", numerator=[[char, cat]], denominator=[])
        )
        for char, cat in pairs
    ]


def cells_as_published(snapshot: Snapshot) -> tuple[dict, dict]:
    """(published, true) value of every cell of every area, by (char, cat, area)."""
    counts = snapshot_counts(snapshot)
    keys = {
        (char, cat, code): key
        for char, cat, code, key in Count.objects.filter(snapshot=snapshot).values_list(
            "characteristic", "category", "district__code", "key"
        )
        if key is not None
    }
    parent_of, city = area_hierarchy(snapshot.body_id)
    pairs = sorted({(char, cat) for char, cat, _area in counts})
    definitions = counting(pairs)
    published = indicators.compute(
        counts, parent_of=parent_of, city=city, definitions=definitions, cell_keys=keys
    )
    # threshold 1: nothing is primary, so nothing suppressed: the true completed cells
    true = indicators.compute(
        counts, parent_of=parent_of, city=city, definitions=definitions, threshold=1
    )

    def by_cell(figures: list[indicators.Figure]) -> dict:
        return {(*f.indicator.split(".", 2)[1:], f.area): f.shown for f in figures}

    return by_cell(published), by_cell(true)


def test_every_cell_is_its_true_count_moved_by_its_noise_zeros_and_population_exact():
    build(earlier=False)
    snapshot = snapshot_on(DAY)
    published, true = cells_as_published(snapshot)
    assert published.keys() == true.keys()
    assert {area for _c, _k, area in published} == {"Q01", "Q02", "Q03", "01", "00"}
    moved = 0
    for cell, shown in published.items():
        value = true[cell].value
        assert not shown.suppressed
        assert shown.text != "."
        if value == 0:
            assert (shown.value, shown.text) == (0, "–")
        elif cell[:2] == (ch.POPULATION, ch.TOTAL):
            assert shown.value == value
        else:
            assert shown.value >= 0
            assert abs(shown.value - value) <= DEFAULT_TABLE.max_deviation
            moved += shown.value != value
    assert moved > 10  # the noise is really there
    residents = {p.district for p in people()}
    for area in (*residents, "01", "00"):
        expected = sum(1 for p in people() if area in (p.district, "01", "00"))
        assert published[(ch.POPULATION, ch.TOTAL, area)].value == expected


def test_a_zero_cell_of_a_present_category_stays_zero():
    """A category counted somewhere but not in every area (Syrians, only outside Q01) is
    a zero there, and published as zero."""
    build(earlier=False)
    published, true = cells_as_published(snapshot_on(DAY))
    zeros = [cell for cell, shown in true.items() if shown.value == 0]
    assert ("citizenship", "SYR", "Q01") in zeros
    assert (ch.CITIZENSHIP_REGION, ch.THIRD_COUNTRY, "Q01") in zeros
    for cell in zeros:
        assert published[cell].value == 0
        assert published[cell].text == "–"


def test_the_noise_of_a_parent_is_that_of_the_union_of_its_childrens_records():
    """The women of Stadtteil 01 and of the city are published with the noise of the cell
    key computed here from each woman's record key, independently of the SQL."""
    build(earlier=False)
    published, true = cells_as_published(snapshot_on(DAY))
    secret = record_key_secret()
    for area in ("Q02", "01", "00"):
        women = [p for p in people() if p.sex == "w" and area in (p.district, "01", "00")]
        key = cell_key(record_key(p.pid, secret=secret) for p in women)
        value = len(women)
        assert true[("sex", "w", area)].value == value
        assert published[("sex", "w", area)].value == value + DEFAULT_TABLE.noise(value, key)
    foreigners = [p for p in people() if p.foreign]
    key = cell_key(record_key(p.pid, secret=secret) for p in foreigners)
    assert published[(ch.CITIZENSHIP_STATUS, ch.FOREIGNER, "00")].value == len(
        foreigners
    ) + DEFAULT_TABLE.noise(len(foreigners), key)


def test_register_counts_keep_their_cell_keys_whatever_the_protection_tables_none():
    body = build("suppression")
    register = snapshot_on(DAY)
    assert register.protection == "suppression"
    assert not Count.objects.filter(snapshot=register, key__isnull=True).exists()
    women = [p for p in people() if p.sex == "w" and p.district == "Q03"]
    stored = Count.objects.get(
        snapshot=register, district__code="Q03", characteristic="sex", category="w"
    )
    assert stored.key == cell_key(record_key(p.pid, secret=record_key_secret()) for p in women)
    table = snapshot_on(EARLIER)
    assert not Count.objects.filter(snapshot=table, key__isnull=False).exists()
    assert body.slug == "musterstadt"


def test_nothing_is_suppressed_and_only_changes_against_a_suppressed_snapshot_are_dots():
    build()
    now, before = snapshot_on(DAY), snapshot_on(EARLIER)
    alone = snapshot_figures(now)
    assert alone
    assert not any(f.shown.suppressed or f.shown.text == "." for f in alone)
    compared = snapshot_figures(now, earlier=before)
    dots = {(f.indicator, f.area) for f in compared if f.shown.suppressed}
    assert dots  # Q01's share of foreigners was suppressed in the earlier table
    assert all(code.endswith("_change") for code, _area in dots)
    assert ("foreigners_share_change", "Q01") in dots


def test_a_change_compares_what_each_snapshot_published_in_its_own_way():
    """Suppression, then the Cell-Key Method, then suppression again: each change is
    the difference of the two published values."""
    body = build()
    later = dt.date(2025, 12, 31)
    snapshot_import(body=body, reference_date=later, rows_or_file=public_world.rows(3, 20))
    first, middle, last = snapshot_on(EARLIER), snapshot_on(DAY), snapshot_on(later)

    def table(snapshot: Snapshot, earlier: Snapshot | None = None) -> dict:
        return {(f.indicator, f.area): f.shown for f in snapshot_figures(snapshot, earlier=earlier)}

    compared = 0
    for now, then in ((middle, first), (last, middle)):
        changes, current, previous = table(now, then), table(now), table(then)
        for base in ("residents", "foreigners_share"):
            for area in ("Q01", "Q02", "Q03", "01", "00"):
                change = changes[(f"{base}_change", area)]
                before, after = previous[(base, area)], current[(base, area)]
                if before.suppressed or after.suppressed:
                    assert change.suppressed
                else:
                    assert change.value == after.value - before.value
                    compared += 1
    assert compared >= 12
    # the earlier table hid Q01's share; the Cell-Key snapshot after it did not
    assert table(middle, first)[("foreigners_share_change", "Q01")].suppressed
    assert not table(middle)[("foreigners_share", "Q01")].suppressed


def test_a_share_never_exceeds_a_hundred_percent():
    """All 20 foreigners of Q1 are EU citizens; the keys are chosen so that the noise
    lifts the numerator by 2 and lowers the denominator by 2."""
    eu, foreigners = ("citizenship_region", "eu"), ("citizenship_status", "foreigner")
    counts = {
        ("population", "total", "Q1"): 100,
        ("citizenship_status", "german_only", "Q1"): 80,
        (*foreigners, "Q1"): 20,
        (*eu, "Q1"): 20,
    }
    keys = dict.fromkeys(counts, 0) | {(*eu, "Q1"): KEY_PLUS_TWO, (*foreigners, "Q1"): 0}
    share = indicators.custom_definition(
        SimpleNamespace(code="eu_share", numerator=[list(eu)], denominator=[list(foreigners)])
    )
    shown = {
        (f.indicator, f.area): f.shown
        for f in indicators.compute(
            counts,
            parent_of={"Q1": "*"},
            definitions=[*counting([eu, foreigners]), share],
            cell_keys=keys,
        )
    }
    assert shown[("n.citizenship_region.eu", "Q1")].value == 22
    assert shown[("n.citizenship_status.foreigner", "Q1")].value == 18
    assert shown[("eu_share", "Q1")].text == "100,0\u00a0%"


KEY_PLUS_TWO = int(0.99 * 2**32)  # in the last 1/20 of the key space (0 is in the first)


def test_the_dissimilarity_index_is_computed_from_the_published_leaf_counts():
    build(earlier=False)
    snapshot = snapshot_on(DAY)
    published, _true = cells_as_published(snapshot)
    figures = {(f.indicator, f.area): f.shown for f in snapshot_figures(snapshot)}
    leaves = ("Q01", "Q02", "Q03")
    group = {q: published[(ch.CITIZENSHIP_STATUS, ch.FOREIGNER, q)].value for q in leaves}
    rest = {q: published[(ch.POPULATION, ch.TOTAL, q)].value - group[q] for q in leaves}
    half = sum(
        abs(Decimal(group[q]) / sum(group.values()) - Decimal(rest[q]) / sum(rest.values()))
        for q in leaves
    )
    expected = (half * 50).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert figures[("foreigners_dissimilarity", "00")].value == expected


def _url(name: str, **kwargs: str) -> str:
    return reverse(f"monitoring:{name}", kwargs={"body": "musterstadt", **kwargs})


def _download(client, kind: str) -> Any:
    response = client.get(_url(f"table_{kind}", reference_date=DAY.isoformat()))
    assert response.status_code == 200
    return response


def test_every_page_and_download_shows_the_same_value_for_the_same_cell(client):
    build()
    now, before = snapshot_on(DAY), snapshot_on(EARLIER)
    expected = {
        (f.indicator, f.area, f.key): f.shown for f in snapshot_figures(now, earlier=before)
    }
    # computed again, and through the pages' own read of several snapshots at once
    assert expected == {
        (f.indicator, f.area, f.key): f.shown for f in snapshot_figures(now, earlier=before)
    }
    body = Body.objects.get(slug="musterstadt")
    snapshots = common.snapshots_of(body)
    definitions = common.definitions_of(body)
    paged = common.figures_by_snapshot(body, [now, before], snapshots, definitions)
    assert {(f.indicator, f.area, f.key): f.shown for f in paged[now.pk]} == expected
    assert {(f.indicator, f.area, f.key): f.shown for f in paged[before.pk]} == {
        (f.indicator, f.area, f.key): f.shown for f in snapshot_figures(before)
    }

    text = _download(client, "csv").content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert {r["Geheimhaltung"] for r in rows} == {"Cell-Key-Methode"}
    assert {
        r["geheim gehalten"] for r in rows if not r["Indikator (Kennung)"].endswith("_change")
    } == {"nein"}
    assert {
        (r["Indikator (Kennung)"], r["Gebietsschlüssel"], r["Ausprägung"]): r[
            "Wert wie veröffentlicht"
        ]
        for r in rows
        if not r["Rang"]
    } == {key: shown.text for key, shown in expected.items() if key[0] != "citizenships_top10"}

    document = json.loads(_download(client, "geojson").content)
    for feature in document["features"]:
        properties = feature["properties"]
        assert properties["protection"] == "cellkey"
        for name, value in properties["indicators"].items():
            indicator, _dot, key = name.partition(".")
            assert value["shown"] == expected[(indicator, properties["code"], key)].text

    for indicator in ("foreigners_share", "residents", "women_share"):
        page = client.get(_url("index") + f"?indikator={indicator}")
        for row in page.context["rows"]:
            assert row.shown == expected[(indicator, row.district.code, "")]
        assert page.context["city_shown"] == expected[(indicator, "00", "")]
    comparison = client.get(_url("comparison"))
    columns = comparison.context["columns"]
    for code, _name, _item, shown in comparison.context["matrix"]:
        for column, cell in zip(columns, shown, strict=True):
            assert cell == expected[(column.code, code, "")]
    for quartier in ("Q01", "Q02"):
        profile = client.get(_url("district", code=quartier))
        for row in profile.context["rows"]:
            key = ""
            if row.definition.kind is Kind.DISTRIBUTION:
                key = next(
                    k
                    for (code, area, k) in expected
                    if (code, area) == (row.definition.code, quartier)
                    and row.label.endswith(f": {category_label(k)}")
                )
            assert row.here == expected[(row.definition.code, quartier, key)]
            assert row.city == expected[(row.definition.code, "00", key)]


def test_the_pages_name_the_method_and_explain_no_dot(client):
    build()
    day = f"?stichtag={DAY.isoformat()}"
    for page in (_url("index") + day, _url("district", code="Q02") + day):
        html = client.get(page).content.decode()
        assert NOTE in html
        assert "nach der Cell-Key-Methode verändert wie auf diesen Seiten" in html
    index = client.get(_url("index") + day).content.decode()
    assert DOT_SIGN not in index
    assert "„–“ null" in index
    # the comparison shows the changes against the suppressed earlier table: "." appears
    comparison = client.get(_url("comparison") + day).content.decode()
    assert NOTE in comparison
    assert DOT_SIGN in comparison
    # the earlier snapshot is protected by suppression: no note, the "." explained;
    # its profile names the Cell-Key date of its time series
    before = f"?stichtag={EARLIER.isoformat()}"
    index = client.get(_url("index") + before).content.decode()
    assert NOTE not in index
    assert DOT_SIGN in index
    profile = client.get(_url("district", code="Q02") + before).content.decode()
    assert NOTE not in profile
    assert "In der Zeitreihe nach der Cell-Key-Methode leicht verändert" in profile
    assert "31.12.2024." in profile


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("index", {}), ("comparison", {}), ("district", {"code": "Q02"}), ("table_csv", {})],
)
def test_the_method_costs_no_query(client, name, kwargs):
    if name == "table_csv":
        kwargs = {"reference_date": DAY.isoformat()}
    build("suppression")
    suppressed = _queries(client, _url(name, **kwargs))
    Body.objects.filter(slug="musterstadt").update(slug="alt")
    build("cellkey")
    perturbed = _queries(client, _url(name, **kwargs))
    assert perturbed == suppressed


def test_an_aggregated_table_is_refused_the_cell_key_method_at_the_field():
    body = public_world.build(3, snapshots=False)
    table = "".join(f"{';'.join(map(str, row))}\n" for row in public_world.rows(3, 0)).encode()
    for kind in (None, "aggregated"):
        with pytest.raises(CellKeyNeedsRegister) as caught:
            snapshot_import(
                body=body, reference_date=DAY, rows_or_file=table, kind=kind, protection="cellkey"
            )
        assert caught.value.field == "protection"
        assert "nur für einen Auszug aus dem Melderegister" in caught.value.message
    assert not Snapshot.objects.exists()

    form = SnapshotUploadForm(
        {"reference_date": DAY.isoformat(), "protection": "cellkey"},
        {"file": SimpleUploadedFile("tabelle.csv", table)},
        body=body,
    )
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    result = run_service(
        form,
        lambda: snapshot_import(
            body=form.body,
            reference_date=data["reference_date"],
            rows_or_file=data["file"],
            kind=data["kind"],
            protection=data["protection"],
        ),
    )
    assert result is None
    assert form.errors["protection"] == [CellKeyNeedsRegister.default_message]
    assert not Snapshot.objects.exists()


def test_the_upload_form_defaults_to_suppression_and_refuses_an_unknown_method():
    body = public_world.build(1, snapshots=False)
    file = {"file": SimpleUploadedFile("a.csv", b"Q01;population;total;3\n")}
    form = SnapshotUploadForm({"reference_date": DAY.isoformat()}, file, body=body)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["protection"] == "suppression"
    form = SnapshotUploadForm(
        {"reference_date": DAY.isoformat(), "protection": "raten"}, file, body=body
    )
    assert not form.is_valid()
    assert "protection" in form.errors
    with pytest.raises(ValueError, match="protection"):
        snapshot_import(
            body=body,
            reference_date=DAY,
            rows_or_file=b"Q01;population;total;3\n",
            protection="raten",
        )
