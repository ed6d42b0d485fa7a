"""OParl 1.1 conformance of the published API, proven by crawling the demo municipality.

Starting at /oparl/v1.1/, the crawler follows every link the API gives (lists and their
pages, objects embedded and referenced, `web` pages and file downloads) and checks:

- every object against the official schema of its type (`teilhabe/oparl/schema`, OParl
  1.1.1), with embedded objects resolved: the custom keyword `"schema": "X.json"` is
  rewritten into `$ref` and the files are registered; `created` and `modified` are
  required on every object, the Body's six further list URLs too, as the text demands;
  formats are checked strictly (`url` absolute http(s), `date` `yyyy-mm-dd`, `date-time`
  `yyyy-mm-ddThh:mm:ss±hh:mm`); no `null`, no empty string;
- every list page: `data`, `pagination`, `links`, `next` on every page but the last, as
  many objects as `totalElements` says;
- every link answers 200, every object embedded anywhere answers under its own id with
  the same content, all twelve object types are reached;
- no text of a non-public agenda item, paper or file, and no name of a person who did
  not consent, appears in any answer.

Lists are paged by ten here so that every list has several pages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import (  # type: ignore[import-untyped]  # no stubs; a test-only dependency
    Draft202012Validator,
    FormatChecker,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from teilhabe.council import demo
from teilhabe.council.models import AgendaItem, File, Paper, Person
from teilhabe.oparl.publish import lists

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "teilhabe" / "oparl" / "schema"
SCHEMA_BASE = "https://schema.test/oparl/1.1/"
TYPES = (
    "System",
    "Body",
    "LegislativeTerm",
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "AgendaItem",
    "Paper",
    "Consultation",
    "File",
    "Location",
)
# Required by the specification text (OParl 1.1, chapter 4.1 and the Body's description),
# not by the schema files.
BODY_LISTS = ("agendaItem", "consultation", "file", "membership", "locationList")
ORIGIN = "http://testserver"
API = f"{ORIGIN}/oparl/v1.1/"
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- the official schemas, made checkable -------------------------------------------------


def _rewrite(node: Any) -> Any:
    """`"schema": "X.json"` (OParl's mark of an embedded object) becomes `"$ref"`."""
    if isinstance(node, dict):
        out = {key: _rewrite(value) for key, value in node.items() if key != "schema"}
        if isinstance(node.get("schema"), str):
            out["$ref"] = node["schema"]
        return out
    if isinstance(node, list):
        return [_rewrite(value) for value in node]
    return node


def _load_schemas() -> tuple[Registry, dict[str, Draft202012Validator]]:
    resources = []
    for name in TYPES:
        schema = _rewrite(json.loads((SCHEMA_DIR / f"{name}.json").read_text()))
        schema["$id"] = f"{SCHEMA_BASE}{name}.json"
        schema["required"] = sorted({*schema.get("required", []), "created", "modified"})
        if name == "Body":
            schema["required"] = sorted({*schema["required"], *BODY_LISTS, "legislativeTermList"})
        resources.append((schema["$id"], Resource.from_contents(schema, DRAFT202012)))
    registry = Registry().with_resources(resources)
    checker = _format_checker()
    validators = {
        name: Draft202012Validator(
            registry.contents(f"{SCHEMA_BASE}{name}.json"),
            registry=registry,
            format_checker=checker,
        )
        for name in TYPES
    }
    return registry, validators


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    @checker.checks("url")
    def is_url(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value

    @checker.checks("date")
    def is_date(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not DATE.match(value):
            return False
        dt.date.fromisoformat(value)
        return True

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not DATE_TIME.match(value):
            return False
        dt.datetime.fromisoformat(value)
        return True

    return checker


REGISTRY, VALIDATORS = _load_schemas()


def test_the_rewritten_schemas_catch_what_the_files_alone_miss():
    """The checker itself can fail: a missing `modified`, a `Z` date-time, a relative url
    and a broken embedded object are all refused."""
    good = {
        "id": f"{API}meeting/1/",
        "type": "https://schema.oparl.org/1.1/Meeting",
        "created": "2024-01-01T10:00:00+01:00",
        "modified": "2024-01-01T10:00:00+01:00",
    }
    assert not list(VALIDATORS["Meeting"].iter_errors(good))
    bad = [
        {k: v for k, v in good.items() if k != "modified"},
        {**good, "created": "2024-01-01T10:00:00Z"},
        {**good, "created": "2024-01-01T10:00:00.5+01:00"},
        {**good, "id": "/oparl/v1.1/meeting/1/"},
        {**good, "agendaItem": [{"id": f"{API}agendaitem/1/", "type": "x"}]},
        {**good, "auxiliaryFile": [{**good, "type": "https://schema.oparl.org/1.1/File"}]},
    ]
    for document in bad:
        assert list(VALIDATORS["Meeting"].iter_errors(document)), document


# --- the crawl ----------------------------------------------------------------------------


def _non_public_markers() -> set[str]:
    """Texts only non-public rows hold: they must never appear in the API."""
    secret: set[str] = set()
    public: set[str] = set()
    for item in AgendaItem.objects.all():
        (public if item.public else secret).update({item.name, item.resolution_text})
    for paper in Paper.objects.all():
        (public if paper.public else secret).update({paper.name, paper.justification})
    for file in File.objects.all():
        (public if file.public else secret).add(file.name)
    for person in Person.objects.all():
        (public if person.public_consent else secret).add(person.name)
    return {text for text in secret - public if len(text) >= 10}


class Crawl:
    def __init__(self, client: Any) -> None:
        self.client = client
        self.fetched: dict[str, Any] = {}
        self.objects: dict[str, dict[str, Any]] = {}
        self.embedded: dict[str, dict[str, Any]] = {}
        self.pages: set[str] = set()
        self.bodies_text: list[str] = []
        self.problems: list[str] = []

    def get(self, url: str) -> Any:
        response = self.client.get(url.removeprefix(ORIGIN))
        if response.status_code != 200:
            self.problems.append(f"{url}: HTTP {response.status_code}")
            return None
        return response

    def run(self) -> None:
        queue = [API]
        while queue:
            url = queue.pop()
            if url in self.fetched:
                continue
            response = self.get(url)
            self.fetched[url] = response
            if response is None:
                continue
            if response["Access-Control-Allow-Origin"] != "*":
                self.problems.append(f"{url}: no CORS header")
            text = response.content.decode()
            self.bodies_text.append(text)
            document = json.loads(text)
            if "data" in document and "pagination" in document:
                self.check_page(url, document)
                items = document["data"]
            else:
                items = [document]
                self.objects[url] = document
            for obj in items:
                self.check_object(obj, top=True)
            queue += [link for link in _links(document) if link.startswith(API)]
            self.pages.update(link for link in _links(document) if not link.startswith(API))

    def check_page(self, url: str, page: dict[str, Any]) -> None:
        pagination, links = page["pagination"], page["links"]
        if pagination["currentPage"] < pagination["totalPages"] and "next" not in links:
            self.problems.append(f"{url}: no links.next before the last page")
        if pagination["currentPage"] == pagination["totalPages"] and "next" in links:
            self.problems.append(f"{url}: links.next on the last page")
        if links["self"] != url:
            self.problems.append(f"{url}: links.self is {links['self']}")

    def check_object(self, obj: dict[str, Any], *, top: bool) -> None:
        type_name = obj.get("type", "").rsplit("/", 1)[-1]
        if type_name not in VALIDATORS:
            self.problems.append(f"{obj.get('id')}: unknown type {obj.get('type')}")
            return
        if obj.get("deleted"):
            if set(obj) != {"id", "type", "created", "modified", "deleted"}:
                self.problems.append(f"{obj['id']}: a deleted object with more attributes")
            return
        for error in VALIDATORS[type_name].iter_errors(obj):
            path = "/".join(str(p) for p in error.absolute_path)
            self.problems.append(f"{obj.get('id')} ({type_name}) {path}: {error.message}")
        for value in _values(obj):
            if value is None or value == "":
                self.problems.append(f"{obj['id']}: null or empty string")
        for inner in _embedded(obj):
            self.embedded.setdefault(inner["id"], inner)


def _values(value: Any):
    yield value
    if isinstance(value, dict):
        for inner in value.values():
            yield from _values(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _values(inner)


def _embedded(obj: dict[str, Any]):
    for value in obj.values():
        candidates = value if isinstance(value, list) else [value]
        for candidate in candidates:
            if isinstance(candidate, dict) and "id" in candidate:
                yield candidate
                yield from _embedded(candidate)


def _links(document: Any) -> list[str]:
    found = []
    for value in _values(document):
        if isinstance(value, str) and value.startswith(ORIGIN):
            found.append(value.split("#", 1)[0])
    return found


def test_the_demo_municipality_is_published_conformantly(client, monkeypatch):
    demo.load_demo()
    monkeypatch.setattr(lists, "DEFAULT_LIMIT", 10)
    markers = _non_public_markers()
    assert len(markers) >= 5, "the demo should hold non-public texts to look for"

    crawl = Crawl(client)
    crawl.run()

    # Every embedded object is served under its id, identical to where it was embedded.
    for oparl_id, inner in crawl.embedded.items():
        if oparl_id not in crawl.objects:
            crawl.problems.append(f"{oparl_id}: embedded but never linked")
            continue
        if crawl.objects[oparl_id] != inner:
            crawl.problems.append(f"{oparl_id}: differs from its embedded copy")
    # Web pages and file downloads answer too.
    for url in sorted(crawl.pages):
        crawl.get(url)
    assert crawl.problems == [], "\n".join(crawl.problems[:40])
    assert len(crawl.objects) >= 200
    assert len(crawl.pages) >= 50

    types = Counter(obj["type"].rsplit("/", 1)[-1] for obj in crawl.objects.values())
    assert set(types) == set(TYPES), types
    assert types["Paper"] >= 10, types
    assert types["Meeting"] >= 20, types
    # Lists really were paged.
    assert any("page=2" in url for url in crawl.fetched)

    everything = "\n".join(crawl.bodies_text)
    leaked = sorted(marker for marker in markers if marker in everything)
    assert leaked == []


def test_a_page_of_the_crawl_matches_its_total(client, monkeypatch):
    """Following `links.next` through the paper list gives `totalElements` papers, each
    once, in the order of their ids."""
    demo.load_demo()
    monkeypatch.setattr(lists, "DEFAULT_LIMIT", 7)
    body = json.loads(client.get("/oparl/v1.1/body/").content)["data"][0]
    url, ids, total = body["paper"], [], None
    while url:
        page = json.loads(client.get(url.removeprefix(ORIGIN)).content)
        total = page["pagination"]["totalElements"]
        ids += [paper["id"] for paper in page["data"]]
        url = page["links"].get("next")
    assert len(ids) == total == len(set(ids)) > 7
    numbers = [int(i.rstrip("/").rsplit("/", 1)[1]) for i in ids]
    assert numbers == sorted(numbers)


def test_schema_files_are_the_official_ones():
    """The copied files are complete and still carry OParl's own keyword."""
    names = sorted(p.stem for p in SCHEMA_DIR.glob("*.json"))
    assert names == sorted(TYPES)
    meeting = json.loads((SCHEMA_DIR / "Meeting.json").read_text())
    assert meeting["properties"]["agendaItem"]["items"]["schema"] == "AgendaItem.json"
