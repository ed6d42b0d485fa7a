"""A body with districts on a grid and snapshots for the public pages' tests.

Quartier Q01 has 2 foreigners among 137 residents: a small count that must be suppressed
everywhere (its share would be 1,5 %).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from teilhabe.core.tests.factories import BodyFactory
from teilhabe.districts.models import Level
from teilhabe.districts.tests.factories import DistrictFactory, polygon, rectangle
from teilhabe.monitoring.services import snapshot_import

DAY = dt.date(2024, 12, 31)
EARLIER = dt.date(2023, 12, 31)
SMALL_SHARE = "1,5\u00a0%"  # 2 of 137, never to be published


def build(quartiere: int = 3, *, snapshots: bool = True) -> Any:
    body: Any = BodyFactory(name="Musterstadt", slug="musterstadt")
    city = DistrictFactory(
        body=body,
        code="00",
        name="Musterstadt",
        level=Level.CITY,
        geometry=polygon(rectangle(7.5, 49.7, 7.5 + 0.01 * quartiere, 49.71)),
    )
    part = DistrictFactory(
        body=body,
        code="01",
        name="Nordstadt",
        level=Level.STADTTEIL,
        parent=city,
        geometry=polygon(rectangle(7.5, 49.7, 7.5 + 0.01 * quartiere, 49.71)),
    )
    for n in range(1, quartiere + 1):
        west = 7.5 + 0.01 * (n - 1)
        DistrictFactory(
            body=body,
            code=f"Q{n:02d}",
            name=f"Quartier {n}",
            parent=part,
            geometry=polygon(rectangle(west, 49.7, west + 0.01, 49.71)),
        )
    if snapshots:
        snapshot_import(body=body, reference_date=EARLIER, rows_or_file=rows(quartiere, 10))
        snapshot_import(body=body, reference_date=DAY, rows_or_file=rows(quartiere, 0))
    return body


def rows(quartiere: int, shift: int) -> list[tuple[str, str, str, int]]:
    result = []
    for n in range(1, quartiere + 1):
        code = f"Q{n:02d}"
        if n == 1:
            german, further, foreign = 120, 15, 2
        else:
            german, further, foreign = 300 + 7 * n, 40 + n, 60 + 11 * n + shift
        result += [
            (code, "population", "total", german + further + foreign),
            (code, "citizenship_status", "german_only", german),
            (code, "citizenship_status", "german_further", further),
            (code, "citizenship_status", "foreigner", foreign),
        ]
    return result
