"""Districts and snapshots of the monitoring for the tests of a goal's indicator.

The city "00" (Musterstadt), its Stadtteil "01" (Nordstadt) and three Quartiere Q01–Q03.
Quartier Q01 has 2 foreigners among 137 residents: its foreigners' share (1,5 %) must
never be published, the monitoring shows ".". Snapshots are loaded through the
monitoring's own import (`snapshot_import`), so every value the pages show went through
its suppression.

The whole city's foreigners' share, worked out by hand for a snapshot with `shift` more
foreigners in Q02 and Q03 each: (177 + 2·shift) / (1032 + 2·shift) —
shift 0: 17,2 %, shift 10: 18,7 %, shift 20: 20,2 %.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from teilhabe.districts.models import Level
from teilhabe.districts.tests.factories import DistrictFactory, polygon, rectangle
from teilhabe.monitoring.services import snapshot_import

SMALL_SHARE = "1,5\u00a0%"  # Q01's foreigners' share, never to be published
CITY_SHARE = {0: "17,2\u00a0%", 10: "18,7\u00a0%", 20: "20,2\u00a0%"}


def _square(n: int) -> dict[str, Any]:
    west = 7.5 + 0.01 * n
    return polygon(rectangle(west, 49.7, west + 0.01, 49.71))


def build_districts(body: Any) -> SimpleNamespace:
    city = DistrictFactory(
        body=body, code="00", name="Musterstadt", level=Level.CITY, geometry=_square(0)
    )
    part = DistrictFactory(
        body=body,
        code="01",
        name="Nordstadt",
        level=Level.STADTTEIL,
        parent=city,
        geometry=_square(0),
    )
    quartiere = [
        DistrictFactory(
            body=body, code=f"Q{n:02d}", name=f"Quartier {n}", parent=part, geometry=_square(n)
        )
        for n in (1, 2, 3)
    ]
    return SimpleNamespace(city=city, part=part, quartiere=quartiere)


def rows(shift: int) -> list[tuple[str, str, str, int]]:
    result = []
    for n in (1, 2, 3):
        if n == 1:
            german, further, foreign = 120, 15, 2
        else:
            german, further, foreign = 300 + 7 * n, 40 + n, 60 + 11 * n + shift
        code = f"Q{n:02d}"
        result += [
            (code, "population", "total", german + further + foreign),
            (code, "citizenship_status", "german_only", german),
            (code, "citizenship_status", "german_further", further),
            (code, "citizenship_status", "foreigner", foreign),
        ]
    return result


def add_snapshots(body: Any, count: int) -> list[dt.date]:
    """`count` yearly snapshots up to the end of 2024, the newest with shift 0, each
    earlier one with 10 more foreigners in Q02 and Q03 (newest first)."""
    days = [dt.date(2024 - i, 12, 31) for i in range(count)]
    for i, day in enumerate(days):
        snapshot_import(body=body, reference_date=day, rows_or_file=rows(10 * i))
    return days
