"""File downloads: the one way an uploaded document leaves the server.

Uploads live in the default storage outside the web root, under their content hash;
they are served only here, after the same visibility check as every page.
"""

from __future__ import annotations

import logging
import re

from django.http import FileResponse, Http404, HttpRequest
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from teilhabe.core.bodies import body_view
from teilhabe.council import selectors
from teilhabe.council.models import File

logger = logging.getLogger(__name__)

# type "/" subtype, as in RFC 6838; anything else is served as opaque bytes.
MIME_TYPE = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$"
)
FALLBACK_MIME_TYPE = "application/octet-stream"
PUBLIC_MAX_AGE = 600


def _content_type(file: File) -> str:
    return file.mime_type if MIME_TYPE.match(file.mime_type or "") else FALLBACK_MIME_TYPE


def _download_name(file: File) -> str:
    # Django encodes the name for the header (RFC 6266 / 5987); control characters would
    # make the header invalid, so they are dropped.
    return "".join(ch for ch in file.file_name if ch.isprintable()).strip() or "datei"


@require_safe
@body_view
def file_download(request: HttpRequest, pk: int, file_name: str) -> FileResponse:
    """Serve a visible file of this body as an attachment; anything else is a 404."""
    body = request.current_body  # type: ignore[attr-defined]
    try:
        file = selectors.file_get(body=body, user=request.user, pk=pk, file_name=file_name)
    except File.DoesNotExist:
        raise Http404 from None
    if not file.content.name:
        raise Http404
    try:
        handle = file.content.storage.open(file.content.name, "rb")
    except FileNotFoundError:
        logger.warning("File %s is recorded but missing in storage.", file.pk)
        raise Http404 from None

    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_download_name(file),
        content_type=_content_type(file),
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser render it anyway, it runs without scripts or same-origin access.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if request.user.is_authenticated and not selectors.file_is_public(file=file):
        # A member's non-public document stays out of shared caches and off shared disks.
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response
