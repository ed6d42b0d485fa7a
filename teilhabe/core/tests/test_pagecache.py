"""The data generation behind the public pages' cache: every committed write moves it on.

These tests commit for real (`transaction=True`): the generation moves only after commit.
"""

from __future__ import annotations

from typing import Any, cast

import psycopg
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction

from teilhabe.core import pagecache
from teilhabe.core.models import Body
from teilhabe.core.tests.factories import BodyFactory

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _enabled(settings: Any) -> None:
    settings.PAGE_CACHE_ENABLED = True


def test_a_save_outside_a_transaction_moves_the_generation_on() -> None:
    before = pagecache.current_generation()
    _body()
    assert pagecache.current_generation() > before


def test_a_transaction_moves_it_on_once_and_only_when_it_commits() -> None:
    body = _body()
    before = pagecache.current_generation()
    with transaction.atomic():
        body.name = "Neustadt"
        body.save()
        Body.objects.filter(pk=body.pk).update(short_name="N")  # no signal: still seen
        assert pagecache.current_generation() == before  # not before commit
    assert pagecache.current_generation() == before + 1


def test_a_rolled_back_transaction_leaves_it_and_the_next_one_counts_again() -> None:
    body = _body()
    before = pagecache.current_generation()
    with pytest.raises(RuntimeError):
        _write_and_fail(body)
    assert pagecache.current_generation() == before
    with transaction.atomic():
        Body.objects.filter(pk=body.pk).update(name="Behalten")
    assert pagecache.current_generation() == before + 1


def test_a_write_in_a_rolled_back_savepoint_is_scheduled_again_by_the_next_write() -> None:
    body = _body()
    before = pagecache.current_generation()
    with transaction.atomic():
        with pytest.raises(RuntimeError):
            _write_and_fail(body)
        Body.objects.filter(pk=body.pk).update(name="Behalten")
    assert pagecache.current_generation() == before + 1


def test_sessions_do_not_count_as_data() -> None:
    before = pagecache.current_generation()
    session = SessionStore()
    session["language"] = "ar"
    session.save()
    assert pagecache.current_generation() == before


def test_switched_off_nothing_is_counted(settings: Any) -> None:
    settings.PAGE_CACHE_ENABLED = False
    before = pagecache.current_generation()
    _body()
    assert pagecache.current_generation() == before


@pytest.mark.parametrize(
    ("sql", "is_write"),
    [
        ('UPDATE "council_meeting" SET "name" = %s', True),
        ("  insert into council_paper (name) values (%s)", True),
        ('DELETE FROM "council_file" WHERE id = %s', True),
        ('SELECT "council_meeting"."id" FROM "council_meeting"', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', False),
        ('UPDATE "core_datageneration" SET "value" = ("value" + 1)', False),
    ],
)
def test_which_statements_are_data_writes(sql: str, is_write: bool) -> None:
    assert pagecache._is_data_write(sql) is is_write


def _write_and_fail(body: Body) -> None:
    with transaction.atomic():
        Body.objects.filter(pk=body.pk).update(name="Verworfen")
        raise RuntimeError


def _body() -> Body:
    return cast(Body, BodyFactory())


def test_a_fresh_database_migrates_with_the_cache_on(tmp_path: Any) -> None:
    """`migrate` writes before the counter's table exists; that must not break it."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PAGE_CACHE": "true",
        "TEILHABE_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _new_request(connection: Any) -> None:
    """What Django does when a request starts: a reused connection is due for a check."""
    connection.close_if_unusable_or_obsolete()


def test_reading_the_generation_is_the_connections_health_check(monkeypatch: Any) -> None:
    """On a healthy reused connection the generation is read without a `SELECT 1` first."""
    pagecache.bump_generation()
    expected = pagecache.current_generation()
    _new_request(connection)
    checks: list[bool] = []
    real_is_usable = connection.is_usable

    def counted_is_usable() -> bool:
        checks.append(True)
        return bool(real_is_usable())

    monkeypatch.setattr(connection, "is_usable", counted_is_usable)
    assert pagecache.current_generation() == expected
    assert checks == []


def test_a_connection_the_server_dropped_is_replaced_while_reading_the_generation() -> None:
    """PostgreSQL restarted, or dropped an idle connection: the next request still works."""
    if connection.vendor != "postgresql":
        pytest.skip("only a server can drop a connection")
    pagecache.bump_generation()
    expected = pagecache.current_generation()
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    _new_request(connection)
    assert pagecache.current_generation() == expected
    assert connection.connection.info.backend_pid != pid
