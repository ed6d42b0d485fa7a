"""What does not add up about a meeting: warnings for the staff, never a refusal.

Each check reads the meeting's data as it is now, so a warning disappears once the data
is put right. `meeting_warnings` costs the same few queries for any size of meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.core.models import Body
from teilhabe.council import rules
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    Invitation,
    Meeting,
    Minutes,
    Paper,
    Vote,
)
from teilhabe.council.selectors.session import current_vote


@dataclass(frozen=True)
class ConsistencyWarning:
    code: str
    message: str
    # A staff page where the matter can be put right, if there is one.
    link: str | None = None


# The name the issue uses; inside this module the builtin `Warning` is not needed.
Warning = ConsistencyWarning


def _date(value: dt.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _staff_url(slug: str, name: str, **kwargs: int) -> str:
    return reverse(f"council_staff:{name}", kwargs={"body": slug, **kwargs})


def _item_url(slug: str, item: AgendaItem) -> str:
    return _staff_url(slug, "agenda_item_edit", pk=item.meeting_id, item_pk=item.pk)


def _body_slug(meeting: Meeting) -> str:
    """The slug for the links, read once (from the meeting's body if it is loaded)."""
    if Meeting.body.is_cached(meeting):
        return meeting.body.slug
    return Body.objects.values_list("slug", flat=True).get(pk=meeting.body_id)


def _item_label(item: AgendaItem) -> str:
    return _("TOP %(number)s „%(name)s“") % {"number": item.number, "name": item.name}


def _papers_dated_later(meeting: Meeting, slug: str) -> list[ConsistencyWarning]:
    day = rules.local_date(meeting.start)
    consultations = (
        Consultation.objects.alive()
        .filter(Q(meeting=meeting) | Q(agenda_item__meeting=meeting, agenda_item__deleted=False))
        .filter(paper__deleted=False, paper__date__gt=day)
        .select_related("paper")
        .order_by("paper__date", "paper_id")
    )
    warnings = []
    seen: set[int] = set()
    for consultation in consultations:
        paper = consultation.paper
        if paper.pk in seen:
            continue
        seen.add(paper.pk)
        template = (
            _("Der Bericht „%(paper)s“ ist auf den %(date)s datiert, nach der Sitzung am %(day)s.")
            if paper.paper_type == Paper.Type.REPORT
            else _(
                "Die Drucksache „%(paper)s“ ist auf den %(date)s datiert, nach der Sitzung "
                "am %(day)s, in der sie beraten wird."
            )
        )
        warnings.append(
            ConsistencyWarning(
                code="paper_after_meeting",
                message=template % {"paper": paper, "date": _date(paper.date), "day": _date(day)},
                link=_staff_url(slug, "paper_edit", pk=paper.pk),
            )
        )
    return warnings


def _number_twice(meeting: Meeting, slug: str) -> list[ConsistencyWarning]:
    if meeting.number is None or meeting.deleted:
        return []
    other = (
        Meeting.objects.alive()
        .filter(
            organization_id=meeting.organization_id,
            legislative_term_id=meeting.legislative_term_id,
            number=meeting.number,
        )
        .exclude(pk=meeting.pk)
        .order_by("start", "pk")
        .first()
    )
    if other is None:
        return []
    return [
        ConsistencyWarning(
            code="meeting_number_twice",
            message=_(
                "Die Sitzungsnummer %(number)s ist in diesem Gremium und dieser Wahlperiode "
                "zweimal vergeben (auch die Sitzung am %(day)s)."
            )
            % {"number": meeting.number, "day": _date(rules.local_date(other.start))},
            link=_staff_url(slug, "meeting_edit", pk=other.pk),
        )
    ]


def _votes(meeting: Meeting, slug: str) -> list[ConsistencyWarning]:
    votes = (
        Vote.objects.alive()
        .filter(agenda_item__meeting=meeting, agenda_item__deleted=False)
        .select_related("agenda_item")
        .order_by("agenda_item__order", "taken_at", "pk")
    )
    by_item: dict[int, list[Vote]] = {}
    for vote in votes:
        by_item.setdefault(vote.agenda_item_id, []).append(vote)
    # Only the vote whose result stands counts: one recorded again, or followed by an
    # outcome without a vote, is superseded (it stays in the history).
    current = [
        vote
        for item_votes in by_item.values()
        if (vote := current_vote(item_votes[0].agenda_item, item_votes)) is not None
    ]
    warnings = []
    for vote in current:
        item = vote.agenda_item
        cast = vote.yes + vote.no + vote.abstain
        if cast > vote.voting_present:
            warnings.append(
                ConsistencyWarning(
                    code="more_votes_than_present",
                    message=_(
                        "%(item)s: %(cast)s Stimmen abgegeben, aber nur %(present)s "
                        "stimmberechtigte Mitglieder anwesend."
                    )
                    % {"item": _item_label(item), "cast": cast, "present": vote.voting_present},
                    link=_item_url(slug, item),
                )
            )
        if not vote.quorate:
            warnings.append(
                ConsistencyWarning(
                    code="vote_without_quorum",
                    message=_(
                        "%(item)s: abgestimmt, obwohl das Gremium nicht beschlussfähig war "
                        "(%(present)s stimmberechtigt anwesend; %(rule)s)."
                    )
                    % {
                        "item": _item_label(item),
                        "present": vote.voting_present,
                        "rule": vote.rule_name,
                    },
                    link=_item_url(slug, item),
                )
            )
    return warnings


def _published_nonpublic(meeting: Meeting, slug: str) -> list[ConsistencyWarning]:
    minutes = Minutes.objects.alive().filter(meeting=meeting).first()
    if minutes is None or not minutes.published_item_ids:
        return []
    items = AgendaItem.objects.filter(
        meeting=meeting, pk__in=[int(pk) for pk in minutes.published_item_ids], public=False
    ).order_by("order", "pk")
    return [
        ConsistencyWarning(
            code="nonpublic_item_published",
            message=_(
                "%(item)s ist jetzt nichtöffentlich, steht aber in der veröffentlichten "
                "Niederschrift (PDF). Bitte prüfen Sie die veröffentlichte Fassung."
            )
            % {"item": _item_label(item)},
            link=_item_url(slug, item),
        )
        for item in items
    ]


def _invitation_late(meeting: Meeting, slug: str) -> list[ConsistencyWarning]:
    latest = Invitation.objects.alive().filter(meeting=meeting).order_by("-sent_at", "-pk").first()
    if latest is None or not latest.too_late:
        return []
    return [
        ConsistencyWarning(
            code="invitation_late",
            message=ngettext(
                "Die Einladung wurde zu spät versandt: %(days)s voller Kalendertag vor der "
                "Sitzung, nötig sind %(required)s (%(rule)s).",
                "Die Einladung wurde zu spät versandt: %(days)s volle Kalendertage vor der "
                "Sitzung, nötig sind %(required)s (%(rule)s).",
                latest.full_days,
            )
            % {
                "days": latest.full_days,
                "required": latest.notice_days_required,
                "rule": latest.rule_name,
            },
            link=_staff_url(slug, "invitation", pk=meeting.pk),
        )
    ]


def meeting_warnings(meeting: Meeting) -> list[ConsistencyWarning]:
    """Everything about `meeting` that does not add up, in the order of the session cycle:
    invitation, papers, numbering, votes, published minutes."""
    slug = _body_slug(meeting)
    return [
        *_invitation_late(meeting, slug),
        *_papers_dated_later(meeting, slug),
        *_number_twice(meeting, slug),
        *_votes(meeting, slug),
        *_published_nonpublic(meeting, slug),
    ]
