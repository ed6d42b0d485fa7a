"""An organization's meetings as an RFC 5545 calendar (iCalendar), for subscription.

The feed holds public data only: meeting times, places, states and the *public* agenda
items. It never names a non-public item and never carries the video conference link,
whoever requests it (see `selectors.meeting_list_for_calendar`).

A member's personal feed (`member_calendar`, behind a secret address) adds, for the
sessions of the member's own organizations, the video link and the number of
non-public items, never their names.
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


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(meeting: Meeting, url: str, description: str) -> icalendar.Event:
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
    event.add("description", description)
    return event


def meeting_calendar(
    *,
    organization: Organization,
    meetings: Iterable[Meeting],
    url_for: Callable[[Meeting], str],
) -> bytes:
    """The calendar of `meetings`; `url_for(meeting)` gives the absolute URL of its page.

    Each meeting must carry `public_agenda_items` (see the selector).
    """
    calendar = _calendar(organization.name)
    for meeting in meetings:
        url = url_for(meeting)
        description = _description(meeting.public_agenda_items, url)  # type: ignore[attr-defined]
        calendar.add_component(_event(meeting, url, description))
    return bytes(calendar.to_ical())


def member_calendar(
    *,
    name: str,
    meetings: Iterable[Meeting],
    url_for: Callable[[Meeting], str],
    video_link_for: Callable[[Meeting], str],
) -> bytes:
    """A member's personal calendar: the sessions of their organizations.

    Besides the public agenda it gives what only members may know and the feed's owner
    may see: the video conference link (`video_link_for(meeting)`, "" for none) and how
    many non-public items there are. It never names a non-public item: those name other
    people's matters, and a calendar's address travels further than a login. Each meeting
    must carry `public_agenda_items` and `nonpublic_item_count`.
    """
    calendar = _calendar(name)
    for meeting in meetings:
        url = url_for(meeting)
        lines = [_description(meeting.public_agenda_items, url)]  # type: ignore[attr-defined]
        hidden = meeting.nonpublic_item_count  # type: ignore[attr-defined]
        if hidden:
            lines.append(
                _(
                    "Nichtöffentlicher Teil: %(count)s Tagesordnungspunkte (nach Anmeldung "
                    "auf der Sitzungsseite)"
                )
                % {"count": hidden}
            )
        if video := video_link_for(meeting):
            lines.append(_("Videokonferenz: %(link)s") % {"link": video})
        calendar.add_component(_event(meeting, url, "\n".join(lines)))
    return bytes(calendar.to_ical())
