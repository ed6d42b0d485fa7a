"""The site's WSGI application, plus fixed answers for the OParl list benchmark's baseline.

`GET /bench-static/<name>/` answers the bytes of `<name>.json` in the directory named by
`OPARL_STATIC_DIR` (saved from a real API answer by `bench/oparl_lists.py`), with the
headers an API answer has; every other request goes to `config.wsgi`. So one gunicorn
serves both, and the ratio of their throughputs is what the API costs beyond the server.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from config.wsgi import application as site

PREFIX = "/bench-static/"
_cache: dict[str, bytes] = {}


def _body(name: str) -> bytes | None:
    # Read once per worker, on first use: the files are written after the server started.
    if name not in _cache:
        folder = os.environ.get("OPARL_STATIC_DIR", "")
        path = Path(folder) / f"{name}.json"
        if not folder or not name.isidentifier() or not path.is_file():
            return None
        _cache[name] = path.read_bytes()
    return _cache[name]


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    path = environ.get("PATH_INFO", "")
    if path.startswith(PREFIX):
        body = _body(path[len(PREFIX) :].strip("/"))
        if body is not None:
            start_response(
                "200 OK",
                [
                    ("Content-Type", "application/json; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Access-Control-Allow-Origin", "*"),
                ],
            )
            return [body]
    return site(environ, start_response)
