"""The production configuration: safe defaults, nothing for `check --deploy` to report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "HTTPS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_under_production_settings(tmp_path):
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-1234567890",
        ALLOWED_HOSTS="teilhabe.example.org",
        TEILHABE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_is_off_unless_asked_for(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    result = _run("shell", "--no-imports", "-c", code, TEILHABE_VAR_DIR=str(tmp_path))
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_database_url_selects_postgresql_with_persistent_connections(tmp_path):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'] > 0)"
    )
    result = _run(
        "shell",
        "--no-imports",
        "-c",
        code,
        TEILHABE_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://u@db.example.org:5432/teilhabe",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "teilhabe", "True"], (
        result.stderr
    )


def test_a_generated_secret_key_is_kept_between_starts(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = _run("shell", "--no-imports", "-c", code, TEILHABE_VAR_DIR=str(tmp_path), SECRET_KEY="")
    second = _run(
        "shell", "--no-imports", "-c", code, TEILHABE_VAR_DIR=str(tmp_path), SECRET_KEY=""
    )
    assert first.stdout.strip() == second.stdout.strip()
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
