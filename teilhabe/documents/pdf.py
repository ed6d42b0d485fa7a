"""PDF from an HTML template, with WeasyPrint.

The template is rendered with Django's engine in the active language; WeasyPrint never
fetches anything from the network (`url_fetcher` refuses), so a document cannot leak a
request or depend on a server being reachable.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"documents do not load external resources: {url}")


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """The rendered template as PDF bytes."""
    from weasyprint import HTML  # imported here: loading pango costs ~0.3 s per process

    html = render_to_string(template_name, context)
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return pdf
