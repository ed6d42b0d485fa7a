"""The local body an import writes into, and the entry point of an import run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from teilhabe.core.models import Body
from teilhabe.oparl.importer import contents, mapping
from teilhabe.oparl.importer.client import Client, FetchError
from teilhabe.oparl.importer.crawl import BodyCrawl
from teilhabe.oparl.importer.report import CREATED, UNCHANGED, UPDATED, Report
from teilhabe.oparl.importer.values import Reader

# `modified_since` is asked from a little before the last complete run started, so a
# remote clock that runs behind ours loses nothing; what comes twice is simply unchanged.
SINCE_MARGIN = dt.timedelta(hours=1)


class ImportRefused(Exception):
    """The import cannot start (unreadable URL, or a body that is not an import)."""


def import_oparl(
    url: str, *, client: Client, report: Report, body_slug: str = "", files: bool = False
) -> list[Body]:
    """Import every body behind `url` (a System, a Body, or a list of bodies).

    Returns the local bodies. Raises ImportRefused only when nothing can be imported; any
    fault of the remote server after that is a warning in `report`.
    """
    try:
        start = client.get_json(url)
    except FetchError as exc:
        raise ImportRefused(
            _("%(url)s ist nicht lesbar: %(reason)s") % {"url": url, "reason": exc.reason}
        ) from exc
    remotes = _remote_bodies(start, url, client, report)
    if not remotes:
        raise ImportRefused(_("Unter %(url)s ist keine Körperschaft zu finden.") % {"url": url})
    if body_slug and len(remotes) > 1:
        raise ImportRefused(
            _("Das System hat %(count)d Körperschaften; --body geht nur bei einer.")
            % {"count": len(remotes)}
        )
    bodies = []
    for remote in remotes:
        body = local_body(remote, slug=body_slug, report=report)
        since = body.oparl_imported_at - SINCE_MARGIN if body.oparl_imported_at else None
        started = timezone.now()
        crawl = BodyCrawl(client=client, report=report, body=body, now=started)
        crawl.crawl(remote, since=since)
        if files:
            contents.fetch_contents(body=body, client=client, report=report, now=started)
        if crawl.complete:
            Body.objects.filter(pk=body.pk).update(oparl_imported_at=started)
            body.oparl_imported_at = started
        bodies.append(body)
    return bodies


def _remote_bodies(start: Any, url: str, client: Client, report: Report) -> list[dict[str, Any]]:
    if not isinstance(start, dict):
        return []
    kind = mapping.type_name(start)
    if kind == "Body":
        return [start]
    if kind == "System":
        list_url = Reader(start, report).link("body")
        if not list_url:
            return []
        try:
            start = client.get_json(list_url)
        except FetchError as exc:
            raise ImportRefused(
                _("Die Liste der Körperschaften %(url)s ist nicht lesbar: %(reason)s")
                % {"url": list_url, "reason": exc.reason}
            ) from exc
    bodies: list[dict[str, Any]] = []
    # A list of bodies is short; its further pages are followed here, without a crawl.
    for _page in range(100):
        if not isinstance(start, dict) or not isinstance(start.get("data"), list):
            break
        bodies += [b for b in start["data"] if isinstance(b, dict) and b.get("id")]
        links = start.get("links")
        next_url = links.get("next") if isinstance(links, dict) else None
        if not isinstance(next_url, str):
            break
        try:
            start = client.get_json(next_url)
        except FetchError as exc:
            report.warn("fetch", next_url, f"list page not readable: {exc.reason}")
            break
    return bodies


def body_values(remote: dict[str, Any], report: Report) -> dict[str, Any]:
    """The local Body's fields from a remote OParl Body (1.0 or 1.1)."""
    r = Reader(remote, report)
    name = r.text("name", max_length=200) or r.text("shortName", max_length=200) or r.url[-200:]
    values: dict[str, Any] = {
        "name": name,
        "short_name": r.text("shortName", max_length=100),
        "ags": r.text("ags", max_length=8),
        "website": r.text("website", max_length=200),
        "contact_email": r.text("contactEmail", max_length=254),
        "contact_name": r.text("contactName", max_length=200),
    }
    license_url = r.text("license", max_length=200)
    if license_url.startswith(("http://", "https://")):
        values["license"] = license_url
    return values


@transaction.atomic
def local_body(remote: dict[str, Any], *, slug: str, report: Report) -> Body:
    """The body imported from `remote` (created on the first run, updated when changed).

    A body made in Teilhabe itself is never written into: its slug is refused.
    """
    source = str(remote["id"])
    values = body_values(remote, report)
    body = Body.objects.select_for_update().filter(oparl_source=source).first()
    if body is not None:
        if slug and body.slug != slug:
            raise ImportRefused(
                _("%(source)s wird schon in die Körperschaft „%(slug)s“ importiert.")
                % {"source": source, "slug": body.slug}
            )
        changes = [k for k, v in values.items() if getattr(body, k) != v]
        if changes:
            for key in changes:
                setattr(body, key, values[key])
            body.version += 1
            body.save()
        report.count("Body", UPDATED if changes else UNCHANGED)
        return body
    if slug:
        other = Body.objects.filter(slug=slug).first()
        if other is not None:
            raise ImportRefused(
                _(
                    "Die Körperschaft „%(slug)s“ gibt es schon, aber nicht als Import von "
                    "%(source)s. Bitte ein anderes Kürzel wählen."
                )
                % {"slug": slug, "source": source}
            )
    else:
        slug = _free_slug(slugify(values["short_name"] or values["name"])[:50] or "oparl")
    body = Body.objects.create(slug=slug, oparl_source=source, **values)
    report.count("Body", CREATED)
    return body


def _free_slug(base: str) -> str:
    slug, n = base, 1
    while Body.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
