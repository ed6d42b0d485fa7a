"""The SQL aggregation of a register extract equals the pure rules, person by person."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import random
from collections import defaultdict

import duckdb
import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.monitoring import characteristics as ch
from teilhabe.monitoring.aggregation import (
    RECORD_KEY_SQL,
    SECRET_LABEL,
    aggregate_extract,
    record_key_secret,
)
from teilhabe.monitoring.confidentiality.cellkey import (
    KEY_SPACE,
    cell_key,
    complete_keys,
    key_prefix,
    record_key,
)
from teilhabe.monitoring.derivation import has_immigration_history, has_migration_background
from teilhabe.monitoring.eligibility import IncompleteRecordError, beirat_eligible
from teilhabe.monitoring.register import RegisterRecord, Residence, Sex, age_on

ON = dt.date(2024, 6, 30)
HEADER = [
    "person_id",
    "district_code",
    "year_of_birth",
    "date_of_birth",
    "sex",
    "citizenships",
    "country_of_birth",
    "moved_from_abroad_on",
    "naturalised",
    "option_flag",
    "residence",
    "resident_since",
    "household_id",
    "parent_ids",
]
CODES = ["DEU", "TUR", "POL", "ITA", "UKR", "SYR", "XXA", "XXX", "ROU", "GBR", "AFG"]


def _date(value):
    return value.isoformat() if value else ""


def write_extract(path, records, *, delimiter=";", encoding="utf-8"):
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADER)
        for r in records:
            writer.writerow(
                [
                    r.person_id,
                    r.district_code,
                    r.year_of_birth,
                    _date(r.date_of_birth),
                    r.sex.value,
                    "|".join(sorted(r.citizenships)),
                    r.country_of_birth or "",
                    _date(r.moved_from_abroad_on),
                    int(r.naturalised),
                    int(r.option_flag),
                    r.residence.value,
                    _date(r.resident_since),
                    r.household_id or "",
                    "|".join(r.parent_ids),
                ]
            )


def generate(count, seed):
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    records = []
    for number in range(count):
        year = rng.randint(1935, ON.year)
        born = None
        if rng.random() < 0.8:
            born = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.1:
                born = dt.date(year, ON.month, ON.day + rng.choice((-1, 0)))
            if born > ON:
                born = ON
        lower = born or dt.date(year, 1, 1)
        cits = set(rng.sample(CODES, rng.choice((1, 1, 1, 2))))
        since = None
        if rng.random() < 0.8:
            since = min(ON, lower + dt.timedelta(days=rng.randint(0, 30000)))
            if rng.random() < 0.1:
                since = max(lower, dt.date(2024, 3, 30) + dt.timedelta(days=rng.randint(0, 2)))
        moved = None
        if rng.random() < 0.5:
            moved = min(ON, lower + dt.timedelta(days=rng.randint(0, 20000)))
            if rng.random() < 0.05:
                moved = dt.date(1949, 12, 31) if lower.year < 1949 else moved
        parents: tuple[str, ...] = ()
        if number > 2 and rng.random() < 0.5:
            parents = tuple(
                rng.sample([f"p{n}" for n in range(number)] + ["missing"], rng.choice((1, 2)))
            )
        records.append(
            RegisterRecord(
                person_id=f"p{number}",
                district_code=rng.choice(["A", "B", "C"]),
                year_of_birth=year,
                date_of_birth=born,
                sex=rng.choice(list(Sex)),
                citizenships=frozenset(cits),
                country_of_birth=rng.choice([None, "DEU", "DEU", "TUR", "POL", "SYR", "RUS"]),
                moved_from_abroad_on=moved,
                naturalised=rng.random() < 0.1,
                option_flag=rng.random() < 0.05,
                residence=Residence.MAIN if rng.random() < 0.9 else Residence.SECONDARY,
                resident_since=since,
                household_id=rng.choice([None, "h1", "h2", "h3", "h4"]),
                parent_ids=parents,
            )
        )
    return records


def _age_group(age):
    for code, low, high in ch.AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return code
    raise AssertionError(age)


def _stay(person):
    moved = person.moved_from_abroad_on
    if moved is None:
        return ch.STAY_NONE
    years = ON.year - moved.year - int((ON.month, ON.day) < (moved.month, moved.day))
    for code, low, high in ch.STAY_GROUPS:
        if years >= low and (high is None or years < high):
            return code
    raise AssertionError(years)


def _first_citizenship(person):
    foreign = person.foreign_citizenships
    if foreign:
        rank = {ch.EU: 1, ch.OTHER_EUROPE: 2, ch.THIRD_COUNTRY: 3}
        return min(foreign, key=lambda code: (rank[ch.region_of(code)], code))
    return "XXA" if "XXA" in person.citizenships else "XXX"


def expected_counts(records):
    """The counts computed with the pure functions, person by person."""
    return {cell: len(members) for cell, members in expected_members(records).items()}


def expected_keys(records, secret):
    """The cell keys computed in Python: `cell_key` of the record keys in each cell."""
    return {
        cell: cell_key(record_key(person_id, secret=secret) for person_id in members)
        for cell, members in expected_members(records).items()
    }


def expected_members(records):
    """The persons (ids) of each cell, by the pure functions."""
    by_id = {r.person_id: r for r in records}
    members: dict = defaultdict(list)
    for person in records:
        if person.residence is not Residence.MAIN:
            continue
        parents = [by_id[p] for p in person.parent_ids if p in by_id]
        mb = has_migration_background(person, parents, on=ON)
        eg = has_immigration_history(person, parents)
        try:
            eligible = ch.ELIGIBLE if beirat_eligible(person, ON) else ch.NOT_ELIGIBLE
        except IncompleteRecordError:
            eligible = ch.UNKNOWN
        age = _age_group(age_on(person, ON))
        status = (
            ch.FOREIGNER
            if person.is_foreigner
            else ch.GERMAN_FURTHER
            if person.foreign_citizenships
            else ch.GERMAN_ONLY
        )
        birth = (
            ch.UNKNOWN
            if person.country_of_birth is None
            else ch.GERMANY
            if person.country_of_birth == "DEU"
            else ch.ABROAD
        )
        cells = [
            (ch.POPULATION, ch.TOTAL),
            (ch.CITIZENSHIP_STATUS, status),
            (ch.MIGRATION_BACKGROUND, "yes" if mb else "no"),
            (ch.IMMIGRATION_HISTORY, "yes" if eg else "no"),
            (ch.BIRTH_COUNTRY, birth),
            (ch.SEX, person.sex.value),
            (ch.AGE_GROUP, age),
            (ch.BEIRAT_ELIGIBLE, eligible),
        ]
        if mb:
            cells.append((ch.AGE_GROUP_MIGRATION, age))
        if eg:
            cells.append((ch.AGE_GROUP_IMMIGRATION, age))
        if person.is_foreigner:
            first = _first_citizenship(person)
            cells += [
                (ch.AGE_GROUP_FOREIGNERS, age),
                (ch.CITIZENSHIP, first),
                (ch.CITIZENSHIP_REGION, ch.region_of(first)),
                (ch.STAY_DURATION, _stay(person)),
            ]
        for characteristic, category in cells:
            members[(person.district_code, characteristic, category)].append(person.person_id)
    return dict(members)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sql_equals_the_pure_rules(tmp_path, seed):
    records = generate(400, seed)
    path = tmp_path / "extract.csv"
    write_extract(path, records)
    result = aggregate_extract(path, reference_date=ON, district_codes={"A", "B", "C"})
    assert result.problems == []
    assert result.rows == 400
    expected = expected_counts(records)
    assert result.counts == expected
    assert result.keys == expected_keys(records, record_key_secret())
    # the generated rows exercise every rule
    assert expected.get(("A", ch.BEIRAT_ELIGIBLE, ch.UNKNOWN)) or expected.get(
        ("B", ch.BEIRAT_ELIGIBLE, ch.UNKNOWN)
    )


def test_the_comparison_can_fail(tmp_path):
    records = generate(200, 9)
    path = tmp_path / "extract.csv"
    write_extract(path, records)
    result = aggregate_extract(
        path, reference_date=ON + dt.timedelta(days=200), district_codes={"A", "B", "C"}
    )
    assert result.counts != expected_counts(records)


def test_minor_inherits_background_from_parent_in_same_household(tmp_path):
    mother = RegisterRecord(
        person_id="m",
        district_code="A",
        year_of_birth=1985,
        sex=Sex.FEMALE,
        citizenships=frozenset({"DEU"}),
        country_of_birth="POL",
        household_id="h",
    )
    child = RegisterRecord(
        person_id="c",
        district_code="A",
        year_of_birth=2015,
        sex=Sex.MALE,
        citizenships=frozenset({"DEU"}),
        country_of_birth="DEU",
        household_id="h",
        parent_ids=("m",),
    )
    elsewhere = RegisterRecord(
        person_id="e",
        district_code="A",
        year_of_birth=2015,
        sex=Sex.MALE,
        citizenships=frozenset({"DEU"}),
        country_of_birth="DEU",
        household_id="other",
        parent_ids=("m",),
    )
    path = tmp_path / "x.csv"
    write_extract(path, [mother, child, elsewhere])
    counts = aggregate_extract(path, reference_date=ON, district_codes={"A"}).counts
    assert counts[("A", ch.MIGRATION_BACKGROUND, "yes")] == 2
    assert counts[("A", ch.MIGRATION_BACKGROUND, "no")] == 1
    assert counts[("A", ch.AGE_GROUP_MIGRATION, "6_14")] == 1
    # one immigrated parent is not enough for the child's immigration history
    assert counts[("A", ch.IMMIGRATION_HISTORY, "yes")] == 1


def test_latin1_and_comma(tmp_path):
    records = generate(50, 4)
    path = tmp_path / "x.csv"
    write_extract(path, records, delimiter=",", encoding="latin-1")
    result = aggregate_extract(path, reference_date=ON, district_codes={"A", "B", "C"})
    assert result.counts == expected_counts(records)


IDS = [
    *(f"p{n}" for n in range(3000)),
    *(f"Müller-{n}-ß" for n in range(500)),
    "'; DROP TABLE extract; --",
    'a"b',
    "0x",
    "ø" * 300,
    "日本語",
    "emoji 🙂",
    "tab\tin",
    "x:y:z",
]


def _sql_keys(ids, secret):
    con = duckdb.connect(":memory:")
    try:
        con.execute("CREATE TABLE ids (pid VARCHAR)")
        con.executemany("INSERT INTO ids VALUES (?)", [[pid] for pid in ids])
        rows = con.execute(
            f"SELECT pid, {RECORD_KEY_SQL} FROM ids",  # noqa: S608 - a constant
            {"prefix": key_prefix(secret)},
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


@pytest.mark.parametrize("secret", [b"office secret", bytes(range(32)), b"it's; --"])
def test_sql_and_python_give_every_person_the_same_record_key(secret):
    sql = _sql_keys(IDS, secret)
    assert sql == {pid: record_key(pid, secret=secret) for pid in IDS}
    assert all(0 <= key < KEY_SPACE for key in sql.values())
    assert len(set(sql.values())) > len(IDS) - 5  # 32 bits: collisions are rare


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1
        ),
        min_size=1,
        max_size=20,
        unique=True,
    ),
    st.binary(min_size=1, max_size=64),
)
def test_sql_and_python_record_keys_agree_on_any_text(ids, secret):
    assert _sql_keys(ids, secret) == {pid: record_key(pid, secret=secret) for pid in ids}


def test_the_keys_follow_the_secret_which_never_enters_the_sql(tmp_path):
    records = generate(60, 5)
    path = tmp_path / "extract.csv"
    write_extract(path, records)
    codes = {"A", "B", "C"}
    quoted = aggregate_extract(path, reference_date=ON, district_codes=codes, secret=b"it's")
    other = aggregate_extract(path, reference_date=ON, district_codes=codes, secret=b"other")
    assert quoted.counts == other.counts
    assert quoted.keys == expected_keys(records, b"it's")
    assert quoted.keys != other.keys


def test_the_secret_is_derived_from_the_setting_else_from_secret_key():
    def derived(key: bytes) -> bytes:
        return hmac.new(key, SECRET_LABEL, hashlib.sha256).digest()[:16]

    with override_settings(MONITORING_CELL_KEY_SECRET="Schlüssel des Statistikamts"):
        assert record_key_secret() == derived("Schlüssel des Statistikamts".encode())
    with override_settings(MONITORING_CELL_KEY_SECRET="", SECRET_KEY="one"):
        from_secret_key = record_key_secret()
        assert from_secret_key == derived(b"one")
    with override_settings(MONITORING_CELL_KEY_SECRET="", SECRET_KEY="two"):
        assert record_key_secret() != from_secret_key
    with override_settings(MONITORING_CELL_KEY_SECRET="Amt", SECRET_KEY="two"):
        assert record_key_secret() == derived(b"Amt")  # the setting wins
    # 16 bytes: hex, separator and a short id are one block of SHA-256
    assert len(key_prefix(record_key_secret())) + 22 <= 55


def test_a_parents_key_is_the_key_of_the_union_of_its_childrens_records(tmp_path):
    """Districts A and B in a Stadtteil S, C on its own, all in the city *."""
    records = generate(300, 7)
    path = tmp_path / "extract.csv"
    write_extract(path, records)
    secret = b"office secret"
    result = aggregate_extract(
        path, reference_date=ON, district_codes={"A", "B", "C"}, secret=secret
    )
    parent_of = {"A": "S", "B": "S", "S": "*", "C": "*"}
    by_cell = {(char, cat, area): value for (area, char, cat), value in result.counts.items()}
    keys = {(char, cat, area): key for (area, char, cat), key in result.keys.items()}
    completed = complete_keys(by_cell, keys, parent_of=parent_of)
    members = expected_members(records)
    for (area, characteristic, category), _persons in members.items():
        for parent, children in (("S", ("A", "B")), ("*", ("A", "B", "C"))):
            union = [
                person_id
                for child in children
                for person_id in members.get((child, characteristic, category), [])
            ]
            expected = cell_key(record_key(person_id, secret=secret) for person_id in union)
            assert completed[(characteristic, category, parent)] == expected
        assert completed[(characteristic, category, area)] == keys[(characteristic, category, area)]
