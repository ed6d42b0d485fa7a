"""Statistical confidentiality: the one place every output of the monitoring goes through.

* `primary` — small counts (1 up to below the threshold, 3 by default) are suppressed;
  the display of counts and shares with the German table signs.
* `secondary` — further cells are suppressed until no suppressed one can be worked out
  from the relations between the published ones.
* `audit` — the snapshot's data model and relations, and the exact disclosure audit.
* `cellkey` — the Cell-Key Method of the 2022 census, the noise-based alternative to
  suppression.

All of it is pure: counts in, verdicts and display values out.
"""

from teilhabe.monitoring.confidentiality.audit import (
    CellKey,
    Relation,
    Snapshot,
    build_snapshot,
    recoverable,
)
from teilhabe.monitoring.confidentiality.primary import (
    DEFAULT_MIN_DENOMINATOR,
    DEFAULT_THRESHOLD,
    Shown,
    primary_suppressed,
    show_count,
    show_share,
)
from teilhabe.monitoring.confidentiality.secondary import Reason, protected_counts, suppress

__all__ = [
    "DEFAULT_MIN_DENOMINATOR",
    "DEFAULT_THRESHOLD",
    "CellKey",
    "Reason",
    "Relation",
    "Shown",
    "Snapshot",
    "build_snapshot",
    "primary_suppressed",
    "protected_counts",
    "recoverable",
    "show_count",
    "show_share",
    "suppress",
]
