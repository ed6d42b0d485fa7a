"""What a body's papers may link to: its own records and those of bodies imported from OParl.

A Beirat's paper (or motion) may relate to the papers and cite the resolutions of a body
mirrored from another council information system, typically the Stadtrat's, never to the
records of another body made in Teilhabe (`services._common.ensure_citable` checks the
same on every write). Of an imported body, only public records are offered.

An imported Stadtrat easily holds thousands of papers, too many for a select box: the
choices offer the `CITABLE_RECENT` newest public records of each imported body, plus those
already linked (so that saving a form never drops a link it cannot show). Older ones are
reached by reference number where the form takes references (the motion form). Every
query here is one query, whatever the number of records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Case, F, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Paper

# An authenticated user, AnonymousUser or None (as in `selectors.public`).
AnyUser = Any

# Newest public records offered per imported body.
CITABLE_RECENT = 100


def imported_body_q(prefix: str = "") -> Q:
    """The record (reached by `prefix`) belongs to a body imported from OParl."""
    return ~Q(**{f"{prefix}body__oparl_source": ""})


def citable_body_q(body: Body | int, prefix: str = "") -> Q:
    """The record belongs to `body` or to a body imported from OParl."""
    return Q(**{f"{prefix}body": body}) | imported_body_q(prefix)


def _own_first(body: Body | int) -> Case:
    return Case(When(body=body, then=Value(0)), default=Value(1))


def _newest_imported(queryset: QuerySet, *order: str, limit: int) -> QuerySet:
    """The pks of the `limit` first rows (by `order`) of each body in `queryset`."""
    ranked = queryset.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("body_id")],
            order_by=[F(name[1:]).desc() if name.startswith("-") else F(name) for name in order],
        )
    ).filter(rank__lte=limit)
    # A window filter becomes a subquery of its own; its pks feed the outer filter.
    return ranked.values("pk")


def related_paper_choices(
    *,
    body: Body,
    user: AnyUser,
    paper: Paper | None = None,
    limit: int = CITABLE_RECENT,
) -> QuerySet[Paper]:
    """Papers a paper of `body` may relate to: every one of `body` the user may see, the
    `limit` newest public papers of each imported body, and the public imported papers
    `paper` relates to already; the own body's first, then by body name, newest first,
    each with its `body` loaded (for its label)."""
    own = Paper.objects.visible_to(user).for_body(body)
    public_imported = Paper.objects.visible_to(None).filter(imported_body_q())
    wanted = Q(pk__in=own.values("pk")) | Q(
        pk__in=_newest_imported(public_imported, "-date", "-pk", limit=limit)
    )
    if paper is not None and paper.pk:
        linked = public_imported.filter(related_papers=paper).values("pk")
        wanted |= Q(pk__in=linked)
    choices = Paper.objects.filter(wanted)
    if paper is not None and paper.pk:
        choices = choices.exclude(pk=paper.pk)
    return (
        choices.select_related("body")
        .annotate(own_first=_own_first(body))
        .order_by("own_first", "body__name", "-date", "-pk")
    )


def imported_resolution_choices(*, user: AnyUser, limit: int = CITABLE_RECENT) -> QuerySet:
    """The pks of the `limit` latest public resolutions (items with a result) of each
    imported body the user may see (a subquery for a choice field's queryset)."""
    resolutions = (
        AgendaItem.objects.visible_to(user).with_results().filter(imported_body_q(), public=True)
    )
    return _newest_imported(resolutions, "-meeting__start", "-order", "-pk", limit=limit)


def citable_papers_by_reference(
    *, body: Body, user: AnyUser, references: Iterable[str]
) -> tuple[dict[str, Paper], list[str]]:
    """The papers `references` name (one query), and the references naming papers of
    several imported bodies (ambiguous).

    A reference names the user's visible paper of `body` when there is one, else a public
    paper of an imported body; references no paper answers are missing from the result.
    """
    wanted = list(references)
    rows = (
        Paper.objects.visible_to(user)
        .filter(reference__in=wanted)
        .filter(Q(body=body) | (imported_body_q() & Q(public=True)))
        .annotate(own_first=_own_first(body))
        .order_by("own_first", "pk")
    )
    found: dict[str, Paper] = {}
    ambiguous: set[str] = set()
    own: set[str] = set()
    for paper in rows:
        if paper.body_id == body.pk:
            own.add(paper.reference)
            found.setdefault(paper.reference, paper)
        elif paper.reference in own:
            continue
        elif paper.reference in found and found[paper.reference].body_id != paper.body_id:
            ambiguous.add(paper.reference)
        else:
            found.setdefault(paper.reference, paper)
    return found, [r for r in wanted if r in ambiguous]


def related_papers_prefetch(*, body: Body, user: AnyUser) -> Prefetch:
    """The related papers the user may see as `visible_related_papers`: of `body` or of an
    imported body, never of another body, each with its body (for link and label)."""
    return Prefetch(
        "related_papers",
        queryset=Paper.objects.visible_to(user)
        .filter(citable_body_q(body))
        .select_related("body")
        .order_by("-date", "-pk"),
        to_attr="visible_related_papers",
    )
