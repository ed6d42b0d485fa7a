"""`manage.py oparl_import URL`: mirror a remote OParl body into Teilhabe."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from teilhabe.oparl.importer import Client, ImportRefused, Report, import_oparl
from teilhabe.oparl.importer.report import OUTCOMES

SHOWN_WARNINGS = 20


class Command(BaseCommand):
    help = _(
        "Importiert ein OParl-System oder eine OParl-Körperschaft (1.0 oder 1.1) in eine "
        "importierte Körperschaft. Wiederholbar: ein zweiter Lauf holt nur Geändertes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", help=_("Adresse eines OParl-Systems oder einer Körperschaft"))
        parser.add_argument(
            "--body",
            default="",
            help=_("Kürzel der Körperschaft, in die importiert wird (sonst aus dem Namen)"),
        )
        parser.add_argument(
            "--files",
            action="store_true",
            help=_("Inhalte der Dateien laden und ihren Text für die Suche auslesen"),
        )
        parser.add_argument(
            "--rate", type=float, default=None, help=_("höchstens so viele Anfragen je Sekunde")
        )
        parser.add_argument(
            "--timeout", type=float, default=30.0, help=_("Zeitlimit je Anfrage in Sekunden")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rate"] is not None and options["rate"] <= 0:
            raise CommandError(_("--rate muss größer als 0 sein."))
        if options["timeout"] <= 0:
            raise CommandError(_("--timeout muss größer als 0 sein."))
        client = Client(rate=options["rate"], timeout=options["timeout"])
        report = Report(on_progress=self._progress)
        self._report = report
        self._tty = hasattr(self.stdout, "isatty") and self.stdout.isatty()
        started = time.monotonic()
        try:
            bodies = import_oparl(
                options["url"],
                client=client,
                report=report,
                body_slug=options["body"],
                files=options["files"],
            )
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.monotonic() - started
        if self._tty:
            self.stdout.write("")
        self._summary(report, seconds, client.requests)
        for body in bodies:
            self.stdout.write(
                _("Körperschaft „%(name)s“ (%(slug)s), importiert aus %(source)s")
                % {"name": body.name, "slug": body.slug, "source": body.oparl_source}
            )

    def _progress(self, type_name: str, objects: int) -> None:
        counts = self._report.counts.get(type_name)
        done = sum(counts.values()) if counts else 0
        line = _("%(type)s: %(done)d gespeichert (insgesamt %(objects)d Objekte)") % {
            "type": type_name,
            "done": done,
            "objects": objects,
        }
        if self._tty:
            sys.stdout.write("\r\033[K" + line)
            sys.stdout.flush()
        else:
            self.stdout.write(line)

    def _summary(self, report: Report, seconds: float, requests: int) -> None:
        header = [_("Typ"), _("neu"), _("geändert"), _("unverändert"), _("gelöscht")]
        self.stdout.write("  ".join(f"{h:>12}" for h in header))
        for type_name, counter in report.counts.items():
            cells = [type_name, *(str(counter[o]) for o in OUTCOMES)]
            self.stdout.write("  ".join(f"{c:>12}" for c in cells))
        totals = [_("Summe"), *(str(report.total(o)) for o in OUTCOMES)]
        self.stdout.write("  ".join(f"{c:>12}" for c in totals))
        self.stdout.write(
            _(
                "%(objects)d Objekte in %(seconds).1f s (%(rate).0f/s), %(requests)d Anfragen, "
                "%(warnings)d Warnungen"
            )
            % {
                "objects": report.objects,
                "seconds": seconds,
                "rate": report.objects / seconds if seconds else 0,
                "requests": requests,
                "warnings": len(report.warnings),
            }
        )
        for warning in report.warnings[:SHOWN_WARNINGS]:
            self.stdout.write(self.style.WARNING(str(warning)))
        if len(report.warnings) > SHOWN_WARNINGS:
            self.stdout.write(
                _("… und %(count)d weitere Warnungen (alle im Log).")
                % {"count": len(report.warnings) - SHOWN_WARNINGS}
            )
