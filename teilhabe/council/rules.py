"""The rules of procedure: notice period, motion deadline, quorum, majority, minutes.

Defaults follow the Gemeindeordnung Rheinland-Pfalz (§§ 34–41 GemO, applied to the Beirat
through its statute). A body may set its own rules, and an organization its own on top
(`SessionRules`); `rules_for` picks the one that applies (`rule_book` for many
organizations at once, in one query) and every result names it, so staff can see which
rule a check used.

Everything here is a pure function of its arguments, except `rule_book` and `rules_for`,
which read the `SessionRules` rows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class RuleBook:
    """The rules of procedure of some bodies, read at once: which rules apply to which
    organization. An organization's own rules win over its body's; a body without rules
    of its own has the built-in defaults."""

    body_rules: dict[int, Rules] = field(default_factory=dict)
    own_rules: dict[tuple[int, int], Rules] = field(default_factory=dict)

    def for_body(self, body_id: int) -> Rules:
        """The body's own default rules, else the built-in ones."""
        return self.body_rules.get(body_id) or default_rules()

    def for_organization(self, *, body_id: int, organization_id: int) -> Rules:
        """The rules that apply to an organization of `body_id`."""
        return self.own_rules.get((body_id, organization_id)) or self.for_body(body_id)

    def organizations_with_own_rules(self, body_id: int) -> dict[int, Rules]:
        """Organization id -> its own rules, for the organizations of `body_id` that have them."""
        return {
            organization_id: applied
            for (owner, organization_id), applied in self.own_rules.items()
            if owner == body_id
        }


def rule_book(*, body_ids: Iterable[int]) -> RuleBook:
    """The rules of procedure of these bodies (one query, whatever the number of
    organizations)."""
    book = RuleBook()
    for row in SessionRules.objects.alive().filter(body_id__in=set(body_ids)):
        if row.organization_id is None:
            book.body_rules[row.body_id] = rules_from_row(row)
        else:
            book.own_rules[(row.body_id, row.organization_id)] = rules_from_row(row)
    return book


def rules_for(organization: Any) -> Rules:
    """The organization's own rules, else its body's, else the built-in defaults."""
    book = rule_book(body_ids=[organization.body_id])
    return book.for_organization(body_id=organization.body_id, organization_id=organization.pk)


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
    # The rule applied, as recorded with a vote; for the reduced quorum it says so.
    rule: str
    repeat: bool = False


REPEAT_RULE = _(
    "%(rule)s – erneute Sitzung über einen wegen Beschlussunfähigkeit vertagten Gegenstand: "
    "mindestens %(minimum)s anwesend"
)


def quorum(
    *, voting_present: int, legal_member_count: int | None, rules: Rules, repeat: bool = False
) -> Quorum:
    """More than `quorum_percent` of the legal number present. `repeat`: a matter on which
    the body is called a second time because it lacked a quorum the first time (§ 39
    Abs. 2 GemO) needs only `repeat_quorum_minimum`. Without a legal number there is
    nothing to check against, so the body counts as quorate when anyone with a vote is
    there."""
    rule = rules.name
    if repeat:
        needed: int | None = rules.repeat_quorum_minimum
        rule = str(REPEAT_RULE) % {"rule": rules.name, "minimum": needed}
    elif legal_member_count:
        needed = legal_member_count * rules.quorum_percent // 100 + 1
    else:
        needed = None
    quorate = voting_present >= needed if needed is not None else voting_present > 0
    return Quorum(present=voting_present, needed=needed, quorate=quorate, rule=rule, repeat=repeat)


# Majority (Mehrheit)


def adopted(yes: int, no: int) -> bool:
    """Yes must exceed no; abstentions do not count; a tie rejects."""
    return yes > no


def minutes_due(session_start: dt.datetime, rules: Rules) -> dt.date:
    return local_date(session_start) + dt.timedelta(days=rules.minutes_due_days)
