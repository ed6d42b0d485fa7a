"""Where does a page spend its time? Queries, SQL time and Python time of one path.

    DATABASE_URL=... .venv/bin/python bench/pageprof.py /bench-lindenau/sitzungen/123/ \
        [--user bench-member] [--repeat 5] [--explain 3] [--cprofile]

Renders the page in-process (Django's test client, no server) a few times and prints the
median wall time, the SQL time, the number of queries, the slowest queries and, with
`--explain N`, the plan of the N slowest (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN
on SQLite). `--cprofile` prints the top Python functions by cumulative time
(`PROF_SORT=tottime` sorts by own time, `PROF_N=60` shows more).
"""

# ruff: noqa: E402  (Django must be set up before the models are imported)
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from teilhabe.accounts.models import User


def explain(sql: str) -> str:
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def profile(path: str, user: str | None, repeat: int, n_explain: int, use_cprofile: bool) -> None:
    client = Client(SERVER_NAME="127.0.0.1")
    if user:
        client.force_login(User.objects.get(username=user))
    client.get(path)  # warm: URL resolver, templates, translations
    walls: list[float] = []
    sqls: list[float] = []
    cpus: list[float] = []
    captured: list[dict[str, Any]] = []
    status = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            began, cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            walls.append(time.perf_counter() - began)
            cpus.append(time.process_time() - cpu)
        status = response.status_code
        captured = list(ctx.captured_queries)
        sqls.append(sum(float(q["time"]) for q in captured))
    wall, sql, cpu = statistics.median(walls), statistics.median(sqls), statistics.median(cpus)
    print(
        f"{path} -> {status}, {len(captured)} queries, median {wall * 1000:.1f} ms "
        f"(SQL {sql * 1000:.1f} ms, Python and templates {(wall - sql) * 1000:.1f} ms; "
        f"CPU of this process {cpu * 1000:.1f} ms), {len(response.content):,} bytes"
    )
    slowest = sorted(captured, key=lambda q: float(q["time"]), reverse=True)
    for i, query in enumerate(slowest[: max(5, n_explain)]):
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}")
        if i < n_explain:
            print(explain(query["sql"]))
    if use_cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROF_SORT", "cumulative")).print_stats(
            int(os.environ.get("PROF_N", "30"))
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="Profile one page in-process.")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--user", help="username to log in as, e.g. bench-member")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", type=int, default=0, help="plans of the N slowest queries")
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()
    for path in args.paths:
        profile(path, args.user, args.repeat, args.explain, args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
