"""A synthetic, deterministic population register for the demo and the benchmark.

Nothing here describes real people: the population is drawn from a seeded random
generator and evolves in steps of five years between reference dates, so the same
arguments always give the same extract, byte for byte.

What it models, roughly as in a mid-sized West German city:

* households per district (singles, couples, families, single parents, old couples),
  their members linked by a generated household and, for children, their parents;
* a share of households with a migration history that differs by district (`Area`),
  and an age profile (young, mixed, old);
* origins: Germans without a migration history, late repatriates (Germans born in
  Kazakhstan or Russia), and the largest foreign groups of such a city — Turkey, Syria,
  Poland, Ukraine, Romania, Italy, Afghanistan, Iraq, Bulgaria, Greece — and some others,
  each with its own period of arrival (guest workers, EU enlargement, refugees 2015/16,
  Ukraine 2022), first and second generation, mixed couples;
* naturalisations (keeping the former citizenship where the law allowed it), children
  born here to foreign parents who are German under § 4 (3) StAG (option flag);
* between two reference dates: deaths, households moving away, young adults leaving
  home, births, naturalisations, immigration and moves from elsewhere in Germany;
* a few secondary residences (students, commuters), which the statistics do not count.

`Population.extract(on)` writes the register extract of a reference date in the CSV
format of `register_csv`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

YOUNG, MIXED, OLD = "young", "mixed", "old"
GERMAN, REPATRIATE = "DEU", "AUS"  # origin codes besides the foreign groups

HEADER = (
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
)


@dataclass(frozen=True)
class Area:
    """A district of the lowest level: its residents at the start, the share of its
    households with a migration history, and its age profile."""

    code: str
    residents: int
    migration_share: float
    profile: str = MIXED


@dataclass(frozen=True)
class Group:
    """A foreign group: citizenship, first and last year of the stock's arrival,
    naturalisation chance per five years, whether a naturalised member keeps it."""

    code: str
    arrived: tuple[int, int]
    naturalise: float
    keeps: bool


EU = {"POL", "ROU", "ITA", "BGR", "GRC", "HRV", "ESP"}
GROUPS = {
    group.code: group
    for group in (
        Group("TUR", (1968, 2005), 0.10, False),
        Group("SYR", (2005, 2012), 0.25, False),
        Group("POL", (1990, 2011), 0.05, True),
        Group("UKR", (1995, 2011), 0.10, False),
        Group("ROU", (2007, 2012), 0.03, True),
        Group("ITA", (1960, 2005), 0.04, True),
        Group("AFG", (2000, 2012), 0.20, False),
        Group("IRQ", (2000, 2012), 0.20, False),
        Group("BGR", (2007, 2012), 0.03, True),
        Group("GRC", (1962, 2012), 0.04, True),
        Group("HRV", (1968, 2012), 0.05, True),
        Group("XKX", (1990, 2012), 0.12, False),
        Group("RUS", (1995, 2012), 0.10, False),
        Group("ESP", (1962, 2012), 0.03, True),
        Group("IND", (2005, 2012), 0.05, False),
        Group("VNM", (1985, 2012), 0.10, False),
        Group("ERI", (2008, 2012), 0.10, False),
        Group("USA", (1990, 2012), 0.02, False),
    )
}
# Origins of households with a migration history already here at the start, and of
# those arriving in each period (weights).
STOCK = {
    "TUR": 20, REPATRIATE: 16, "POL": 10, "ITA": 7, "GRC": 4, "RUS": 5, "HRV": 4,
    "XKX": 4, "UKR": 4, "ROU": 4, "BGR": 2, "SYR": 2, "IRQ": 2, "AFG": 2, "ESP": 2,
    "VNM": 2, "IND": 1, "USA": 1, "ERI": 1,
}  # fmt: skip
ARRIVING = {
    2017: {
        "SYR": 24, "AFG": 8, "IRQ": 8, "ROU": 14, "BGR": 9, "POL": 6, "ITA": 4, "GRC": 4,
        "TUR": 3, "XKX": 4, "ERI": 4, "IND": 4, "HRV": 4, "ESP": 2, "UKR": 2,
    },
    2022: {
        "UKR": 34, "SYR": 10, "ROU": 11, "BGR": 8, "TUR": 7, "AFG": 7, "IRQ": 3, "POL": 3,
        "ITA": 3, "IND": 5, "XKX": 3, "HRV": 2, "ERI": 2, "RUS": 2,
    },
}  # fmt: skip
BIRTH_COUNTRIES_OF_REPATRIATES = ("KAZ", "KAZ", "RUS", "RUS", "KAZ", "POL")
SECONDARY_SHARE = 0.02


class Person:
    __slots__ = (
        "birth_country",
        "born",
        "citizenships",
        "household",
        "moved",
        "naturalised",
        "option",
        "origin",
        "parents",
        "pid",
        "present",
        "sex",
        "since",
    )  # fmt: skip

    def __init__(
        self,
        pid: int,
        household: Household,
        born: dt.date,
        sex: str,
        origin: str,
    ) -> None:
        self.pid = pid
        self.household = household
        self.born = born
        self.sex = sex
        self.origin = origin
        self.citizenships: tuple[str, ...] = ("DEU",)
        self.birth_country: str | None = "DEU"
        self.moved: dt.date | None = None
        self.naturalised = False
        self.option = False
        self.since = born
        self.parents: tuple[int, ...] = ()
        self.present = True

    def age(self, on: dt.date) -> int:
        return on.year - self.born.year - ((on.month, on.day) < (self.born.month, self.born.day))

    @property
    def foreign(self) -> bool:
        return "DEU" not in self.citizenships


class Household:
    __slots__ = ("area", "hid", "members", "origin")

    def __init__(self, hid: int, area: str, origin: str) -> None:
        self.hid = hid
        self.area = area
        self.origin = origin
        self.members: list[Person] = []


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end]."""
    return dt.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def _in_year(rng: random.Random, year: int) -> dt.date:
    return _day(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))


