"""Addresses that leave the site: in e-mails and generated documents.

A page link in a PDF or an e-mail must work outside the browser that made it, so it needs
the site's own address. That comes from the setting `TEILHABE_BASE_URL` (e.g.
`https://teilhabe.example.org`); without it the link is the path alone, which a reader
can still type after the site's address.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def base_url() -> str:
    return str(getattr(settings, "TEILHABE_BASE_URL", "") or "").rstrip("/")


def absolute_url(path: str) -> str:
    return f"{base_url()}{path}"


def page_url(name: str, **kwargs: object) -> str:
    """The absolute address of a named page (see `absolute_url`)."""
    return absolute_url(reverse(name, kwargs=kwargs))
