"""Who may vote for the Beirat für Migration und Integration (§ 56 GemO Rheinland-Pfalz).

The defaults are the law of Rhineland-Palatinate; a municipality's statute may differ
where the law lets it, so age and residence period are parameters. See `beirat_eligible`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection
from enum import StrEnum

from teilhabe.monitoring.register import RegisterRecord, Residence, age_on

MINIMUM_AGE = 16
MINIMUM_RESIDENCE_MONTHS = 3


class Acquisition(StrEnum):
    """The ways of becoming German that § 56 GemO lets vote for the Beirat."""

    LATE_REPATRIATE = "late_repatriate"  # Spätaussiedler or family member, § 7 StAG
    NATURALISATION = "naturalisation"  # Einbürgerung
    IUS_SOLI = "ius_soli"  # § 4 (3) StAG
    # § 4 (1) with (4) StAG, and a parent is a foreigner, a late repatriate or a family
    # member of one under § 7 StAG
    DESCENT_FROM_FOREIGN_OR_REPATRIATE_PARENT = "descent_foreign_or_repatriate_parent"


class IncompleteRecordError(ValueError):
    """The row lacks a field the voter roll needs; the person must be checked by hand."""


def beirat_eligible(
    person: RegisterRecord,
    on: dt.date,
    *,
    proven: Collection[Acquisition] = (),
    minimum_age: int = MINIMUM_AGE,
    minimum_residence_months: int = MINIMUM_RESIDENCE_MONTHS,
) -> bool:
    """Entitled to vote for the Beirat on election day `on` (§ 56 GemO RLP).

    Rule. Entitled is a resident with main residence in the municipality who is

    1. a foreigner or stateless, or holds a foreign citizenship besides the German one
       ("Einwohner mit ausländischer Staatsangehörigkeit" — the Land's own notices for the
       2024 election name Germans with a further citizenship among those entitled), or
    2. German by one of the acquisitions § 56 lists (`Acquisition`): as a late repatriate
       or family member (§ 7 StAG), by naturalisation, by birth in Germany under § 4 (3)
       StAG, or under § 4 (1) with (4) StAG where a parent is a foreigner or late
       repatriate;

    and, on election day,

    3. is at least `minimum_age` (16) years old — § 187 (2) BGB: from the start of the
       16th birthday — and
    4. has lived in the municipality, with main residence, for at least
       `minimum_residence_months` (three) months (§ 1 (1) Nr. 2 KWG): the day of moving
       in counts, so whoever moved in on or before the same day of the month three months
       earlier (the month's last day where that day does not exist) is entitled.

    Sources: § 56 GemO Rheinland-Pfalz; §§ 1, 2 Kommunalwahlgesetz RLP; the election
    notices of the municipalities for 10 November 2024.

    Register and application. The register shows categories 1 and, through its flags,
    part of 2: the naturalisation flag stands for NATURALISATION and the option flag for
    IUS_SOLI. It does not show how someone became German otherwise ("aus dem
    Melderegister nicht ersichtlich"), so late repatriates, descendants under § 4 (1)
    with (4) and naturalised persons without the flag are entered on application with
    proof; pass what they proved as `proven`.

    Limits. Exclusion from the right to vote (§ 1 (1) Nr. 3, § 2 KWG) is not in the row
    and must be checked against the voter roll. Foreign residents exempt from
    registration (e.g. members of diplomatic missions) are not in the register at all
    and are entered on application.

    Raises `IncompleteRecordError` when the row lacks the full date of birth or the date
    since which the person lives here: the roll must not guess either.
    """
    if person.residence is not Residence.MAIN:
        return False
    if not _entitled_group(person, proven):
        return False
    if person.date_of_birth is None:
        raise IncompleteRecordError("the voter roll needs the full date of birth")
    if person.resident_since is None:
        raise IncompleteRecordError("the voter roll needs the date of moving in")
    if age_on(person, on) < minimum_age:
        return False
    return person.resident_since <= months_before(on, minimum_residence_months)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` months earlier, or that month's last day."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _entitled_group(person: RegisterRecord, proven: Collection[Acquisition]) -> bool:
    if person.is_foreigner or person.foreign_citizenships:
        return True
    return person.naturalised or person.option_flag or bool(proven)
