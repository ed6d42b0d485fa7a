"""Big sessions for the session-work pages: 40 agenda items, full attendance, votes, minutes.

    .venv/bin/python bench/session_work.py

Adds, once, `SESSIONS` held meetings with `ITEMS` agenda items each to the Beirat of the
first bench body (whose staff and chair are the bench users), through the real services:
attendance, a vote on most items, minutes drafted, approved in the next session and
published (with the PDF). `bench/load.py` runs it after generating the dataset; the
session desk (as staff) and the published minutes (public) are then measured on these.
"""

# ruff: noqa: E402  (Django must be set up before the models are imported)
from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

import itertools

from django.utils import timezone

from bench.plan import SLUG_PREFIX
from teilhabe.core.models import Body
from teilhabe.council import services
from teilhabe.council.models import AgendaItem, Attendance, Meeting, Organization

NAME = "Bench: Sitzung mit 40 Tagesordnungspunkten"
SESSIONS = 5
ITEMS = 40


def ensure_big_sessions() -> list[Meeting]:
    body = Body.objects.alive().filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
    if body is None:
        raise SystemExit("No benchmark data in this database: run bench/generate.py first.")
    existing = list(Meeting.objects.filter(body=body, name__startswith=NAME).order_by("start"))
    if len(existing) >= SESSIONS + 1:
        return existing[:SESSIONS]
    began = time.monotonic()
    beirat = Organization.objects.get(body=body, organization_type=Organization.Type.BEIRAT)
    first_day = timezone.now() - dt.timedelta(days=400)
    meetings = [
        services.meeting_create(
            body=body,
            organization=beirat,
            name=f"{NAME} ({index + 1})",
            start=first_day + dt.timedelta(days=30 * index),
            number=9000 + index,
        )
        for index in range(SESSIONS + 1)  # the last one approves the minutes of the one before
    ]
    for meeting in meetings:
        AgendaItem.objects.bulk_create(
            AgendaItem(
                body=body,
                meeting=meeting,
                number=str(position),
                order=position,
                name=f"Gegenstand {position} der Sitzung {meeting.name}",
                public=position % 5 != 0,
            )
            for position in range(1, ITEMS + 1)
        )
        services.attendance_prefill(meeting=meeting)
        Attendance.objects.filter(meeting=meeting).update(status=Attendance.Status.PRESENT)
        for item in AgendaItem.objects.filter(meeting=meeting).order_by("order")[: ITEMS - 5]:
            services.vote_record(agenda_item=item, yes=9, no=3, abstain=1, taken_at=meeting.start)
    for meeting, later in itertools.pairwise(meetings):
        minutes = services.minutes_draft(meeting=meeting)
        minutes = services.minutes_approve(minutes=minutes, in_meeting=later)
        services.minutes_publish(minutes=minutes)
    print(f"{SESSIONS} sessions with {ITEMS} items each, in {time.monotonic() - began:.1f} s")
    return meetings[:SESSIONS]


if __name__ == "__main__":
    ensure_big_sessions()
