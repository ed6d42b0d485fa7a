"""The benchmark dataset of one body, built in memory: structure, people, sessions.

Django must be set up before this module is imported (bench/generate.py does it).
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from bench import words as w
from bench.plan import SLUG_PREFIX, Plan, place_name, share
from bench.sessions import SessionBuilder
from teilhabe.core.models import Body
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)

Org = Organization.Type
Role = Membership.Role


@dataclass
class BodyData:
    """Everything of one body, built in memory and then inserted in dependency order."""

    body: Body
    locations: list[Location] = field(default_factory=list)
    terms: list[LegislativeTerm] = field(default_factory=list)
    orgs: list[Organization] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)
    paper_orgs: list[tuple[Paper, Organization]] = field(default_factory=list)
    paper_persons: list[tuple[Paper, Person]] = field(default_factory=list)
    related: list[tuple[Paper, Paper]] = field(default_factory=list)


class BodyBuilder:
    """Builds one body's records; its own random stream keeps bodies independent."""

    def __init__(self, plan: Plan, index: int) -> None:
        self.plan = plan
        self.index = index
        self.rng = random.Random(f"{plan.seed}-{index}")
        name = place_name(index)
        slug = SLUG_PREFIX + name.lower().replace(" ", "-")
        self.data = BodyData(
            Body(
                name=f"Stadt {name}",
                short_name=name,
                slug=slug,
                ags=f"07{index:06d}",
                contact_email=f"integration@{slug}.example.org",
                letterhead=plan.marker,
            )
        )
        self.term_starts: list[dt.date] = []
        self.term_members: dict[tuple[str, int], list[Person]] = {}
        self.by_key: dict[str, Organization] = {}
        self.ags: list[Organization] = []
        self.lists: list[Organization] = []
        self.factions: list[Organization] = []

    # -- structure -------------------------------------------------------------------

    def build(self) -> BodyData:
        self.locations_and_terms()
        self.organizations()
        self.people()
        SessionBuilder(self).build()
        return self.data

    def locations_and_terms(self) -> None:
        body, data, plan = self.data.body, self.data, self.plan
        for description, street, room in w.LOCATIONS:
            data.locations.append(
                Location(
                    body=body,
                    description=description,
                    street_address=street,
                    room=room,
                    postal_code=f"{55000 + self.index:05d}",
                    locality=body.short_name,
                )
            )
        # Municipal elections every five years (2009, 2014, 2019, 2024, ...).
        start_year = plan.first_day.year - (plan.first_day.year - 4) % 5
        while dt.date(start_year, 7, 1) <= plan.today:
            start = dt.date(start_year, 7, 1)
            data.terms.append(
                LegislativeTerm(
                    body=body,
                    name=f"Wahlperiode {start_year}–{start_year + 5}",
                    start_date=start,
                    end_date=dt.date(start_year + 5, 6, 30),
                )
            )
            self.term_starts.append(start)
            start_year += 5

    def term_index(self, day: dt.date) -> int:
        return max(0, bisect.bisect_right(self.term_starts, day) - 1)

    def organizations(self) -> None:
        body, rng, start = self.data.body, self.rng, self.data.terms[0].start_date

        def org(key: str, name: str, kind: str, parent: Organization | None = None, **kw: Any):
            o = Organization(
                body=body,
                name=name,
                organization_type=kind,
                parent=parent,
                start_date=start,
                location=self.data.locations[0],
                **kw,
            )
            self.data.orgs.append(o)
            self.by_key[key] = o
            return o

        beirat = org(
            "beirat",
            "Beirat für Migration und Integration",
            Org.BEIRAT,
            short_name="Beirat",
            legal_member_count=rng.choice([11, 13, 15, 17, 21]),
        )
        stadtrat = org(
            "stadtrat",
            "Stadtrat",
            Org.STADTRAT,
            legal_member_count=rng.choice([28, 32, 36, 40, 44]),
        )
        org("verwaltung", "Fachstelle Integration", Org.VERWALTUNG)
        org(
            "ausschuss",
            "Ausschuss für Soziales, Integration und Demografie",
            Org.AUSSCHUSS,
            parent=stadtrat,
            legal_member_count=13,
        )
        self.ags = [
            org(f"ag{i}", name, Org.ARBEITSGRUPPE, parent=beirat)
            for i, name in enumerate(w.WORKING_GROUPS)
        ]
        self.lists = [
            org(f"list{i}", name, Org.FRAKTION, parent=beirat) for i, name in enumerate(w.LISTS)
        ]
        self.factions = [
            org(f"faction{i}", name, Org.FRAKTION, parent=stadtrat)
            for i, name in enumerate(w.FACTIONS)
        ]

    # -- people ----------------------------------------------------------------------

    def people(self) -> None:
        body, rng, data = self.data.body, self.rng, self.data
        count = share(self.plan.persons, self.plan.bodies, self.index)
        for n in range(count):
            consent = rng.random() < 0.7
            data.persons.append(
                Person(
                    body=body,
                    title=rng.choice(w.TITLES),
                    given_name=rng.choice(w.GIVEN_NAMES),
                    family_name=rng.choice(w.FAMILY_NAMES),
                    email=f"person{n}@{body.slug}.example.org",
                    public_consent=consent,
                    public_consent_date=self.plan.first_day if consent else None,
                )
            )
        pool = list(data.persons)
        rng.shuffle(pool)
        third = max(1, len(pool) * 45 // 100)
        beirat_pool, council_pool = pool[:third], pool[third : 2 * third]
        admin_pool = pool[2 * third :]
        # id(person) -> their Beirat list or Stadtrat faction, kept across terms
        affiliation: dict[int, Organization] = {}
        previous: dict[str, list[Person]] = {"beirat": [], "stadtrat": []}
        for t, term in enumerate(data.terms):
            current = term.end_date is None or term.end_date >= self.plan.today
            dates = {"start_date": term.start_date, "end_date": None if current else term.end_date}

            def member(person: Person, key_or_org: str | Organization, role: str, **kw: Any):
                o = self.by_key[key_or_org] if isinstance(key_or_org, str) else key_or_org
                data.memberships.append(
                    Membership(body=body, person=person, organization=o, role=role, **kw)
                )

            def elect(key: str, candidates: list[Person], keep: float) -> list[Person]:
                seats = min(self.by_key[key].legal_member_count or 10, len(candidates))
                kept = [p for p in previous[key] if rng.random() < keep][:seats]
                others = [p for p in candidates if p not in kept]
                chosen = kept + rng.sample(others, seats - len(kept))
                previous[key] = chosen
                return chosen

            council = elect("stadtrat", council_pool, keep=0.7)
            for i, person in enumerate(council):
                faction = affiliation.setdefault(id(person), rng.choice(self.factions))
                role = Role.CHAIR if i == 0 else Role.DEPUTY_CHAIR if i < 3 else Role.MEMBER
                member(person, "stadtrat", role, on_behalf_of=faction, **dates)
                member(person, faction, Role.MEMBER, **dates)
            beirat = elect("beirat", beirat_pool, keep=0.6)
            for i, person in enumerate(beirat):
                lst = affiliation.setdefault(id(person), rng.choice(self.lists))
                role = Role.CHAIR if i == 0 else Role.DEPUTY_CHAIR if i < 3 else Role.MEMBER
                member(person, "beirat", role, on_behalf_of=lst, **dates)
                member(person, lst, Role.MEMBER, **dates)
            deputies = [p for p in beirat_pool if p not in beirat][:4]
            for person in deputies:
                member(person, "beirat", Role.DEPUTY, voting_right=False, **dates)
            advisors = council[3:5]
            for person in advisors:
                member(person, "beirat", Role.ADVISORY, voting_right=False, **dates)
            committee = council[:11]
            for i, person in enumerate(committee):
                member(person, "ausschuss", Role.CHAIR if i == 0 else Role.MEMBER, **dates)
            for person in beirat[:2]:
                member(person, "ausschuss", Role.ADVISORY, voting_right=False, **dates)
            for ag in self.ags:
                group = rng.sample(beirat + deputies, min(6, len(beirat) + len(deputies)))
                for i, person in enumerate(group):
                    member(person, ag, Role.CHAIR if i == 0 else Role.MEMBER, **dates)
                self.term_members[(f"ag:{ag.name}", t)] = group
            for person in admin_pool:
                member(person, "verwaltung", Role.MEMBER, voting_right=False, **dates)
            for o in self.lists + self.factions:
                self.term_members[(o.name, t)] = [
                    p for p in beirat + council if affiliation.get(id(p)) is o
                ]
