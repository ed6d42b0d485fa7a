"""From a remote OParl object to the values of a Teilhabe row, one function per type.

Each function is pure: it reads the object through a `Reader` (which warns about wrong
types), and returns a `Row` with plain values, the references still to be resolved to
local rows, and whether the row can be stored at all. OParl's free-text vocabularies
(roles, paper types, meeting states) are mapped onto Teilhabe's choices by keywords;
what matches nothing gets the most neutral choice.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from django.utils.text import get_valid_filename

from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    Meeting,
    Membership,
    Organization,
    Paper,
)
from teilhabe.oparl.importer.values import Reader


@dataclass
class Row:
    """What one remote object becomes. `refs` map a foreign key to (OParl type, URL)."""

    oparl_id: str
    values: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Foreign keys without which the row cannot exist (the model requires them).
    required: frozenset[str] = frozenset()
    m2m: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    deleted: bool = False
    # The embedding parent (e.g. {"paper_id": 7}), set on creation only: an object that a
    # server embeds in two parents (a file of a paper and of an agenda item) stays put.
    parent: dict[str, int] = field(default_factory=dict)


def type_name(obj: dict[str, Any]) -> str:
    """`https://schema.oparl.org/1.1/Paper` -> `Paper` (both versions, any host)."""
    value = obj.get("type")
    return value.rstrip("/").rsplit("/", 1)[-1] if isinstance(value, str) else ""


def _keyword(text: str, table: tuple[tuple[tuple[str, ...], str], ...], default: str) -> str:
    lowered = text.lower()
    for words, choice in table:
        if any(word in lowered for word in words):
            return choice
    return default


def deleted_row(r: Reader) -> Row | None:
    """A deleted object carries little more than its id: it only marks the row deleted."""
    if r.boolean("deleted"):
        return Row(oparl_id=r.url, deleted=True)
    return None


def location(r: Reader) -> Row:
    street = r.text("streetAddress", max_length=200)
    locality = r.text("locality", max_length=100)
    room = r.text("room", max_length=100)
    description = r.text("description", max_length=300) or ", ".join(
        part for part in (room, street, locality) if part
    )
    return Row(
        oparl_id=r.url,
        values={
            "description": description or r.url[-300:],
            "street_address": street,
            "room": room,
            "postal_code": r.text("postalCode", max_length=10),
            "locality": locality,
        },
    )


def legislative_term(r: Reader) -> Row | None:
    start = r.date("startDate")
    if start is None:
        r.warn("missing", "startDate missing: legislative term skipped")
        return None
    end = _end_after(r, "endDate", start, r.date("endDate"))
    return Row(
        oparl_id=r.url,
        values={
            "name": r.text("name", max_length=200) or str(start.year),
            "start_date": start,
            "end_date": end,
        },
    )


def _end_after(r: Reader, key: str, start: Any, end: Any) -> Any:
    if end is not None and start is not None and end < start:
        r.warn("invalid", f"{key} before the start: left out")
        return None
    return end


_ORGANIZATION_TYPES = (
    (("fraktion", "partei", "gruppe im rat"), Organization.Type.FRAKTION),
    (("verwaltung", "dienststelle", "amt", "dezernat"), Organization.Type.VERWALTUNG),
    (("beirat",), Organization.Type.BEIRAT),
    (("arbeitsgruppe", "arbeitskreis"), Organization.Type.ARBEITSGRUPPE),
    (("ausschuss", "kommission"), Organization.Type.AUSSCHUSS),
    (
        ("stadtrat", "gemeinderat", "kreistag", "hauptorgan", "rat der", "bezirksvertretung"),
        Organization.Type.STADTRAT,
    ),
)


def organization(r: Reader) -> Row:
    name = r.text("name", max_length=300) or r.text("shortName", max_length=300)
    if not name:
        r.warn("missing", "name missing")
        name = r.url[-300:]
    kind_text = " ".join((r.text("organizationType"), r.text("classification"), name))
    return Row(
        oparl_id=r.url,
        values={
            "name": name,
            "short_name": r.text("shortName", max_length=100),
            "organization_type": _keyword(
                kind_text, _ORGANIZATION_TYPES, Organization.Type.AUSSCHUSS
            ),
            "start_date": r.date("startDate"),
            "end_date": r.date("endDate"),
            "website": r.text("website", max_length=200),
        },
        refs={
            "parent": ("Organization", r.link("subOrganizationOf")),
            "location": ("Location", r.link("location")),
        },
    )


def person(r: Reader) -> Row | None:
    given = r.text("givenName", max_length=100)
    family = r.text("familyName", max_length=100)
    address = r.text("formOfAddress", max_length=50)
    if not family:
        words = [w for w in r.text("name").split() if w != address]
        if not words:
            r.warn("missing", "neither familyName nor name: person skipped")
            return None
        family, given = words[-1][:100], given or " ".join(words[:-1])[:100]
    emails, phones = r.texts("email"), r.texts("phone")
    return Row(
        oparl_id=r.url,
        values={
            "given_name": given,
            "family_name": family,
            "form_of_address": address,
            "title": " ".join(r.texts("title"))[:50],
            "email": emails[0][:254] if emails else "",
            "phone": phones[0][:50] if phones else "",
            # The source system published this person already; see the README section.
            "public_consent": True,
        },
    )


_MEMBERSHIP_ROLES = (
    (("stellv", "stellvert"), "deputy"),
    (("vorsitz", "bürgermeister", "ortsvorsteher"), Membership.Role.CHAIR),
    (("vertreter", "vertretung", "ersatz"), Membership.Role.DEPUTY),
    (("beratend",), Membership.Role.ADVISORY),
)


def membership(r: Reader) -> Row:
    role_text = r.text("role")
    role = _keyword(role_text, _MEMBERSHIP_ROLES, Membership.Role.MEMBER)
    if role == "deputy":
        chair = "vorsitz" in role_text.lower() or "bürgermeister" in role_text.lower()
        role = Membership.Role.DEPUTY_CHAIR if chair else Membership.Role.DEPUTY
    start = r.date("startDate")
    voting = r.boolean("votingRight")
    return Row(
        oparl_id=r.url,
        values={
            "role": role,
            "voting_right": True if voting is None else voting,
            "start_date": start,
            "end_date": _end_after(r, "endDate", start, r.date("endDate")),
        },
        refs={
            "organization": ("Organization", r.link("organization")),
            "on_behalf_of": ("Organization", r.link("onBehalfOf")),
        },
        required=frozenset({"organization"}),
    )


_MEETING_STATES = (
    (("abgesagt", "ausgefallen", "entfällt", "entfallen"), Meeting.State.CANCELLED),
    (("durchgeführt", "beendet", "abgeschlossen", "stattgefunden"), Meeting.State.HELD),
    (("eingeladen", "einladung"), Meeting.State.INVITED),
)


def meeting(r: Reader, *, now: dt.datetime) -> Row | None:
    start = r.datetime("start")
    if start is None:
        r.warn("missing", "start missing: meeting skipped")
        return None
    organizations = r.links("organization")
    if not organizations:
        r.warn("missing", "organization missing: meeting skipped")
        return None
    state: str
    if r.boolean("cancelled"):
        state = Meeting.State.CANCELLED
    else:
        # Without a state, a meeting in the past took place: that is all OParl 1.0 says.
        default = Meeting.State.HELD if start < now else Meeting.State.PLANNED
        state = _keyword(r.text("meetingState"), _MEETING_STATES, default)
    return Row(
        oparl_id=r.url,
        values={
            "name": r.text("name", max_length=300),
            "start": start,
            "end": _end_after(r, "end", start, r.datetime("end")),
            "state": state,
        },
        refs={
            "organization": ("Organization", organizations[0]),
            "location": ("Location", r.link("location")),
        },
        required=frozenset({"organization"}),
    )


_RESULTS = (
    (("zurückgezogen",), AgendaItem.Result.WITHDRAWN),
    (("vertagt", "zurückgestellt", "abgesetzt"), AgendaItem.Result.POSTPONED),
    (("verwiesen", "überwiesen"), AgendaItem.Result.REFERRED),
    (("abgelehnt",), AgendaItem.Result.REJECTED),
    (("kenntnis",), AgendaItem.Result.NOTED),
    (
        ("beschlossen", "angenommen", "zugestimmt", "einstimmig", "mehrheitlich"),
        AgendaItem.Result.ADOPTED,
    ),
)


def agenda_item(r: Reader, *, position: int) -> Row:
    name = r.text("name", max_length=500)
    if not name:
        r.warn("missing", "name missing")
    order = r.integer("order")
    public = r.boolean("public")
    return Row(
        oparl_id=r.url,
        values={
            "number": r.text("number", max_length=20),
            # OParl 1.0 has no `order`: the position in the meeting's list is the order.
            "order": order if order is not None and order >= 0 else position,
            "name": name or r.text("number") or "—",
            "public": True if public is None else public,
            "result": _keyword(r.text("result"), _RESULTS, ""),
            "resolution_text": r.text("resolutionText"),
        },
    )


_PAPER_TYPES = (
    (("antrag",), Paper.Type.MOTION),
    (("anfrage",), Paper.Type.QUESTION),
    (("bericht",), Paper.Type.REPORT),
    (("mitteilung", "information", "kenntnis"), Paper.Type.NOTICE),
)


def paper(r: Reader) -> Row | None:
    date = r.date("date")
    if date is None:
        fallback = r.datetime("created") or r.datetime("modified")
        if fallback is None:
            r.warn("missing", "date missing and no created: paper skipped")
            return None
        r.warn("missing", "date missing: the date of `created` is used")
        date = fallback.date()
    return Row(
        oparl_id=r.url,
        values={
            "reference": r.text("reference", max_length=100),
            "name": r.text("name", max_length=500) or r.text("reference") or "—",
            "date": date,
            "paper_type": _keyword(r.text("paperType"), _PAPER_TYPES, Paper.Type.DRAFT_RESOLUTION),
        },
        m2m={
            "originator_persons": ("Person", r.links("originatorPerson")),
            "originator_organizations": ("Organization", r.links("originatorOrganization")),
            "related_papers": (
                "Paper",
                r.links("relatedPaper")
                + r.links("superordinatedPaper")
                + r.links("subordinatedPaper"),
            ),
        },
    )


_CONSULTATION_ROLES = (
    (("entscheid", "beschluss", "beschließ"), Consultation.Role.DECIDE),
    (("kenntnis",), Consultation.Role.NOTE),
)


def consultation(r: Reader, *, position: int) -> Row:
    authoritative = bool(r.boolean("authoritative"))
    default = Consultation.Role.DECIDE if authoritative else Consultation.Role.PREPARE
    organizations = r.links("organization")
    return Row(
        oparl_id=r.url,
        values={
            "authoritative": authoritative,
            "role": _keyword(r.text("role"), _CONSULTATION_ROLES, default),
            "order": min(position, 32767),
        },
        refs={
            "organization": ("Organization", organizations[0] if organizations else ""),
            "meeting": ("Meeting", r.link("meeting")),
            "agenda_item": ("AgendaItem", r.link("agendaItem")),
        },
        required=frozenset({"organization"}),
    )


def file(r: Reader) -> Row:
    access_url = r.link("accessUrl") or r.link("downloadUrl")
    if not access_url:
        r.warn("missing", "accessUrl missing")
    file_name = r.text("fileName") or unquote(PurePosixPath(urlsplit(access_url).path).name)
    file_name = get_valid_filename(file_name)[-255:] if file_name.strip("._") else ""
    mime_type = r.text("mimeType", max_length=100)
    if not mime_type:
        mime_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    size = r.integer("size")
    return Row(
        oparl_id=r.url,
        values={
            "name": r.text("name", max_length=300) or file_name or "—",
            "file_name": file_name or "datei",
            "mime_type": mime_type,
            "size": size if size is not None and size >= 0 else 0,
            "text": r.text("text"),
            "oparl_access_url": access_url[:1000],
        },
    )


def download_url(obj: dict[str, Any]) -> str:
    for key in ("downloadUrl", "accessUrl"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
