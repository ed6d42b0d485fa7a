"""Reading fields of a remote OParl object the way real servers send them.

Every reader returns a value of the type the model needs, or the empty value, and warns
(with the object's URL) when the server sent a wrong type or an unreadable value. Empty
strings and `null` are simply absent, as the specification asks servers to send them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from teilhabe.oparl.importer.report import Report


class Reader:
    """Typed, tolerant access to one remote object `obj` (its `id` names it in warnings)."""

    def __init__(self, obj: dict[str, Any], report: Report, *, url: str = "") -> None:
        self.obj = obj
        self.report = report
        self.url = url or str(obj.get("id") or "")

    def warn(self, kind: str, message: str) -> None:
        self.report.warn(kind, self.url, message)

    def _wrong(self, key: str, value: Any, expected: str) -> None:
        self.warn("type", f"{key}: expected {expected}, got {type(value).__name__}")

    def text(self, key: str, *, max_length: int | None = None) -> str:
        value = self.obj.get(key)
        if value is None:
            return ""
        if isinstance(value, list):
            # OParl 1.0 servers sometimes send one-element lists for strings (and back).
            value = " ".join(str(v) for v in value if isinstance(v, str | int | float))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        elif not isinstance(value, str):
            self._wrong(key, value, "string")
            return ""
        value = value.replace("\x00", "").strip()
        if max_length is not None and len(value) > max_length:
            self.warn("truncated", f"{key}: shortened to {max_length} characters")
            value = value[:max_length].rstrip()
        return value

    def texts(self, key: str) -> list[str]:
        value = self.obj.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if not isinstance(value, list):
            self._wrong(key, value, "list of strings")
            return []
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]

    def boolean(self, key: str) -> bool | None:
        value = self.obj.get(key)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false"}:
            return value.lower() == "true"
        self._wrong(key, value, "boolean")
        return None

    def integer(self, key: str) -> int | None:
        value = self.obj.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        self._wrong(key, value, "integer")
        return None

    def date(self, key: str) -> dt.date | None:
        value = self.obj.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self._wrong(key, value, "date")
            return None
        try:
            parsed = parse_date(value[:10]) if len(value) >= 10 else None
        except ValueError:
            parsed = None
        if parsed is None:
            self.warn("invalid", f"{key}: {value!r} is no date")
        return parsed

    def datetime(self, key: str) -> dt.datetime | None:
        value = self.obj.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self._wrong(key, value, "date-time")
            return None
        try:
            parsed = parse_datetime(value)
            if parsed is None and len(value) == 10:
                day = parse_date(value)
                parsed = dt.datetime.combine(day, dt.time()) if day else None
        except ValueError:
            parsed = None
        if parsed is None:
            self.warn("invalid", f"{key}: {value!r} is no date-time")
            return None
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        # Stored rows come back without fractions on every database alike.
        return parsed.replace(microsecond=0)

    def link(self, key: str) -> str:
        """A reference: a URL, or the id of an embedded object."""
        value = self.obj.get(key)
        if isinstance(value, dict):
            value = value.get("id")
        if isinstance(value, list):
            self._wrong(key, value, "single URL")
            value = next((v for v in value if isinstance(v, str)), None)
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            self._wrong(key, value, "URL")
            return ""
        return value.strip()

    def links(self, key: str) -> list[str]:
        """References given as a list of URLs or embedded objects (a lone URL is accepted)."""
        value = self.obj.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, str | dict):
            value = [value]
        if not isinstance(value, list):
            self._wrong(key, value, "list of URLs")
            return []
        result = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("id")
            if isinstance(item, str) and item.strip():
                result.append(item.strip())
        return result

    def objects(self, key: str) -> list[dict[str, Any]]:
        """Embedded objects (a lone object is accepted; bare URLs are left to `links`)."""
        value = self.obj.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, dict):
            return [value]
        if not isinstance(value, list):
            self._wrong(key, value, "list of objects")
            return []
        return [item for item in value if isinstance(item, dict) and item.get("id")]
