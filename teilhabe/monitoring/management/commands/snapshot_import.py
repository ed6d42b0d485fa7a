"""`manage.py snapshot_import --body SLUG --date YYYY-MM-DD [--kind aggregated|register]
[--protection suppression|cellkey] [--skip-invalid] FILE`: a snapshot of the integration
monitoring from a CSV file.

The kind is detected from the header (a register extract names `person_id`) when not
given. `--protection` chooses how the snapshot's figures are kept confidential:
suppression of small counts (the default) or the Cell-Key Method, which only a register
extract allows. Every problem is listed on stderr by line and column, and the command
exits with a non-zero code; nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.core.errors import TeilhabeError
from teilhabe.core.models import Body
from teilhabe.monitoring.errors import SnapshotFileInvalid
from teilhabe.monitoring.models import Protection, Source
from teilhabe.monitoring.services import snapshot_import

SHOWN_PROBLEMS = 200


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _(
            "Übernimmt einen Datenstand des Integrationsmonitorings aus einer aggregierten "
            "Tabelle oder einem Auszug aus dem Melderegister (CSV); eine fehlerhafte Datei "
            "ändert nichts."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV-Datei"))
        parser.add_argument("--body", required=True, help=_("Kürzel der Körperschaft"))
        parser.add_argument("--date", required=True, help=_("Stichtag, JJJJ-MM-TT"))
        parser.add_argument(
            "--kind",
            choices=Source.values,
            help=_("aggregated oder register; ohne Angabe aus der Kopfzeile erkannt"),
        )
        parser.add_argument(
            "--protection",
            choices=Protection.values,
            default=Protection.SUPPRESSION.value,
            help=_(
                "Geheimhaltung: suppression (Sperrung kleiner Fallzahlen, Standard) oder "
                "cellkey (Cell-Key-Methode, nur für einen Auszug aus dem Melderegister)"
            ),
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("fehlerhafte Zeilen überspringen und die gültigen übernehmen"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.alive().filter(slug=options["body"]).first()
        if body is None:
            raise CommandError(
                _("Eine Körperschaft mit dem Kürzel „%(slug)s“ gibt es nicht.")
                % {"slug": options["body"]}
            )
        try:
            reference_date = dt.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError(
                _("„%(value)s“ ist kein Datum (JJJJ-MM-TT).") % {"value": options["date"]}
            ) from exc
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Die Datei „%(path)s“ gibt es nicht.") % {"path": path})
        try:
            result = snapshot_import(
                body=body,
                reference_date=reference_date,
                rows_or_file=path,
                kind=options["kind"],
                skip_invalid=options["skip_invalid"],
                protection=options["protection"],
            )
        except SnapshotFileInvalid as exc:
            for problem in exc.problems[:SHOWN_PROBLEMS]:
                self.stderr.write(str(problem))
            hidden = len(exc.problems) - SHOWN_PROBLEMS
            if hidden > 0:
                self.stderr.write(
                    ngettext(
                        "… und %(count)d weiterer Fehler.",
                        "… und %(count)d weitere Fehler.",
                        hidden,
                    )
                    % {"count": hidden}
                )
            raise CommandError(exc.message) from exc
        except TeilhabeError as exc:
            raise CommandError(exc.message) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for problem in result.problems[:SHOWN_PROBLEMS]:
            self.stdout.write(self.style.WARNING(_("Übersprungen: %(p)s") % {"p": problem}))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Datenstand %(date)s für „%(body)s“ übernommen (%(kind)s, %(protection)s): "
                    "%(cells)d Zählwerte, %(skipped)d Zeilen übersprungen."
                )
                % {
                    "date": result.snapshot,
                    "body": body,
                    "kind": Source(result.snapshot.source).label,
                    "protection": Protection(result.snapshot.protection).label,
                    "cells": result.cells,
                    "skipped": result.skipped_lines,
                }
            )
        )
