"""Checking how the districts of a file fit together, and with those already stored.

Codes are unique in the file; a parent is in the file or among the stored districts that
stay (`KnownDistrict`; a district of the file replaces the stored one of the same code);
the parents form no cycle; a parent's level is above its child's; a child lies inside its
parent up to `CONTAINMENT_TOLERANCE_M`, measured in metres. Only pairs in which the file
has a say (the child, the parent or both are in it) are checked: stored districts passed
their checks when they were imported.

A level the file leaves out is derived (`Hierarchy.level_of`), with a warning.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.districts import projection
from teilhabe.districts.errors import ProblemReport
from teilhabe.districts.models import LEVEL_RANK, Level

__all__ = ["CONTAINMENT_TOLERANCE_M", "Entry", "Hierarchy", "KnownDistrict"]

CONTAINMENT_TOLERANCE_M = 1.0


@dataclass(frozen=True)
class KnownDistrict:
    """A district already stored for the body; the file may name it as a parent."""

    code: str
    name: str
    level: str
    parent: str | None
    geometry: dict[str, Any]


@dataclass(frozen=True)
class Entry:
    """A feature of the file as far as it could be read (its outline None if invalid)."""

    index: int
    code: str
    name: str
    parent: str | None
    level: str | None
    outline: Any  # shapely, WGS 84


@dataclass
class _Node:
    code: str
    name: str
    parent: str | None
    level: str | None  # as given or stored (None: to be derived)
    index: int | None  # None: stored, not in the file
    outline: Any
    _metric: Any = None

    @property
    def metric(self) -> Any:
        if self._metric is None and self.outline is not None:
            self._metric = projection.to_metric(self.outline)
        return self._metric

    @property
    def in_file(self) -> bool:
        return self.index is not None


def _label(level: str) -> str:
    return str(Level(level).label)


def _with_rank(rank: int) -> str | None:
    for level, value in LEVEL_RANK.items():
        if value == rank:
            return str(level)
    return None


def _below(level: str) -> str:
    return _with_rank(LEVEL_RANK[level] - 1) or Level.QUARTIER.value


class Hierarchy:
    def __init__(
        self, entries: list[Entry], known: Sequence[KnownDistrict], report: ProblemReport
    ) -> None:
        self.report = report
        self.nodes: dict[str, _Node] = {}
        first: dict[str, int] = {}
        for entry in entries:
            if entry.code in first:
                report.error(
                    _("Der Schlüssel kommt mehrfach vor, zuerst in Feature %(first)d.")
                    % {"first": first[entry.code]},
                    entry.index,
                    entry.code,
                )
                continue
            first[entry.code] = entry.index
            self.nodes[entry.code] = _Node(
                code=entry.code,
                name=entry.name,
                parent=entry.parent,
                level=entry.level,
                index=entry.index,
                outline=entry.outline,
            )
        self.known = bool(known)
        for district in known:
            if district.code not in self.nodes:
                self.nodes[district.code] = _Node(
                    code=district.code,
                    name=district.name,
                    parent=district.parent,
                    level=district.level,
                    index=None,
                    outline=shapely.geometry.shape(district.geometry),
                )
        self.children: dict[str, list[_Node]] = defaultdict(list)
        for node in self.nodes.values():
            if node.parent is not None and node.parent in self.nodes:
                self.children[node.parent].append(node)
        self.derived: dict[str, str | None] = {}

    def check(self) -> dict[int, tuple[str, bool]]:
        """The level of each feature (and whether it was derived), by feature number;
        problems go to the report."""
        self._check_parents()
        levels: dict[int, tuple[str, bool]] = {}
        if self._check_cycles():
            levels = self._check_levels()
        self._check_containment()
        return levels

    def _error(self, node: _Node, message: str) -> None:
        self.report.error(message, node.index, node.code)

    def _file_nodes(self) -> list[_Node]:
        return sorted((n for n in self.nodes.values() if n.in_file), key=lambda n: n.index or 0)

    def _edges(self) -> Iterable[tuple[_Node, _Node]]:
        """(child, parent) pairs in which the file has a say."""
        for node in self.nodes.values():
            parent = self.nodes.get(node.parent) if node.parent is not None else None
            if parent is not None and parent is not node and (node.in_file or parent.in_file):
                yield node, parent

    def _check_parents(self) -> None:
        for node in self._file_nodes():
            if node.parent is None or node.parent in self.nodes:
                continue
            if self.known:
                message = _(
                    "Das übergeordnete Gebiet „%(parent)s“ steht weder in der Datei noch unter "
                    "den gespeicherten Gebieten."
                )
            else:
                message = _("Das übergeordnete Gebiet „%(parent)s“ steht nicht in der Datei.")
            self._error(node, message % {"parent": node.parent})

    def _check_cycles(self) -> bool:
        done: set[str] = set()
        acyclic = True
        for start in self._file_nodes():
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = start.code
            while current is not None and current in self.nodes and current not in done:
                if current in on_path:
                    acyclic = False
                    self._report_cycle(path[path.index(current) :])
                    break
                path.append(current)
                on_path.add(current)
                current = self.nodes[current].parent
            done.update(path)
        return acyclic

    def _report_cycle(self, cycle: list[str]) -> None:
        members = [self.nodes[code] for code in cycle]
        in_file = [node for node in members if node.in_file] or members
        node = min(in_file, key=lambda n: n.index or 0)
        if len(cycle) == 1:
            self._error(node, _("Das Gebiet ist sich selbst übergeordnet."))
            return
        # Start the cycle at the reported node, so that it reads from there.
        at = cycle.index(node.code)
        ordered = cycle[at:] + cycle[:at]
        self._error(
            node,
            _("Die übergeordneten Gebiete bilden einen Kreis: %(cycle)s.")
            % {"cycle": " → ".join(f"„{code}“" for code in [*ordered, ordered[0]])},
        )

    def level_of(self, node: _Node) -> str | None:
        """The node's level: as given (or stored); else one below a parent whose level is
        given; else from below: a district without children is a Quartier, one with
        children one level above the highest of them (None: above the city)."""
        if node.level is not None:
            return node.level
        if node.code in self.derived:
            return self.derived[node.code]
        parent = self.nodes.get(node.parent) if node.parent is not None else None
        level: str | None
        if parent is not None and parent.level is not None:
            level = _below(parent.level)
        else:
            kids = [self.level_of(child) for child in self.children.get(node.code, [])]
            ranks = [LEVEL_RANK[kid] for kid in kids if kid is not None]
            level = _with_rank(max(ranks) + 1) if ranks else Level.QUARTIER.value
        self.derived[node.code] = level
        return level

    def _check_levels(self) -> dict[int, tuple[str, bool]]:
        levels: dict[int, tuple[str, bool]] = {}
        for node in self._file_nodes():
            level = self.level_of(node)
            if level is None or node.index is None:
                self._error(
                    node,
                    _(
                        "Die Ebene lässt sich nicht ableiten, weil schon unter diesem Gebiet "
                        "eine Stadt liegt. Bitte geben Sie die Ebene an (Eigenschaft "
                        "„level“ oder „ebene“)."
                    ),
                )
                continue
            levels[node.index] = (level, node.level is None)
        for child, parent in self._edges():
            self._check_level_pair(child, parent)
        derived = Counter(_label(level) for level, inferred in levels.values() if inferred)
        if derived:
            self.report.warn(
                ngettext(
                    "Für %(count)d Feature ist keine Ebene angegeben; sie wurde aus der "
                    "Hierarchie abgeleitet: %(summary)s.",
                    "Für %(count)d Features ist keine Ebene angegeben; sie wurde aus der "
                    "Hierarchie abgeleitet: %(summary)s.",
                    derived.total(),
                )
                % {
                    "count": derived.total(),
                    "summary": ", ".join(f"{count} × {label}" for label, count in derived.items()),
                }
                + " "
                + _(
                    "Ein Gebiet ohne untergeordnete Gebiete gilt als Quartier. Mit der "
                    "Eigenschaft „level“ (oder „ebene“) legen Sie die Ebene fest."
                )
            )
        return levels

    def _check_level_pair(self, child: _Node, parent: _Node) -> None:
        child_level, parent_level = self.level_of(child), self.level_of(parent)
        if child_level is None or parent_level is None:
            return
        if LEVEL_RANK[child_level] < LEVEL_RANK[parent_level]:
            return
        values = {
            "level": _label(child_level),
            "parent": parent.code,
            "parent_level": _label(parent_level),
            "child": child.code,
        }
        if child.in_file:
            message = _(
                "Ein Gebiet der Ebene „%(level)s“ kann nicht unter „%(parent)s“ "
                "(%(parent_level)s) liegen: Das übergeordnete Gebiet muss eine höhere "
                "Ebene haben (Stadt, darunter Stadtteil, darunter Quartier)."
            )
            self._error(child, message % values)
        else:
            message = _(
                "Unter diesem Gebiet (%(parent_level)s) liegt das gespeicherte Gebiet "
                "„%(child)s“ (%(level)s); dafür muss seine Ebene höher sein."
            )
            self._error(parent, message % values)

    def _check_containment(self) -> None:
        buffered: dict[str, Any] = {}
        for child, parent in self._edges():
            inner, outer = child.metric, parent.metric
            if inner is None or outer is None:
                continue
            if parent.code not in buffered:
                buffered[parent.code] = outer.buffer(CONTAINMENT_TOLERANCE_M)
            if buffered[parent.code].covers(inner):
                continue
            protruding = inner.difference(outer)
            corners = shapely.get_coordinates(protruding)
            reach = (
                float(shapely.distance(outer, shapely.points(corners)).max())
                if len(corners)
                else 0.0
            )
            values = {
                "parent": parent.code,
                "parent_name": parent.name,
                "child": child.code,
                "child_name": child.name,
                "reach": projection.amount(reach),
                "area": projection.amount(protruding.area),
                "point": projection.metric_point_text(protruding.representative_point()),
                "tolerance": projection.amount(CONTAINMENT_TOLERANCE_M),
            }
            if child.in_file:
                message = _(
                    "Das Gebiet liegt nicht ganz in seinem übergeordneten Gebiet „%(parent)s“ "
                    "(%(parent_name)s): %(area)s m² ragen bis zu %(reach)s m hinaus, z. B. bei "
                    "%(point)s. Erlaubt sind %(tolerance)s m."
                )
                self._error(child, message % values)
            else:
                message = _(
                    "Das gespeicherte untergeordnete Gebiet „%(child)s“ (%(child_name)s) läge "
                    "nicht mehr ganz in diesem Gebiet: %(area)s m² ragen bis zu %(reach)s m "
                    "hinaus, z. B. bei %(point)s. Erlaubt sind %(tolerance)s m."
                )
                self._error(parent, message % values)
