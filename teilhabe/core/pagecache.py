"""The public pages' cache: what visitors who are not logged in see, rendered once.

Most requests to a council information system come from visitors who are not logged in
(residents, the press, crawlers), and they all see the same public page. The cache keeps
the rendered title and content of such a page; the layout around it (language switch with
its CSRF token, login link, messages) is rendered for every request.

Correctness rests on one counter, the data generation (`DataGeneration`):

- every write to the project's tables (INSERT, UPDATE or DELETE from any code path: services,
  the admin, `QuerySet.update()`, bulk inserts, imports) moves it on once its transaction
  has committed; the statements are watched on the database connection, so no code path
  can forget it;
- a page is cached under the generation read at the start of the request, so after a write
  no page rendered before it is served again. A page rendered while a write commits is
  stored under the old generation and never read.

Pages are cached only for visitors who are not logged in, and only for GET and HEAD
requests answered with 200; the key holds the language, the full path with its query and
the day (for pages that say "upcoming"); entries also expire after `PAGE_CACHE_SECONDS`.
`PAGE_CACHE_ENABLED = False` turns it off (the test settings do, except in its own tests).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils import timezone, translation

from teilhabe.core.models import DataGeneration

View = Callable[..., HttpResponseBase]

CACHE_ALIAS = "pages"
# Tables whose writes do not change any public page: sessions, login throttling, the task
# queue, the background jobs' progress, and the counter itself (its own UPDATE must not
# count as a write).
IGNORED_TABLE_PREFIXES = (
    "django_session",
    "axes_",
    "django_tasks",
    "core_job",
    "core_datageneration",
)
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE")

# The blocks of `base.html` that a cached page keeps (see the `capture` tag).
CAPTURED_BLOCKS = ("title", "content")


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_ENABLED", True))


# The data generation --------------------------------------------------------------------


def current_generation() -> int:
    """The generation now; 0 before the first write (the row is created by the first bump).

    Read with plain SQL: it is asked once per cached answer, whose whole cost it is
    otherwise (building the ORM query took longer than running it).

    The read is also the connection's health check: with `CONN_HEALTH_CHECKS` Django would
    first send a `SELECT 1` on a reused connection, a second round trip for an answer that
    needs one. Instead, a read that fails on a connection not yet checked in this request
    closes it and reads once more on a new one, which is what the health check would have
    done.
    """
    connection = connections["default"]
    # Attributes of Django's connection that its type stubs do not declare.
    enabled, done = connection.health_check_enabled, connection.health_check_done  # type: ignore[attr-defined]
    unchecked = enabled and not done
    if not unchecked or connection.in_atomic_block:
        return _read_generation(connection)
    connection.health_check_done = True  # type: ignore[attr-defined]
    try:
        return _read_generation(connection)
    except DatabaseError:
        connection.close()
        return _read_generation(connection)


def _read_generation(connection: BaseDatabaseWrapper) -> int:
    table = connection.ops.quote_name(DataGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT value FROM {table} WHERE id = %s",  # noqa: S608 (our table name)
            [DataGeneration.SINGLETON],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def bump_generation(using: str = "default") -> None:
    """Move the generation on, in plain statements that open no transaction of their own.

    It may run while the statement that wrote is still open on the same connection (an
    INSERT ... RETURNING in autocommit mode), so it cannot use the ORM's atomic helpers.
    """
    table = connections[using].ops.quote_name(DataGeneration._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET value = value + 1 WHERE id = %s",  # noqa: S608 (our table name)
            [DataGeneration.SINGLETON],
        )
        if cursor.rowcount == 0:
            cursor.execute(
                f"INSERT INTO {table} (id, value) VALUES (%s, 1) ON CONFLICT (id) DO NOTHING",  # noqa: S608
                [DataGeneration.SINGLETON],
            )


def _is_data_write(sql: str) -> bool:
    head = sql.lstrip()[:120].upper()
    if not head.startswith(_WRITE_VERBS):
        return False
    lowered = head.lower().replace('"', "").replace("`", "")
    return not any(f" {prefix}" in lowered for prefix in IGNORED_TABLE_PREFIXES)


class _WriteWatcher:
    """An execute wrapper: a data write moves the generation on once it has committed."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.counter_exists = False

    def _counter_exists(self) -> bool:
        """Whether the counter's table exists yet: `migrate` writes before creating it."""
        if not self.counter_exists:
            tables = self.connection.introspection.table_names()
            self.counter_exists = DataGeneration._meta.db_table in tables
        return self.counter_exists

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        result = execute(sql, params, many, context)
        if enabled() and isinstance(sql, str) and _is_data_write(sql) and self._counter_exists():
            self._schedule()
        return result

    def _bump(self) -> None:
        bump_generation(self.connection.alias)

    def _schedule(self) -> None:
        connection = self.connection
        if not connection.in_atomic_block:
            self._bump()
            return
        # One bump per transaction however many statements it runs. Django drops the
        # callback when the savepoint that registered it is rolled back; the next write
        # then registers it again.
        if any(entry[1] == self._bump for entry in connection.run_on_commit):
            return
        # Robust: the data has committed; a failed bump (logged by Django) must not turn
        # the caller's answer into an error. Entries still expire after PAGE_CACHE_SECONDS.
        transaction.on_commit(self._bump, using=connection.alias, robust=True)


def watch_connection(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: watch every new connection's statements."""
    if not any(isinstance(w, _WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection))


def watch_open_connections() -> None:
    for connection in connections.all(initialized_only=True):
        watch_connection(None, connection)


# The cached page ------------------------------------------------------------------------


def _cacheable(request: HttpRequest) -> bool:
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "HX-Request" not in request.headers
    )


def _key(request: HttpRequest, generation: int, *extra: str) -> str:
    parts = (
        str(generation),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        request.get_full_path(),
        *extra,
    )
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def response_key(request: HttpRequest, *extra: str) -> str:
    """A cache key for an answer that is the same for everyone (the OParl API): the data
    generation now, the language, the day, the path with its query, and `extra`."""
    return _key(request, current_generation(), *extra)


def public_page(view: View) -> View:
    """Serve the view's title and content from the cache to visitors not logged in.

    Put it below `body_view` (the body's slug is part of the path, so of the key). The view
    itself must render `base.html`-derived HTML whose title and content do not depend on
    who asks, as long as they are not logged in.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        cache = caches[CACHE_ALIAS]
        key = _key(request, current_generation())
        blocks = cache.get(key)
        if isinstance(blocks, dict):
            return TemplateResponse(
                request, "core/cached_page.html", {"cached_blocks": blocks}
            ).render()
        captured: dict[str, str] = {}
        request._pagecache_capture = captured  # type: ignore[attr-defined]
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and set(CAPTURED_BLOCKS) <= captured.keys():
            cache.set(key, captured)
        return response

    return wrapper


def capture(request: Any, name: str, output: str) -> None:
    """Called by the `capture` template tag: keep a block's HTML for the cache."""
    store = getattr(request, "_pagecache_capture", None)
    if store is not None:
        store[name] = str(output)
