"""The rules of procedure: notice period, motion deadline, quorum, majority, minutes.

Defaults follow the Gemeindeordnung Rheinland-Pfalz (§§ 34–41 GemO, applied to the Beirat
through its statute). A body may set its own rules, and an organization its own on top
(`SessionRules`); `rules_for` picks the one that applies and every result names it, so
staff can see which rule a check used.

Everything here is a pure function of its arguments, except `rules_for`, which reads
the `SessionRules` rows.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.council.models import SessionRules

DEFAULT_RULE_NAME = _("Gemeindeordnung Rheinland-Pfalz (§§ 34–41 GemO, Voreinstellung)")


@dataclass(frozen=True)
class Rules:
    name: str
    notice_days: int = 4
    motion_deadline_days: int = 7
    quorum_percent: int = 50
    repeat_quorum_minimum: int = 3
    obliging_share_percent: int = 25
    minutes_due_days: int = 30
    is_default: bool = True


def default_rules() -> Rules:
    return Rules(name=str(DEFAULT_RULE_NAME))


def rules_from_row(row: SessionRules) -> Rules:
    return Rules(
        name=row.name,
        notice_days=row.notice_days,
        motion_deadline_days=row.motion_deadline_days,
        quorum_percent=row.quorum_percent,
        repeat_quorum_minimum=row.repeat_quorum_minimum,
        obliging_share_percent=row.obliging_share_percent,
        minutes_due_days=row.minutes_due_days,
        is_default=False,
    )


def rules_for(organization: Any) -> Rules:
    """The organization's own rules, else its body's, else the built-in defaults."""
    rows = {
        row.organization_id: row
        for row in SessionRules.objects.alive().filter(body_id=organization.body_id)
        if row.organization_id in (None, organization.pk)
    }
    row = rows.get(organization.pk) or rows.get(None)
    return rules_from_row(row) if row is not None else default_rules()


# Notice period (Ladungsfrist)


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def full_days_between(sent: dt.datetime, session_start: dt.datetime) -> int:
    """Whole calendar days strictly between the day of dispatch and the session day.

    Sent on Monday for a Saturday session: Tuesday to Friday, four full days.
    """
    return (local_date(session_start) - local_date(sent)).days - 1


def notice_in_time(sent: dt.datetime, session_start: dt.datetime, rules: Rules) -> bool:
    return full_days_between(sent, session_start) >= rules.notice_days


def latest_dispatch_date(session_start: dt.datetime, rules: Rules) -> dt.date:
    """The last day on which an invitation still keeps the notice period."""
    return local_date(session_start) - dt.timedelta(days=rules.notice_days + 1)


# Motions (Anträge)


def motion_deadline(session_start: dt.datetime, rules: Rules) -> dt.datetime:
    """Motions must be in before the start of this day (local time)."""
    day = local_date(session_start) - dt.timedelta(days=rules.motion_deadline_days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def motion_late(received: dt.datetime, session_start: dt.datetime, rules: Rules) -> bool:
    return received >= motion_deadline(session_start, rules)


def obliging_signatures(legal_member_count: int | None, rules: Rules) -> int | None:
    """How many members must sign so the chair must put the matter on the agenda."""
    if not legal_member_count:
        return None
    return math.ceil(legal_member_count * rules.obliging_share_percent / 100)


def motion_obliges(
    *, by_faction: bool, signatures: int, legal_member_count: int | None, rules: Rules
) -> bool:
    """A faction's motion, or one signed by a quarter of the members, must go on the agenda."""
    needed = obliging_signatures(legal_member_count, rules)
    return by_faction or (needed is not None and signatures >= needed)


# Quorum (Beschlussfähigkeit)


@dataclass(frozen=True)
class Quorum:
    present: int
    needed: int | None
    quorate: bool
    rule: str


def quorum(
    *, voting_present: int, legal_member_count: int | None, rules: Rules, repeat: bool = False
) -> Quorum:
    """More than `quorum_percent` of the legal number present; a repeat session needs only
    `repeat_quorum_minimum`. Without a legal number there is nothing to check against,
    so the body counts as quorate when anyone with a vote is there."""
    if repeat:
        needed = rules.repeat_quorum_minimum
    elif legal_member_count:
        needed = legal_member_count * rules.quorum_percent // 100 + 1
    else:
        needed = None
    quorate = voting_present >= needed if needed is not None else voting_present > 0
    return Quorum(present=voting_present, needed=needed, quorate=quorate, rule=rules.name)


# Majority (Mehrheit)


def adopted(yes: int, no: int) -> bool:
    """Yes must exceed no; abstentions do not count; a tie rejects."""
    return yes > no


def minutes_due(session_start: dt.datetime, rules: Rules) -> dt.date:
    return local_date(session_start) + dt.timedelta(days=rules.minutes_due_days)
