"""HTTP for OParl: JSON responses, error objects, CORS and conditional requests.

Every answer — objects, lists and errors — carries `Access-Control-Allow-Origin: *`, so
that web applications anywhere may read the open data. Errors are OParl error objects
(`type` …/Error, a German `message`, a `debug` hint) with the fitting status. Every
successful answer carries a strong `ETag` (a hash of its bytes, so it changes exactly
when the answer does); a single object also carries `Last-Modified`. A request whose
`If-None-Match` (or, without it, `If-Modified-Since`) still matches gets 304 Not Modified.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date
from django.utils.translation import gettext as _

from teilhabe.core import pagecache
from teilhabe.oparl.publish.addresses import site_base
from teilhabe.oparl.publish.formats import oparl_type

View = Callable[..., HttpResponseBase]

CONTENT_TYPE = "application/json; charset=utf-8"
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
# The content of the API is German, whatever language the visitor's browser prefers.
CONTENT_LANGUAGE = "de"
# Answers are kept apart from the pages: a list page can be half a megabyte.
CACHE_ALIAS = "oparl"


def _cors(response: HttpResponseBase) -> HttpResponseBase:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def error(status: int, message: str, debug: str = "") -> HttpResponse:
    """An OParl error object with HTTP status `status`."""
    data = {"type": oparl_type("Error"), "message": message}
    if debug:
        data["debug"] = debug
    response = HttpResponse(_dumps(data), status=status, content_type=CONTENT_TYPE)
    response["Cache-Control"] = "no-cache"
    _cors(response)
    return response


def not_found() -> HttpResponse:
    return error(404, _("Dieses Objekt gibt es nicht oder es ist nicht öffentlich."))


def respond(
    request: HttpRequest, data: dict[str, Any], *, last_modified: dt.datetime | None = None
) -> HttpResponseBase:
    """`data` as JSON with its validators, or 304 if the client's copy is current."""
    content = _dumps(data)
    etag = f'"{hashlib.sha256(content).hexdigest()[:40]}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    return _answer(request, content, etag, timestamp)


def _answer(
    request: HttpRequest, content: bytes, etag: str, timestamp: int | None
) -> HttpResponseBase:
    conditional = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=None
    )
    response: HttpResponseBase
    if conditional is not None:
        response = conditional
    else:
        response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = "no-cache"
    response["Content-Language"] = CONTENT_LANGUAGE
    return _cors(response)


def _key(request: HttpRequest) -> str:
    with translation.override(CONTENT_LANGUAGE):
        return pagecache.response_key(request, site_base(request))


def kept_answer(request: HttpRequest) -> HttpResponseBase | None:
    """The kept answer to `request`, or None: read before the rest of the middleware runs
    (see `teilhabe.oparl.middleware`), since the API reads no session and no user."""
    if not pagecache.enabled() or request.method not in ("GET", "HEAD"):
        return None
    kept = caches[CACHE_ALIAS].get(_key(request))
    if not isinstance(kept, tuple):
        return None
    content, etag, timestamp = kept
    return _answer(request, content, etag, timestamp)


def _cached(request: HttpRequest, view: View, *args: Any, **kwargs: Any) -> HttpResponseBase:
    """The view's answer, kept in the cache under the data generation.

    The API answers everyone alike, so an answer is rendered once per generation, path,
    query and host (the ids are built from it when TEILHABE_BASE_URL is not set); a
    conditional request is answered from the kept validators.
    """
    if not pagecache.enabled() or request.method not in ("GET", "HEAD"):
        return view(request, *args, **kwargs)
    key = _key(request)
    kept = caches[CACHE_ALIAS].get(key)
    if isinstance(kept, tuple):
        content, etag, timestamp = kept
        return _answer(request, content, etag, timestamp)
    response = view(request, *args, **kwargs)
    if response.status_code == 200 and isinstance(response, HttpResponse):
        last_modified = response.get("Last-Modified")
        timestamp = parse_http_date(last_modified) if last_modified else None
        caches[CACHE_ALIAS].set(key, (response.content, response["ETag"], timestamp))
    return response


def latest_modified(data: Any) -> dt.datetime:
    """The latest `modified` of an object and of everything embedded in it: the object's
    `Last-Modified`."""
    found: list[dt.datetime] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("modified"), str):
                found.append(dt.datetime.fromisoformat(value["modified"]))
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(data)
    return max(found)


def oparl_view(view: View) -> View:
    """Only GET and HEAD (OPTIONS for CORS pre-flight); answers in German; CORS on all."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            response: HttpResponseBase = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        if request.method not in ALLOWED_METHODS:
            response = error(405, _("Diese Schnittstelle kann nur gelesen werden (GET)."))
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        with translation.override(CONTENT_LANGUAGE):
            return _cached(request, view, *args, **kwargs)

    # Nothing here writes, so no CSRF token is needed; a POST gets the OParl 405 above
    # instead of the CSRF failure page.
    wrapper.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapper
