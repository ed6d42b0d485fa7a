"""`manage.py load_demo [--if-empty] [--replace]`: the demo municipality „Musterstadt“."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.models import Body
from teilhabe.council.demo import PASSWORD, DemoRefused, DemoResult, load_demo
from teilhabe.council.demo.data import LOGINS, SLUGS
from teilhabe.council.demo.specs import LoginSpec
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    LegislativeTerm,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set here, not on the class, so that it is translated when the command runs.
        self.help = _(
            "Lädt die Demo-Kommune „Musterstadt“ mit Beirat, Arbeitsgruppe, Stadtrat, "
            "Sitzungen, Drucksachen und Demo-Zugängen."
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Nichts tun, wenn schon eine Körperschaft angelegt ist."),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_("Vorhandene Demo-Körperschaften löschen und neu laden."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Body.objects.exists():
            self.stdout.write(
                _("Es ist schon eine Körperschaft angelegt; die Demo wird nicht geladen.")
            )
            if Body.objects.filter(slug__in=SLUGS).exists():
                # `make run` prints the demo logins on every start, not only the first.
                self._login_table(
                    [
                        spec
                        for spec in LOGINS
                        if User.objects.filter(username=spec.username).exists()
                    ]
                )
            return
        try:
            result = load_demo(replace=options["replace"])
        except DemoRefused as exc:
            raise CommandError(exc.message) from exc
        for body in result.bodies:
            self._summary(body)
        self._logins(result)

    def _summary(self, body: Body) -> None:
        now = timezone.now()
        meetings = Meeting.objects.filter(body=body).aggregate(
            total=Count("pk"),
            held=Count("pk", filter=Q(state=Meeting.State.HELD)),
            cancelled=Count("pk", filter=Q(state=Meeting.State.CANCELLED)),
            upcoming=Count("pk", filter=Q(start__gte=now) & ~Q(state=Meeting.State.CANCELLED)),
        )
        items = AgendaItem.objects.filter(body=body).aggregate(
            total=Count("pk"), nonpublic=Count("pk", filter=Q(public=False))
        )
        persons = Person.objects.filter(body=body).aggregate(
            total=Count("pk"), hidden=Count("pk", filter=Q(public_consent=False))
        )
        url = reverse("council:body", kwargs={"body": body.slug})
        self.stdout.write(
            self.style.SUCCESS(_("Demo geladen: %(name)s (%(url)s)") % {"name": body, "url": url})
        )
        lines = [
            _("Wahlperioden: %(terms)d · Gremien: %(orgs)d · Mitgliedschaften: %(memberships)d")
            % {
                "terms": LegislativeTerm.objects.filter(body=body).count(),
                "orgs": Organization.objects.filter(body=body).count(),
                "memberships": Membership.objects.filter(body=body).count(),
            },
            _("Personen: %(total)d, davon ohne Einwilligung zur Veröffentlichung: %(hidden)d")
            % persons,
            _(
                "Sitzungen: %(total)d (durchgeführt: %(held)d, abgesagt: %(cancelled)d, "
                "anstehend: %(upcoming)d)"
            )
            % meetings,
            _("Tagesordnungspunkte: %(total)d, davon nichtöffentlich: %(nonpublic)d") % items,
            _("Drucksachen: %(papers)d · Beratungen: %(consultations)d")
            % {
                "papers": Paper.objects.filter(body=body).count(),
                "consultations": Consultation.objects.filter(body=body).count(),
            },
        ]
        for line in lines:
            self.stdout.write(f"  {line}")

    def _logins(self, result: DemoResult) -> None:
        self._login_table([login.spec for login in result.logins if login.created])
        for login in result.logins:
            if not login.created:
                self.stdout.write(
                    self.style.WARNING(
                        _(
                            "Nicht angelegt: Den Benutzernamen „%(username)s“ gibt es schon; "
                            "dieses Konto bleibt unverändert."
                        )
                        % {"username": login.spec.username}
                    )
                )

    def _login_table(self, specs: list[LoginSpec]) -> None:
        header = (_("Benutzer"), _("Passwort"), _("Rolle"), _("Sieht"))
        rows = [(spec.username, PASSWORD, _(spec.role), _(spec.sees)) for spec in specs]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        self.stdout.write("")
        self.stdout.write(
            _("Demo-Zugänge (anmelden unter %(url)s):") % {"url": reverse("accounts:login")}
        )
        for row in [header, tuple("-" * width for width in [*widths, len(header[3])]), *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
        self.stdout.write(
            self.style.WARNING(
                _(
                    "Diese Passwörter sind öffentlich bekannt: Die Demo gehört nicht auf einen "
                    "Server mit echten Daten."
                )
            )
        )
