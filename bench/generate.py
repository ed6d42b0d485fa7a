"""Generate a state-wide benchmark dataset into the configured (migrated) database.

    DJANGO_SETTINGS_MODULE=config.settings DATABASE_URL=... .venv/bin/python bench/generate.py

At `--scale 1.0`: 50 bodies with 15 years of council work each, about 15,000 meetings,
150,000 agenda items (10 per meeting, about 20 % non-public), 60,000 papers whose
consultations (Beratungsfolge AG -> Beirat -> Stadtrat) sit on real agenda items, 5,000
persons with memberships per legislative term, and a staff and a member user for the first
body. The same seed, year and day give the same data. Everything is written in one
transaction with bulk inserts. Running it again at the same scale changes nothing; bench
data of another scale is refused (exit code 3): use a fresh database.
"""

# ruff: noqa: E402  (Django must be set up before the models are imported)
from __future__ import annotations

import argparse
import datetime as dt
import os
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

from django.db import connection, transaction

from bench.dataset import BodyBuilder, BodyData
from bench.plan import SLUG_PREFIX, Plan
from teilhabe.accounts.models import StaffRole, User
from teilhabe.core.models import Body
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)

STAFF_USERNAME, MEMBER_USERNAME = "bench-staff", "bench-member"
PASSWORD = "bench-passwort-123"  # only ever used against a local benchmark database
BATCH = 2000
EXIT_OTHER_SCALE = 3


def insert(data: BodyData) -> None:
    """Insert one body's records, parents first (bulk_create sets the primary keys)."""
    data.body.save()
    Location.objects.bulk_create(data.locations, batch_size=BATCH)
    LegislativeTerm.objects.bulk_create(data.terms, batch_size=BATCH)
    parents = [o for o in data.orgs if o.parent is None]
    Organization.objects.bulk_create(parents, batch_size=BATCH)
    Organization.objects.bulk_create([o for o in data.orgs if o.parent], batch_size=BATCH)
    Person.objects.bulk_create(data.persons, batch_size=BATCH)
    Membership.objects.bulk_create(data.memberships, batch_size=BATCH)
    Meeting.objects.bulk_create(data.meetings, batch_size=BATCH)
    AgendaItem.objects.bulk_create(data.items, batch_size=BATCH)
    Paper.objects.bulk_create(data.papers, batch_size=BATCH)
    Consultation.objects.bulk_create(data.consultations, batch_size=BATCH)
    orgs_through = Paper.originator_organizations.through
    orgs_through.objects.bulk_create(
        [orgs_through(paper=p, organization=o) for p, o in data.paper_orgs], batch_size=BATCH
    )
    persons_through = Paper.originator_persons.through
    persons_through.objects.bulk_create(
        [persons_through(paper=p, person=o) for p, o in data.paper_persons], batch_size=BATCH
    )
    related_through = Paper.related_papers.through
    pairs = {(a.pk, b.pk) for a, b in data.related} | {(b.pk, a.pk) for a, b in data.related}
    related_through.objects.bulk_create(
        [related_through(from_paper_id=a, to_paper_id=b) for a, b in sorted(pairs)],
        batch_size=BATCH,
    )


def create_users(first: Body, plan: Plan) -> None:
    """A staff user of the first body and a user who chairs its Beirat (current term)."""
    staff = User(username=STAFF_USERNAME, email="staff@bench.example.org")
    staff.set_password(PASSWORD)
    staff.save()
    StaffRole.objects.create(user=staff, body=first)
    member = User(username=MEMBER_USERNAME, email="member@bench.example.org")
    member.set_password(PASSWORD)
    member.save()
    chair = (
        Membership.objects.filter(
            body=first,
            organization__organization_type=Organization.Type.BEIRAT,
            role=Membership.Role.CHAIR,
            end_date__isnull=True,
        )
        .select_related("person")
        .first()
    )
    if chair is not None:
        chair.person.user = member
        chair.person.save(update_fields=["user"])


def existing_bench_data(plan: Plan) -> str | None:
    """None when the database holds no bench data, else the marker it was generated with."""
    body = Body.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
    if body is None:
        return None
    same = (
        body.letterhead == plan.marker
        and Body.objects.filter(slug__startswith=SLUG_PREFIX, letterhead=plan.marker).count()
        == plan.bodies
        and User.objects.filter(username=MEMBER_USERNAME).exists()
    )
    return plan.marker if same else body.letterhead or "unknown"


def analyze() -> None:
    """Fresh planner statistics, as autovacuum would gather them after a bulk load."""
    # VACUUM cannot run inside a transaction (e.g. a test's); autovacuum does it later.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def print_counts() -> None:
    models: list[Any] = [
        Body,
        LegislativeTerm,
        Location,
        Organization,
        Person,
        Membership,
        Meeting,
        AgendaItem,
        Paper,
        Consultation,
    ]
    for model in models:
        print(f"  {model.__name__:<28} {model.objects.count():>9,}")
    nonpublic = AgendaItem.objects.filter(public=False).count()
    total = AgendaItem.objects.count() or 1
    print(f"  {'non-public agenda items':<28} {nonpublic / total:>9.1%}")
    linked = Consultation.objects.filter(agenda_item__isnull=False).count()
    print(f"  {'consultations on an item':<28} {linked:>9,}")


def generate(plan: Plan) -> int:
    found = existing_bench_data(plan)
    if found == plan.marker:
        print(f"{plan.marker}: already in the database, nothing to do.")
        return 0
    if found is not None:
        print(
            f"The database already holds other benchmark data ({found}); "
            "use an empty (migrated) database.",
            file=sys.stderr,
        )
        return EXIT_OTHER_SCALE
    began = time.monotonic()
    print(
        f"{plan.marker}: {plan.bodies} bodies, {plan.meetings:,} meetings, "
        f"{plan.papers:,} papers, {plan.persons:,} persons ({connection.vendor})"
    )
    build_time = 0.0
    with transaction.atomic():
        first = None
        for index in range(plan.bodies):
            t0 = time.monotonic()
            data = BodyBuilder(plan, index).build()
            build_time += time.monotonic() - t0
            insert(data)
            first = first or data.body
            if (index + 1) % 10 == 0 or index + 1 == plan.bodies:
                print(f"  {index + 1}/{plan.bodies} bodies ({time.monotonic() - began:.1f} s)")
        assert first is not None  # noqa: S101 (plan.bodies >= 2)
        create_users(first, plan)
    inserted = time.monotonic() - began
    analyze()
    elapsed = time.monotonic() - began
    print_counts()
    print(
        f"Done in {elapsed:.1f} s (building in memory {build_time:.1f} s, "
        f"writing {inserted - build_time:.1f} s, planner statistics {elapsed - inserted:.1f} s)."
    )
    print(f"Users: {STAFF_USERNAME} (staff of {first.slug}), {MEMBER_USERNAME} (chairs its Beirat)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 50 bodies, 15 years")
    parser.add_argument("--seed", type=int, default=20_241_110)
    parser.add_argument(
        "--year", type=int, default=dt.date.today().year, help="last year of the data"
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    today = min(dt.date.today(), dt.date(args.year, 12, 31))
    return generate(Plan(scale=args.scale, seed=args.seed, year=args.year, today=today))


if __name__ == "__main__":
    sys.exit(main())
