"""Upsert by original OParl id: the importer's own write path (an edge's own service).

Rows are matched by (body, oparl_id). A row is written only when a value differs, so an
unchanged re-import bumps no `modified` and no `version`; new rows are created in bulk.
Callers wrap each page in a transaction. References to rows not imported yet are kept
as *pending* and resolved in a final pass (see `crawl.Importer.finish`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import F

from teilhabe.core.models import Body
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
from teilhabe.oparl.importer.mapping import Row
from teilhabe.oparl.importer.report import CREATED, DELETED, UNCHANGED, UPDATED, Report

MODELS: dict[str, type[models.Model]] = {
    "Location": Location,
    "LegislativeTerm": LegislativeTerm,
    "Organization": Organization,
    "Person": Person,
    "Membership": Membership,
    "Meeting": Meeting,
    "AgendaItem": AgendaItem,
    "Paper": Paper,
    "Consultation": Consultation,
    "File": File,
}
# Once a file's content has been fetched, these describe the stored content, not what the
# remote object claims: a re-import must not overwrite them.
_CONTENT_FIELDS = ("size", "mime_type", "text", "sha256")


@dataclass
class Pending:
    """A foreign key or a many-to-many link whose target had not been imported yet."""

    type_name: str
    pk: int
    field: str
    target_type: str
    url: str
    many: bool = False


@dataclass
class Stored:
    """The outcome of one upsert: oparl_id -> pk, and oparl_id -> outcome."""

    pks: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)


class Store:
    """Upserts of one body's imported rows, with an in-memory map oparl_id -> pk per type."""

    def __init__(
        self,
        *,
        body: Body,
        report: Report,
        now: dt.datetime,
        fetch_missing: Callable[[str, str], int | None],
    ) -> None:
        self.body = body
        self.report = report
        self.now = now
        self.fetch_missing = fetch_missing
        self.pending: list[Pending] = []
        self._ids: dict[str, dict[str, int]] = {}

    def ids(self, type_name: str) -> dict[str, int]:
        if type_name not in self._ids:
            rows = (
                MODELS[type_name]
                ._default_manager.filter(body=self.body)
                .exclude(oparl_id="")
                .values_list("oparl_id", "pk")
            )
            self._ids[type_name] = dict(rows)
        return self._ids[type_name]

    def forget(self) -> None:
        """After a rolled-back page: the rows it created do not exist any more."""
        self._ids.clear()

    def pk(self, type_name: str, url: str, *, fetch: bool = False) -> int | None:
        if not url:
            return None
        found = self.ids(type_name).get(url)
        if found is None and fetch:
            found = self.fetch_missing(type_name, url)
        return found

    def upsert(self, type_name: str, rows: Iterable[Row | None]) -> Stored:
        """Create or update `rows`; a row's `parent` is set on creation only.

        Counts every row in the report. Rows whose required reference cannot be resolved,
        even by fetching it, are skipped with a warning.
        """
        model = MODELS[type_name]
        known = self.ids(type_name)
        batch: dict[str, Row] = {}
        for row in rows:
            if row is not None and row.oparl_id not in batch:
                batch[row.oparl_id] = row
        resolved: dict[str, dict[str, Any]] = {}
        later: list[tuple[str, str, str, str]] = []
        for oparl_id, row in list(batch.items()):
            if row.deleted:
                continue
            values = dict(row.values)
            for name, (target, url) in row.refs.items():
                target_pk = self.pk(target, url, fetch=name in row.required)
                if target_pk is not None or not url:
                    values[f"{name}_id"] = target_pk
                else:
                    later.append((oparl_id, name, target, url))
            if any(values.get(f"{name}_id") is None for name in row.required):
                self.report.warn("missing", oparl_id, f"{type_name}: required link missing")
                del batch[oparl_id]
                continue
            resolved[oparl_id] = values
        existing: dict[str, Any] = {
            obj.oparl_id: obj  # type: ignore[attr-defined]
            for obj in model._default_manager.filter(pk__in=[known[i] for i in batch if i in known])
        }
        result = Stored()
        to_create: list[models.Model] = []
        to_update: list[models.Model] = []
        changed_fields: set[str] = set()
        for oparl_id, row in batch.items():
            obj = existing.get(oparl_id)
            if row.deleted:
                if obj is not None and not obj.deleted:
                    obj.deleted = True
                    changed_fields.add("deleted")
                    to_update.append(obj)
                    result.outcomes[oparl_id] = DELETED
                elif obj is not None:
                    result.outcomes[oparl_id] = UNCHANGED
                continue
            values = resolved[oparl_id]
            if obj is None:
                obj = model(body=self.body, oparl_id=oparl_id, **values, **row.parent)
                to_create.append(obj)
                result.outcomes[oparl_id] = CREATED
                continue
            if type_name == "File" and obj.content:
                if values.get("oparl_access_url") != obj.oparl_access_url:
                    values["content"] = ""  # another document: fetch it again
                else:
                    for name in _CONTENT_FIELDS:
                        values.pop(name, None)
            if obj.deleted:
                values["deleted"] = False
            changes = [name for name, value in values.items() if getattr(obj, name) != value]
            if changes:
                for name in changes:
                    setattr(obj, name, values[name])
                changed_fields.update(changes)
                to_update.append(obj)
                result.outcomes[oparl_id] = UPDATED
            else:
                result.outcomes[oparl_id] = UNCHANGED
        if to_create:
            model._default_manager.bulk_create(to_create)
            for obj in to_create:
                known[obj.oparl_id] = obj.pk  # type: ignore[attr-defined]
        if to_update:
            for obj in to_update:
                obj.modified = self.now  # type: ignore[attr-defined]
                obj.version += 1  # type: ignore[attr-defined]
            model._default_manager.bulk_update(
                to_update, sorted(changed_fields | {"modified", "version"})
            )
        result.pks = {i: known[i] for i in result.outcomes if i in known}
        for oparl_id, name, target, url in later:
            if oparl_id in result.pks:
                self.pending.append(Pending(type_name, result.pks[oparl_id], name, target, url))
        return result

    def count(self, type_name: str, stored: Stored) -> None:
        for outcome in stored.outcomes.values():
            self.report.count(type_name, outcome)

    def sync_m2m(self, type_name: str, rows: dict[str, Row], stored: Stored) -> set[str]:
        """Set the many-to-many links of `rows` among this body's imported rows.

        Links to rows of other bodies (a Beirat's paper citing an imported one) are never
        touched. Symmetric relations (related papers) are only ever added: a server that
        lists a relation on one side only would otherwise flip it on every run. Returns the
        oparl_ids whose links changed.
        """
        model = MODELS[type_name]
        changed: set[str] = set()
        for name in {name for row in rows.values() for name in row.m2m}:
            m2m_field = model._meta.get_field(name)
            through = m2m_field.remote_field.through  # type: ignore[union-attr]
            source = m2m_field.m2m_field_name() + "_id"  # type: ignore[union-attr]
            target_col = m2m_field.m2m_reverse_field_name() + "_id"  # type: ignore[union-attr]
            symmetric = bool(getattr(m2m_field.remote_field, "symmetrical", False))
            pks = {stored.pks[i]: i for i in rows if i in stored.pks and not rows[i].deleted}
            current: dict[int, set[int]] = {pk: set() for pk in pks}
            for src, tgt in through._default_manager.filter(**{f"{source}__in": pks}).values_list(
                source, target_col
            ):
                current[src].add(tgt)
            add: list[tuple[int, int]] = []
            remove: list[tuple[int, int]] = []
            for pk, oparl_id in pks.items():
                target_type, urls = rows[oparl_id].m2m.get(name, ("", []))
                if not target_type:
                    continue
                imported = set(self.ids(target_type).values())
                wanted = set()
                for url in urls:
                    target_pk = self.pk(target_type, url)
                    if target_pk is None:
                        self.pending.append(Pending(type_name, pk, name, target_type, url, True))
                    elif target_pk != pk:
                        wanted.add(target_pk)
                gone = set() if symmetric else (current[pk] & imported) - wanted
                new = wanted - current[pk]
                add += [(pk, t) for t in new]
                remove += [(pk, t) for t in gone]
                if new or gone:
                    changed.add(oparl_id)
            self._write_links(through, source, target_col, symmetric, add, remove)
        if changed:
            model._default_manager.filter(pk__in=[stored.pks[i] for i in changed]).update(
                modified=self.now, version=F("version") + 1
            )
            for oparl_id in changed:
                if stored.outcomes.get(oparl_id) == UNCHANGED:
                    stored.outcomes[oparl_id] = UPDATED
        return changed

    def add_link(self, type_name: str, pk: int, name: str, target_pk: int) -> None:
        m2m_field = MODELS[type_name]._meta.get_field(name)
        through = m2m_field.remote_field.through  # type: ignore[union-attr]
        source = m2m_field.m2m_field_name() + "_id"  # type: ignore[union-attr]
        target_col = m2m_field.m2m_reverse_field_name() + "_id"  # type: ignore[union-attr]
        exists = through._default_manager.filter(**{source: pk, target_col: target_pk}).exists()
        if not exists and pk != target_pk:
            symmetric = bool(getattr(m2m_field.remote_field, "symmetrical", False))
            self._write_links(through, source, target_col, symmetric, [(pk, target_pk)], [])
            MODELS[type_name]._default_manager.filter(pk=pk).update(
                modified=self.now, version=F("version") + 1
            )

    @staticmethod
    def _write_links(
        through: Any,
        source: str,
        target: str,
        symmetric: bool,
        add: list[tuple[int, int]],
        remove: list[tuple[int, int]],
    ) -> None:
        if symmetric:
            add = list({*add, *((t, s) for s, t in add)})
        if add:
            through._default_manager.bulk_create(
                [through(**{source: s, target: t}) for s, t in add], ignore_conflicts=True
            )
        for s, t in remove:
            through._default_manager.filter(**{source: s, target: t}).delete()

    def set_fk(self, item: Pending, target_pk: int) -> None:
        """Resolve a pending foreign key; writes (and bumps `modified`) only on change."""
        model = MODELS[item.type_name]
        model._default_manager.filter(pk=item.pk).exclude(**{f"{item.field}_id": target_pk}).update(
            **{f"{item.field}_id": target_pk}, modified=self.now, version=F("version") + 1
        )

    def retire_children(
        self, type_name: str, parent_field: str, parent_pks: Iterable[int], keep: set[str]
    ) -> int:
        """Soft-delete embedded children a re-served parent no longer lists."""
        parent_pks = list(parent_pks)
        if not parent_pks:
            return 0
        gone = (
            MODELS[type_name]
            ._default_manager.filter(
                body=self.body, deleted=False, **{f"{parent_field}_id__in": parent_pks}
            )
            .exclude(oparl_id="")
            .exclude(oparl_id__in=keep)
        )
        count = gone.update(deleted=True, modified=self.now, version=F("version") + 1)
        self.report.count(type_name, DELETED, count)
        return count
