"""`manage.py districts_import FILE --body SLUG [--replace] [--dry-run]`: districts from GeoJSON.

The file goes through the checks of an upload (`geojson.read_upload`: size, extension,
UTF-8, JSON) and then through `services.districts_import`, which checks it against the
stored districts and writes all of it or nothing. Every problem is listed on stderr, naming
the feature by its number and code, and the command exits with a non-zero code; nothing
is written then.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.core.errors import TeilhabeError
from teilhabe.core.models import Body
from teilhabe.districts import geojson
from teilhabe.districts.errors import DistrictsFileInvalid, Problem
from teilhabe.districts.models import Level
from teilhabe.districts.services import DistrictsImport, districts_import

# More problems than this are counted, not listed (a broken export repeats itself).
SHOWN_PROBLEMS = 200


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set here, not on the class, so that it is translated when the command runs.
        self.help = _(
            "Übernimmt Quartiere, Stadtteile und die Stadt aus einer GeoJSON-Datei "
            "(FeatureCollection, WGS 84 oder ETRS89 / UTM 32N). Vorhandene Gebiete werden "
            "über ihren Schlüssel aktualisiert; eine fehlerhafte Datei ändert nichts."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("GeoJSON-Datei (.geojson oder .json)"))
        parser.add_argument(
            "--body", required=True, help=_("Kürzel der Körperschaft, z. B. musterstadt")
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_("Gebiete der Körperschaft, die nicht in der Datei stehen, entfernen"),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("nur prüfen und berichten, nichts speichern"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.alive().filter(slug=options["body"]).first()
        if body is None:
            raise CommandError(
                _("Eine Körperschaft mit dem Kürzel „%(slug)s“ gibt es nicht.")
                % {"slug": options["body"]}
            )
        data = self._read(Path(options["file"]))
        try:
            with transaction.atomic():
                result = districts_import(body=body, features=data, replace=options["replace"])
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except DistrictsFileInvalid as exc:
            self._warnings(exc.warnings)
            self._problems(exc)
            raise CommandError(
                ngettext(
                    "Die Datei enthält %(count)d Fehler. Es wurde nichts übernommen.",
                    "Die Datei enthält %(count)d Fehler. Es wurde nichts übernommen.",
                    len(exc.problems),
                )
                % {"count": len(exc.problems)}
            ) from exc
        except TeilhabeError as exc:
            raise CommandError(exc.message) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self._summary(body, result, dry_run=options["dry_run"])

    def _read(self, path: Path) -> Any:
        if not path.is_file():
            raise CommandError(_("Die Datei „%(path)s“ gibt es nicht.") % {"path": path})
        try:
            with path.open("rb") as handle:
                return geojson.read_upload(File(handle, name=path.name))
        except TeilhabeError as exc:
            raise CommandError(exc.message) from exc
        except OSError as exc:
            raise CommandError(
                _("Die Datei „%(path)s“ lässt sich nicht lesen: %(reason)s")
                % {"path": path, "reason": exc.strerror or exc}
            ) from exc

    def _problems(self, exc: DistrictsFileInvalid) -> None:
        for problem in exc.problems[:SHOWN_PROBLEMS]:
            self.stderr.write(str(problem))
        hidden = len(exc.problems) - SHOWN_PROBLEMS
        if hidden > 0:
            self.stderr.write(
                ngettext(
                    "… und %(count)d weiterer Fehler.", "… und %(count)d weitere Fehler.", hidden
                )
                % {"count": hidden}
            )

    def _warnings(self, warnings: Iterable[Problem]) -> None:
        for warning in warnings:
            text = warning.message if warning.index is None else str(warning)
            self.stdout.write(self.style.WARNING(_("Hinweis: %(warning)s") % {"warning": text}))

    def _summary(self, body: Body, result: DistrictsImport, *, dry_run: bool) -> None:
        source = {
            "default": _("ohne Angabe in der Datei, nach RFC 7946"),
            "member": _("laut Angabe „crs“ der Datei"),
            "metres": _("aus den Koordinaten in Metern geschlossen"),
        }[result.crs_source]
        self.stdout.write(
            _("Koordinatensystem: %(crs)s (%(source)s).") % {"crs": result.crs, "source": source}
        )
        levels = ", ".join(
            f"{result.levels[level]} × {label}"
            for level, label in Level.choices
            if result.levels.get(level)
        )
        self.stdout.write(_("Gebiete in der Datei: %(levels)s.") % {"levels": levels})
        self._warnings(result.warnings)
        counts = _(
            "%(created)d neu, %(updated)d geändert, %(unchanged)d unverändert, "
            "%(removed)d entfernt."
        ) % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "removed": result.removed,
        }
        if dry_run:
            self.stdout.write(
                _("Probelauf für „%(body)s“, nichts gespeichert: %(counts)s")
                % {"body": body, "counts": counts}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Übernommen für „%(body)s“: %(counts)s") % {"body": body, "counts": counts}
                )
            )
