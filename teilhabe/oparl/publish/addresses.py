"""Canonical addresses: the `id` of every object and list, and the `web` page beside it.

Ids are absolute and stable: the site's configured address (`TEILHABE_BASE_URL`, the
same that invitations and e-mails link to), or the requesting host when none is
configured, followed by a path that holds only the object's type and primary key — never
a name, slug or anything else that can change. Reversing a URL pattern for every one of
hundreds of objects on a list page is slow, so each pattern is reversed once with a
placeholder and the result filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.http import HttpRequest
from django.urls import reverse

from teilhabe.council.links import base_url

_PLACEHOLDER = 987654321


@lru_cache(maxsize=256)
def _template(name: str, slug: str | None = None) -> tuple[str, str]:
    """The path of `name` split around its `pk` (with `body` set to `slug` if given)."""
    kwargs: dict[str, object] = {"pk": _PLACEHOLDER}
    if slug is not None:
        kwargs["body"] = slug
    head, tail = reverse(name, kwargs=kwargs).split(str(_PLACEHOLDER))
    return head, tail


def site_base(request: HttpRequest) -> str:
    """The configured site address, else the scheme and host of this request."""
    return base_url() or request.build_absolute_uri("/").rstrip("/")


@dataclass
class Addresses:
    """Builds the absolute addresses of one response.

    `body_slugs` names the slug of each body whose pages are linked (`web`); `embed` is
    False when the client asked to leave embedded objects out (`omit_internal`).
    """

    base: str
    body_slugs: dict[int, str] = field(default_factory=dict)
    embed: bool = True

    def system(self) -> str:
        return f"{self.base}{reverse('oparl:system')}"

    def body_list(self) -> str:
        return f"{self.base}{reverse('oparl:body_list')}"

    def object(self, slug: str, pk: int) -> str:
        """The id of the object of type `slug` (e.g. "paper") with primary key `pk`."""
        head, tail = _template(f"oparl:{slug}")
        return f"{self.base}{head}{pk}{tail}"

    def body_list_of(self, slug: str, body_id: int) -> str:
        """The external list of the body's objects of type `slug`."""
        head, tail = _template(f"oparl:body_{slug}_list")
        return f"{self.base}{head}{body_id}{tail}"

    def organization_meetings(self, organization_id: int) -> str:
        head, tail = _template("oparl:organization_meeting_list")
        return f"{self.base}{head}{organization_id}{tail}"

    def page(self, name: str, body_id: int, pk: int | None = None) -> str | None:
        """The HTML page `council:<name>` of the body (of object `pk`), or None if the
        body's slug is not known to this response."""
        slug = self.body_slugs.get(body_id)
        if slug is None:
            return None
        if pk is None:
            return f"{self.base}{reverse(f'council:{name}', kwargs={'body': slug})}"
        head, tail = _template(f"council:{name}", slug)
        return f"{self.base}{head}{pk}{tail}"

    def file_access(self, body_id: int, pk: int, file_name: str) -> str | None:
        """The download address of a file (`accessUrl`), served after the same visibility
        check as every page."""
        slug = self.body_slugs.get(body_id)
        if slug is None:
            return None
        path = reverse(
            "council:file_download", kwargs={"body": slug, "pk": pk, "file_name": file_name}
        )
        return f"{self.base}{path}"
