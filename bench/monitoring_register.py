"""How fast a register extract of a million rows becomes a monitoring snapshot.

Generates once (cached under var/bench/) a synthetic register extract in the CSV format
`teilhabe.monitoring.register_csv` reads, for 60 districts (6 Stadtteile of 10), with the
population model of the demo (`teilhabe.monitoring.demo_population`), then measures in
child processes, each with its wall time and peak memory (RSS):

* full — what `services.snapshot_import` does before it writes: read and check the file,
  derive every person's features and aggregate (`aggregation.aggregate_extract`), check
  that the counts add up (`confidentiality.build_snapshot`), and compute every indicator
  of the catalogue with suppression for all 60 districts, their Stadtteile and the city
  (`indicators.compute`); no database write;
* plain — one DuckDB group-by over the same file (district × sex × citizenships): what
  reading the file costs on this machine at least.

    .venv/bin/python -m bench.monitoring_register            # 1,000,000 rows
    .venv/bin/python -m bench.monitoring_register --rows 20000

Prints a Markdown table and writes it to bench/results/monitoring-<date>.md. Goals for the
full path: under 5 s and under 2 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results"
ON = dt.date(2024, 12, 31)
STADTTEILE, PER_STADTTEIL = 6, 10
CITY = "00"
SEED = 60
GOAL_SECONDS, GOAL_BYTES = 5.0, 2 * 1024**3


def districts() -> dict[str, str]:
    """parent_of: 60 districts in 6 Stadtteile in the city."""
    parent_of: dict[str, str] = {}
    for s in range(1, STADTTEILE + 1):
        parent_of[f"{s:02d}"] = CITY
        for q in range(1, PER_STADTTEIL + 1):
            parent_of[f"{s:02d}{q:02d}"] = f"{s:02d}"
    return parent_of


def leaves() -> list[str]:
    return [code for code in districts() if len(code) == 4]


def generate(rows: int, directory: Path = CACHE) -> Path:
    """The extract with about `rows` rows (reused when it exists)."""
    from teilhabe.monitoring.demo_population import (
        MIXED,
        OLD,
        SECONDARY_SHARE,
        YOUNG,
        Area,
        Population,
    )

    path = directory / f"monitoring-register-{rows}.csv"
    if path.exists():
        return path
    directory.mkdir(parents=True, exist_ok=True)
    codes = leaves()
    residents = int(rows / (1 + SECONDARY_SHARE))
    each = max(1, residents // len(codes))
    areas = [
        Area(code, each, 0.08 + 0.5 * (index % 12) / 11, (YOUNG, MIXED, OLD)[index % 3])
        for index, code in enumerate(codes)
    ]
    population = Population(areas, seed=SEED, start=dt.date(2019, 12, 31))
    population.advance(ON, residents=residents)
    partial = path.with_suffix(".part")
    partial.write_bytes(population.extract())
    partial.rename(path)
    return path


def full_path(path: Path) -> dict[str, Any]:
    """Read, check, derive, aggregate, check the sums, compute every indicator."""
    from teilhabe.monitoring import aggregation, indicators
    from teilhabe.monitoring import characteristics as ch
    from teilhabe.monitoring.confidentiality import build_snapshot

    parent_of = districts()
    result = aggregation.aggregate_extract(path, reference_date=ON, district_codes=leaves())
    if result.problems:
        raise SystemExit(f"the extract has problems: {result.problems[:3]}")
    counts = {(char, cat, area): value for (area, char, cat), value in result.counts.items()}
    totals = dict(ch.TOTAL_OF.items())
    build_snapshot(counts, parent_of=parent_of, totals=totals)
    figures = indicators.compute(counts, parent_of=parent_of, city=CITY)
    return {"rows": result.rows, "cells": len(counts), "figures": len(figures)}


def plain_group_by(path: Path) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(":memory:")
    groups = con.execute(
        "SELECT district_code, sex, citizenships, count(*) FROM read_csv(?, delim = ';', "
        "header = true, all_varchar = true) GROUP BY ALL",
        [str(path)],
    ).fetchall()
    return {"rows": sum(row[3] for row in groups), "groups": len(groups)}


STEPS = {"full": full_path, "plain": plain_group_by}


def _child(step: str, path: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    started = time.perf_counter()
    info = STEPS[step](path)
    info["seconds"] = time.perf_counter() - started
    print(json.dumps(info))


def measure(step: str, path: Path) -> dict[str, Any]:
    """Run `step` in a child process: its result, wall time of the step, peak RSS."""
    # Each step runs in a fresh grandchild so that RUSAGE_CHILDREN of this intermediate
    # process is that step's peak alone.
    command = [sys.executable, "-m", "bench.monitoring_register", "--child", step, str(path)]
    wrapper = [
        sys.executable,
        "-c",
        "import resource, subprocess, sys, json; "
        "out = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True).stdout; "
        "info = json.loads(out.strip().splitlines()[-1]); "
        "info['peak_kib'] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
        "print(json.dumps(info))",
        *command,
    ]
    out = subprocess.run(wrapper, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def table(path: Path, full: dict[str, Any], plain: dict[str, Any]) -> str:
    def row(name: str, info: dict[str, Any], goal: bool) -> str:
        seconds, peak = info["seconds"], info["peak_kib"] * 1024
        verdict = ""
        if goal:
            ok = seconds < GOAL_SECONDS and peak < GOAL_BYTES
            verdict = "yes" if ok else "no"
        return f"| {name} | {seconds:.2f} | {peak / 1024**2:.0f} | {verdict} |"

    ratio = full["seconds"] / plain["seconds"] if plain["seconds"] else float("nan")
    return "\n".join(
        [
            f"# Monitoring: register extract to snapshot ({dt.date.today():%Y-%m-%d})",
            "",
            f"{full['rows']:,} rows of {path.stat().st_size / 1e6:.0f} MB "
            f"CSV, {len(leaves())} districts; {full['cells']:,} cells, "
            f"{full['figures']:,} figures; {os.cpu_count()} cores.",
            "",
            "| step | wall s | peak RSS MB | goal (< 5 s, < 2 GB) |",
            "| --- | ---: | ---: | --- |",
            row("full path (read, check, derive, aggregate, indicators)", full, True),
            row("plain DuckDB group-by (district × sex × citizenships)", plain, False),
            "",
            f"Ratio full / plain: {ratio:.1f}",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    started = time.perf_counter()
    path = generate(args.rows)
    print(f"extract: {path.name} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    full = measure("full", path)
    plain = measure("plain", path)
    text = table(path, full, plain)
    print(text)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"monitoring-{dt.date.today():%Y-%m-%d}.md").write_text(text)
    ok = full["seconds"] < GOAL_SECONDS and full["peak_kib"] * 1024 < GOAL_BYTES
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
