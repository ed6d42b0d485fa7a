"""Real HTTP servers on 127.0.0.1 for the importer tests (and bench/oparl_import.py).

`RecordedServer` serves a recorded crawl (files named after URL path and query, e.g.
`body/1/paper?page=44.json`) with the original base URL rewritten to its own address.
`WorldServer` serves a small OParl 1.1 world held in dicts, with paginated lists that
honour `modified_since`; tests change the world and inject faults between runs.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import shutil
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

DATA = Path(__file__).parent / "data"


def _unpacked(archive: Path) -> Path:
    """`archive` (a .tar.xz in DATA) unpacked once per content into the temporary directory.

    The crawl is kept packed in the repository (11 MB of JSON, 0.6 MB packed); every test
    process that needs it finds it unpacked, or unpacks it under a unique name and moves it
    into place, so parallel test workers never see half a folder.
    """
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"teilhabe-oparl-{archive.name.split('.')[0]}-{digest}"
    if not target.is_dir():
        scratch = Path(tempfile.mkdtemp(prefix=target.name + "-"))
        with tarfile.open(archive) as tar:
            tar.extractall(scratch, filter="data")
        (unpacked,) = scratch.iterdir()
        try:
            unpacked.rename(target)
        except OSError:  # another process was quicker
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            scratch.rmdir()
    return target


HUERTGENWALD = _unpacked(DATA / "huertgenwald.tar.xz")
HUERTGENWALD_BASE = "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/"

Response = tuple[int, bytes, str]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        fault = self.server.faults.get(self.path) or self.server.faults.get(
            urlsplit(self.path).path
        )
        if fault is not None:
            kind, value = fault
            if kind == "delay":
                time.sleep(value)
            elif kind == "status":
                self._send(value, b'{"type": "https://schema.oparl.org/1.1/Error"}', "json")
                return
        status, body, content_type = self.server.respond(self.path)
        self._send(status, body, content_type)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, respond: Callable[[str], Response]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.respond = respond
        self.requests: list[str] = []
        # path (with or without query) -> ("status", code) or ("delay", seconds)
        self.faults: dict[str, tuple[str, Any]] = {}


class _Running:
    def __init__(self) -> None:
        self.httpd = _Server(self.respond)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Any:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def requests(self) -> list[str]:
        return self.httpd.requests

    @property
    def faults(self) -> dict[str, tuple[str, Any]]:
        return self.httpd.faults

    def respond(self, path: str) -> Response:
        raise NotImplementedError


class RecordedServer(_Running):
    """Serves the recorded files of `folder`, rewriting `original_base` to its own URL.

    Only the `page` parameter selects a file (page 1 is the file without query); other
    parameters such as `modified_since` are ignored, as many real servers do.
    """

    def __init__(self, folder: Path = HUERTGENWALD, original_base: str = HUERTGENWALD_BASE):
        super().__init__()
        self.prefix = urlsplit(original_base).path
        self.files: dict[str, bytes] = {}
        for path in folder.rglob("*.json"):
            name = path.relative_to(folder).as_posix().removesuffix(".json")
            self.files[name] = path.read_bytes().replace(original_base.encode(), self.base.encode())

    @property
    def start_url(self) -> str:
        return self.base + "system"

    def respond(self, path: str) -> Response:
        parts = urlsplit(path)
        name = parts.path.removeprefix("/").removeprefix(self.prefix.lstrip("/"))
        page = dict(parse_qsl(parts.query)).get("page", "1")
        key = name if page == "1" else f"{name}?page={page}"
        body = self.files.get(key)
        if body is None:
            return 404, b'{"type": "https://schema.oparl.org/1.0/Error"}', "application/json"
        return 200, body, "application/json"


class WorldServer(_Running):
    """A small OParl 1.1 server over `world`: {type: {id suffix: object}}.

    Objects are kept without their ids; `respond` adds the ids under this server's base.
    Lists page by `page_size`, link `next`, and filter by `modified_since`. Every object
    is also served under its own id unless listed in `unserved`.
    """

    LISTS = ("organization", "person", "meeting", "paper", "legislativeTerm", "location")

    def __init__(self, world: dict[str, dict[str, dict[str, Any]]], page_size: int = 2):
        super().__init__()
        self.world = world
        self.page_size = page_size
        self.unserved: set[str] = set()
        self.binary: dict[str, bytes] = {}
        # list name -> objects to repeat on the next page (a server shifting under a crawl)
        self.duplicate_on_next_page: set[str] = set()
        self.cut_lists: set[str] = set()  # lists whose page 2 has no `next` link

    def url(self, suffix: str) -> str:
        return self.base + suffix

    def render(self, value: Any) -> Any:
        """Replace `@suffix` strings by full URLs, recursively."""
        if isinstance(value, str) and value.startswith("@"):
            return self.url(value[1:])
        if isinstance(value, list):
            return [self.render(v) for v in value]
        if isinstance(value, dict):
            return {k: self.render(v) for k, v in value.items()}
        return value

    def _system(self) -> dict[str, Any]:
        return {
            "id": self.url("system"),
            "type": "https://schema.oparl.org/1.1/System",
            "oparlVersion": "https://schema.oparl.org/1.1/",
            "body": self.url("bodies"),
            "name": "Test",
        }

    def _body(self) -> dict[str, Any]:
        body = {
            "id": self.url("body/1"),
            "type": "https://schema.oparl.org/1.1/Body",
            "system": self.url("system"),
            "name": "Stadt Teststadt",
            "shortName": "Teststadt",
            "created": "2020-01-01T00:00:00+01:00",
            "modified": "2020-01-01T00:00:00+01:00",
        }
        for name in self.LISTS:
            key = {"legislativeTerm": "legislativeTermList", "location": "locationList"}
            body[key.get(name, name)] = self.url(f"body/1/{name}")
        return body

    def respond(self, path: str) -> Response:
        parts = urlsplit(path)
        name = parts.path.strip("/")
        query = dict(parse_qsl(parts.query))
        if name == "system":
            return self._json(self._system())
        if name == "bodies":
            return self._json({"data": [self._body()], "pagination": {}, "links": {}})
        if name == "body/1":
            return self._json(self._body())
        if name in self.binary:
            return 200, self.binary[name], "application/octet-stream"
        list_name = name.removeprefix("body/1/")
        if list_name in self.LISTS:
            return self._json(self._list(list_name, query))
        for objects in self.world.values():
            for suffix, obj in objects.items():
                if suffix == name and suffix not in self.unserved:
                    return self._json(self._object(suffix, obj))
        return 404, b'{"type": "https://schema.oparl.org/1.1/Error"}', "application/json"

    def _object(self, suffix: str, obj: dict[str, Any]) -> dict[str, Any]:
        return self.render({"id": f"@{suffix}", **copy.deepcopy(obj)})

    def _list(self, list_name: str, query: dict[str, str]) -> dict[str, Any]:
        type_name = list_name[0].upper() + list_name[1:]
        objects = [
            (s, o) for s, o in self.world.get(type_name, {}).items() if s not in self.unserved
        ]
        since = query.get("modified_since")
        if since:
            after = dt.datetime.fromisoformat(since)
            objects = [
                (s, o) for s, o in objects if dt.datetime.fromisoformat(o["modified"]) >= after
            ]
        page = int(query.get("page", "1"))
        start = (page - 1) * self.page_size
        chunk = objects[start : start + self.page_size]
        if list_name in self.duplicate_on_next_page and page > 1 and start > 0:
            chunk = [objects[start - 1], *chunk]
        pages = max(1, -(-len(objects) // self.page_size))
        links: dict[str, str] = {}
        if page < pages and not (list_name in self.cut_lists and page == 2):
            links["next"] = self.url(
                f"body/1/{list_name}?" + urlencode({**query, "page": str(page + 1)})
            )
        return {
            "data": [self._object(s, o) for s, o in chunk],
            "pagination": {"totalElements": len(objects), "currentPage": page},
            "links": links,
        }

    @staticmethod
    def _json(value: Any) -> Response:
        return 200, json.dumps(value).encode(), "application/json"
