"""Writes of papers (Drucksachen) and their consultation path (Beratungsfolge)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Max

from teilhabe.core.models import Body
from teilhabe.council import errors
from teilhabe.council.models import AgendaItem, Consultation, Meeting, Organization, Paper, Person
from teilhabe.council.services._common import (
    apply,
    create,
    ensure_citable,
    ensure_same_body,
    soft_delete,
    update,
)


class PaperFields(TypedDict, total=False):
    reference: str
    name: str
    date: dt.date
    paper_type: str
    public: bool
    proposed_resolution: str
    justification: str
    originator_persons: Sequence[Person]
    originator_organizations: Sequence[Organization]
    related_papers: Sequence[Paper]


_PAPER_M2M = ("originator_persons", "originator_organizations", "related_papers")


def _check_paper(body_id: int, paper: Paper | None, fields: Any) -> None:
    """Originators are of the paper's body; related papers are of it or public papers of a
    body imported from OParl (e.g. the Stadtrat's), see `ensure_citable`."""
    ensure_same_body(
        body_id,
        fields.get("originator_persons"),
        fields.get("originator_organizations"),
    )
    # The service has no user: a paper of an imported body is linked only when it is
    # public, since staff of this body are not staff of that one.
    ensure_citable(body_id, fields.get("related_papers"), field="related_papers")
    if paper is not None and "related_papers" in fields:
        # A paper is not related to itself.
        fields["related_papers"] = [p for p in fields["related_papers"] if p.pk != paper.pk]


def _set_paper_links(paper: Paper, fields: Any) -> None:
    for name in _PAPER_M2M:
        if name in fields:
            getattr(paper, name).set(fields[name])


@transaction.atomic
def paper_create(*, body: Body, **fields: Unpack[PaperFields]) -> Paper:
    _check_paper(body.pk, None, fields)
    paper = Paper(body=body)
    apply(paper, fields, skip=_PAPER_M2M)
    create(paper)
    _set_paper_links(paper, fields)
    return paper


@transaction.atomic
def paper_update(*, paper: Paper, expected_version: int, **fields: Unpack[PaperFields]) -> Paper:
    _check_paper(paper.body_id, paper, fields)
    current = update(paper, fields, expected_version=expected_version, skip=_PAPER_M2M)
    _set_paper_links(current, fields)
    return current


@transaction.atomic
def consultation_create(
    *,
    paper: Paper,
    organization: Organization,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    role: str = Consultation.Role.PREPARE,
    authoritative: bool = False,
) -> Consultation:
    """Add a step to the paper's Beratungsfolge (appended at the end).

    The meeting must be one of the organization's, and the agenda item one of the
    meeting's; an agenda item alone brings its meeting.
    """
    ensure_same_body(paper.body_id, organization, meeting, agenda_item)
    if agenda_item is not None:
        if meeting is not None and agenda_item.meeting_id != meeting.pk:
            raise errors.InconsistentConsultation()
        meeting = agenda_item.meeting
    if meeting is not None and meeting.organization_id != organization.pk:
        raise errors.InconsistentConsultation()
    Paper.objects.select_for_update().filter(pk=paper.pk).first()
    last = Consultation.objects.alive().filter(paper=paper).aggregate(last=Max("order"))["last"]
    return create(
        Consultation(
            body_id=paper.body_id,
            paper=paper,
            organization=organization,
            meeting=meeting,
            agenda_item=agenda_item,
            role=role,
            authoritative=authoritative,
            order=(last or 0) + 1,
        )
    )


@transaction.atomic
def consultation_delete(*, consultation: Consultation, expected_version: int) -> Consultation:
    return soft_delete(consultation, expected_version=expected_version)
