"""Load test of the public pages on SQLite and PostgreSQL (run it through `bench/run`).

For each database: migrate, generate the dataset (reused when it is already there at the
same scale), collectstatic, start gunicorn on a free port of 127.0.0.1, then for every page
a short warm-up and a measured `wrk` run that rotates over real URLs. The results go to
bench/results/<db>-<date>.md and to stdout. Gunicorn is stopped on every exit path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
WORK = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "report.lua"
GOAL_P95_MS = 150.0
EXIT_OTHER_SCALE = 3  # bench/generate.py: the database holds bench data of another scale
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "teilhabe_bench"
DEFAULT_APP = "config.wsgi:application"


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    pattern: str
    # Who is logged in: "" (nobody), "member" or "staff" (see bench/targets.py).
    logged_in: str = ""


PAGES = [
    Page("body", "Startseite der Körperschaft", "/<slug>/"),
    Page("organization", "Gremium", "/<slug>/gremien/<pk>/"),
    Page("meeting", "Sitzung", "/<slug>/sitzungen/<pk>/"),
    Page("paper", "Drucksache", "/<slug>/drucksachen/<pk>/"),
    Page("meeting_list", "Sitzungen (Liste)", "/<slug>/sitzungen/"),
    Page("paper_list", "Drucksachen (Liste)", "/<slug>/drucksachen/"),
    Page("meeting_member", "Sitzung, angemeldet als Mitglied", "/<slug>/sitzungen/<pk>/", "member"),
    Page(
        "session_desk",
        "Sitzungsverlauf (40 TOP), angemeldet als Geschäftsstelle",
        "/<slug>/verwaltung/sitzungen/<pk>/sitzung/",
        "staff",
    ),
    Page("minutes", "Niederschrift (40 TOP), öffentlich", "/<slug>/sitzungen/<pk>/niederschrift/"),
    Page("concept", "Integrationskonzept (500 Maßnahmen)", "/<slug>/integrationskonzept/"),
    Page("measure", "Maßnahme", "/<slug>/integrationskonzept/massnahmen/<pk>/"),
]


class Stop(Exception):
    """SIGTERM/SIGINT: unwind so that every `finally` stops what it started."""


def _on_signal(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def run(cmd: list[str], env: dict[str, str], timeout: float, **kw: Any) -> Any:
    return subprocess.run(cmd, env=env, cwd=ROOT, timeout=timeout, check=False, **kw)


def must(cmd: list[str], env: dict[str, str], timeout: float) -> None:
    result = run(cmd, env, timeout)
    if result.returncode:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(cmd)}")


# -- databases -------------------------------------------------------------------------


def sqlite_file(scale: float) -> Path:
    # One file per scale: switching between a smoke run and the full run regenerates nothing.
    return WORK / f"teilhabe-bench-{scale:g}.sqlite3"


def sqlite_reset(scale: float) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file(scale)}{suffix}").unlink(missing_ok=True)


def pg_admin(sql: str) -> None:
    import psycopg  # the project's PostgreSQL driver, only needed for this database

    with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3, autocommit=True) as conn:
        conn.execute(sql.encode())  # fixed statements built here, no user input


def pg_prepare() -> str | None:
    """Create the bench database if needed; None (with a message) when no server answers."""
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{PG_NAME}"'.encode())
    except psycopg.OperationalError as exc:
        print(f"SKIPPED: PostgreSQL on 127.0.0.1:5432 is not reachable ({exc}).".strip())
        return None
    return f"{PG_SERVER}/{PG_NAME}"


def pg_reset() -> None:
    pg_admin(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
    pg_admin(f'CREATE DATABASE "{PG_NAME}"')


def prepare(db: str, env: dict[str, str], scale: float) -> None:
    """Migrate and generate; bench data of another scale means a fresh database."""
    for attempt in (1, 2):
        must([PY, "manage.py", "migrate", "--noinput", "-v0"], env, 600)
        result = run([PY, "bench/generate.py", "--scale", str(scale)], env, 1800)
        if result.returncode == 0:
            must([PY, "bench/session_work.py"], env, 600)
            must([PY, "bench/concept_work.py"], env, 600)
            return
        if result.returncode != EXIT_OTHER_SCALE or attempt == 2:
            raise SystemExit(f"bench/generate.py failed ({result.returncode})")
        print(f"{db}: recreating the bench database for scale {scale:g}")
        sqlite_reset(scale) if db == "sqlite" else pg_reset()


# -- server and load -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch_status(url: str, cookie: str = "") -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (127.0.0.1)
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0


class Server:
    """gunicorn in its own process group, stopped (TERM, then KILL) by `stop()`."""

    def __init__(
        self, env: dict[str, str], app: str, workers: int, threads: int, log: Path
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cmd = [
            GUNICORN,
            app,
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--timeout=30",
            "--graceful-timeout=5",
            f"--error-logfile={log}",
        ]
        self.process = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited during start-up (see its log)")
            if fetch_status(self.base + path) == 200:
                return
            time.sleep(0.5)
        raise SystemExit(f"gunicorn did not answer 200 on {path} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


# -- CPU accounting: the machine may be shared (other test runs); say how much it was -------

CLK = os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / CLK


def own_cpu(server_pgid: int, db_name: str) -> dict[int, float]:
    """CPU seconds per process of ours: gunicorn's group and our database's backends."""
    found: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            mine = int(fields[2]) == server_pgid
            if not mine and db_name:
                title = (entry / "cmdline").read_bytes()
                mine = title.startswith(b"postgres: ") and db_name.encode() in title
        except (OSError, IndexError, ValueError):
            continue
        if mine:
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / CLK
    return found


class CpuWindow:
    """CPU used during a window by the benchmark (server, database, wrk) and by the rest."""

    def __init__(self, server_pgid: int, db_name: str) -> None:
        self.pgid, self.db_name = server_pgid, db_name
        self.began = time.monotonic()
        self.busy = machine_busy()
        self.own = own_cpu(server_pgid, db_name)
        self.children = self._children()

    @staticmethod
    def _children() -> float:
        me, kids = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    def cores(self) -> tuple[float, float]:
        """(our cores, other cores) averaged over the window so far."""
        wall = max(time.monotonic() - self.began, 1e-3)
        own_now = own_cpu(self.pgid, self.db_name)
        own = sum(cpu - self.own.get(pid, 0.0) for pid, cpu in own_now.items())
        own += self._children() - self.children  # wrk and this script
        other = machine_busy() - self.busy - own
        return own / wall, max(other, 0.0) / wall


def settle(server: Server, db_name: str, limit: float, threshold: float = 0.3) -> float:
    """Wait (up to `limit` s) until other processes use less than `threshold` cores."""
    deadline = time.monotonic() + limit
    while True:
        window = CpuWindow(server.process.pid, db_name)
        time.sleep(3)
        other = window.cores()[1]
        if other < threshold or time.monotonic() >= deadline:
            return other
        print(f"   machine busy with other work ({other:.1f} cores), waiting ...", flush=True)
        time.sleep(5)


def wrk(base: str, paths_file: Path, cookie: str, seconds: int, args: argparse.Namespace) -> dict:
    cmd = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--latency",
        f"--script={LUA}",
        base,
        "--",
        str(paths_file),
        cookie,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            return dict(json.loads(line[len("BENCH ") :]))
    raise SystemExit(f"wrk failed ({result.returncode}): {result.stderr.strip()}")


def measure(db: str, env: dict[str, str], args: argparse.Namespace, run_dir: Path) -> list[dict]:
    db_name = PG_NAME if db == "postgres" else ""
    targets = json.loads(
        run(
            [PY, "bench/targets.py", "--count", str(args.urls)], env, 300, capture_output=True
        ).stdout
    )
    server = Server(env, args.wsgi, args.workers, args.gunicorn_threads, run_dir / "gunicorn.log")
    rows = []
    try:
        server.wait_ready(targets["pages"]["body"][0])
        for page in PAGES:
            if args.pages and page.key not in args.pages:
                continue
            paths = targets["pages"][page.key]
            cookie = targets["cookies"][page.logged_in] if page.logged_in else ""
            paths_file = run_dir / f"urls-{page.key}.txt"
            paths_file.write_text("\n".join(paths) + "\n")
            probe = sorted({fetch_status(server.base + p, cookie) for p in paths[:5]})
            print(f"{db}: {page.label} ({len(paths)} URLs, first answers {probe}) ...", flush=True)
            if args.warmup:
                wrk(server.base, paths_file, cookie, args.warmup, args)
            if args.settle:
                settle(server, db_name, args.settle)
            window = CpuWindow(server.process.pid, db_name)
            stats = wrk(server.base, paths_file, cookie, args.duration, args)
            own, other = window.cores()
            stats.update(page=page, urls=len(paths), probe=probe, own=own, other=other)
            rows.append(stats)
            print("   " + summary_line(stats), flush=True)
    finally:
        server.stop()
    return rows


# -- report ----------------------------------------------------------------------------


def ms(us: float) -> str:
    return f"{us / 1000:.1f}"


def summary_line(s: dict) -> str:
    rps = s["requests"] / (s["duration_us"] / 1e6)
    return (
        f"{rps:.1f} req/s, p50 {ms(s['p50_us'])} ms, p95 {ms(s['p95_us'])} ms, "
        f"p99 {ms(s['p99_us'])} ms, non-2xx {s['non2xx']}; CPU: benchmark "
        f"{s['own']:.2f} cores, other processes {s['other']:.2f} cores"
    )


def verdict(s: dict) -> str:
    errors = s["connect_errors"] + s["read_errors"] + s["write_errors"] + s["timeouts"]
    if s["non2xx"] or errors or not s["requests"]:
        return "no (errors)"
    return "yes" if s["p95_us"] / 1000 < GOAL_P95_MS else "**no**"


def report(db: str, rows: list[dict], args: argparse.Namespace, env: dict[str, str]) -> str:
    counts = run(
        [PY, "-c", COUNTS_SNIPPET], env, 120, capture_output=True, text=True
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    lines = [
        f"# Load test: {db}, {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- Data: scale {args.scale:g} ({counts}); commit {commit or '?'} plus working tree",
        f"- Server: gunicorn `{args.wsgi}`, {args.workers} workers x {args.gunicorn_threads} "
        "threads, DEBUG=false, on 127.0.0.1",
        f"- Load: wrk, {args.connections} connections, {args.threads} threads, "
        f"{args.duration} s per page after {args.warmup} s warm-up, rotating over the URLs",
        f"- Machine: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        "shared by wrk, gunicorn and the database",
        f"- Goal: p95 < {GOAL_P95_MS:.0f} ms at {args.connections} connections",
        "- *other CPU*: cores used by processes outside the benchmark during the run (server, "
        "database and wrk excluded); above about 0.3 the numbers are pessimistic",
        "",
        "| page | path | URLs | req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors "
        "| other CPU | p95 < 150 ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for s in rows:
        page = s["page"]
        rps = s["requests"] / (s["duration_us"] / 1e6)
        errors = s["connect_errors"] + s["read_errors"] + s["write_errors"] + s["timeouts"]
        lines.append(
            f"| {page.label} | `{page.pattern}` | {s['urls']} | {rps:.1f} | {ms(s['p50_us'])} "
            f"| {ms(s['p95_us'])} | {ms(s['p99_us'])} | {s['non2xx']} of {s['requests']} "
            f"| {errors} | {s['other']:.2f} | {verdict(s)} |"
        )
    return "\n".join(lines) + "\n"


COUNTS_SNIPPET = """
import os, sys
sys.path.insert(0, os.getcwd())
import django
django.setup()
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Meeting, Paper
print(f"{Body.objects.count()} bodies, {Meeting.objects.count():,} meetings, "
      f"{AgendaItem.objects.count():,} agenda items, {Paper.objects.count():,} papers")
