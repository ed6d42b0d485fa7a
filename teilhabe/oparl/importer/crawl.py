"""Crawling one remote body: its lists page by page, each page stored in a transaction.

Order: legislative terms and locations, organizations, persons (with memberships),
meetings (with agenda items and files), papers (with consultations and files), so that
references mostly point backwards. A reference to an object not imported yet is resolved
in `finish`, by fetching the object itself when no list served it; a required one (the
organization of a meeting) is fetched on the spot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import DatabaseError, transaction

from teilhabe.core.models import Body
from teilhabe.oparl.importer import mapping
from teilhabe.oparl.importer.client import Client, FetchError
from teilhabe.oparl.importer.mapping import Row
from teilhabe.oparl.importer.report import Report
from teilhabe.oparl.importer.store import Store
from teilhabe.oparl.importer.values import Reader

Obj = dict[str, Any]
# Lists of a Body in crawl order: (key, the OParl type of its objects).
BODY_LISTS = (
    ("legislativeTermList", "LegislativeTerm"),
    ("locationList", "Location"),
    ("organization", "Organization"),
    ("person", "Person"),
    ("meeting", "Meeting"),
    ("paper", "Paper"),
)
MEETING_FILES = ("invitation", "resultsProtocol", "verbatimProtocol", "auxiliaryFile")
AGENDA_ITEM_FILES = ("resolutionFile", "auxiliaryFile")
PAPER_FILES = ("mainFile", "auxiliaryFile")
MAX_PAGES = 100_000


def with_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    return urlunsplit(parts._replace(query=urlencode([*query, *params.items()])))


class BodyCrawl:
    """One run over one remote body into the local `body`."""

    def __init__(self, *, client: Client, report: Report, body: Body, now: dt.datetime) -> None:
        self.client = client
        self.report = report
        self.now = now
        self.store = Store(body=body, report=report, now=now, fetch_missing=self.fetch_missing)
        # False once a list could not be read to its end: the run is then not complete,
        # and the next one must not skip what this one missed.
        self.complete = True
        self._failed: set[str] = set()
        self._in_flight: set[str] = set()
        self._fetched: set[str] = set()
        self.handlers: dict[str, Callable[[list[Obj]], None]] = {
            "LegislativeTerm": self.legislative_terms,
            "Location": self.locations,
            "Organization": self.organizations,
            "Person": self.persons,
            "Meeting": self.meetings,
            "Paper": self.papers,
        }

    # Lists -------------------------------------------------------------------------------

    def crawl(self, remote: Obj, *, since: dt.datetime | None) -> None:
        reader = Reader(remote, self.report)
        terms = reader.objects("legislativeTerm")
        if terms:
            self._store_page("LegislativeTerm", terms, reader.url)
        # The body's own seat (the town hall) is a Location like any other.
        if isinstance(remote.get("location"), dict):
            self._store_page("Location", reader.objects("location"), reader.url)
        for key, type_name in BODY_LISTS:
            url = reader.link(key)
            if url:
                if since is not None:
                    url = with_query(url, modified_since=since.isoformat(timespec="seconds"))
                self.crawl_list(url, type_name)
        self.finish()

    def crawl_list(self, url: str, type_name: str) -> None:
        """Follow `links.next` from `url`; every page is stored in its own transaction."""
        seen: set[str] = set()
        visited: set[str] = set()
        total: int | None = None
        received = 0
        next_url: str = url
        for _ in range(MAX_PAGES):
            if not next_url:
                break
            if next_url in visited:
                self.report.warn("loop", next_url, "links.next points back to a page seen")
                break
            visited.add(next_url)
            page_url, page = next_url, self._get_list(next_url)
            if page is None:
                return
            pagination = page.get("pagination")
            if total is None and isinstance(pagination, dict):
                value = pagination.get("totalElements")
                total = value if isinstance(value, int) else None
            objs = []
            for obj in page["data"]:
                if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                    self.report.warn("type", page_url, f"{type_name} list: an entry is no object")
                    continue
                received += 1
                if obj["id"] in seen:
                    self.report.warn("duplicate", obj["id"], "served twice in the list")
                    continue
                seen.add(obj["id"])
                if obj["id"] not in self._fetched:
                    objs.append(obj)
            self._store_page(type_name, objs, page_url)
            links = page.get("links")
            link = links.get("next") if isinstance(links, dict) else page.get("next")
            next_url = link if isinstance(link, str) else ""
        if total is not None and received < total:
            self.report.warn(
                "list_short", url, f"{type_name}: {received} of {total} announced objects served"
            )

    def _get_list(self, url: str) -> Obj | None:
        try:
            page = self.client.get_json(url)
        except FetchError as exc:
            self.report.warn("fetch", url, f"list page not readable: {exc.reason}")
            self.complete = False
            return None
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            self.report.warn("type", url, "list page without a `data` list")
            self.complete = False
            return None
        return page

    def _store_page(self, type_name: str, objs: list[Obj], url: str) -> None:
        try:
            with transaction.atomic():
                self.handlers[type_name](objs)
                self.report.progress(type_name)
        except DatabaseError as exc:
            # Data no mapping foresaw must not stop the import: this page is skipped.
            self.store.forget()
            self.complete = False
            self.report.warn("error", url, f"page not stored: {exc}")

    # Objects that no list served ---------------------------------------------------------

    def fetch_missing(self, type_name: str, url: str) -> int | None:
        """Fetch a referenced object by its id and import it; its pk, or None (warned)."""
        if url in self._failed or url in self._in_flight:
            return None
        if type_name == "AgendaItem":
            return self._fetch_agenda_item(url)
        if type_name not in self.handlers:
            return None
        obj = self._fetch(url, type_name)
        if obj is None:
            return None
        self._in_flight.add(url)
        try:
            with transaction.atomic():
                self.handlers[type_name]([obj])
        finally:
            self._in_flight.discard(url)
        self._fetched.add(url)
        return self.store.ids(type_name).get(url)

    def _fetch(self, url: str, type_name: str) -> Obj | None:
        try:
            obj = self.client.get_json(url)
        except FetchError as exc:
            kind = "not_found" if exc.status in (404, 410) else "fetch"
            self.report.warn(kind, url, f"linked {type_name} not served: {exc.reason}")
            self._failed.add(url)
            return None
        if not isinstance(obj, dict) or mapping.type_name(obj) != type_name:
            self.report.warn("type", url, f"linked object is no {type_name}")
            self._failed.add(url)
            return None
        return obj

    def _fetch_agenda_item(self, url: str) -> int | None:
        # An agenda item lives in its meeting: fetch that, which brings all its items.
        obj = self._fetch(url, "AgendaItem")
        if obj is None:
            return None
        meeting_url = Reader(obj, self.report).link("meeting")
        if not meeting_url or self.fetch_missing("Meeting", meeting_url) is None:
            self._failed.add(url)
            return None
        return self.store.ids("AgendaItem").get(url)

    def finish(self) -> None:
        """Resolve the references that pointed forward, fetching what no list served."""
        for _ in range(20):
            pending, self.store.pending = self.store.pending, []
            if not pending:
                return
            for item in pending:
                with transaction.atomic():
                    target = self.store.pk(item.target_type, item.url, fetch=True)
                    if target is None:
                        continue
                    if item.many:
                        self.store.add_link(item.type_name, item.pk, item.field, target)
                    else:
                        self.store.set_fk(item, target)

    # One page of each type ---------------------------------------------------------------

    def _rows(self, objs: list[Obj], build: Callable[[Reader], Row | None]) -> list[Row]:
        rows = []
        for obj in objs:
            reader = Reader(obj, self.report)
            row = mapping.deleted_row(reader) or build(reader)
            if row is not None:
                rows.append(row)
        return rows

    def _simple(self, type_name: str, objs: list[Obj], build: Callable[[Reader], Any]) -> None:
        self.store.count(type_name, self.store.upsert(type_name, self._rows(objs, build)))

    def legislative_terms(self, objs: list[Obj]) -> None:
        self._simple("LegislativeTerm", objs, mapping.legislative_term)

    def locations(self, objs: list[Obj]) -> None:
        self._simple("Location", objs, mapping.location)

    def _embedded_locations(self, objs: list[Obj]) -> None:
        embedded = [o["location"] for o in objs if isinstance(o.get("location"), dict)]
        if embedded:
            self.locations([o for o in embedded if isinstance(o.get("id"), str)])

    def organizations(self, objs: list[Obj]) -> None:
        self._embedded_locations(objs)
        self._simple("Organization", objs, mapping.organization)

    def persons(self, objs: list[Obj]) -> None:
        rows = self._rows(objs, mapping.person)
        stored = self.store.upsert("Person", rows)
        self.store.count("Person", stored)
        by_id = {o["id"]: o for o in objs}
        alive = {
            r.oparl_id: stored.pks[r.oparl_id]
            for r in rows
            if not r.deleted and r.oparl_id in stored.pks
        }
        children = []
        for oparl_id, pk in alive.items():
            for obj in Reader(by_id[oparl_id], self.report).objects("membership"):
                row = mapping.deleted_row(Reader(obj, self.report)) or mapping.membership(
                    Reader(obj, self.report)
                )
                row.parent = {"person_id": pk}
                children.append(row)
        self._children("Membership", children, "person", alive.values())

    def _children(self, type_name: str, rows: list[Row], parent: str, parents: Any) -> Any:
        stored = self.store.upsert(type_name, rows)
        self.store.count(type_name, stored)
        self.store.retire_children(type_name, parent, parents, {r.oparl_id for r in rows})
        return stored

    def _files(self, objs_by_pk: dict[int, Obj], keys: tuple[str, ...], parent: str) -> list[Row]:
        rows = []
        for pk, obj in objs_by_pk.items():
            reader = Reader(obj, self.report)
            for key in keys:
                for file_obj in reader.objects(key):
                    row = mapping.file(Reader(file_obj, self.report))
                    row.parent = {f"{parent}_id": pk}
                    rows.append(row)
        return rows

    def _embedded(
        self, parents: dict[int, Obj], key: str, make: Callable[..., Any], parent_field: str
    ) -> list[tuple[Any, Obj]]:
        """The rows of the objects embedded under `key` in each stored parent (deleted
        ones as such), each with its parent's pk and the object it came from."""
        found = []
        for pk, obj in parents.items():
            for position, item in enumerate(Reader(obj, self.report).objects(key)):
                reader = Reader(item, self.report)
                row = mapping.deleted_row(reader) or make(reader, position=position)
                row.parent = {parent_field: pk}
                found.append((row, item))
        return found

    def meetings(self, objs: list[Obj]) -> None:
        self._embedded_locations(objs)
        rows = self._rows(objs, lambda r: mapping.meeting(r, now=self.now))
        stored = self.store.upsert("Meeting", rows)
        self.store.count("Meeting", stored)
        alive = _alive(rows, objs, stored)
        items = self._embedded(alive, "agendaItem", mapping.agenda_item, "meeting_id")
        item_stored = self._children("AgendaItem", [r for r, _ in items], "meeting", alive)
        item_objs = {
            item_stored.pks[r.oparl_id]: o
            for r, o in items
            if not r.deleted and r.oparl_id in item_stored.pks
        }
        files = self._files(alive, MEETING_FILES, "meeting")
        files += self._files(item_objs, AGENDA_ITEM_FILES, "agenda_item")
        keep = {r.oparl_id for r in files}
        stored_files = self.store.upsert("File", files)
        self.store.count("File", stored_files)
        self.store.retire_children("File", "meeting", alive, keep)
        self.store.retire_children("File", "agenda_item", item_objs, keep)

    def papers(self, objs: list[Obj]) -> None:
        rows = self._rows(objs, mapping.paper)
        stored = self.store.upsert("Paper", rows)
        self.store.sync_m2m("Paper", {r.oparl_id: r for r in rows}, stored)
        self.store.count("Paper", stored)
        alive = _alive(rows, objs, stored)
        consultations = self._embedded(alive, "consultation", mapping.consultation, "paper_id")
        self._children("Consultation", [row for row, _ in consultations], "paper", alive)
        files = self._files(alive, PAPER_FILES, "paper")
        stored_files = self.store.upsert("File", files)
        self.store.count("File", stored_files)
        self.store.retire_children("File", "paper", alive, {r.oparl_id for r in files})


def _alive(rows: list[Any], objs: list[Obj], stored: Any) -> dict[int, Obj]:
    """The stored, not deleted rows' pks with the objects they came from."""
    by_id = {o["id"]: o for o in objs}
    return {
        stored.pks[r.oparl_id]: by_id[r.oparl_id]
        for r in rows
        if not r.deleted and r.oparl_id in stored.pks
    }
