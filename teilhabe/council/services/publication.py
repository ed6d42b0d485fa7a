"""Published minutes that no longer match what may be public are taken back.

The public minutes page filters at every request, but the PDF is fixed when it is
published. When an item it contains is made non-public, or a person it names withdraws
their consent, the PDF stops being public and the minutes go back to "approved": staff
publish them again, which renders a new PDF from what may be public now.
"""

from __future__ import annotations

from collections.abc import Iterable

from teilhabe.council.models import File, Minutes
from teilhabe.council.services._common import fresh, save_checked


def minutes_withdraw_publication(*, meeting_ids: Iterable[int], item_id: int | None = None) -> int:
    """Withdraw the published minutes of these meetings (only those containing `item_id`,
    when given). Returns how many were withdrawn. Runs inside the caller's transaction."""
    published = Minutes.objects.alive().filter(
        meeting_id__in=list(meeting_ids), state=Minutes.State.PUBLISHED
    )
    withdrawn = 0
    for minutes in published:
        if item_id is not None and item_id not in (minutes.published_item_ids or []):
            continue
        if minutes.public_file_id is not None:
            pdf = fresh(File.objects.get(pk=minutes.public_file_id))
            pdf.public = False
            save_checked(pdf, expected_version=pdf.version)
        current = fresh(minutes)
        current.state = Minutes.State.APPROVED
        current.published_at = None
        save_checked(current, expected_version=current.version)
        withdrawn += 1
    return withdrawn