"""


# -- main ------------------------------------------------------------------------------


def bench_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        TEILHABE_VAR_DIR=str(WORK),  # static files and the like stay apart from var/
        HTTPS="false",
        DEBUG="false",
        SECRET_KEY="bench-only-" + "x" * 50,  # a local benchmark server only
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
    )
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load test the public pages.")
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgres"], default=None)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--duration", type=int, default=20, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn workers (as scripts/serve)"
    )
    parser.add_argument("--gunicorn-threads", type=int, default=1)
    parser.add_argument("--urls", type=int, default=200, help="URLs per detail page")
    parser.add_argument(
        "--settle", type=int, default=120, help="max. seconds to wait for a quiet machine"
    )
    parser.add_argument(
        "--wsgi", default=DEFAULT_APP, help="WSGI application (an experiment's patched one)"
    )
    parser.add_argument(
        "--tag", default="", help="added to the result file name, e.g. the experiment's name"
    )
    parser.add_argument("--pages", nargs="*", choices=[p.key for p in PAGES], default=None)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    failed = False
    try:
        for db in args.db or ["sqlite", "postgres"]:
            url = f"sqlite:///{sqlite_file(args.scale)}" if db == "sqlite" else pg_prepare()
            if url is None:
                continue
            env = bench_env(url)
            started = time.monotonic()
            prepare(db, env, args.scale)
            must([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env, 600)
            print(f"{db}: database ready in {time.monotonic() - started:.0f} s", flush=True)
            run_dir = WORK / f"run-{db}"  # URL lists and gunicorn's log of the last run
            run_dir.mkdir(exist_ok=True)
            rows = measure(db, env, args, run_dir)
            text = report(db, rows, args, env)
            # A smoke run at another scale must not overwrite the day's full result.
            tag = "" if args.scale == 1.0 else f"-scale{args.scale:g}"
            tag += f"-{args.tag}" if args.tag else ""
            out = RESULTS / f"{db}-{dt.date.today():%Y-%m-%d}{tag}.md"
            out.write_text(text)
            print("\n" + text + f"\n(written to {out.relative_to(ROOT)})\n", flush=True)
            failed |= any(verdict(s) != "yes" for s in rows)
    except Stop as exc:
        print(f"stopped by {exc}", file=sys.stderr)
        return 130
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
