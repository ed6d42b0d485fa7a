"""Small helpers that every app's views share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

T = TypeVar("T")


def get_or_404(getter: Callable[..., T], **kwargs: Any) -> T:
    """Call a `*_get` selector; "does not exist" and "not for you" both become a 404."""
    try:
        return getter(**kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None
