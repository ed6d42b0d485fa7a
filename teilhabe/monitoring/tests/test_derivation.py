"""Migration background (Berlin rule) and immigration history (Destatis), clause by clause."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from teilhabe.monitoring.derivation import (
    Feature,
    has_immigration_history,
    has_migration_background,
    immigrated_since_1950,
    migration_background_basis,
    own_features,
)
from teilhabe.monitoring.register import (
    GERMAN,
    STATELESS,
    UNKNOWN_CITIZENSHIP,
    RegisterRecord,
    Sex,
    age_on,
)

REFERENCE = dt.date(2025, 12, 31)


def person(**overrides: Any) -> RegisterRecord:
    """A German adult born in Germany, without any feature, living alone."""
    fields: dict[str, Any] = {
        "person_id": "p",
        "district_code": "011",
        "year_of_birth": 1980,
        "date_of_birth": dt.date(1980, 5, 1),
        "sex": Sex.FEMALE,
        "citizenships": frozenset({GERMAN}),
        "country_of_birth": GERMAN,
        "household_id": "h1",
    }
    fields.update(overrides)
    return RegisterRecord(**fields)


def child(**overrides: Any) -> RegisterRecord:
    """A German ten-year-old born in Germany, linked to parents "m" and "f", at household h1."""
    fields: dict[str, Any] = {
        "person_id": "c",
        "year_of_birth": 2015,
        "date_of_birth": dt.date(2015, 3, 1),
        "parent_ids": ("m", "f"),
    }
    fields.update(overrides)
    return person(**fields)


def mother(**overrides: Any) -> RegisterRecord:
    return person(**{"person_id": "m", **overrides})


def father(**overrides: Any) -> RegisterRecord:
    return person(**{"person_id": "f", "sex": Sex.MALE, **overrides})


def background(subject: RegisterRecord, *parents: RegisterRecord, on: dt.date = REFERENCE) -> bool:
    return has_migration_background(subject, parents, on=on)


# Migration background: the own features -----------------------------------------------------


def test_a_german_born_in_germany_without_flags_has_none():
    """The base case: none of the clauses applies."""
    assert not background(person())
    assert migration_background_basis(person(), (), on=REFERENCE) == frozenset()


@pytest.mark.parametrize("citizenship", ["TUR", STATELESS, UNKNOWN_CITIZENSHIP])
def test_clause_1_every_non_german_has_one(citizenship):
    """Foreigners, stateless persons and those of unresolved citizenship count, even born here."""
    subject = person(citizenships=frozenset({citizenship}))
    assert background(subject)
    assert own_features(subject) == {Feature.FOREIGNER}


def test_clause_2_a_german_born_abroad_has_one():
    """Born abroad counts, whatever the reason (Aussiedler and expatriates' children alike)."""
    subject = person(country_of_birth="KAZ")
    assert background(subject)
    assert own_features(subject) == {Feature.BORN_ABROAD}


def test_a_missing_country_of_birth_counts_as_born_in_germany():
    """The register cannot see what it does not hold."""
    assert not background(person(country_of_birth=None))


def test_clause_3_a_german_with_a_second_citizenship_has_one():
    """German and Turkish, born in Germany: the second citizenship is a feature."""
    subject = person(citizenships=frozenset({GERMAN, "TUR"}))
    assert subject.is_german
    assert background(subject)
    assert own_features(subject) == {Feature.SECOND_CITIZENSHIP}


def test_clause_4_the_naturalisation_flag_is_a_feature():
    subject = person(naturalised=True)
    assert background(subject)
    assert own_features(subject) == {Feature.NATURALISED}


def test_clause_5_the_option_flag_is_a_feature():
    """German by birth in Germany to foreign parents, § 4 (3) StAG."""
    subject = person(option_flag=True)
    assert background(subject)
    assert own_features(subject) == {Feature.OPTION}


def test_features_add_up_for_a_german():
    subject = person(
        country_of_birth="POL", citizenships=frozenset({GERMAN, "POL"}), naturalised=True
    )
    assert own_features(subject) == {
        Feature.BORN_ABROAD,
        Feature.SECOND_CITIZENSHIP,
        Feature.NATURALISED,
    }


# Migration background: the parent clause -----------------------------------------------------


def test_clause_6_a_minor_inherits_from_a_parent_born_abroad_at_the_same_address():
    subject = child()
    assert background(subject, mother(country_of_birth="TUR"), father())
    basis = migration_background_basis(subject, [mother(country_of_birth="TUR")], on=REFERENCE)
    assert basis == {Feature.PARENT}


def test_clause_6_a_minor_inherits_from_a_naturalised_parent_at_the_same_address():
    assert background(child(), father(naturalised=True))


def test_one_parent_is_enough():
    assert background(child(), mother(), father(country_of_birth="ITA"))


def test_a_parent_at_another_address_passes_nothing_on():
    """The register links the parent, but the rule needs the same address."""
    assert not background(child(), mother(country_of_birth="TUR", household_id="h2"))


def test_without_a_generated_household_there_is_no_same_address():
    subject = child(household_id=None)
    assert not background(subject, mother(country_of_birth="TUR", household_id=None))


def test_a_foreign_parent_born_in_germany_passes_nothing_on():
    """The published clause names birth abroad and naturalisation only."""
    assert not background(child(), mother(citizenships=frozenset({"ITA"})))


def test_a_parent_with_only_a_second_citizenship_passes_nothing_on():
    assert not background(child(), mother(citizenships=frozenset({GERMAN, "ITA"})))


def test_a_minor_with_own_features_is_counted_by_them_not_by_the_parent():
    subject = child(option_flag=True)
    basis = migration_background_basis(subject, [mother(country_of_birth="TUR")], on=REFERENCE)
    assert basis == {Feature.OPTION}


def test_an_adult_does_not_inherit():
    subject = child(year_of_birth=2000, date_of_birth=dt.date(2000, 1, 1))
    assert not background(subject, mother(country_of_birth="TUR"))


def test_on_the_18th_birthday_the_parent_clause_stops():
    """The reference date is the 18th birthday: the person is 18, no longer a minor."""
    subject = child(year_of_birth=2007, date_of_birth=dt.date(2007, 12, 31))
    parent = mother(country_of_birth="TUR")
    assert not background(subject, parent, on=dt.date(2025, 12, 31))
    assert background(subject, parent, on=dt.date(2025, 12, 30))


def test_with_the_year_of_birth_only_age_is_the_age_reached_in_the_reference_year():
    subject = child(year_of_birth=2008, date_of_birth=None)
    parent = mother(country_of_birth="TUR")
    assert background(subject, parent, on=dt.date(2025, 12, 31))  # 17 in 2025
    assert not background(subject, parent, on=dt.date(2026, 12, 31))  # 18 in 2026


def test_a_row_that_is_not_a_linked_parent_is_refused():
    with pytest.raises(ValueError, match="not linked"):
        background(child(), person(person_id="neighbour", country_of_birth="TUR"))


def test_the_same_parent_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        background(child(), mother(), mother())


# Age ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (dt.date(2007, 6, 15), dt.date(2025, 6, 14), 17),
        (dt.date(2007, 6, 15), dt.date(2025, 6, 15), 18),
        (dt.date(2004, 2, 29), dt.date(2022, 2, 28), 17),
        (dt.date(2004, 2, 29), dt.date(2022, 3, 1), 18),
        (dt.date(2004, 2, 29), dt.date(2024, 2, 29), 20),
    ],
)
def test_age_counts_from_the_start_of_the_birthday(born, on, age):
    """§ 187 (2) BGB; someone born on 29 February comes of age on 1 March in a common year."""
    assert age_on(person(year_of_birth=born.year, date_of_birth=born), on) == age


