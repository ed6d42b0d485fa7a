"""The council app's permission vocabulary, as `rules` predicates.

Rules answer "may this user do X to this object?"; `querysets.visible_to` answers
"which objects may they see?". Both build on `visibility.viewer_for`.
"""

from __future__ import annotations

from typing import Any

import rules

from teilhabe.council.visibility import viewer_for


def _body_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if hasattr(obj, "body_id"):
        return obj.body_id
    return getattr(obj, "pk", None)  # a Body itself


@rules.predicate
def is_staff_of_body(user: Any, obj: Any) -> bool:
    """Staff of the integration office of the object's body (or of the body itself)."""
    body_id = _body_id(obj)
    return body_id is not None and viewer_for(user).is_staff_of(body_id)


@rules.predicate
def is_member_of_meeting_organization(user: Any, meeting: Any) -> bool:
    return meeting is not None and viewer_for(user).is_member_of(meeting.organization_id)


@rules.predicate
def is_member_of_organization(user: Any, organization: Any) -> bool:
    return organization is not None and viewer_for(user).is_member_of(organization.pk)


# Staff keep everything of their body.
rules.add_perm("council.manage", is_staff_of_body)
# The non-public part of a meeting (items, video link): staff and the organization's members.
rules.add_perm(
    "council.view_meeting_nonpublic", is_staff_of_body | is_member_of_meeting_organization
)
rules.add_perm("council.view_organization_nonpublic", is_staff_of_body | is_member_of_organization)
