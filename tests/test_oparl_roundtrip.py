"""Round trip: what one Teilhabe instance publishes as OParl, another imports identically.

The demo municipality is served by a real HTTP server (pytest-django's `live_server`);
`manage.py oparl_import` reads its body into a new body of the same database. Per type,
the public records of the source body and the imported records must agree in every
attribute OParl carries (names, dates, public flags, results, the references between
them, file metadata), compared through the source's ids, which the imported rows keep in
`oparl_id`; only ids, URLs and timestamps may differ. A second import changes nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Model, QuerySet

from teilhabe.core.models import Body
from teilhabe.council import demo
from teilhabe.council.models import (
    AgendaItem,
    Consultation,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)

pytestmark = pytest.mark.django_db(transaction=True)

# The attributes OParl carries, per model; references (to one row or to many) are
# compared by the source row they stand for.
FIELDS: dict[type[Model], tuple[str, ...]] = {
    LegislativeTerm: ("name", "start_date", "end_date"),
    Location: ("description", "street_address", "room", "postal_code", "locality"),
    Organization: (
        "name",
        "short_name",
        "organization_type",
        "parent",
        "start_date",
        "end_date",
        "website",
        "location",
    ),
    Person: ("form_of_address", "title", "given_name", "family_name", "public_consent"),
    Membership: (
        "person",
        "organization",
        "role",
        "voting_right",
        "on_behalf_of",
        "start_date",
        "end_date",
    ),
    # A meeting without a name is published under its title ("3. Sitzung"), which the
    # copy then keeps as its name: both show the same title.
    Meeting: ("organization", "title", "start", "end", "location", "state"),
    AgendaItem: ("meeting", "number", "order", "name", "public", "result", "resolution_text"),
    Paper: (
        "reference",
        "name",
        "date",
        "paper_type",
        "public",
        "originator_persons",
        "originator_organizations",
        "related_papers",
    ),
    Consultation: ("paper", "organization", "meeting", "agenda_item", "authoritative", "role"),
    File: ("name", "file_name", "mime_type", "size", "public", "paper", "meeting", "agenda_item"),
}
FIELDS_NAMES = [model.__name__ for model in FIELDS]
TRAILING_PK = re.compile(r"/(\d+)/?$")


def _public(model: type[Model], body: Body) -> QuerySet[Any]:
    """The rows of `body` an anonymous visitor sees: what the OParl API publishes."""
    rows: QuerySet[Any]
    if model is File:
        rows = File.objects.of_visible_parents(None)
    elif hasattr(model._default_manager, "visible_to"):
        rows = model._default_manager.visible_to(None)
    else:
        rows = model._default_manager.all()
    return rows.filter(body=body, deleted=False)


def _source_key(row: Model) -> int:
    return row.pk


def _imported_key(row: Model) -> int:
    # The imported row keeps the published id, which ends in the source row's pk.
    match = TRAILING_PK.search(row.oparl_id)  # type: ignore[attr-defined]
    assert match, row.oparl_id  # type: ignore[attr-defined]
    return int(match.group(1))


def _snapshot(body: Body, key: Callable[[Model], int], *, source: bool) -> dict[str, Any]:
    """Per type: {source pk: {attribute: value}}, references as source pks."""
    visible = {model: {row.pk for row in _public(model, body)} for model in FIELDS}
    snapshot: dict[str, Any] = {}
    for model, names in FIELDS.items():
        rows = {}
        for row in _public(model, body):
            values: dict[str, Any] = {}
            for name in names:
                field = model._meta.get_field(name) if name != "title" else None
                if field is None:
                    values[name] = getattr(row, name)
                elif field.many_to_many:
                    targets = getattr(row, name).all()
                    related = field.related_model
                    assert isinstance(related, type)
                    # A link to a record that is not published cannot travel.
                    values[name] = sorted(
                        key(t) for t in targets if not source or t.pk in visible[related]
                    )
                elif field.is_relation:
                    target = getattr(row, name)
                    if target is not None and source and target.pk not in visible[type(target)]:
                        target = None
                    values[name] = None if target is None else key(target)
                else:
                    values[name] = getattr(row, name)
            rows[key(row)] = values
        snapshot[model.__name__] = rows
    return snapshot


def _diff(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    problems = []
    for type_name, rows in expected.items():
        got = actual[type_name]
        for pk in sorted(set(rows) - set(got)):
            problems.append(f"{type_name} {pk}: not imported")
        for pk in sorted(set(got) - set(rows)):
            problems.append(f"{type_name} {pk}: imported but not public at the source")
        for pk in sorted(set(rows) & set(got)):
            for name, value in rows[pk].items():
                if got[pk][name] != value:
                    problems.append(f"{type_name} {pk}.{name}: {value!r} != {got[pk][name]!r}")
    return problems


def _state(body: Body) -> list[tuple[str, int, int, Any]]:
    """Every row of the imported body with its version and last change."""
    return sorted(
        (model.__name__, row.pk, row.version, row.modified)  # type: ignore[attr-defined]
        for model in FIELDS
        for row in model._default_manager.filter(body=body)
    )


def test_what_teilhabe_publishes_another_teilhabe_imports_identically(live_server, settings):
    settings.TEILHABE_BASE_URL = live_server.url
    demo.load_demo()
    source = Body.objects.filter(oparl_source="").order_by("pk").first()
    assert source is not None
    url = f"{live_server.url}/oparl/v1.1/body/{source.pk}/"
    out = io.StringIO()
    call_command("oparl_import", url, "--body", "kopie", stdout=out)
    copy = Body.objects.get(slug="kopie")
    assert copy.oparl_source == url

    expected = _snapshot(source, _source_key, source=True)
    actual = _snapshot(copy, _imported_key, source=False)
    assert all(expected[name] for name in FIELDS_NAMES), {
        name: len(rows) for name, rows in expected.items()
    }
    problems = _diff(expected, actual)
    assert problems == [], "\n".join(problems[:60])

    before = _state(copy)
    call_command("oparl_import", url, "--body", "kopie", stdout=io.StringIO())
    assert _state(copy) == before
