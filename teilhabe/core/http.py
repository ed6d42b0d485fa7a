"""Small helpers that every app's views share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

T = TypeVar("T")
M = TypeVar("M", bound=Model)


def get_or_404(getter: Callable[..., T], **kwargs: Any) -> T:
    """Call a `*_get` selector; "does not exist" and "not for you" both become a 404."""
    try:
        return getter(**kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


# The query parameter of every paginated list (German, like the other addresses).
PAGE_PARAM = "seite"


def paginate(request: HttpRequest, rows: QuerySet[M], per_page: int) -> Page[M]:
    """One page of `rows`; a missing, non-numeric or too large page number gives a valid page."""
    return Paginator(rows, per_page).get_page(request.GET.get(PAGE_PARAM))
