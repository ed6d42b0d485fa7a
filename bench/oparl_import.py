"""Import speed of `oparl_import` from a local server: objects per second.

    .venv/bin/python bench/oparl_import.py [--copies N]

Serves the recorded Hürtgenwald crawl (OParl 1.0, about 17,600 objects) on 127.0.0.1 —
N times, each copy under its own base URL, so its ids and its body are new — and imports
every copy into a fresh database (a temporary SQLite file, or DATABASE_URL when set; it
must then be an empty database). Prints objects per second for the first run and for an
unchanged re-run (the recorded server ignores `modified_since`, so the re-run fetches and
compares everything: the worst case of an incremental run).
"""

# ruff: noqa: E402  (Django must be set up before the models are imported)

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", _tmp.name)

import django

django.setup()

from django.core.management import call_command

from teilhabe.oparl.importer import Client, Report, import_oparl
from teilhabe.oparl.tests.import_support import RecordedServer


def run(servers: list[RecordedServer]) -> tuple[int, float, Report]:
    report = Report()
    started = time.perf_counter()
    for server in servers:
        import_oparl(server.start_url, client=Client(timeout=30), report=report)
    return report.objects, time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    servers = [RecordedServer().__enter__() for _ in range(args.copies)]
    try:
        for label in ("first run", "unchanged re-run"):
            objects, seconds, report = run(servers)
            print(
                f"{label:>17}: {objects} objects in {seconds:.1f} s = {objects / seconds:.0f}/s "
                f"(created {report.total('created')}, updated {report.total('updated')}, "
                f"unchanged {report.total('unchanged')}, warnings {len(report.warnings)})"
            )
    finally:
        for server in servers:
            server.__exit__(None, None, None)


if __name__ == "__main__":
    main()