class Population:
    """The register of a city, evolved from `start` (a 31 December) in steps."""

    def __init__(self, areas: Sequence[Area], *, seed: int, start: dt.date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data
        self.areas = list(areas)
        self.on = start
        self.households: list[Household] = []
        self.next_pid = 1
        self.next_hid = 1
        self.seed = seed
        for area in self.areas:
            self._fill(area, area.residents, arrivals=None)

    # --- building households -------------------------------------------------------

    def _household(self, area: str, origin: str) -> Household:
        household = Household(self.next_hid, area, origin)
        self.next_hid += 1
        self.households.append(household)
        return household

    def _person(self, household: Household, born: dt.date, sex: str, origin: str) -> Person:
        person = Person(self.next_pid, household, born, sex, origin)
        self.next_pid += 1
        household.members.append(person)
        return person

    def _fill(self, area: Area, persons: int, *, arrivals: dict[str, int] | None) -> int:
        """Households in `area` until it has `persons` more residents; `arrivals`: the
        period's immigrant origins (None: the stock at the start, with Germans)."""
        rng = self.rng
        added = 0
        while added < persons:
            if arrivals is not None:
                origin = rng.choices(list(arrivals), weights=list(arrivals.values()))[0]
            elif rng.random() < area.migration_share:
                origin = rng.choices(list(STOCK), weights=list(STOCK.values()))[0]
            else:
                origin = GERMAN
            added += self._new_household(area, origin, arriving=arrivals is not None)
        return added

    def _new_household(
        self, area: Area, origin: str, *, arriving: bool, young: bool = False
    ) -> int:
        rng, on = self.rng, self.on
        household = self._household(area.code, origin)
        old = {YOUNG: 0.10, MIXED: 0.22, OLD: 0.38}[area.profile]
        if arriving and origin == "UKR" and on.year == 2022:
            kind = "single_parent" if rng.random() < 0.6 else "single"
        elif young:
            kind = "single"
        else:
            kind = rng.choices(
                ("single", "couple", "family", "single_parent", "old"),
                weights=(0.30, 0.20, 0.26 if origin != GERMAN else 0.18, 0.05, old),
            )[0]
        if kind == "old":
            age = rng.randint(65, 92)
        elif young:
            age = rng.randint(19, 32)
        elif kind == "single":
            age = rng.randint(19, 64) if rng.random() < 0.8 else rng.randint(65, 95)
        elif area.profile == YOUNG or arriving:
            age = rng.randint(20, 50)
        else:
            age = rng.randint(23, 62)
        arrival = self._arrival(origin, age, arriving)
        first_sex = rng.choice("mw") if kind != "single_parent" else "w"
        first = self._adult(household, age, first_sex, origin, arrival)
        adults = [first]
        if kind in ("couple", "family", "old"):
            partner_origin = origin
            if origin != GERMAN and rng.random() < 0.15:
                partner_origin = GERMAN  # a mixed couple
            partner_age = max(18, age + rng.randint(-5, 5))
            adults.append(
                self._adult(
                    household,
                    partner_age,
                    "w" if first_sex == "m" else "m",
                    partner_origin,
                    arrival,
                )
            )
        if kind in ("family", "single_parent"):
            mother = next((a for a in adults if a.sex == "w"), adults[0])
            children = rng.choices((1, 2, 3, 4), weights=(48, 36, 12, 4))[0]
            oldest = min(on.year - mother.born.year - 20, 22)
            for _number in range(children if oldest >= 0 else 0):
                self._child(household, adults, _in_year(rng, on.year - rng.randint(0, oldest)))
        return len(household.members)

    def _arrival(self, origin: str, age: int, arriving: bool) -> dt.date | None:
        """The date the household came from abroad (None: Germans, and the second
        generation, who were born here)."""
        rng, on = self.rng, self.on
        if origin == GERMAN:
            return None
        if arriving:
            if origin == "UKR" and on.year == 2022:
                return _day(rng, dt.date(2022, 3, 1), on)
            return _day(rng, dt.date(on.year - 4, 1, 1), on)
        if origin == REPATRIATE:
            first, last = 1988, 2000
        else:
            first, last = GROUPS[origin].arrived
        born_year = on.year - age
        first = max(first, born_year + 16)
        if first > last or (last - first > 25 and rng.random() < 0.35 and age < 45):
            return None  # born here to parents of the group
        return _in_year(rng, rng.randint(first, min(last, on.year)))

    def _adult(
        self, household: Household, age: int, sex: str, origin: str, arrival: dt.date | None
    ) -> Person:
        rng, on = self.rng, self.on
        born = _in_year(rng, on.year - age)
        if born > on:
            born = on
        person = self._person(household, born, sex, origin)
        if origin == GERMAN:
            if rng.random() > 0.45:
                person.since = _day(rng, min(dt.date(born.year + 18, 1, 1), on), on)
            return person
        if origin == REPATRIATE:
            person.birth_country = rng.choice(BIRTH_COUNTRIES_OF_REPATRIATES)
            person.moved = person.since = arrival if arrival and arrival > born else on
            return person
        group = GROUPS[origin]
        person.citizenships = (origin,)
        if arrival is None:  # second generation, born here
            person.birth_country = "DEU"
            person.since = born
        else:
            person.birth_country = origin
            person.moved = person.since = max(arrival, born)
            if (on - person.moved).days > 8 * 365 and rng.random() < 2 * group.naturalise:
                self._naturalise(person, _day(rng, person.moved, on))
        return person

    def _child(self, household: Household, parents: list[Person], born: dt.date) -> Person:
        rng = self.rng
        child = self._person(household, born, rng.choice("mw"), parents[0].origin)
        child.parents = tuple(parent.pid for parent in parents)
        foreign = [p for p in parents if p.foreign]
        abroad = [p for p in parents if p.moved is not None and p.moved > born]
        if len(abroad) == len(parents) and parents[0].origin != REPATRIATE:
            child.birth_country = parents[0].birth_country
            child.moved = child.since = min(p.moved for p in abroad if p.moved)
        if not foreign:
            child.citizenships = ("DEU",)
            return child
        codes = sorted({c for p in foreign for c in p.citizenships if c != "DEU"})
        if len(foreign) < len(parents):
            child.citizenships = ("DEU", *codes)  # German by descent, and the other
        elif (
            child.moved is None
            and born.year >= 2000
            and any(p.moved is None or (born - p.moved).days >= 8 * 365 for p in foreign)
        ):
            child.citizenships = ("DEU", *codes)
            child.option = True
        else:
            child.citizenships = tuple(codes)
        return child

    def _naturalise(self, person: Person, on: dt.date) -> None:
        former = person.citizenships
        keeps = any(GROUPS[c].keeps for c in former if c in GROUPS) or on.year >= 2024
        person.citizenships = ("DEU", *former) if keeps or self.rng.random() < 0.3 else ("DEU",)
        person.naturalised = True

    # --- evolution ------------------------------------------------------------------

    def advance(self, to: dt.date, *, residents: int) -> None:
        """Move on to `to`: deaths, moves away, births, naturalisations, newcomers,
        until about `residents` live in the city."""
        rng, start = self.rng, self.on
        self.on = to
        years = (to - start).days / 365.25
        leaving = {GERMAN: 0.09, REPATRIATE: 0.06}
        for household in list(self.households):
            members = [p for p in household.members if p.present]
            if not members:
                continue
            chance = leaving.get(household.origin, 0.22 if household.origin in EU else 0.13)
            if rng.random() < chance * years / 5:
                for person in members:
                    person.present = False
                continue
            for person in members:
                age = person.age(to)
                if age >= 60 and rng.random() < _death(age) * years / 5:
                    person.present = False
                elif person.parents and 19 <= age <= 28 and rng.random() < 0.35:
                    person.present = False  # left home (and, mostly, the city)
                    if rng.random() < 0.5:
                        self._move_out(person)
            self._grow(household, start, to)
            for person in household.members:
                if person.present and person.foreign and person.age(to) >= 16:
                    stay = person.moved or person.born
                    group = GROUPS.get(person.citizenships[0])
                    if (
                        group
                        and (to - stay).days > 8 * 365
                        and rng.random() < group.naturalise * years / 5
                    ):
                        self._naturalise(person, _day(rng, max(start, stay), to))
        now = self.residents()
        weights = [area.residents * area.migration_share for area in self.areas]
        immigrants = max(0, residents - now) * 6 // 10
        arrivals = ARRIVING.get(to.year, ARRIVING[max(ARRIVING)])
        while immigrants > 0:
            area = rng.choices(self.areas, weights=weights)[0]
            added = self._fill(area, 1, arrivals=arrivals)
            immigrants -= added
            now += added
        natives = [area.residents * (1 - area.migration_share) for area in self.areas]
        while now < residents:
            area = rng.choices(self.areas, weights=natives)[0]
            origin = GERMAN
            if rng.random() < area.migration_share:
                origin = rng.choices(list(STOCK), weights=list(STOCK.values()))[0]
            young = rng.random() < 0.5  # students, trainees, first jobs
            now += self._new_household(area, origin, arriving=False, young=young)
            for person in self.households[-1].members:  # moved here from within Germany
                person.since = _day(rng, max(start, person.born, person.moved or start), to)

    def _grow(self, household: Household, start: dt.date, to: dt.date) -> None:
        rng = self.rng
        adults = [p for p in household.members if p.present and not p.parents]
        mothers = [p for p in adults if p.sex == "w" and 18 <= p.age(start) <= 40]
        if not mothers:
            return
        chance = 0.30 if household.origin == GERMAN else 0.45
        if rng.random() < chance:
            self._child(household, adults[:2], _day(rng, start + dt.timedelta(days=1), to))

    def _move_out(self, person: Person) -> None:
        """A young adult moves into a household of their own in the city."""
        area = self.rng.choice(self.areas)
        household = self._household(area.code, person.origin)
        old = person.household
        person.present = True
        person.household = household
        person.parents = ()
        old.members.remove(person)
        household.members.append(person)

    def residents(self) -> int:
        return sum(1 for household in self.households for p in household.members if p.present)

    # --- the extract ----------------------------------------------------------------

    def rows(self) -> Iterator[list[str]]:
        """The extract's rows on the current date (header excluded)."""
        on = self.on
        for household in self.households:
            for p in household.members:
                if not p.present:
                    continue
                yield [
                    f"P{p.pid:07d}",
                    household.area,
                    str(p.born.year),
                    p.born.isoformat(),
                    p.sex,
                    "|".join(p.citizenships),
                    p.birth_country or "",
                    p.moved.isoformat() if p.moved else "",
                    "1" if p.naturalised else "0",
                    "1" if p.option else "0",
                    "main",
                    p.since.isoformat(),
                    f"H{household.hid:07d}",
                    "|".join(f"P{parent:07d}" for parent in p.parents),
                ]
        # Secondary residences, drawn afresh for each date (students, commuters).
        rng = random.Random(self.seed + on.year)  # noqa: S311 - reproducible synthetic data
        count = int(self.residents() * SECONDARY_SHARE)
        for number in range(count):
            born = _in_year(rng, on.year - rng.randint(19, 35))
            since = _day(rng, max(born, dt.date(on.year - 5, 1, 1)), on)
            citizenship = "DEU" if rng.random() < 0.85 else rng.choice(("ITA", "ESP", "IND"))
            yield [
                f"N{on.year}{number:06d}",
                rng.choice(self.areas).code,
                str(born.year),
                born.isoformat(),
                rng.choice("mw"),
                citizenship,
                citizenship,
                since.isoformat() if citizenship != "DEU" else "",
                "0",
                "0",
                "secondary",
                since.isoformat(),
                "",
                "",
            ]

    def extract(self) -> bytes:
        """The register extract on the current date as CSV (`register_csv`'s format)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(self.rows())
        return buffer.getvalue().encode()


def _death(age: int) -> float:
    """Chance of dying within five years, by age (rough German life tables)."""
    if age < 70:
        return 0.04
    if age < 80:
        return 0.10
    if age < 90:
        return 0.30
    return 0.60
