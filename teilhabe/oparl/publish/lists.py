"""External object lists: the filters of OParl 1.1, pagination and the links between pages.

A list is ordered by primary key, which never changes, so a client paging through it
while objects are added sees every object at most once and every old one exactly once
(new objects are appended). The filters `created_since`, `created_until`,
`modified_since`, `modified_until`, `limit` and `omit_internal` are carried into every
link, written the same way each time (parameters in alphabetical order, date-times
normalised) so that one page has one canonical address. Deleted objects are listed only
under `modified_since`: a client updating its copy learns of the deletion, a first
download is not cluttered with them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from teilhabe.oparl.publish.formats import date_time, local_zone

DEFAULT_LIMIT = 100
MAX_LIMIT = 100
PAGE_PARAM = "page"
DATE_FILTERS = {
    "created_since": "created__gte",
    "created_until": "created__lte",
    "modified_since": "modified__gte",
    "modified_until": "modified__lte",
}


class BadParameter(ValueError):
    """A query parameter the client sent cannot be understood (answered with 400)."""


class PageNotFound(LookupError):
    """The page number lies beyond the last page (answered with 404)."""


@dataclass(frozen=True)
class ListQuery:
    """The parsed parameters of a list request."""

    dates: dict[str, dt.datetime] = field(default_factory=dict)
    limit: int | None = None
    omit_internal: bool = False
    page: int = 1

    @property
    def per_page(self) -> int:
        return self.limit or DEFAULT_LIMIT

    @property
    def with_deleted(self) -> bool:
        return "modified_since" in self.dates

    def filter(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.filter(**{DATE_FILTERS[name]: value for name, value in self.dates.items()})

    def url(self, base: str, page: int) -> str:
        """The canonical address of `page` of this list with these filters."""
        params: dict[str, str] = {name: date_time(value) for name, value in self.dates.items()}
        if self.limit is not None:
            params["limit"] = str(self.limit)
        if self.omit_internal:
            params["omit_internal"] = "true"
        if page > 1:
            params[PAGE_PARAM] = str(page)
        if not params:
            return base
        return f"{base}?{urlencode(sorted(params.items()))}"


def _date_time(name: str, raw: str) -> dt.datetime:
    # A "+" that was not percent-encoded arrives as a space.
    text = raw.strip().replace(" ", "+")
    try:
        if "T" not in text:
            raise ValueError(text)
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BadParameter(
            _(
                "%(name)s erwartet Datum und Uhrzeit wie 2024-01-31T18:00:00+01:00, "
                "nicht „%(value)s“."
            )
            % {"name": name, "value": raw[:40]}
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=local_zone())
    return value


def _positive(name: str, raw: str) -> int:
    text = raw.strip()
    if not text.isdecimal() or len(text) > 9 or int(text) < 1:
        raise BadParameter(
            _("%(name)s erwartet eine ganze Zahl ab 1, nicht „%(value)s“.")
            % {"name": name, "value": raw[:40]}
        )
    return int(text)


def parse(query_dict: QueryDict) -> ListQuery:
    """The list parameters of a request; a value that cannot be read is a BadParameter.

    A `limit` above the largest page size gives the largest page size (OParl clients must
    not rely on getting the page size they ask for)."""
    # The last value of a repeated parameter counts, as everywhere in Django.
    params: dict[str, str] = {key: str(query_dict[key]) for key in query_dict}
    dates = {name: _date_time(name, params[name]) for name in DATE_FILTERS if name in params}
    limit = min(_positive("limit", params["limit"]), MAX_LIMIT) if "limit" in params else None
    omit = params.get("omit_internal", "false").strip().lower()
    if omit not in {"true", "false"}:
        raise BadParameter(
            _("omit_internal erwartet true oder false, nicht „%(value)s“.") % {"value": omit[:40]}
        )
    page = _positive(PAGE_PARAM, params[PAGE_PARAM]) if PAGE_PARAM in params else 1
    return ListQuery(dates=dates, limit=limit, omit_internal=omit == "true", page=page)


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    total: int
    number: int
    pages: int


def paginate(rows: QuerySet[Any], query: ListQuery) -> Page:
    """One page of `rows` (ordered by primary key); the first page of an empty list is
    an empty page, a page beyond the last is PageNotFound."""
    total = rows.count()
    pages = max(math.ceil(total / query.per_page), 1)
    if query.page > pages:
        raise PageNotFound(query.page)
    start = (query.page - 1) * query.per_page
    found = list(rows.order_by("pk")[start : start + query.per_page]) if total else []
    return Page(rows=found, total=total, number=query.page, pages=pages)


def envelope(
    data: list[dict[str, Any]], page: Page, query: ListQuery, base: str, web: str | None
) -> dict[str, Any]:
    """A list page: `data`, `pagination` and `links` (`next` on every page but the last)."""
    links: dict[str, str] = {
        "first": query.url(base, 1),
        "self": query.url(base, page.number),
        "last": query.url(base, page.pages),
    }
    if page.number > 1:
        links["prev"] = query.url(base, page.number - 1)
    if page.number < page.pages:
        links["next"] = query.url(base, page.number + 1)
    if web:
        links["web"] = web
    return {
        "data": data,
        "pagination": {
            "totalElements": page.total,
            "elementsPerPage": query.per_page,
            "currentPage": page.number,
            "totalPages": page.pages,
        },
        "links": links,
    }
