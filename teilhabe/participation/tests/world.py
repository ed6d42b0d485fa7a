"""A body with four districts and one snapshot whose women's shares are partly suppressed.

Women's share (`women_share`): Q1 60,0 %, Q4 50,0 %, the city 44,8 %; Q2 (really 40 %)
and Q3 (really 5 %) are suppressed ("."), Q3 for its 2 women and Q2 secondarily.
"""

from __future__ import annotations

import datetime as dt

from teilhabe.council.tests import factories as f
from teilhabe.districts.tests.factories import DistrictFactory
from teilhabe.monitoring.models import Snapshot
from teilhabe.monitoring.services import snapshot_import

DAY = dt.date(2024, 12, 31)
WOMEN_MEN = {"Q1": (60, 40), "Q2": (20, 30), "Q3": (2, 38), "Q4": (30, 30)}


def table() -> bytes:
    lines = ["Gebiet;Merkmal;Ausprägung;Anzahl"]
    for code, (women, men) in WOMEN_MEN.items():
        lines += [
            f"{code};population;total;{women + men}",
            f"{code};sex;w;{women}",
            f"{code};sex;m;{men}",
        ]
    return ("\n".join(lines) + "\n").encode()


def make_world(body=None) -> Snapshot:
    body = body or f.BodyFactory()
    for code in WOMEN_MEN:
        DistrictFactory(body=body, code=code)
    return snapshot_import(body=body, reference_date=DAY, rows_or_file=table()).snapshot
