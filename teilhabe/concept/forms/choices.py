"""The choices the concept's staff forms offer: only records of the current body the user
may see (and, where the services allow it, public papers and resolutions of a body
imported from OParl, such as the Stadtrat's).

Every function returns one queryset, evaluated once when the form renders; the indicators
a goal can name are a list (the catalogue's, in code, and the body's own, one query).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from teilhabe.concept.models import ActionField, ConceptVersion, Goal
from teilhabe.concept.selectors import catalogue_choices, own_indicators
from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Meeting, Organization, Paper, Person
from teilhabe.council.selectors.citations import (
    imported_resolution_choices,
    related_paper_choices,
)
from teilhabe.districts.models import District, Level
from teilhabe.monitoring.catalogue import Kind

# Resolutions of the own body offered in a select: the newest ones.
RECENT_RESOLUTIONS = 200
# The organizations whose resolutions adopt a version.
ADOPTING_TYPES = (Organization.Type.BEIRAT, Organization.Type.STADTRAT)


def fields_of(version: ConceptVersion) -> QuerySet[ActionField]:
    return ActionField.objects.alive().filter(concept_version=version).order_by("number", "pk")


def goals_of(version: ConceptVersion) -> QuerySet[Goal]:
    return Goal.objects.alive().filter(concept_version=version).order_by("number", "pk")


# The groups of the catalogue's indicators in the select, in this order.
KIND_GROUPS = (
    (Kind.SHARE, _("Anteile")),
    (Kind.COUNT, _("Anzahlen")),
    (Kind.LOCATION_QUOTIENT, _("Lagequotienten")),
    (Kind.CHANGE, _("Veränderungen")),
)

Choices = list[tuple[str, Any]]


def indicator_choices(body: Body, *, current: str = "") -> Choices:
    """The indicators a goal can name, grouped: the catalogue's by kind, then the body's
    own; `current` (the code the goal names now) is kept if the monitoring no longer has
    it, so that an edit does not lose it unasked."""
    groups: Choices = [("", gettext("– kein Indikator –"))]
    catalogue = catalogue_choices()
    for kind, label in KIND_GROUPS:
        items = [(d.code, str(d.name)) for d in catalogue if d.kind is kind]
        if items:
            groups.append((str(label), items))
    own = [(d.code, d.name) for d in own_indicators(body.pk)]
    if own:
        groups.append((gettext("Eigene Indikatoren"), own))
    offered = {code for _label, items in groups[1:] for code, _name in items}
    if current and current not in offered:
        missing = gettext("„%(code)s“ (nicht mehr im Monitoring)") % {"code": current}
        groups.append((gettext("Bisher gewählt"), [(current, missing)]))
    return groups


def districts_of(body: Body, *, current: int | None = None) -> QuerySet[District]:
    """The body's alive districts below the city (the city is the empty choice), and the
    one a goal names now (`current`) even if it was removed since."""
    wanted = Q(deleted=False) & ~Q(level=Level.CITY)
    if current is not None:
        wanted |= Q(pk=current)
    return District.objects.filter(wanted, body=body).order_by("code", "pk")


def organizations_of(body: Body, user: Any) -> QuerySet[Organization]:
    return Organization.objects.visible_to(user).for_body(body).order_by("name", "pk")


def working_groups_of(body: Body, user: Any) -> QuerySet[Organization]:
    return organizations_of(body, user).filter(organization_type=Organization.Type.ARBEITSGRUPPE)


def meeting_organizations_of(body: Body, user: Any) -> QuerySet[Organization]:
    """Organizations a paper can go to: those that hold meetings, not working groups."""
    return organizations_of(body, user).exclude(
        organization_type__in=[
            Organization.Type.FRAKTION,
            Organization.Type.VERWALTUNG,
            Organization.Type.ARBEITSGRUPPE,
        ]
    )


def persons_of(body: Body, user: Any) -> QuerySet[Person]:
    return Person.objects.visible_to(user).for_body(body)


def upcoming_meetings(body: Body, user: Any) -> QuerySet[Meeting]:
    """The coming meetings of the body's organizations that hold them, soonest first."""
    return (
        Meeting.objects.visible_to(user)
        .for_body(body)
        .filter(start__gte=timezone.now())
        .exclude(state=Meeting.State.CANCELLED)
        .select_related("organization")
        .order_by("start", "pk")
    )


def resolution_choices(
    *,
    body: Body,
    user: Any,
    selected: Iterable[int] = (),
    organization_types: Iterable[str] | None = None,
) -> QuerySet[AgendaItem]:
    """Agenda items with a result: the newest of the body (of `organization_types`, if
    given), the latest public ones of each imported body, and those already `selected`;
    the own body's first, newest first, each with its meeting, organization and body."""
    own = AgendaItem.objects.visible_to(user).for_body(body).with_results()
    if organization_types is not None:
        own = own.filter(meeting__organization__organization_type__in=list(organization_types))
    recent = own.order_by("-meeting__start", "-pk").values("pk")[:RECENT_RESOLUTIONS]
    wanted = Q(pk__in=recent) | Q(pk__in=imported_resolution_choices(user=user))
    pks = list(selected)
    if pks:
        wanted |= Q(pk__in=pks)
    return (
        AgendaItem.objects.filter(wanted)
        .select_related("meeting__organization", "body")
        .order_by("-meeting__start", "order", "pk")
    )


def paper_choices(*, body: Body, user: Any, selected: Iterable[int] = ()) -> QuerySet[Paper]:
    """The body's papers the user may see, the newest public ones of each imported body,
    and those already `selected`, each with its body (for its label)."""
    wanted = Q(pk__in=related_paper_choices(body=body, user=user).values("pk"))
    pks = list(selected)
    if pks:
        wanted |= Q(pk__in=pks)
    return Paper.objects.filter(wanted).select_related("body").order_by("-date", "-pk")
