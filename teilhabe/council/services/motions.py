"""Motions (Anträge): a member files one for a named session; staff put it on the agenda.

Who may file: a person with a current membership (member, chair, deputy) in the meeting's
organization, in their own name with co-signers from that organization, or on behalf of a
faction / list or working group (AG) they currently belong to. Whether the motion came in
late and whether it obliges the chair to put it on the agenda is decided by
`teilhabe.council.rules` when it is filed, and stored with the paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from teilhabe.core.errors import ConflictError
from teilhabe.core.models import Body
from teilhabe.council import errors, rules
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)
from teilhabe.council.selectors.motions import FILING_ROLE_VALUES, member_person
from teilhabe.council.services._common import (
    create,
    ensure_citable,
    ensure_same_body,
    fresh,
    save_checked,
    update,
)
from teilhabe.council.services.meetings import agenda_item_create

# Whom a motion may be filed on behalf of.
ORIGINATOR_TYPES = (Organization.Type.FRAKTION, Organization.Type.ARBEITSGRUPPE)

# Drucksachen numbers as the demo and the office write them: `BMI/2026/007`.
REFERENCE = re.compile(r"^(?P<prefix>[^/\s]+)/(?P<year>\d{4})/(?P<number>\d+)$")
DEFAULT_REFERENCE_PREFIX = "A"


def _current_memberships(person_ids: Iterable[int], organization: Organization) -> Any:
    return Membership.objects.current().filter(
        organization=organization, person_id__in=list(person_ids), role__in=FILING_ROLE_VALUES
    )


def meeting_open_for_motions(meeting: Meeting) -> bool:
    """Upcoming, not cancelled, alive, and of an organization that holds meetings."""
    return (
        not meeting.deleted
        and not meeting.cancelled
        and meeting.start > timezone.now()
        and not meeting.organization.deleted
        and meeting.organization.holds_meetings
    )


def next_reference(*, body: Body | int, year: int) -> str:
    """The next Drucksachen number of `body` in `year`, in the body's own style.

    The prefix is the one of the body's latest numbered paper (`BMI` in `BMI/2025/003`),
    else "A"; the number counts on from the highest one used with that prefix in that year,
    whatever the paper's type, so references never repeat. The caller holds the body lock.
    """
    prefix = DEFAULT_REFERENCE_PREFIX
    latest = (
        Paper.objects.filter(body=body, reference__regex=r"^[^/ ]+/[0-9]{4}/[0-9]+$")
        .order_by("-date", "-pk")
        .values_list("reference", flat=True)
        .first()
    )
    if latest and (match := REFERENCE.match(latest)):
        prefix = match["prefix"]
    start = f"{prefix}/{year}/"
    used = Paper.objects.filter(body=body, reference__startswith=start).values_list(
        "reference", flat=True
    )
    numbers = [int(m["number"]) for ref in used if (m := REFERENCE.match(ref))]
    return f"{start}{max(numbers, default=0) + 1:03d}"


def _require_text(**texts: str) -> dict[str, str]:
    cleaned = {name: (value or "").strip() for name, value in texts.items()}
    for name, value in cleaned.items():
        if not value:
            raise errors.MotionIncomplete(field=name)
    return cleaned


def _check_originator(
    *, person: Person, on_behalf_of: Organization | None, co_signers: Sequence[Person]
) -> list[Person]:
    """The persons who sign with the filer (none when filed on behalf of an organization)."""
    if on_behalf_of is None:
        return [p for p in dict.fromkeys(co_signers) if p.pk != person.pk]
    if co_signers:
        raise errors.InvalidCoSigner()
    belongs = (
        Membership.objects.current()
        .filter(person=person, organization=on_behalf_of, organization__deleted=False)
        .exists()
    )
    if on_behalf_of.organization_type not in ORIGINATOR_TYPES or not belongs:
        raise errors.InvalidMotionOriginator()
    return []


def _check_citations(
    *,
    by: Any,
    body_id: int,
    cited_papers: Sequence[Paper],
    cited_agenda_items: Sequence[AgendaItem],
) -> None:
    """Cited papers and resolutions are of the body or of a body imported from OParl (the
    Stadtrat's, `ensure_citable`), the filer may see them, and a resolution has a result."""
    ensure_citable(body_id, cited_papers, user=by, field="cited_papers")
    ensure_citable(body_id, cited_agenda_items, user=by, field="cited_agenda_items")
    paper_ids = {p.pk for p in cited_papers}
    if paper_ids and Paper.objects.visible_to(by).filter(pk__in=paper_ids).count() != len(
        paper_ids
    ):
        raise errors.CitationNotVisible(field="cited_papers")
    item_ids = {i.pk for i in cited_agenda_items}
    resolutions = AgendaItem.objects.visible_to(by).with_results().filter(pk__in=item_ids)
    if resolutions.count() != len(item_ids):
        raise errors.CitationNotVisible(field="cited_agenda_items")


@transaction.atomic
def motion_submit(
    *,
    body: Body,
    by: Any,
    meeting: Meeting,
    name: str,
    proposed_resolution: str,
    justification: str,
    on_behalf_of: Organization | None = None,
    co_signers: Sequence[Person] = (),
    cited_papers: Sequence[Paper] = (),
    cited_agenda_items: Sequence[AgendaItem] = (),
    public: bool = True,
) -> Paper:
    """File a motion (Paper of type MOTION) for `meeting` of `body`, received now.

    Nothing is written when any check fails; the error names the field it concerns.
    """
    body_id = body.pk
    ensure_same_body(body_id, meeting, on_behalf_of, co_signers)
    texts = _require_text(
        name=name, proposed_resolution=proposed_resolution, justification=justification
    )
    person = member_person(body=body_id, user=by)
    organization = meeting.organization
    if person is None or not _current_memberships([person.pk], organization).exists():
        raise errors.NotAMember()
    if not meeting_open_for_motions(meeting):
        raise errors.MeetingClosedForMotions()
    signers = _check_originator(person=person, on_behalf_of=on_behalf_of, co_signers=co_signers)
    signing_members = set(
        _current_memberships([p.pk for p in signers], organization).values_list(
            "person_id", flat=True
        )
    )
    if len(signing_members) != len(signers):
        raise errors.InvalidCoSigner()
    _check_citations(
        by=by,
        body_id=body_id,
        cited_papers=cited_papers,
        cited_agenda_items=cited_agenda_items,
    )

    # "A quarter of the members": the members with a vote count, not their deputies.
    voting_signatures = (
        _current_memberships([person.pk, *(p.pk for p in signers)], organization)
        .filter(voting_right=True)
        .exclude(role=Membership.Role.DEPUTY)
        .values("person_id")
        .distinct()
        .count()
    )
    applied = rules.rules_for(organization)
    received = timezone.now()
    by_faction = (
        on_behalf_of is not None and on_behalf_of.organization_type == Organization.Type.FRAKTION
    )
    # The body row serialises the numbering of its papers.
    Body.objects.select_for_update().filter(pk=body_id).first()
    paper = create(
        Paper(
            body_id=body_id,
            reference=next_reference(body=body_id, year=timezone.localdate(received).year),
            date=timezone.localdate(received),
            paper_type=Paper.Type.MOTION,
            public=public,
            submitted_for=meeting,
            submitted_at=received,
            submitted_by=by,
            late=rules.motion_late(received, meeting.start, applied),
            obliging=rules.motion_obliges(
                by_faction=by_faction,
                signatures=0 if on_behalf_of is not None else voting_signatures,
                legal_member_count=organization.legal_member_count,
                rules=applied,
            ),
            **texts,
        )
    )
    if on_behalf_of is not None:
        paper.originator_organizations.set([on_behalf_of])
    else:
        paper.originator_persons.set([person, *signers])
    paper.related_papers.set(cited_papers)
    paper.cited_agenda_items.set(cited_agenda_items)
    return paper


@transaction.atomic
def motion_put_on_agenda(
    *, paper: Paper, public: bool, expected_version: int, meeting: Meeting | None = None
) -> AgendaItem:
    """Add the motion as an item to the agenda of its meeting (or of `meeting`).

    The item is named like the paper and linked through a consultation of the meeting's
    organization; a step of the Beratungsfolge that waits for that organization without
    a session yet (e.g. after a referral) gets the session instead of a second step.
    """
    current = fresh(paper)
    if current.version != expected_version:
        raise ConflictError()
    target = meeting or current.submitted_for
    if current.paper_type != Paper.Type.MOTION or current.deleted or target is None:
        raise errors.NotAMotion()
    ensure_same_body(current.body_id, target)
    if target.deleted or target.cancelled or not target.organization.holds_meetings:
        raise errors.MeetingClosedForMotions()
    Meeting.objects.select_for_update().filter(pk=target.pk).first()
    steps = Consultation.objects.alive().filter(paper=current)
    if steps.filter(meeting=target, agenda_item__isnull=False, agenda_item__deleted=False).exists():
        raise errors.AlreadyOnAgenda()
    item = agenda_item_create(meeting=target, name=current.name[:500], public=public)
    if not public and current.public:
        # Treated in a non-public item, the motion itself is not public either: its name,
        # texts and originators would otherwise tell what the non-public part discusses.
        current.public = False
        save_checked(current, expected_version=current.version)
    waiting = (
        steps.filter(organization_id=target.organization_id, agenda_item__isnull=True)
        .filter(meeting__isnull=True)
        .order_by("order", "pk")
        .first()
    ) or steps.filter(meeting=target, agenda_item__isnull=True).first()
    if waiting is not None:
        update(waiting, {"meeting": target, "agenda_item": item}, expected_version=waiting.version)
        return item
    last = max(steps.values_list("order", flat=True), default=0)
    create(
        Consultation(
            body_id=current.body_id,
            paper=current,
            organization=target.organization,
            meeting=target,
            agenda_item=item,
            role=Consultation.Role.DECIDE,
            order=last + 1,
        )
    )
    return item
