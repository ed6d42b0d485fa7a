"""What each OParl object type is read from: the visible rows, their deleted ones, and
everything a page of them embeds, in a number of queries that does not grow with it.

Every queryset starts from the council's `visible_to(None)`: OParl serves exactly what
an anonymous visitor of the pages may see, whoever asks. A soft-deleted row is served as
a tombstone (`deleted: true`) only when it would be visible but for its deletion, so a
tombstone never tells of a non-public paper, agenda item, file or a person who did not
consent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, Q, QuerySet

from teilhabe.core.models import Body, ChangeRecord
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
from teilhabe.oparl.publish import people, sessions
from teilhabe.oparl.publish.addresses import Addresses

ANONYMOUS = None


def _files() -> QuerySet[File]:
    # The parents were read through `visible_to`; the file's own audience is left. The
    # extracted text (for search) can be long and OParl does not carry it.
    return File.objects.of_visible_parents(ANONYMOUS).defer("text").order_by("pk")


def _consultations() -> QuerySet[Consultation]:
    return (
        Consultation.objects.visible_to(ANONYMOUS)
        .filter(organization__deleted=False)
        .select_related("meeting")
        .order_by("order", "pk")
    )


def _memberships() -> QuerySet[Membership]:
    return Membership.objects.visible_to(ANONYMOUS).select_related("on_behalf_of").order_by("pk")


def _load_organizations(rows: QuerySet[Any], embed: bool) -> QuerySet[Any]:
    rows = rows.select_related("parent", "location") if embed else rows.select_related("parent")
    return rows.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.visible_to(ANONYMOUS)
            .only("pk", "organization_id")
            .order_by("pk"),
            to_attr="oparl_memberships",
        )
    )


def _load_persons(rows: QuerySet[Any], embed: bool) -> QuerySet[Any]:
    if not embed:
        return rows
    return rows.prefetch_related(
        Prefetch("memberships", queryset=_memberships(), to_attr="oparl_memberships")
    )


def _item_prefetches(embed: bool) -> list[Prefetch[Any]]:
    found: list[Prefetch[Any]] = [
        Prefetch(
            "consultations",
            queryset=Consultation.objects.visible_to(ANONYMOUS)
            .filter(organization__deleted=False)
            .only("pk", "agenda_item_id")
            .order_by("order", "pk"),
            to_attr="oparl_consultations",
        )
    ]
    if embed:
        found.append(Prefetch("files", queryset=_files(), to_attr="oparl_files"))
    return found


def _load_meetings(rows: QuerySet[Any], embed: bool) -> QuerySet[Any]:
    if not embed:
        return rows
    items = (
        AgendaItem.objects.visible_to(ANONYMOUS)
        .order_by("order", "pk")
        .prefetch_related(*_item_prefetches(embed))
    )
    return rows.select_related("location", "minutes").prefetch_related(
        Prefetch("files", queryset=_files(), to_attr="oparl_files"),
        Prefetch("agenda_items", queryset=items, to_attr="oparl_items"),
    )


def _load_items(rows: QuerySet[Any], embed: bool) -> QuerySet[Any]:
    return rows.prefetch_related(*_item_prefetches(embed))


def _load_papers(rows: QuerySet[Any], embed: bool) -> QuerySet[Any]:
    found: list[Prefetch[Any]] = [
        Prefetch(
            "originator_persons",
            queryset=Person.objects.visible_to(ANONYMOUS).only("pk").order_by("pk"),
            to_attr="oparl_persons",
        ),
        Prefetch(
            "originator_organizations",
            queryset=Organization.objects.visible_to(ANONYMOUS).only("pk").order_by("pk"),
            to_attr="oparl_organizations",
        ),
        Prefetch(
            "related_papers",
            queryset=Paper.objects.visible_to(ANONYMOUS).only("pk").order_by("pk"),
            to_attr="oparl_related",
        ),
    ]
    if embed:
        found += [
            Prefetch("files", queryset=_files(), to_attr="oparl_files"),
            Prefetch("consultations", queryset=_consultations(), to_attr="oparl_consultations"),
        ]
    return rows.prefetch_related(*found)


def _plain(rows: QuerySet[Any], embed: bool) -> QuerySet[Any]:
    return rows


@dataclass(frozen=True)
class Kind:
    """One OParl object type: where its rows come from and how one is written.

    `slug` names it in addresses (`/oparl/v1.1/<slug>/<pk>/`, the body's list
    `/oparl/v1.1/body/<pk>/<slug>/`); `visible` gives the rows an anonymous visitor may
    see; `tombstone` which deleted rows are shown as deleted; `load` adds what a row
    embeds; `write` turns a loaded row into its OParl object.
    """

    slug: str
    type_name: str
    model: type[Model]
    visible: Callable[[], QuerySet[Any]]
    tombstone: Q
    load: Callable[[QuerySet[Any], bool], QuerySet[Any]]
    write: Callable[[Any, Addresses], dict[str, Any]]
    # The yes/no field that publishes a row ("public", "public_consent"): a row on which
    # it was turned off after having been on is withdrawn, and served as deleted.
    published_by: str = ""

    def rows(self, *, body: Body | None = None, with_deleted: bool = False) -> QuerySet[Any]:
        """The visible rows (of `body`), with the deleted and withdrawn ones if asked."""
        rows = self.visible()
        if with_deleted:
            rows = rows | self.model._default_manager.filter(Q(deleted=True) & self.tombstone)
            if self.published_by:
                rows = rows | self.model._default_manager.filter(
                    pk__in=withdrawn_ids(self.model, self.published_by),
                    **{self.published_by: False},
                )
        if body is not None:
            rows = rows.filter(body=body)
        return rows.filter(body__deleted=False)

    def dump(self, obj: Any, urls: Addresses) -> dict[str, Any]:
        if obj.deleted or (self.published_by and not getattr(obj, self.published_by)):
            return people.tombstone(obj, self.slug, self.type_name, urls)
        return self.write(obj, urls)


def withdrawn_ids(model: type[Model], field: str) -> QuerySet[Any]:
    """The ids of `model` rows whose `field` was once turned from yes to no, from the
    change history the services write: published once, then taken back. A row that was
    never published is never named, so a client learns nothing of it."""
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        **{f"changes__{field}__0": True},
    ).values("object_id")


def _consultation_tombstone() -> Q:
    return Q(paper__public=True) & (Q(agenda_item__isnull=True) | Q(agenda_item__public=True))


KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        Kind(
            "legislativeterm",
            "LegislativeTerm",
            LegislativeTerm,
            lambda: LegislativeTerm.objects.visible_to(ANONYMOUS),
            Q(),
            _plain,
            people.legislative_term,
        ),
        Kind(
            "location",
            "Location",
            Location,
            lambda: Location.objects.visible_to(ANONYMOUS),
            Q(),
            _plain,
            people.location,
        ),
        Kind(
            "organization",
            "Organization",
            Organization,
            lambda: Organization.objects.visible_to(ANONYMOUS),
            Q(),
            _load_organizations,
            people.organization,
        ),
        Kind(
            "person",
            "Person",
            Person,
            lambda: Person.objects.visible_to(ANONYMOUS),
            Q(public_consent=True),
            _load_persons,
            people.person,
            published_by="public_consent",
        ),
        Kind(
            "membership",
            "Membership",
            Membership,
            lambda: Membership.objects.visible_to(ANONYMOUS).select_related("on_behalf_of"),
            Q(person__public_consent=True, person__deleted=False),
            _plain,
            people.membership,
        ),
        Kind(
            "meeting",
            "Meeting",
            Meeting,
            lambda: Meeting.objects.visible_to(ANONYMOUS),
            Q(),
            _load_meetings,
            sessions.meeting,
        ),
        Kind(
            "agendaitem",
            "AgendaItem",
            AgendaItem,
            lambda: AgendaItem.objects.visible_to(ANONYMOUS),
            Q(public=True),
            _load_items,
            sessions.agenda_item,
            published_by="public",
        ),
        Kind(
            "paper",
            "Paper",
            Paper,
            lambda: Paper.objects.visible_to(ANONYMOUS),
            Q(public=True),
            _load_papers,
            sessions.paper,
            published_by="public",
        ),
        Kind(
            "consultation",
            "Consultation",
            Consultation,
            lambda: (
                Consultation.objects.visible_to(ANONYMOUS)
                .filter(organization__deleted=False)
                .select_related("meeting")
            ),
            _consultation_tombstone(),
            _plain,
            sessions.consultation,
        ),
        Kind(
            "file",
            "File",
            File,
            lambda: File.objects.visible_to(ANONYMOUS).defer("text"),
            Q(public=True)
            & (Q(paper__isnull=True) | Q(paper__public=True))
            & (Q(agenda_item__isnull=True) | Q(agenda_item__public=True)),
            _plain,
            sessions.file,
        ),
    )
}


def legislative_terms(body_ids: list[int]) -> dict[int, list[LegislativeTerm]]:
    """The visible legislative terms of each body, oldest first (one query)."""
    found: dict[int, list[LegislativeTerm]] = {pk: [] for pk in body_ids}
    for term in (
        LegislativeTerm.objects.visible_to(ANONYMOUS)
        .filter(body_id__in=body_ids)
        .order_by("start_date", "pk")
    ):
        found[term.body_id].append(term)
    return found
