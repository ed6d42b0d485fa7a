"""One row of a population-register extract, as the municipal statistics office receives it.

The register (Melderegister, §§ 3, 34 BMG) is the only individual-level source of the
integration monitoring. It does not record a migration background; `derivation` derives
one from the fields below, and `eligibility` decides who may vote for the Beirat. Both are
pure functions of these records.

Codes
-----
Citizenships and the country of birth are ISO 3166-1 alpha-3 codes ("DEU", "TUR", "UKR"),
with two ICAO 9303 codes for the cases ISO has none for: `STATELESS` ("XXA") and
`UNKNOWN_CITIZENSHIP` ("XXX", ungeklärt / ohne Angabe). A person holds one or more
citizenships; a German who also holds another one has both codes.

Age
---
Extracts for statistics often carry only the year of birth. `age_on` is then the age
reached in the reference year (reference year − year of birth), the convention of
statistics by "Altersjahrgang"; it is exact on 31 December, the usual reference date of
register statistics, and may be one year too high before a person's birthday on any other
date. With the full date of birth the age is exact, counted as the law counts it
(§ 187 (2) sentence 2 BGB: a person is N years old from the start of their N-th birthday;
someone born on 29 February is N on 1 March in a common year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

GERMAN = "DEU"
STATELESS = "XXA"
UNKNOWN_CITIZENSHIP = "XXX"

_CODE = re.compile(r"[A-Z]{3}")


class Sex(StrEnum):
    """The register's entry for sex (§ 3 BMG; "divers" or none, § 22 (3) PStG)."""

    MALE = "m"
    FEMALE = "w"
    DIVERSE = "d"
    UNSPECIFIED = "x"  # "ohne Angabe"


class Residence(StrEnum):
    """The status of the dwelling this row describes (§§ 21, 22 BMG)."""

    MAIN = "main"  # Hauptwohnung (or the only dwelling)
    SECONDARY = "secondary"  # Nebenwohnung


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterRecord:
    """A person in the extract, at one dwelling of the municipality.

    Fields
    ------
    person_id
        The extract's pseudonymous key of the person; parent links refer to it.
    district_code
        The statistical district (Statistischer Bezirk) of the address.
    year_of_birth, date_of_birth
        The year is always present; the full date only where the extract carries it
        (needed for the voter roll, see `eligibility`). When both are given they agree.
    sex
        See `Sex`.
    citizenships
        All citizenships the register holds for the person (§ 3 BMG), never empty: a
        person of unresolved citizenship has `UNKNOWN_CITIZENSHIP`.
    country_of_birth
        Country of birth (a state's code), None where the register has no entry.
    moved_from_abroad_on
        Date of the last move from abroad into Germany (Zuzug aus dem Ausland), None where
        none is recorded (never moved from abroad, or moved before the register kept it).
    naturalised
        The naturalisation flag (Einbürgerungskennzeichen).
    option_flag
        German by birth in Germany to foreign parents, § 4 (3) StAG (Optionskennzeichen).
    residence
        Main or secondary residence at this address.
    resident_since
        Date since which the person has lived in the municipality without interruption
        (move-in, or birth for those registered here since birth); None where the extract
        does not carry it.
    household_id
        The household generated for the address (Haushaltegenerierung); people sharing it
        live at the same address. None where no household was generated.
    parent_ids
        `person_id` of each parent the register links the person to (for minors the legal
        representatives, § 3 BMG); at most two, distinct, never the person.
    """

    person_id: str
    district_code: str
    year_of_birth: int
    date_of_birth: dt.date | None = None
    sex: Sex
    citizenships: frozenset[str]
    country_of_birth: str | None = None
    moved_from_abroad_on: dt.date | None = None
    naturalised: bool = False
    option_flag: bool = False
    residence: Residence = Residence.MAIN
    resident_since: dt.date | None = None
    household_id: str | None = None
    parent_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.citizenships:
            raise ValueError("citizenships is never empty; use UNKNOWN_CITIZENSHIP")
        codes = [*self.citizenships]
        if self.country_of_birth is not None:
            codes.append(self.country_of_birth)
        for code in codes:
            if not _CODE.fullmatch(code):
                raise ValueError(f"not an ISO 3166-1 alpha-3 code: {code!r}")
        if self.country_of_birth in (STATELESS, UNKNOWN_CITIZENSHIP):
            raise ValueError("an unknown country of birth is None")
        if self.date_of_birth is not None and self.date_of_birth.year != self.year_of_birth:
            raise ValueError("date_of_birth and year_of_birth disagree")
        if len(self.parent_ids) > 2 or len(set(self.parent_ids)) != len(self.parent_ids):
            raise ValueError("parent_ids holds at most two distinct persons")
        if self.person_id in self.parent_ids:
            raise ValueError("a person is not their own parent")

    @property
    def is_german(self) -> bool:
        """Holds German citizenship (possibly besides others)."""
        return GERMAN in self.citizenships

    @property
    def is_foreigner(self) -> bool:
        """Not German (§ 2 (1) AufenthG): foreign, stateless or of unresolved citizenship."""
        return not self.is_german

    @property
    def foreign_citizenships(self) -> frozenset[str]:
        """The citizenships of foreign states the person holds (not stateless/unknown)."""
        return self.citizenships - {GERMAN, STATELESS, UNKNOWN_CITIZENSHIP}

    @property
    def born_abroad(self) -> bool:
        """Country of birth recorded and not Germany. False where it is missing."""
        return self.country_of_birth is not None and self.country_of_birth != GERMAN


def age_on(person: RegisterRecord, on: dt.date) -> int:
    """Age in completed years on `on` (see the module docstring for year-only records)."""
    born = person.date_of_birth
    if born is None:
        return on.year - person.year_of_birth
    before_birthday = (on.month, on.day) < (born.month, born.day)
    return on.year - born.year - int(before_birthday)
