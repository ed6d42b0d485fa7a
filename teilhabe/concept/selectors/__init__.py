"""Reads of the concept app: every public page and export gets its rows from here.

`public` serves the pages (versions, a version's overview, a goal, a measure), `totals`
what the measures add up to, `compare` a version against its predecessor, `exports` the
open-data rows. All start from `visible_to(user)` and `.for_body(body)`.
"""

from teilhabe.concept.selectors.compare import (
    Change,
    Changed,
    PartComparison,
    VersionComparison,
    compare_parts,
    version_comparison,
)
from teilhabe.concept.selectors.exports import ExportRow, export_rows
from teilhabe.concept.selectors.measures import (
    Responsible,
    responsible_of,
    version_fields,
    version_goals,
    version_measures,
)
from teilhabe.concept.selectors.public import (
    FieldBlock,
    Filters,
    GoalBlock,
    GoalPage,
    HistoryStep,
    MeasureLine,
    MeasurePage,
    Overview,
    current_version,
    goal_get,
    measure_get,
    narrowed,
    predecessor_of,
    version_from,
    version_get,
    version_list,
    version_overview,
)
from teilhabe.concept.selectors.totals import Group, Totals, TotalsRow, totals_of, version_totals

__all__ = [
    "Change",
    "Changed",
    "ExportRow",
    "FieldBlock",
    "Filters",
    "GoalBlock",
    "GoalPage",
    "Group",
    "HistoryStep",
    "MeasureLine",
    "MeasurePage",
    "Overview",
    "PartComparison",
    "Responsible",
    "Totals",
    "TotalsRow",
    "VersionComparison",
    "compare_parts",
    "current_version",
    "export_rows",
    "goal_get",
    "measure_get",
    "narrowed",
    "predecessor_of",
    "responsible_of",
    "totals_of",
    "version_comparison",
    "version_fields",
    "version_from",
    "version_get",
    "version_goals",
    "version_list",
    "version_measures",
    "version_overview",
    "version_totals",
]
