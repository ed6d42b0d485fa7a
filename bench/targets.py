"""Pick the URLs the load test rotates over, from the benchmark data in the database.

    .venv/bin/python bench/targets.py --count 200 > targets.json

Prints JSON: {"pages": {page: [path, ...]}, "cookies": {"member": ..., "staff": ...}}: fresh
sessions of the member user (chair of the first body's Beirat) and of the staff user (of the
first body), for the logged-in pages.
Only what an anonymous visitor may see is picked for the anonymous pages, so every answer
should be 200.
"""

# ruff: noqa: E402  (Django must be set up before the models are imported)
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from bench.concept_work import TITLE as BIG_CONCEPT
from bench.concept_work import measure_ids
from bench.generate import MEMBER_USERNAME, STAFF_USERNAME
from bench.plan import SLUG_PREFIX
from bench.session_work import NAME as BIG_SESSION
from bench.session_work import SESSIONS as BIG_SESSIONS
from teilhabe.accounts.models import User
from teilhabe.concept.models import Concept
from teilhabe.core.models import Body
from teilhabe.council.models import Meeting, Organization, Paper


def sample(rng: random.Random, rows: list[tuple[int, str]], count: int) -> list[tuple[int, str]]:
    return rng.sample(rows, min(count, len(rows)))


def session_cookie(username: str) -> str:
    """A session for a bench user, written straight into the session store."""
    user = User.objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(6 * 60 * 60)
    store.save(must_create=True)
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def pick(count: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    bodies = Body.objects.alive().filter(slug__startswith=SLUG_PREFIX)
    slugs = list(bodies.order_by("pk").values_list("slug", flat=True))
    if not slugs:
        raise SystemExit("No benchmark data in this database: run bench/generate.py first.")
    in_bench = {"body__slug__startswith": SLUG_PREFIX, "deleted": False}
    orgs = list(Organization.objects.filter(**in_bench).values_list("pk", "body__slug"))
    meetings = list(Meeting.objects.filter(**in_bench).values_list("pk", "body__slug"))
    papers = list(Paper.objects.filter(public=True, **in_bench).values_list("pk", "body__slug"))
    member = User.objects.get(username=MEMBER_USERNAME)
    member_meetings = list(
        Meeting.objects.filter(
            organization__memberships__person__user=member,
            organization__memberships__end_date__isnull=True,
            **in_bench,
        )
        .distinct()
        .values_list("pk", "body__slug")
    )
    big_sessions = list(
        Meeting.objects.filter(name__startswith=BIG_SESSION, **in_bench)
        .order_by("start")
        .values_list("pk", "body__slug")[:BIG_SESSIONS]
    )
    concept_slug = (
        Concept.objects.filter(title=BIG_CONCEPT).values_list("body__slug", flat=True).first()
    )
    measures = measure_ids()
    pages = {
        "body": [f"/{slug}/" for slug in slugs],
        "organization": [f"/{s}/gremien/{pk}/" for pk, s in sample(rng, orgs, count)],
        "meeting": [f"/{s}/sitzungen/{pk}/" for pk, s in sample(rng, meetings, count)],
        "paper": [f"/{s}/drucksachen/{pk}/" for pk, s in sample(rng, papers, count)],
        "meeting_list": [f"/{slug}/sitzungen/" for slug in slugs],
        "paper_list": [f"/{slug}/drucksachen/" for slug in slugs],
        "meeting_member": [
            f"/{s}/sitzungen/{pk}/" for pk, s in sample(rng, member_meetings, count)
        ],
        "session_desk": [f"/{s}/verwaltung/sitzungen/{pk}/sitzung/" for pk, s in big_sessions],
        "minutes": [f"/{s}/sitzungen/{pk}/niederschrift/" for pk, s in big_sessions],
        "concept": [f"/{concept_slug}/integrationskonzept/"],
        "measure": [
            f"/{concept_slug}/integrationskonzept/massnahmen/{pk}/"
            for pk in rng.sample(measures, min(count, len(measures)))
        ],
    }
    cookies = {
        "member": session_cookie(MEMBER_USERNAME),
        "staff": session_cookie(STAFF_USERNAME),
    }
    return {"pages": pages, "cookies": cookies}


def main() -> int:
    parser = argparse.ArgumentParser(description="Pick the load test's URLs.")
    parser.add_argument("--count", type=int, default=200, help="URLs per detail page")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(pick(args.count, args.seed), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
