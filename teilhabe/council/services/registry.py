"""Writes of the standing data: organizations, legislative terms, persons, memberships, places."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.core.models import Body
from teilhabe.council import errors
from teilhabe.council.models import (
    Attendance,
    LegislativeTerm,
    Location,
    Membership,
    Organization,
    Person,
    PersonVote,
)
from teilhabe.council.services._common import apply, create, ensure_same_body, fresh, update
from teilhabe.council.services.publication import minutes_withdraw_publication


class OrganizationFields(TypedDict, total=False):
    name: str
    short_name: str
    organization_type: str
    parent: Organization | None
    legal_member_count: int | None
    start_date: dt.date | None
    end_date: dt.date | None
    website: str
    location: Location | None


class LegislativeTermFields(TypedDict, total=False):
    name: str
    start_date: dt.date
    end_date: dt.date | None


class PersonFields(TypedDict, total=False):
    user: User | None
    form_of_address: str
    title: str
    given_name: str
    family_name: str
    email: str
    phone: str
    public_consent: bool
    public_consent_date: dt.date | None


class MembershipFields(TypedDict, total=False):
    person: Person
    organization: Organization
    role: str
    voting_right: bool
    on_behalf_of: Organization | None
    start_date: dt.date | None
    end_date: dt.date | None


class LocationFields(TypedDict, total=False):
    description: str
    street_address: str
    room: str
    postal_code: str
    locality: str


def _check_organization(body_id: int, organization: Organization | None, fields: Any) -> None:
    parent = fields.get("parent")
    ensure_same_body(body_id, parent, fields.get("location"))
    # Walk up from the new parent: reaching the organization itself would make a cycle.
    seen: set[int] = set()
    while parent is not None and organization is not None and parent.pk not in seen:
        if parent.pk == organization.pk:
            raise errors.InvalidParent()
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def organization_create(*, body: Body, **fields: Unpack[OrganizationFields]) -> Organization:
    _check_organization(body.pk, None, fields)
    return create(Organization(body=body, **fields))


@transaction.atomic
def organization_update(
    *, organization: Organization, expected_version: int, **fields: Unpack[OrganizationFields]
) -> Organization:
    _check_organization(organization.body_id, organization, fields)
    return update(organization, fields, expected_version=expected_version)


@transaction.atomic
def legislative_term_create(
    *, body: Body, **fields: Unpack[LegislativeTermFields]
) -> LegislativeTerm:
    return create(LegislativeTerm(body=body, **fields))


@transaction.atomic
def legislative_term_update(
    *,
    legislative_term: LegislativeTerm,
    expected_version: int,
    **fields: Unpack[LegislativeTermFields],
) -> LegislativeTerm:
    return update(legislative_term, fields, expected_version=expected_version)


def _check_person(person: Person, fields: Any) -> None:
    """Consent is dated; the date goes with a withdrawn consent. One account, one person."""
    if fields.get("public_consent"):
        if not fields.get("public_consent_date"):
            fields["public_consent_date"] = person.public_consent_date or timezone.localdate()
    elif "public_consent" in fields:
        fields["public_consent_date"] = None
    user = fields.get("user")
    if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        raise errors.UserAlreadyLinked()


@transaction.atomic
def person_create(*, body: Body, **fields: Unpack[PersonFields]) -> Person:
    person = Person(body=body)
    _check_person(person, fields)
    apply(person, fields)
    return create(person)


@transaction.atomic
def person_update(
    *, person: Person, expected_version: int, **fields: Unpack[PersonFields]
) -> Person:
    before = fresh(person)
    _check_person(before, fields)
    updated = update(person, fields, expected_version=expected_version)
    if before.public_consent and not updated.public_consent:
        # Published minutes that name the person are taken back (they name only those
        # who consented; see services.publication).
        named_in = {
            *Attendance.objects.filter(person=updated).values_list("meeting_id", flat=True),
            *Attendance.objects.filter(deputy=updated).values_list("meeting_id", flat=True),
            *PersonVote.objects.filter(person=updated).values_list(
                "vote__agenda_item__meeting_id", flat=True
            ),
        }
        minutes_withdraw_publication(meeting_ids=named_in)
    return updated


def _check_membership(body_id: int, fields: Any) -> None:
    ensure_same_body(
        body_id, fields.get("person"), fields.get("organization"), fields.get("on_behalf_of")
    )


@transaction.atomic
def membership_create(*, body: Body, **fields: Unpack[MembershipFields]) -> Membership:
    _check_membership(body.pk, fields)
    return create(Membership(body=body, **fields))


@transaction.atomic
def membership_update(
    *, membership: Membership, expected_version: int, **fields: Unpack[MembershipFields]
) -> Membership:
    _check_membership(membership.body_id, fields)
    return update(membership, fields, expected_version=expected_version)


@transaction.atomic
def membership_end(
    *, membership: Membership, end_date: dt.date, expected_version: int
) -> Membership:
    """End a membership on `end_date` (it stays on record, as OParl wants)."""
    return update(membership, {"end_date": end_date}, expected_version=expected_version)


@transaction.atomic
def location_create(*, body: Body, **fields: Unpack[LocationFields]) -> Location:
    return create(Location(body=body, **fields))


@transaction.atomic
def location_update(
    *, location: Location, expected_version: int, **fields: Unpack[LocationFields]
) -> Location:
    return update(location, fields, expected_version=expected_version)