# Immigration history (Destatis) -------------------------------------------------------------------


def test_clause_1_someone_who_immigrated_has_an_immigration_history():
    """Citizenship does not matter: a German Aussiedler who came in 1992 counts."""
    subject = person(country_of_birth="KAZ", moved_from_abroad_on=dt.date(1992, 4, 1))
    assert has_immigration_history(subject, ())


def test_arrival_before_1950_does_not_count():
    subject = person(
        year_of_birth=1930,
        date_of_birth=dt.date(1930, 1, 1),
        country_of_birth="POL",
        moved_from_abroad_on=dt.date(1946, 5, 1),
    )
    assert not has_immigration_history(subject, ())


@pytest.mark.parametrize(
    ("arrived", "expected"),
    [(dt.date(1949, 12, 31), False), (dt.date(1950, 1, 1), True)],
)
def test_the_1950_boundary(arrived, expected):
    subject = person(
        year_of_birth=1940, date_of_birth=None, country_of_birth="ITA", moved_from_abroad_on=arrived
    )
    assert immigrated_since_1950(subject) is expected
    assert has_immigration_history(subject, ()) is expected


def test_born_abroad_without_a_move_date_counts_as_immigrated():
    subject = person(year_of_birth=1940, date_of_birth=None, country_of_birth="ITA")
    assert has_immigration_history(subject, ())


def test_a_foreigner_born_in_germany_to_german_born_parents_has_none():
    subject = child(citizenships=frozenset({"TUR"}))
    assert not has_immigration_history(subject, (mother(), father()))


def test_a_german_born_here_who_returned_from_abroad_has_not_immigrated():
    subject = person(moved_from_abroad_on=dt.date(2020, 1, 1))
    assert not has_immigration_history(subject, ())


def test_clause_2_both_parents_immigrated():
    arrived = dt.date(1990, 1, 1)
    parents = (
        mother(country_of_birth="TUR", moved_from_abroad_on=arrived),
        father(country_of_birth="SYR", moved_from_abroad_on=None),
    )
    assert has_immigration_history(child(), parents)


def test_clause_2_holds_for_parents_at_another_address():
    """Destatis' rule asks about the parents, not where they live."""
    parents = (
        mother(country_of_birth="TUR", household_id="h2"),
        father(country_of_birth="TUR", household_id="h3"),
    )
    assert has_immigration_history(child(), parents)


def test_one_immigrated_parent_is_not_enough():
    """ "Einseitige Einwanderungsgeschichte" counts as without."""
    assert not has_immigration_history(child(), (mother(country_of_birth="TUR"), father()))


def test_a_parent_missing_from_the_extract_leaves_the_second_clause_undecided():
    """Only one parent linked in the extract: counted as without (documented undercount)."""
    assert not has_immigration_history(child(), (mother(country_of_birth="TUR"),))


def test_the_immigration_history_refuses_strangers_too():
    with pytest.raises(ValueError, match="not linked"):
        has_immigration_history(child(), (person(person_id="x"),))


# The record ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"citizenships": frozenset()}, "never empty"),
        ({"citizenships": frozenset({"de"})}, "alpha-3"),
        ({"country_of_birth": "Türkei"}, "alpha-3"),
        ({"country_of_birth": UNKNOWN_CITIZENSHIP}, "is None"),
        ({"year_of_birth": 1981}, "disagree"),
        ({"parent_ids": ("a", "a")}, "distinct"),
        ({"parent_ids": ("a", "b", "c")}, "at most two"),
        ({"parent_ids": ("p",)}, "own parent"),
    ],
)
def test_the_record_refuses_impossible_rows(overrides, message):
    with pytest.raises(ValueError, match=message):
        person(**overrides)
