"""OParl objects of the body and its people: System, Body, LegislativeTerm, Location,
Organization, Person, Membership.

Each function turns one row (loaded by `queries` with what it embeds) into its OParl
object. Only what the public pages show is written: a person's name and memberships,
never their e-mail address, telephone number or user account.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from teilhabe.core.models import Body
from teilhabe.council.models import LegislativeTerm, Location, Membership, Organization, Person
from teilhabe.oparl.publish.addresses import Addresses
from teilhabe.oparl.publish.formats import (
    OPARL_VERSION,
    compact,
    date,
    date_time,
    label,
    oparl_type,
)
from teilhabe.oparl.publish.formats import web_url as _web_url

DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# OParl's coarse kinds ("organizationType") and the precise name ("classification"), in
# the words the specification suggests ("Parlament" for the council, no abbreviations).
ORGANIZATION_TYPE: dict[str, tuple[str, str]] = {
    Organization.Type.BEIRAT: ("Gremium", "Beirat"),
    Organization.Type.STADTRAT: ("Gremium", "Parlament"),
    Organization.Type.AUSSCHUSS: ("Gremium", "Ausschuss"),
    Organization.Type.ARBEITSGRUPPE: ("Gremium", "Arbeitsgruppe"),
    Organization.Type.FRAKTION: ("Fraktion", "Fraktion"),
    Organization.Type.VERWALTUNG: ("Verwaltungsbereich", "Verwaltung"),
}

BODY_LISTS = {
    "organization": "organization",
    "person": "person",
    "meeting": "meeting",
    "paper": "paper",
    "agendaItem": "agendaitem",
    "consultation": "consultation",
    "file": "file",
    "membership": "membership",
    "locationList": "location",
    "legislativeTermList": "legislativeterm",
}


def base(obj: Any, slug: str, type_name: str, urls: Addresses) -> dict[str, Any]:
    """`id`, `type`, `created` and `modified`, which every object has."""
    return {
        "id": urls.object(slug, obj.pk),
        "type": oparl_type(type_name),
        "created": date_time(obj.created),
        "modified": date_time(obj.modified),
    }


def tombstone(obj: Any, slug: str, type_name: str, urls: Addresses) -> dict[str, Any]:
    """A deleted object: only `id`, `type`, `created`, `modified` and `deleted`."""
    return {**base(obj, slug, type_name, urls), "deleted": True}


def system(
    urls: Addresses, *, name: str, created: dt.datetime, modified: dt.datetime
) -> dict[str, Any]:
    return compact(
        {
            "id": urls.system(),
            "type": oparl_type("System"),
            "oparlVersion": OPARL_VERSION,
            "license": getattr(settings, "TEILHABE_OPARL_LICENSE", "") or DEFAULT_LICENSE,
            "body": urls.body_list(),
            "name": name,
            "website": _web_url(urls.base + "/"),
            "web": urls.base + "/",
            "created": date_time(created),
            "modified": date_time(modified),
        }
    )


def body(obj: Body, urls: Addresses, terms: list[LegislativeTerm]) -> dict[str, Any]:
    """A body with its external lists and its legislative terms (always embedded: OParl
    requires `legislativeTerm`)."""
    return compact(
        {
            **base(obj, "body", "Body", urls),
            "system": urls.system(),
            "name": obj.name,
            "shortName": obj.short_name,
            "website": _web_url(obj.website),
            "license": _web_url(obj.license),
            "ags": obj.ags,
            "contactEmail": obj.contact_email,
            "contactName": obj.contact_name,
            **{key: urls.body_list_of(slug, obj.pk) for key, slug in BODY_LISTS.items()},
            "legislativeTerm": [legislative_term(term, urls) for term in terms],
            "web": urls.page("body", obj.pk),
        }
    )


def legislative_term(obj: LegislativeTerm, urls: Addresses) -> dict[str, Any]:
    return compact(
        {
            **base(obj, "legislativeterm", "LegislativeTerm", urls),
            "body": urls.object("body", obj.body_id),
            "name": obj.name,
            "startDate": date(obj.start_date),
            "endDate": date(obj.end_date) if obj.end_date else None,
        }
    )


def location(obj: Location, urls: Addresses) -> dict[str, Any]:
    return compact(
        {
            **base(obj, "location", "Location", urls),
            "description": obj.description,
            "streetAddress": obj.street_address,
            "room": obj.room,
            "postalCode": obj.postal_code,
            "locality": obj.locality,
        }
    )


def organization(obj: Organization, urls: Addresses) -> dict[str, Any]:
    """An organization; `oparl_memberships` (prefetched) are its visible memberships."""
    kind, classification = ORGANIZATION_TYPE.get(obj.organization_type, ("Sonstiges", ""))
    parent = obj.parent if obj.parent_id else None
    place = obj.location if obj.location_id else None
    return compact(
        {
            **base(obj, "organization", "Organization", urls),
            "body": urls.object("body", obj.body_id),
            "name": obj.name,
            "shortName": obj.short_name,
            "membership": [
                urls.object("membership", m.pk)
                for m in obj.oparl_memberships  # type: ignore[attr-defined]
            ],
            "meeting": urls.organization_meetings(obj.pk),
            "subOrganizationOf": (
                urls.object("organization", parent.pk) if parent and not parent.deleted else None
            ),
            "organizationType": kind,
            "classification": classification,
            "startDate": date(obj.start_date) if obj.start_date else None,
            "endDate": date(obj.end_date) if obj.end_date else None,
            "website": _web_url(obj.website),
            "location": (
                location(place, urls) if urls.embed and place and not place.deleted else None
            ),
            "web": urls.page("organization_detail", obj.body_id, obj.pk),
        }
    )


def person(obj: Person, urls: Addresses) -> dict[str, Any]:
    """A person who consented to publication, with the memberships the public may see
    (`oparl_memberships`, prefetched)."""
    memberships = obj.oparl_memberships if urls.embed else None  # type: ignore[attr-defined]
    return compact(
        {
            **base(obj, "person", "Person", urls),
            "body": urls.object("body", obj.body_id),
            "name": obj.name,
            "familyName": obj.family_name,
            "givenName": obj.given_name,
            "formOfAddress": obj.form_of_address,
            "title": [obj.title] if obj.title else None,
            "membership": (
                [membership(m, urls) for m in memberships] if memberships is not None else None
            ),
            "web": urls.page("person_detail", obj.body_id, obj.pk),
        }
    )


def membership(obj: Membership, urls: Addresses) -> dict[str, Any]:
    on_behalf_of = obj.on_behalf_of if obj.on_behalf_of_id else None
    return compact(
        {
            **base(obj, "membership", "Membership", urls),
            "person": urls.object("person", obj.person_id),
            "organization": urls.object("organization", obj.organization_id),
            "role": label(obj, "role"),
            "votingRight": obj.voting_right,
            "startDate": date(obj.start_date) if obj.start_date else None,
            "endDate": date(obj.end_date) if obj.end_date else None,
            "onBehalfOf": (
                urls.object("organization", on_behalf_of.pk)
                if on_behalf_of and not on_behalf_of.deleted
                else None
            ),
            "web": urls.page("person_detail", obj.body_id, obj.person_id),
        }
    )
