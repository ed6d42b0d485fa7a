"""Values as OParl writes them: dates `yyyy-mm-dd`, date-times `yyyy-mm-ddThh:mm:ss±hh:mm`.

No `Z`, no fractions of a second (OParl 1.1, "Datums- und Zeitangaben"); date-times are
given in the project's time zone (Europe/Berlin) with its offset. `null` and empty strings
are never sent: `compact` leaves them out.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation

TYPE_PREFIX = "https://schema.oparl.org/1.1/"
OPARL_VERSION = "https://schema.oparl.org/1.1/"

# What `date_time` writes; the filters accept exactly what a date-time in ISO 8601 may be.
DATE_TIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def date_time(value: dt.datetime) -> str:
    """`2026-03-01T18:30:00+01:00`: local time with its offset, whole seconds."""
    return value.astimezone(local_zone()).replace(microsecond=0).isoformat()


def date(value: dt.date) -> str:
    return value.isoformat()


def oparl_type(name: str) -> str:
    return f"{TYPE_PREFIX}{name}"


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """`data` without the attributes that are None or an empty string."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def web_url(url: str) -> str:
    """`url` if it is an http(s) address (a link may point only there), else ""."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def label(obj: models.Model, field_name: str) -> str:
    """The display label of a choice field's value (what `get_<field>_display()` gives),
    read from a table built once per model, field and language: a list of 100 meetings
    asks for a thousand labels, and Django rebuilds the whole choice list for each."""
    value = getattr(obj, field_name)
    return _labels(type(obj), field_name, translation.get_language()).get(value, str(value))


@functools.cache
def _labels(model: type[models.Model], field_name: str, language: str | None) -> dict[Any, str]:
    field = model._meta.get_field(field_name)
    return {key: str(text) for key, text in field.flatchoices}  # type: ignore[union-attr]
