"""OParl objects of the session work: Meeting, AgendaItem, Paper, Consultation, File.

Each function reads only what `queries` loaded for it (`oparl_*` attributes hold the
visible related rows), so serializing a page costs no query. Non-public agenda items,
papers and files are never among them: the querysets of `visible_to(None)` leave them
out before anything is written.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.council.models import AgendaItem, Consultation, File, Meeting, Minutes, Paper
from teilhabe.oparl.publish.addresses import Addresses
from teilhabe.oparl.publish.formats import compact, date, date_time, label
from teilhabe.oparl.publish.formats import web_url as _web_url
from teilhabe.oparl.publish.people import base, location


def meeting(obj: Meeting, urls: Addresses) -> dict[str, Any]:
    """A meeting with its public agenda items and files; the public part of its minutes,
    once published, as `resultsProtocol`."""
    data: dict[str, Any] = {
        **base(obj, "meeting", "Meeting", urls),
        "name": str(obj.title),
        "meetingState": label(obj, "state"),
        "cancelled": obj.cancelled,
        "start": date_time(obj.start),
        "end": date_time(obj.end) if obj.end else None,
        "organization": [urls.object("organization", obj.organization_id)],
        "web": urls.page("meeting_detail", obj.body_id, obj.pk),
    }
    if urls.embed:
        place = obj.location if obj.location_id else None
        if place is not None and not place.deleted:
            data["location"] = location(place, urls)
        files: list[File] = obj.oparl_files  # type: ignore[attr-defined]
        protocol_id = _published_protocol_id(obj)
        protocol = next((f for f in files if f.pk == protocol_id), None)
        if protocol is not None:
            data["resultsProtocol"] = file(protocol, urls)
        data["auxiliaryFile"] = [file(f, urls) for f in files if f is not protocol]
        data["agendaItem"] = [
            agenda_item(item, urls)
            for item in obj.oparl_items  # type: ignore[attr-defined]
        ]
    return compact(data)


def _published_protocol_id(obj: Meeting) -> int | None:
    try:
        minutes = obj.minutes
    except Minutes.DoesNotExist:
        return None
    if minutes.deleted or minutes.state != Minutes.State.PUBLISHED:
        return None
    return minutes.public_file_id


def agenda_item(obj: AgendaItem, urls: Addresses) -> dict[str, Any]:
    """A public agenda item. OParl names one consultation per item: the first visible."""
    consultations: list[Consultation] = obj.oparl_consultations  # type: ignore[attr-defined]
    data: dict[str, Any] = {
        **base(obj, "agendaitem", "AgendaItem", urls),
        "meeting": urls.object("meeting", obj.meeting_id),
        "number": obj.number,
        "order": obj.order,
        "name": obj.name,
        "public": obj.public,
        "consultation": (
            urls.object("consultation", consultations[0].pk) if consultations else None
        ),
        "result": label(obj, "result") if obj.result else None,
        "resolutionText": obj.resolution_text,
    }
    web = urls.page("meeting_detail", obj.body_id, obj.meeting_id)
    data["web"] = f"{web}#top-{obj.pk}" if web else None
    if urls.embed:
        data["auxiliaryFile"] = [
            file(f, urls)
            for f in obj.oparl_files  # type: ignore[attr-defined]
        ]
    return compact(data)


def paper(obj: Paper, urls: Addresses) -> dict[str, Any]:
    """A public paper with its consultations and files. OParl distinguishes a main file;
    Teilhabe does not, so the first uploaded is the main file and the rest auxiliary."""
    data: dict[str, Any] = {
        **base(obj, "paper", "Paper", urls),
        "body": urls.object("body", obj.body_id),
        "name": obj.name,
        "reference": obj.reference,
        "date": date(obj.date),
        "paperType": label(obj, "paper_type"),
        "relatedPaper": [
            urls.object("paper", p.pk)
            for p in obj.oparl_related  # type: ignore[attr-defined]
        ],
        "originatorPerson": [
            urls.object("person", p.pk)
            for p in obj.oparl_persons  # type: ignore[attr-defined]
        ],
        "originatorOrganization": [
            urls.object("organization", o.pk)
            for o in obj.oparl_organizations  # type: ignore[attr-defined]
        ],
        "web": urls.page("paper_detail", obj.body_id, obj.pk),
    }
    if urls.embed:
        files: list[File] = obj.oparl_files  # type: ignore[attr-defined]
        if files:
            data["mainFile"] = file(files[0], urls)
            data["auxiliaryFile"] = [file(f, urls) for f in files[1:]]
        data["consultation"] = [
            consultation(c, urls)
            for c in obj.oparl_consultations  # type: ignore[attr-defined]
        ]
    return compact(data)


def consultation(obj: Consultation, urls: Addresses) -> dict[str, Any]:
    meeting = obj.meeting if obj.meeting_id else None
    return compact(
        {
            **base(obj, "consultation", "Consultation", urls),
            "paper": urls.object("paper", obj.paper_id),
            "agendaItem": (
                urls.object("agendaitem", obj.agenda_item_id) if obj.agenda_item_id else None
            ),
            "meeting": (
                urls.object("meeting", meeting.pk) if meeting and not meeting.deleted else None
            ),
            "organization": [urls.object("organization", obj.organization_id)],
            "authoritative": obj.authoritative,
            "role": label(obj, "role"),
            "web": urls.page("paper_detail", obj.body_id, obj.paper_id),
        }
    )


def file(obj: File, urls: Addresses) -> dict[str, Any]:
    """A public file of a visible paper, meeting or agenda item; `accessUrl` is its
    download, which checks visibility again. An imported file whose content stayed at its
    source is accessed there."""
    download = urls.file_access(obj.body_id, obj.pk, obj.file_name) if obj.content.name else None
    access = download or _web_url(getattr(obj, "oparl_access_url", "") or "")
    return compact(
        {
            **base(obj, "file", "File", urls),
            "name": obj.name,
            "fileName": obj.file_name,
            "mimeType": obj.mime_type,
            "date": date(timezone.localdate(obj.created)),
            "size": obj.size,
            "accessUrl": access,
            "downloadUrl": download,
            "paper": [urls.object("paper", obj.paper_id)] if obj.paper_id else None,
            "meeting": [urls.object("meeting", obj.meeting_id)] if obj.meeting_id else None,
            "agendaItem": (
                [urls.object("agendaitem", obj.agenda_item_id)] if obj.agenda_item_id else None
            ),
        }
    )
