"""HTTP for the importer: JSON and file contents, with a rate limit, timeouts and retries.

Only the standard library: the importer asks few, large questions (a page of 25-100
objects each), so a connection pool would not pay for a dependency.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

USER_AGENT = "Teilhabe-OParl-Import/1.0"
# Statuses worth asking again: the server is busy or briefly broken. A 404 stays a 404.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class FetchError(Exception):
    """A URL could not be read (HTTP error, timeout, broken JSON). `url` says which."""

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{reason} ({url})")
        self.url = url
        self.reason = reason
        self.status = status


class Client:
    """GETs with at most `rate` requests per second, `timeout` seconds each, and up to
    `retries` further tries (after 0.5 s, 1 s, 2 s …) on timeouts and temporary errors."""

    def __init__(
        self,
        *,
        rate: float | None = None,
        timeout: float = 30.0,
        retries: int = 2,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.requests = 0
        self._sleep = sleep
        self._next_at = 0.0
        self._lock = threading.Lock()

    def get_json(self, url: str) -> Any:
        body = self.get_bytes(url, accept="application/json")
        try:
            return json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FetchError(url, f"no valid JSON: {exc}") from exc

    def get_bytes(self, url: str, *, accept: str = "*/*", max_bytes: int | None = None) -> bytes:
        """The body of `url`; raises FetchError when every try failed or it is too big."""
        if not url.startswith(("http://", "https://")):
            raise FetchError(url, "not an http(s) URL")
        attempt = 0
        while True:
            try:
                return self._get_once(url, accept=accept, max_bytes=max_bytes)
            except FetchError as exc:
                temporary = exc.status is None or exc.status in RETRY_STATUSES
                if not temporary or attempt >= self.retries or exc.reason == "too big":
                    raise
                self._sleep(self.backoff * 2**attempt)
                attempt += 1

    def _wait_turn(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            wait = self._next_at - now
            self._next_at = max(now, self._next_at) + self.interval
        if wait > 0:
            self._sleep(wait)

    def _get_once(self, url: str, *, accept: str, max_bytes: int | None) -> bytes:
        self._wait_turn()
        self.requests += 1
        request = urllib.request.Request(  # noqa: S310 (scheme checked in get_bytes)
            url, headers={"Accept": accept, "User-Agent": USER_AGENT}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                limit = max_bytes + 1 if max_bytes is not None else -1
                data: bytes = response.read(limit)
        except urllib.error.HTTPError as exc:
            raise FetchError(url, f"HTTP {exc.code}", status=exc.code) from exc
        except TimeoutError as exc:
            raise FetchError(url, "timeout") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise FetchError(url, "timeout") from exc
            raise FetchError(url, f"connection failed: {reason}") from exc
        if max_bytes is not None and len(data) > max_bytes:
            raise FetchError(url, "too big")
        return data
