"""Every write of the council app: `<entity>_<verb>`, keyword-only, each in one transaction.

The services live in one module per group of entities (`registry`, `meetings`, `papers`,
`files`); this package names them all, so callers write `services.meeting_create(...)`.

Rules that hold for every service here:

* Everything a record points at belongs to the record's body (else CrossBodyReference).
* An update names the version its caller saw (`expected_version`); if the row has moved
  on since, ConflictError is raised and nothing is written. The row is re-read under lock
  before the change is applied, so columns the caller did not touch are never overwritten
  with stale values.
* Side effects (background tasks) run only after the transaction commits.
* Data-shape problems (a required field left empty, an unknown choice) raise Django's
  ValidationError from the model's own validation; broken rules raise CouncilError.
"""

from teilhabe.council.services._common import ensure_citable, ensure_writable
from teilhabe.council.services.attendance import attendance_prefill, attendance_set
from teilhabe.council.services.dispatch import dispatch_create, dispatch_retry
from teilhabe.council.services.files import file_create_generated, file_upload
from teilhabe.council.services.invitations import (
    NoticeCheck,
    invitation_check,
    invitation_pdf,
    invitation_recipients,
    invitation_send,
)
from teilhabe.council.services.meetings import (
    AgendaItemFields,
    MeetingFields,
    agenda_item_create,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_reorder,
    agenda_item_update,
    meeting_cancel,
    meeting_create,
    meeting_update,
)
from teilhabe.council.services.minutes import (
    minutes_approve,
    minutes_draft,
    minutes_mark_sent,
    minutes_publish,
    minutes_update,
)
from teilhabe.council.services.motions import motion_put_on_agenda, motion_submit
from teilhabe.council.services.papers import (
    PaperFields,
    consultation_create,
    consultation_delete,
    paper_create,
    paper_update,
)
from teilhabe.council.services.registry import (
    LegislativeTermFields,
    LocationFields,
    MembershipFields,
    OrganizationFields,
    PersonFields,
    legislative_term_create,
    legislative_term_update,
    location_create,
    location_update,
    membership_create,
    membership_end,
    membership_update,
    organization_create,
    organization_update,
    person_create,
    person_update,
)
from teilhabe.council.services.session_rules import (
    SessionRulesFields,
    session_rules_create,
    session_rules_update,
)
from teilhabe.council.services.votes import (
    Conclusion,
    RecordedVote,
    agenda_item_conclude,
    vote_record,
)

__all__ = [
    "AgendaItemFields",
    "Conclusion",
    "LegislativeTermFields",
    "LocationFields",
    "MeetingFields",
    "MembershipFields",
    "NoticeCheck",
    "OrganizationFields",
    "PaperFields",
    "PersonFields",
    "RecordedVote",
    "SessionRulesFields",
    "agenda_item_conclude",
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_reorder",
    "agenda_item_update",
    "attendance_prefill",
    "attendance_set",
    "consultation_create",
    "consultation_delete",
    "dispatch_create",
    "dispatch_retry",
    "ensure_citable",
    "ensure_writable",
    "file_create_generated",
    "file_upload",
    "invitation_check",
    "invitation_pdf",
    "invitation_recipients",
    "invitation_send",
    "legislative_term_create",
    "legislative_term_update",
    "location_create",
    "location_update",
    "meeting_cancel",
    "meeting_create",
    "meeting_update",
    "membership_create",
    "membership_end",
    "membership_update",
    "minutes_approve",
    "minutes_draft",
    "minutes_mark_sent",
    "minutes_publish",
    "minutes_update",
    "motion_put_on_agenda",
    "motion_submit",
    "organization_create",
    "organization_update",
    "paper_create",
    "paper_update",
    "person_create",
    "person_update",
    "session_rules_create",
    "session_rules_update",
    "vote_record",
]
