"""Who may see what: the one answer every channel (pages, iCal, files, OParl, search) uses.

A viewer is computed once per user and request: the bodies whose staff they are and the
organizations they currently belong to (any role, deputies included). Non-public content
of an organization is visible to the staff of its body and to its current members.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import FilteredRelation, Q
from django.utils import timezone

from teilhabe.accounts.permissions import staff_body_ids


@dataclass(frozen=True)
class Viewer:
    staff_body_ids: frozenset[int] = frozenset()
    organization_ids: frozenset[int] = frozenset()
    person_ids: frozenset[int] = frozenset()
    # The bodies in which the user is a person (has a member area).
    person_body_ids: frozenset[int] = frozenset()

    @property
    def is_anonymous(self) -> bool:
        return not (self.staff_body_ids or self.organization_ids or self.person_ids)

    def is_staff_of(self, body_id: int) -> bool:
        return body_id in self.staff_body_ids

    def is_member_of(self, organization_id: int) -> bool:
        return organization_id in self.organization_ids


ANONYMOUS = Viewer()


def current_membership_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return (
        Q(**{f"{prefix}deleted": False})
        & (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today}))
        & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today}))
    )


def viewer_for(user: Any) -> Viewer:
    """The viewer for `user`, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    # request.user is a lazy proxy; cache on the real user, which is also what
    # user.has_perm() hands to the rules.
    user = getattr(user, "_wrapped", user)
    cached = user.__dict__.get("_teilhabe_viewer")
    if cached is not None:
        return cached
    person = apps.get_model("council", "Person")
    if user.is_superuser:
        staff = frozenset(apps.get_model("core", "Body").objects.values_list("pk", flat=True))
    else:
        staff = frozenset(staff_body_ids(user))
    # The user's persons with their current memberships, in one query (a person without
    # a current membership gives one row with organization None).
    rows = list(
        person.objects.filter(user=user, deleted=False)
        .annotate(
            current=FilteredRelation("memberships", condition=current_membership_q("memberships__"))
        )
        .values_list("pk", "body_id", "current__organization_id")
    )
    viewer = Viewer(
        staff_body_ids=staff,
        organization_ids=frozenset(org_id for _pk, _body, org_id in rows if org_id is not None),
        person_ids=frozenset(pk for pk, _body, _org in rows),
        person_body_ids=frozenset(body_id for _pk, body_id, _org in rows),
    )
    user.__dict__["_teilhabe_viewer"] = viewer
    return viewer
