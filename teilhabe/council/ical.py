"""An organization's meetings as an RFC 5545 calendar (iCalendar), for subscription.

The feed holds public data only: meeting times, places, states and the *public* agenda
items. It never names a non-public item and never carries the video conference link,
whoever requests it (see `selectors.meeting_list_for_calendar`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import icalendar
from django.utils.translation import gettext as _

from teilhabe.council.models import AgendaItem, Location, Meeting, Organization

PRODID = "-//Teilhabe//Sitzungskalender//DE"


def meeting_uid(meeting: Meeting) -> str:
    """Stable across edits, renames and host names, so calendars update instead of duplicating."""
    return f"sitzung-{meeting.pk}@{meeting.body_id}.teilhabe"


def meeting_summary(meeting: Meeting) -> str:
    return _("%(meeting)s – %(organization)s") % {
        "meeting": meeting.title,
        "organization": meeting.organization.name,
    }


def _utc(value: dt.datetime) -> dt.datetime:
    # UTC needs no VTIMEZONE component and every client understands it.
    return value.astimezone(dt.UTC)


def _location_text(meeting: Meeting) -> str:
    location: Location | None = meeting.location
    parts: list[str] = []
    if location is not None and not location.deleted:
        locality = " ".join(p for p in (location.postal_code, location.locality) if p)
        parts = [
            p for p in (location.description, location.room, location.street_address, locality) if p
        ]
    if meeting.is_video_conference:
        parts.append(_("Videokonferenz"))
    return ", ".join(parts)


def _status(meeting: Meeting) -> str:
    if meeting.state == Meeting.State.CANCELLED:
        return "CANCELLED"
    if meeting.state == Meeting.State.PLANNED:
        return "TENTATIVE"
    return "CONFIRMED"


def _description(items: Iterable[AgendaItem], url: str) -> str:
    lines: list[str] = []
    public_items = [item for item in items if item.public]  # the selector already ensures it
    if public_items:
        lines.append(_("Öffentliche Tagesordnung:"))
        lines.extend(
            _("TOP %(number)s: %(name)s") % {"number": item.number, "name": item.name}
            if item.number
            else item.name
            for item in public_items
        )
        lines.append("")
    lines.append(url)
    return "\n".join(lines)


def meeting_calendar(
    *,
    organization: Organization,
    meetings: Iterable[Meeting],
    url_for: Callable[[Meeting], str],
) -> bytes:
    """The calendar of `meetings`; `url_for(meeting)` gives the absolute URL of its page.

    Each meeting must carry `public_agenda_items` (see the selector).
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", organization.name)
    for meeting in meetings:
        url = url_for(meeting)
        event = icalendar.Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", _utc(meeting.modified))
        event.add("last-modified", _utc(meeting.modified))
        event.add("sequence", max(meeting.version - 1, 0))
        event.add("dtstart", _utc(meeting.start))
        if meeting.end is not None:
            event.add("dtend", _utc(meeting.end))
        event.add("summary", meeting_summary(meeting))
        if location := _location_text(meeting):
            event.add("location", location)
        event.add("status", _status(meeting))
        event.add("url", url)
        event.add("description", _description(meeting.public_agenda_items, url))  # type: ignore[attr-defined]
        calendar.add_component(event)
    return bytes(calendar.to_ical())
