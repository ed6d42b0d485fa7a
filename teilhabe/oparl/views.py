"""The OParl 1.1 API: parse, read, write JSON. Read-only, the same for every visitor.

Every view reads through `teilhabe.oparl.publish.queries`, which starts from the council's
`visible_to(None)`: a logged-in member gets what everyone gets. What is not public, or
does not exist, answers 404 with an OParl error object; a filter that cannot be read, 400.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Min
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from teilhabe.core.models import Body
from teilhabe.council.models import Organization
from teilhabe.oparl.publish import http, lists, people, queries
from teilhabe.oparl.publish.addresses import Addresses, site_base

SYSTEM_NAME = "Teilhabe"
# The System's dates when no body exists yet (it has no row of its own).
SYSTEM_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

# The HTML list page beside each external list of a body.
WEB_LISTS = {
    "organization": "organization_list",
    "person": "person_list",
    "meeting": "meeting_list",
    "paper": "paper_list",
}


def _alive_body(pk: int) -> Body | None:
    return Body.objects.filter(pk=pk, deleted=False).first()


@http.oparl_view
def system(request: HttpRequest) -> HttpResponseBase:
    """The System object: the entry point, naming the list of all bodies."""
    dates = Body.objects.aggregate(created=Min("created"), modified=Max("modified"))
    urls = Addresses(site_base(request))
    data = people.system(
        urls,
        name=SYSTEM_NAME,
        created=dates["created"] or SYSTEM_EPOCH,
        modified=dates["modified"] or SYSTEM_EPOCH,
    )
    return http.respond(request, data)


@http.oparl_view
def body_list(request: HttpRequest) -> HttpResponseBase:
    """Every body of this instance (deleted ones under `modified_since`)."""
    urls = Addresses(site_base(request))
    try:
        query = lists.parse(request.GET)
        rows = Body.objects.all() if query.with_deleted else Body.objects.alive()
        page = lists.paginate(query.filter(rows), query)
    except lists.BadParameter as exc:
        return http.error(400, str(exc))
    except lists.PageNotFound:
        return http.not_found()
    urls.body_slugs = {body.pk: body.slug for body in page.rows}
    terms = queries.legislative_terms([body.pk for body in page.rows if not body.deleted])
    data = [
        people.tombstone(body, "body", "Body", urls)
        if body.deleted
        else people.body(body, urls, terms[body.pk])
        for body in page.rows
    ]
    return http.respond(request, lists.envelope(data, page, query, urls.body_list(), None))


@http.oparl_view
def body_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    body = Body.objects.filter(pk=pk).first()
    if body is None:
        return http.not_found()
    urls = Addresses(site_base(request), {body.pk: body.slug})
    if body.deleted:
        data = people.tombstone(body, "body", "Body", urls)
        return http.respond(request, data, last_modified=http.latest_modified(data))
    terms = queries.legislative_terms([body.pk])[body.pk]
    data = people.body(body, urls, terms)
    return http.respond(request, data, last_modified=http.latest_modified(data))


@http.oparl_view
def body_object_list(request: HttpRequest, pk: int, slug: str) -> HttpResponseBase:
    """The body's external list of objects of type `slug`, a page at a time."""
    kind = queries.KINDS[slug]
    body = _alive_body(pk)
    if body is None:
        return http.not_found()
    web_name = WEB_LISTS.get(slug)
    return _page(
        request,
        kind,
        lambda with_deleted: kind.rows(body=body, with_deleted=with_deleted),
        Addresses(site_base(request), {body.pk: body.slug}),
        lambda urls: urls.body_list_of(slug, body.pk),
        web_name,
        body.pk,
    )


@http.oparl_view
def organization_meeting_list(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The meetings of one organization."""
    organization = (
        Organization.objects.visible_to(None)
        .filter(pk=pk, body__deleted=False)
        .select_related("body")
        .first()
    )
    if organization is None:
        return http.not_found()
    kind = queries.KINDS["meeting"]
    return _page(
        request,
        kind,
        lambda with_deleted: kind.rows(body=organization.body, with_deleted=with_deleted).filter(
            organization=organization
        ),
        Addresses(site_base(request), {organization.body_id: organization.body.slug}),
        lambda urls: urls.organization_meetings(organization.pk),
        None,
        organization.body_id,
    )


def _page(
    request: HttpRequest,
    kind: queries.Kind,
    rows_for: Any,
    urls: Addresses,
    list_url: Any,
    web_name: str | None,
    body_id: int,
) -> HttpResponseBase:
    try:
        query = lists.parse(request.GET)
        rows = query.filter(rows_for(query.with_deleted))
        page = lists.paginate(kind.load(rows, not query.omit_internal), query)
    except lists.BadParameter as exc:
        return http.error(400, str(exc))
    except lists.PageNotFound:
        return http.not_found()
    urls.embed = not query.omit_internal
    data = [kind.dump(row, urls) for row in page.rows]
    web = urls.page(web_name, body_id) if web_name else None
    return http.respond(request, lists.envelope(data, page, query, list_url(urls), web))


@http.oparl_view
def object_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponseBase:
    """One object under its own id: in full when visible, as a tombstone when deleted
    (and public but for that), else 404."""
    kind = queries.KINDS[slug]
    obj = kind.load(kind.rows(with_deleted=True).filter(pk=pk), True).first()
    if obj is None:
        return http.not_found()
    urls = Addresses(site_base(request), {obj.body_id: _slug(obj.body_id)})
    data = kind.dump(obj, urls)
    return http.respond(request, data, last_modified=http.latest_modified(data))


def _slug(body_id: int) -> str:
    return str(Body.objects.values_list("slug", flat=True).get(pk=body_id))


@http.oparl_view
def not_found(request: HttpRequest, rest: str = "") -> HttpResponseBase:
    """Any other address under the API: an OParl 404, not the HTML error page."""
    return http.error(404, _("Unter dieser Adresse gibt es kein OParl-Objekt."))
