"""The concept app's permission vocabulary, as `rules` predicates.

Rules answer "may this user do X to this object?"; `querysets.visible_to` answers "which
objects may they see?". Both build on `council.visibility.viewer_for`.

* Staff of the body may do everything with its concepts (`concept.manage`).
* The current members of the working group (AG) drafting a version may, while the version
  is a draft, create and edit its goals and measures (`concept.edit_goal`,
  `concept.edit_measure`) and submit them with a report (`concept.submit_report`).
* Nobody else: not members of other organizations (the Beirat's members decide on the
  report, they do not write it), not staff of other bodies, not the public.

The object is the version (to create a goal or measure in it, or to submit a report) or
the goal or measure itself (to edit or delete it).
"""

from __future__ import annotations

from typing import Any

import rules

from teilhabe.concept.models import ConceptVersion
from teilhabe.council.permissions import is_staff_of_body
from teilhabe.council.visibility import viewer_for


def _version_of(obj: Any) -> ConceptVersion | None:
    if isinstance(obj, ConceptVersion):
        return obj
    if obj is not None and hasattr(obj, "concept_version_id"):
        return obj.concept_version
    return None


@rules.predicate
def is_drafting_member(user: Any, obj: Any) -> bool:
    """A current member of the AG drafting the (object's) version, while it is a draft."""
    version = _version_of(obj)
    return (
        version is not None
        and not version.deleted
        and version.state == ConceptVersion.State.DRAFT
        and version.drafted_by_id is not None
        and viewer_for(user).is_member_of(version.drafted_by_id)
    )


# Staff keep everything of their body: concepts, versions, fields of action, adoption,
# status of measures, motions.
rules.add_perm("concept.manage", is_staff_of_body)
rules.add_perm("concept.edit_goal", is_staff_of_body | is_drafting_member)
rules.add_perm("concept.edit_measure", is_staff_of_body | is_drafting_member)
rules.add_perm("concept.submit_report", is_staff_of_body | is_drafting_member)
