"""Meetings with their agendas, and papers with their Beratungsfolge, for one body.

Papers are dated at random; each follows a consultation chain (e.g. AG -> Beirat or
Ausschuss -> Stadtrat) and takes a free agenda slot of the right kind (public or not) in
the next meetings of each organization, with a result and votes once the meeting is held.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bench import words as w
from bench.plan import share, weighted
from teilhabe.council.models import AgendaItem, Consultation, Meeting, Organization, Paper

if TYPE_CHECKING:
    from bench.dataset import BodyBuilder

ITEMS_PER_MEETING = 10
BERLIN = ZoneInfo("Europe/Berlin")
PType = Paper.Type
Result = AgendaItem.Result

# Share of a body's meetings per organization that holds meetings (the AGs share 0.28).
MEETING_WEIGHTS = {"beirat": 0.36, "stadtrat": 0.22, "ausschuss": 0.14, "ag": 0.28}
# (weight, consultation chain, who originates the paper)
CHAINS: list[tuple[int, tuple[str, ...], str]] = [
    (20, ("ag",), "ag"),
    (15, ("ag", "beirat"), "ag"),
    (25, ("beirat",), "beirat"),
    (12, ("beirat", "stadtrat"), "beirat"),
    (12, ("ausschuss", "stadtrat"), "verwaltung"),
    (6, ("beirat", "ausschuss", "stadtrat"), "verwaltung"),
    (5, ("stadtrat",), "fraktion"),
    (5, ("ausschuss",), "verwaltung"),
]
PAPER_TYPES = {  # originator kind -> (weight, type)
    "ag": [(50, PType.REPORT), (50, PType.MOTION)],
    "beirat": [(60, PType.MOTION), (25, PType.QUESTION), (15, PType.NOTICE)],
    "verwaltung": [(80, PType.DRAFT_RESOLUTION), (20, PType.NOTICE)],
    "fraktion": [(70, PType.MOTION), (30, PType.QUESTION)],
}
TYPE_LABEL = {
    PType.MOTION: ("Antrag", "AN"),
    PType.QUESTION: ("Anfrage", "AF"),
    PType.DRAFT_RESOLUTION: ("Beschlussvorlage", "BV"),
    PType.REPORT: ("Bericht", "BE"),
    PType.NOTICE: ("Mitteilung", "MI"),
}
DECIDES = {PType.MOTION, PType.DRAFT_RESOLUTION}


@dataclass
class Slots:
    """The agenda items of one meeting that can still take a paper."""

    meeting: Meeting
    public: list[AgendaItem] = field(default_factory=list)
    nonpublic: list[AgendaItem] = field(default_factory=list)


class SessionBuilder:
    """Adds meetings, agenda items, papers and consultations to a body being built."""

    def __init__(self, base: BodyBuilder) -> None:
        self.base = base
        self.rng = base.rng
        self.plan = base.plan
        self.data = base.data

    def build(self) -> None:
        slots = self.meetings()
        self.papers(slots)
        self.fill_free_slots(slots)

    # -- meetings and agenda ---------------------------------------------------------

    def meetings(self) -> dict[int, list[Slots]]:
        """Meetings with ten agenda items each; returns free paper slots per organization."""
        rng, plan, data = self.rng, self.plan, self.data
        total = share(plan.meetings, plan.bodies, self.base.index)
        holders = [("beirat", MEETING_WEIGHTS["beirat"]), ("stadtrat", MEETING_WEIGHTS["stadtrat"])]
        holders.append(("ausschuss", MEETING_WEIGHTS["ausschuss"]))
        ag_weight = MEETING_WEIGHTS["ag"] / len(self.base.ags)
        holders += [(f"ag{i}", ag_weight) for i in range(len(self.base.ags))]
        counts = [int(total * wt) for _, wt in holders]
        for i in range(total - sum(counts)):
            counts[i % len(counts)] += 1
        weekdays = [
            plan.first_day + dt.timedelta(days=d)
            for d in range((plan.last_day - plan.first_day).days + 1)
            if (plan.first_day + dt.timedelta(days=d)).weekday() < 5
        ]
        slots: dict[int, list[Slots]] = {}
        for (key, _), count in zip(holders, counts, strict=True):
            organization = self.base.by_key[key]
            is_ag = key.startswith("ag")
            numbers: dict[int, int] = defaultdict(int)
            org_slots: list[Slots] = []
            for day in sorted(rng.sample(weekdays, min(count, len(weekdays)))):
                hour, minute = rng.choice([(16, 0), (17, 30)] if is_ag else [(17, 0), (18, 0)])
                start = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)
                term = self.base.term_index(day)
                numbers[term] += 1
                video = is_ag and rng.random() < 0.3
                if rng.random() < 0.03:
                    state = Meeting.State.CANCELLED
                elif day < plan.today:
                    state = Meeting.State.HELD
                elif day <= plan.today + dt.timedelta(days=21):
                    state = Meeting.State.INVITED
                else:
                    state = Meeting.State.PLANNED
                meeting = Meeting(
                    body=data.body,
                    organization=organization,
                    legislative_term=data.terms[term],
                    number=numbers[term],
                    start=start,
                    end=start + dt.timedelta(minutes=rng.choice([90, 120, 150, 180])),
                    location=None if video else rng.choice(data.locations),
                    video_conference_url=(
                        f"https://video.example.org/{data.body.slug}/{key}-{len(org_slots)}"
                        if video
                        else ""
                    ),
                    state=state,
                )
                data.meetings.append(meeting)
                slot = self.agenda(meeting)
                if state != Meeting.State.CANCELLED:
                    org_slots.append(slot)
            slots[id(organization)] = org_slots
        return slots

    def agenda(self, meeting: Meeting) -> Slots:
        nonpublic = self.rng.choice([1, 2, 2, 2, 3])
        public = ITEMS_PER_MEETING - nonpublic
        slot = Slots(meeting)
        for order in range(1, ITEMS_PER_MEETING + 1):
            is_public = order <= public
            item = AgendaItem(
                body=meeting.body,
                meeting=meeting,
                number=f"Ö {order}" if is_public else f"N {order - public}",
                order=order,
                name=w.OPENING_ITEMS[order - 1] if order <= len(w.OPENING_ITEMS) else "",
                public=is_public,
            )
            self.data.items.append(item)
            if order > len(w.OPENING_ITEMS):
                (slot.public if is_public else slot.nonpublic).append(item)
        return slot

    # -- papers and their Beratungsfolge ---------------------------------------------

    def papers(self, slots: dict[int, list[Slots]]) -> None:
        rng, plan, data = self.rng, self.plan, self.data
        count = share(plan.papers, plan.bodies, self.base.index)
        span = (plan.today - plan.first_day).days
        dates = sorted(
            plan.first_day + dt.timedelta(days=rng.randrange(span)) for _ in range(count)
        )
        starts = {k: [s.meeting.start.date() for s in v] for k, v in slots.items()}
        sequence: dict[int, int] = defaultdict(int)
        for day in dates:
            _, chain, origin = rng.choices(CHAINS, weights=[c[0] for c in CHAINS])[0]
            paper_type = weighted(rng, PAPER_TYPES[origin])
            ag = rng.choice(self.base.ags)
            term = self.base.term_index(day)
            if origin == "ag":
                originator = ag
                people = self.base.term_members.get((f"ag:{ag.name}", term), [])
            elif origin == "beirat" and paper_type != PType.NOTICE:
                originator = rng.choice(self.base.lists)
                people = self.base.term_members.get((originator.name, term), [])
            elif origin == "fraktion":
                originator = rng.choice(self.base.factions)
                people = self.base.term_members.get((originator.name, term), [])
            else:
                originator, people = self.base.by_key["verwaltung"], []
            label, abbr = TYPE_LABEL[paper_type]
            sequence[day.year] += 1
            topic = rng.choice(w.TOPICS).format(district=rng.choice(w.DISTRICTS), year=day.year)
            paper = Paper(
                body=data.body,
                reference=f"{abbr} {day.year}/{sequence[day.year]:04d}",
                name=f"{label} {originator.short_name or originator.name}: {topic}",
                date=day,
                paper_type=paper_type,
                public=rng.random() < 0.85,
                proposed_resolution=(
                    " ".join(rng.sample(w.SENTENCES, 2)) if paper_type in DECIDES else ""
                ),
                justification=" ".join(rng.sample(w.SENTENCES, rng.randint(3, 6))),
            )
            data.papers.append(paper)
            data.paper_orgs.append((paper, originator))
            if people and paper_type in {PType.MOTION, PType.QUESTION}:
                for person in rng.sample(people, min(len(people), rng.randint(1, 2))):
                    data.paper_persons.append((paper, person))
            if len(data.papers) > 10 and rng.random() < 0.05:
                data.related.append((paper, data.papers[rng.randrange(len(data.papers) - 1)]))
            self.consult(paper, chain, ag, slots, starts)

    def consult(
        self,
        paper: Paper,
        chain: tuple[str, ...],
        ag: Organization,
        slots: dict[int, list[Slots]],
        starts: dict[int, list[dt.date]],
    ) -> None:
        rng = self.rng
        after: dt.date | None = paper.date + dt.timedelta(days=6)
        for order, key in enumerate(chain):
            organization = ag if key == "ag" else self.base.by_key[key]
            last = order == len(chain) - 1
            if not last:
                role = Consultation.Role.PREPARE
            elif paper.paper_type in DECIDES:
                role = Consultation.Role.DECIDE
            else:
                role = Consultation.Role.NOTE
            item = None
            if after is not None:
                item = self.take_slot(organization, paper.public, after, slots, starts)
                # Once a step has no meeting yet, the rest of the Beratungsfolge waits too.
                after = item.meeting.start.date() + dt.timedelta(days=6) if item else None
            if item is not None:
                self.record_outcome(item, paper, role)
            self.data.consultations.append(
                Consultation(
                    body=paper.body,
                    paper=paper,
                    organization=organization,
                    meeting=item.meeting if item else None,
                    agenda_item=item,
                    authoritative=role == Consultation.Role.DECIDE,
                    role=role,
                    order=order,
                )
            )
            if item is None and rng.random() < 0.5:
                break

    def take_slot(
        self,
        organization: Organization,
        public: bool,
        after: dt.date,
        slots: dict[int, list[Slots]],
        starts: dict[int, list[dt.date]],
    ) -> AgendaItem | None:
        candidates = slots[id(organization)]
        first = bisect.bisect_right(starts[id(organization)], after)
        for slot in candidates[first : first + 6]:
            free = slot.public if public else slot.nonpublic
            if free:
                return free.pop(0)
        return None

    def record_outcome(self, item: AgendaItem, paper: Paper, role: str) -> None:
        item.name = paper.name
        if item.meeting.state != Meeting.State.HELD:
            return
        rng = self.rng
        if role == Consultation.Role.NOTE:
            item.result = Result.NOTED
            return
        options = [(85, Result.ADOPTED), (10, Result.POSTPONED), (5, Result.REFERRED)]
        if role == Consultation.Role.DECIDE:
            options = [(70, Result.ADOPTED), (12, Result.REJECTED), (10, Result.POSTPONED)]
            options += [(3, Result.WITHDRAWN), (5, Result.REFERRED)]
        item.result = weighted(rng, options)
        if item.result in {Result.ADOPTED, Result.REJECTED}:
            seats = item.meeting.organization.legal_member_count or 9
            present = rng.randint(max(1, seats * 6 // 10), seats)
            no = rng.randint(0, present // 3)
            abstain = rng.randint(0, (present - no) // 4)
            yes = present - no - abstain
            if item.result == Result.REJECTED:
                yes, no = no, yes
            item.votes_yes, item.votes_no, item.votes_abstain = yes, no, abstain
        if item.result == Result.ADOPTED:
            item.resolution_text = (
                paper.proposed_resolution or "Der Beschlussvorschlag wird angenommen."
            )

    def fill_free_slots(self, slots: dict[int, list[Slots]]) -> None:
        for org_slots in slots.values():
            for slot in org_slots:
                for item in slot.public:
                    item.name = self.rng.choice(w.PUBLIC_FILLERS)
                for item in slot.nonpublic:
                    item.name = self.rng.choice(w.NONPUBLIC_FILLERS)
        for item in self.data.items:  # agendas of cancelled meetings
            if not item.name:
                item.name = self.rng.choice(
                    w.PUBLIC_FILLERS if item.public else w.NONPUBLIC_FILLERS
                )
