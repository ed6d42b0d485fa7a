"""Load test of the OParl list endpoints against a pre-rendered answer of the same size.

    .venv/bin/python bench/oparl_lists.py [--db sqlite|postgres] [--scale 1.0] [--duration 20]

For one body of the state-wide dataset (the one with the most papers) it measures
`GET /oparl/v1.1/body/<id>/paper/?limit=100` and `.../meeting/?limit=100`, and in the same
run, from the same gunicorn (`bench/oparl_static_wsgi.py`), the bytes of those very answers
served as a fixed response: the limit of this server on this machine. It reports req/s,
p50/p95 and the ratio of API to baseline throughput. Goals: p95 < 100 ms, ratio >= 0.3.
Database preparation, gunicorn, wrk and the CPU accounting are those of `bench/load.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402  (needs the repository on sys.path first)

GOAL_P95_MS = 100.0
GOAL_RATIO = 0.3
APP = "bench.oparl_static_wsgi:application"
LISTS = ("paper", "meeting")


def _get_json(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (127.0.0.1)
        raw = response.read()
    return raw, json.loads(raw)


def pick_body(base: str) -> tuple[str, int]:
    """The body (its list URL prefix) with the most papers, and that number."""
    best: tuple[str, int] = ("", -1)
    url: str | None = f"{base}/oparl/v1.1/body/?limit=100"
    while url:
        _, page = _get_json(url)
        for body in page["data"]:
            _, papers = _get_json(body["paper"] + "?limit=1")
            total = int(papers["pagination"].get("totalElements", 0))
            if total > best[1]:
                best = (body["id"], total)
        url = page["links"].get("next")
    return best


def measure(db: str, env: dict[str, str], args: argparse.Namespace, run_dir: Path) -> list[dict]:
    db_name = load.PG_NAME if db == "postgres" else ""
    static_dir = run_dir / "static"
    static_dir.mkdir(exist_ok=True)
    env = {**env, "OPARL_STATIC_DIR": str(static_dir)}
    server = load.Server(env, APP, args.workers, args.gunicorn_threads, run_dir / "gunicorn.log")
    rows = []
    try:
        server.wait_ready("/oparl/v1.1/")
        body_id, papers = pick_body(server.base)
        print(f"{db}: body {body_id} ({papers} papers)", flush=True)
        for name in LISTS:
            path = body_id.removeprefix(server.base) + f"{name}/?limit=100"
            raw, page = _get_json(server.base + path)
            (static_dir / f"{name}.json").write_bytes(raw)
            print(f"{db}: {path}: {len(page['data'])} objects, {len(raw)} bytes", flush=True)
            for kind, target in (("API", path), ("vorgerendert", f"/bench-static/{name}/")):
                paths_file = run_dir / f"urls-oparl-{name}-{kind}.txt"
                paths_file.write_text(target + "\n")
                status = load.fetch_status(server.base + target)
                if status != 200:
                    raise SystemExit(f"{target} answered {status}")
                if args.warmup:
                    load.wrk(server.base, paths_file, "", args.warmup, args)
                if args.settle:
                    load.settle(server, db_name, args.settle)
                window = load.CpuWindow(server.process.pid, db_name)
                stats = load.wrk(server.base, paths_file, "", args.duration, args)
                own, other = window.cores()
                stats.update(list=name, kind=kind, path=target, size=len(raw), own=own, other=other)
                rows.append(stats)
                print(f"   {name} {kind}: " + load.summary_line(stats), flush=True)
    finally:
        server.stop()
    return rows


def rps(s: dict) -> float:
    return float(s["requests"] / (s["duration_us"] / 1e6))


def report(db: str, rows: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"# OParl lists, {db}, scale {args.scale:g}, {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s; gunicorn "
        f"{args.workers} workers x {args.gunicorn_threads} threads. Goals: p95 < "
        f"{GOAL_P95_MS:g} ms, API/baseline throughput >= {GOAL_RATIO:g}.",
        "",
        "| list | answer | bytes | req/s | p50 ms | p95 ms | non-2xx | ratio | goal |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name in LISTS:
        api, static = (
            next(s for s in rows if s["list"] == name and s["kind"] == kind)
            for kind in ("API", "vorgerendert")
        )
        ratio = rps(api) / rps(static) if rps(static) else 0.0
        met = api["p95_us"] / 1000 < GOAL_P95_MS and ratio >= GOAL_RATIO and not api["non2xx"]
        for s in (api, static):
            is_api = s is api
            lines.append(
                f"| {name} | {s['kind']} `{s['path']}` | {s['size']} | {rps(s):.1f} | "
                f"{load.ms(s['p50_us'])} | {load.ms(s['p95_us'])} | {s['non2xx']} | "
                f"{f'{ratio:.2f}' if is_api else ''} | "
                f"{('yes' if met else '**no**') if is_api else ''} |"
            )
    other = max(s["other"] for s in rows)
    lines += ["", f"Other processes used up to {other:.2f} cores during the runs."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load test the OParl list endpoints.")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--duration", type=int, default=20, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--gunicorn-threads", type=int, default=1)
    parser.add_argument("--settle", type=int, default=120, help="max. seconds to wait")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, load._on_signal)
    signal.signal(signal.SIGINT, load._on_signal)
    load.WORK.mkdir(parents=True, exist_ok=True)
    load.RESULTS.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{load.sqlite_file(args.scale)}" if args.db == "sqlite" else load.pg_prepare()
    if url is None:
        print("no PostgreSQL server answers; nothing measured", file=sys.stderr)
        return 2
    env = load.bench_env(url)
    try:
        started = time.monotonic()
        load.prepare(args.db, env, args.scale)
        print(f"{args.db}: database ready in {time.monotonic() - started:.0f} s", flush=True)
        run_dir = load.WORK / f"run-oparl-{args.db}"
        run_dir.mkdir(exist_ok=True)
        rows = measure(args.db, env, args, run_dir)
    except load.Stop as exc:
        print(f"stopped by {exc}", file=sys.stderr)
        return 130
    text = report(args.db, rows, args)
    tag = "" if args.scale == 1.0 else f"-scale{args.scale:g}"
    out = load.RESULTS / f"oparl-lists-{args.db}-{dt.date.today():%Y-%m-%d}{tag}.md"
    out.write_text(text)
    print("\n" + text + f"\n(written to {out.relative_to(ROOT)})", flush=True)
    return 0 if "**no**" not in text else 1


if __name__ == "__main__":
    sys.exit(main())
