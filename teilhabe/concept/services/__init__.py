"""Every write of the concept app: `<entity>_<verb>`, keyword-only, each in one transaction.

The services live in one module per group of entities (`concepts`, `fields`, `goals`,
`measures`, `adoption`); this package names them all, so callers write
`services.goal_create(...)`.

Rules that hold for every service here:

* Everything a record points at belongs to the record's body (else CrossBodyReference at
  the form field); papers and resolutions may also be public ones of a body imported from
  OParl (the Stadtrat's, `council.services.ensure_citable`). A body imported from OParl
  is read-only (ImportedBodyReadOnly), as in the council.
* An update names the version its caller saw (`expected_version`); if the row has moved
  on since, ConflictError is raised and nothing is written. The row is re-read under lock
  before the change is applied, so columns the caller did not touch are never overwritten
  with stale values.
* Every write is recorded in the change history (`core.history`), links (a measure's
  goals, papers, resolutions) with the names before and after.
* A superseded version is history: nothing in it changes (VersionSuperseded).
* Data-shape problems (a required field left empty, a text too long) raise Django's
  ValidationError from the model's own validation; broken rules raise ConceptError
  (`teilhabe.concept.errors`) with a German message and the form field it belongs to.
"""

from teilhabe.concept.services.adoption import (
    SubmittedReport,
    measure_motion_create,
    report_submit,
)
from teilhabe.concept.services.concepts import (
    ConceptFields,
    VersionFields,
    concept_create,
    concept_update,
    version_adopt,
    version_create,
    version_revise,
    version_submit,
    version_update,
)
from teilhabe.concept.services.fields import (
    ActionFieldFields,
    action_field_create,
    action_field_delete,
    action_field_update,
)
from teilhabe.concept.services.following import follow_result
from teilhabe.concept.services.goals import (
    GoalChanges,
    GoalFields,
    goal_adopt,
    goal_create,
    goal_delete,
    goal_update,
)
from teilhabe.concept.services.measures import (
    MeasureChanges,
    MeasureFields,
    measure_create,
    measure_delete,
    measure_status_set,
    measure_update,
)

__all__ = [
    "ActionFieldFields",
    "ConceptFields",
    "GoalChanges",
    "GoalFields",
    "MeasureChanges",
    "MeasureFields",
    "SubmittedReport",
    "VersionFields",
    "action_field_create",
    "action_field_delete",
    "action_field_update",
    "concept_create",
    "concept_update",
    "follow_result",
    "goal_adopt",
    "goal_create",
    "goal_delete",
    "goal_update",
    "measure_create",
    "measure_delete",
    "measure_motion_create",
    "measure_status_set",
    "measure_update",
    "report_submit",
    "version_adopt",
    "version_create",
    "version_revise",
    "version_submit",
    "version_update",
]
