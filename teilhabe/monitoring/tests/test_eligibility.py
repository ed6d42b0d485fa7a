"""The right to vote for the Beirat (§ 56 GemO RLP): each group, each edge of age and residence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teilhabe.monitoring.eligibility import (
    Acquisition,
    IncompleteRecordError,
    beirat_eligible,
    months_before,
)
from teilhabe.monitoring.register import (
    GERMAN,
    STATELESS,
    UNKNOWN_CITIZENSHIP,
    RegisterRecord,
    Residence,
    Sex,
)

ELECTION = dt.date(2024, 11, 10)  # the statewide election day of 2024


def resident(**overrides: Any) -> RegisterRecord:
    """A Turkish citizen of 40, living here with main residence since 2010: entitled."""
    fields: dict[str, Any] = {
        "person_id": "p",
        "district_code": "011",
        "year_of_birth": 1984,
        "date_of_birth": dt.date(1984, 7, 1),
        "sex": Sex.MALE,
        "citizenships": frozenset({"TUR"}),
        "country_of_birth": "TUR",
        "resident_since": dt.date(2010, 1, 1),
    }
    fields.update(overrides)
    return RegisterRecord(**fields)


def german(**overrides: Any) -> RegisterRecord:
    return resident(
        **{"citizenships": frozenset({GERMAN}), "country_of_birth": GERMAN, **overrides}
    )


# Who belongs to the entitled groups -----------------------------------------------------------


@pytest.mark.parametrize("citizenship", ["TUR", "UKR", STATELESS, UNKNOWN_CITIZENSHIP])
def test_foreign_and_stateless_residents_are_entitled(citizenship):
    assert beirat_eligible(resident(citizenships=frozenset({citizenship})), ELECTION)


def test_a_german_with_a_foreign_citizenship_is_entitled():
    """ "Einwohner mit ausländischer Staatsangehörigkeit" includes those who are also German."""
    subject = resident(citizenships=frozenset({GERMAN, "ITA"}), country_of_birth=GERMAN)
    assert beirat_eligible(subject, ELECTION)


def test_a_german_by_birth_without_a_flag_is_not_entitled():
    assert not beirat_eligible(german(), ELECTION)


def test_a_german_born_abroad_is_not_entitled_by_that_alone():
    """Birth abroad is no acquisition § 56 lists; a late repatriate proves it by application."""
    subject = german(country_of_birth="KAZ")
    assert not beirat_eligible(subject, ELECTION)
    assert beirat_eligible(subject, ELECTION, proven={Acquisition.LATE_REPATRIATE})


def test_the_naturalisation_flag_entitles():
    assert beirat_eligible(german(naturalised=True), ELECTION)


def test_the_option_flag_entitles():
    """German by birth in Germany to foreign parents, § 4 (3) StAG."""
    assert beirat_eligible(german(option_flag=True), ELECTION)


@pytest.mark.parametrize("acquisition", list(Acquisition))
def test_every_acquisition_proven_by_application_entitles(acquisition):
    assert beirat_eligible(german(), ELECTION, proven={acquisition})


# Residence -------------------------------------------------------------------------------------


def test_a_secondary_residence_does_not_entitle():
    assert not beirat_eligible(resident(residence=Residence.SECONDARY), ELECTION)


@pytest.mark.parametrize(
    ("moved_in", "expected"),
    [
        (dt.date(2024, 8, 9), True),
        (dt.date(2024, 8, 10), True),  # exactly three months, the day of moving in counts
        (dt.date(2024, 8, 11), False),
        (dt.date(2024, 11, 10), False),
    ],
)
def test_three_months_of_residence(moved_in, expected):
    assert beirat_eligible(resident(resident_since=moved_in), ELECTION) is expected


@pytest.mark.parametrize(
    ("election", "moved_in", "expected"),
    [
        (dt.date(2025, 5, 31), dt.date(2025, 2, 28), True),
        (dt.date(2025, 5, 31), dt.date(2025, 3, 1), False),
        (dt.date(2024, 5, 31), dt.date(2024, 2, 29), True),
        (dt.date(2024, 5, 31), dt.date(2024, 3, 1), False),
        (dt.date(2025, 1, 15), dt.date(2024, 10, 15), True),
        (dt.date(2025, 1, 15), dt.date(2024, 10, 16), False),
    ],
)
def test_three_months_at_the_ends_of_months_and_years(election, moved_in, expected):
    assert beirat_eligible(resident(resident_since=moved_in), election) is expected


def _bgb_period_complete(start: dt.date, on: dt.date, months: int) -> bool:
    """Forward computation, §§ 187 (2), 188 (2), (3) BGB: the start day counts; the period
    ends with the day before the day of the same number `months` later, or with the last
    day of that month if it has no such day. Complete on `on` if it ended before."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    try:
        end = dt.date(year, month + 1, start.day) - dt.timedelta(days=1)
    except ValueError:
        following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        end = following - dt.timedelta(days=1)
    return end < on


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=1, max_value=12),
)
def test_the_residence_cut_off_agrees_with_the_civil_code(on, days_before, months):
    """Moving in on or before `months_before(on, n)` is exactly a period of n months
    completed by election day, computed forwards as the BGB does."""
    start = on - dt.timedelta(days=days_before)
    assert (start <= months_before(on, months)) is _bgb_period_complete(start, on, months)


# Age -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (dt.date(2008, 11, 9), True),
        (dt.date(2008, 11, 10), True),  # 16th birthday on election day
        (dt.date(2008, 11, 11), False),  # one day short
    ],
)
def test_sixteen_on_election_day(born, expected):
    subject = resident(year_of_birth=born.year, date_of_birth=born)
    assert beirat_eligible(subject, ELECTION) is expected


def test_the_age_and_residence_period_are_parameters():
    """A statute may differ where the law allows; here, illustratively, 18 and six months."""
    subject = resident(
        year_of_birth=2008, date_of_birth=dt.date(2008, 11, 10), resident_since=dt.date(2024, 8, 10)
    )
    assert beirat_eligible(subject, ELECTION)
    assert not beirat_eligible(subject, ELECTION, minimum_age=18)
    assert not beirat_eligible(subject, ELECTION, minimum_residence_months=6)


# What the roll must not guess ------------------------------------------------------------------


def test_without_the_full_date_of_birth_the_roll_cannot_decide():
    with pytest.raises(IncompleteRecordError, match="date of birth"):
        beirat_eligible(resident(date_of_birth=None), ELECTION)


def test_without_the_move_in_date_the_roll_cannot_decide():
    with pytest.raises(IncompleteRecordError, match="moving in"):
        beirat_eligible(resident(resident_since=None), ELECTION)


def test_a_person_outside_the_groups_needs_no_dates():
    assert not beirat_eligible(german(date_of_birth=None, resident_since=None), ELECTION)
