"""Reads of the change history (`core.ChangeRecord`) for the staff's history pages.

A meeting's history holds the changes of the meeting and of everything that belongs to
it (agenda items, votes, attendance, minutes, invitations); a paper's those of the paper
and its consultations. Rows of soft-deleted records stay in it: the history is read by
content type and id, never through `alive()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from teilhabe.core.models import ChangeRecord
from teilhabe.council.models import (
    AgendaItem,
    Attendance,
    Consultation,
    Invitation,
    Meeting,
    Minutes,
    Paper,
    Vote,
)


def _of(model: type[models.Model], ids: Any) -> Q:
    return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)


def _records(body_id: int, condition: Q) -> QuerySet[ChangeRecord]:
    return (
        ChangeRecord.objects.filter(condition, body_id=body_id)
        .select_related("user", "content_type")
        .order_by("-at", "-id")
    )


def meeting_history(*, meeting: Meeting) -> QuerySet[ChangeRecord]:
    """Changes of the meeting and its items, votes, attendance, minutes and invitations,
    newest first (deleted ones included)."""
    items = AgendaItem.objects.filter(meeting=meeting).values("pk")
    return _records(
        meeting.body_id,
        _of(Meeting, [meeting.pk])
        | _of(AgendaItem, items)
        | _of(Vote, Vote.objects.filter(agenda_item__meeting=meeting).values("pk"))
        | _of(Attendance, Attendance.objects.filter(meeting=meeting).values("pk"))
        | _of(Minutes, Minutes.objects.filter(meeting=meeting).values("pk"))
        | _of(Invitation, Invitation.objects.filter(meeting=meeting).values("pk")),
    )


def paper_history(*, paper: Paper) -> QuerySet[ChangeRecord]:
    """Changes of the paper and its consultations, newest first (deleted ones included)."""
    return _records(
        paper.body_id,
        _of(Paper, [paper.pk])
        | _of(Consultation, Consultation.objects.filter(paper=paper).values("pk")),
    )


# Showing a change --------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeLine:
    label: str
    before: str
    after: str


EMPTY = "–"


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field since removed: the stored name is shown
        return None
    return found if isinstance(found, models.Field) else None


def _shown(field: models.Field[Any, Any] | None, value: Any) -> str:
    """A stored value as a reader wants it: choices by label, yes/no, dates localised."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField) and isinstance(value, str):
        day = parse_date(value)
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    return str(value)


def change_lines(record: ChangeRecord) -> list[ChangeLine]:
    """The record's changes as (field label, before, after), labels by verbose name."""
    model = record.content_type.model_class()
    lines = []
    for name, pair in (record.changes or {}).items():
        # Written as [before, after]; anything else is shown as the value after.
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        lines.append(
            ChangeLine(label=label, before=_shown(field, before), after=_shown(field, after))
        )
    return lines


def record_kind(record: ChangeRecord) -> str:
    """What kind of record changed, e.g. „Tagesordnungspunkt“."""
    model = record.content_type.model_class()
    return str(model._meta.verbose_name) if model is not None else record.content_type.model
