"""Reading districts from GeoJSON: every check a file must pass before anything is written.

Pure: nothing here reads or writes the database. `read_upload` checks an upload before
parsing it (not empty, not too big, a `.geojson`/`.json` name, UTF-8, JSON without NaN);
`parse_collection` checks the FeatureCollection and returns its districts, or raises
`DistrictsFileInvalid` listing every problem, each naming the feature by its number
(counted from 1) and its code.

* **Coordinate system** (`projection`). RFC 7946 GeoJSON is WGS 84 (longitude,
  latitude). Older files name theirs in a `crs` member (`EPSG:25832`,
  `urn:ogc:def:crs:EPSG::25832`, …); WGS 84, ETRS89 and ETRS89 / UTM 32N and 33N are
  understood. A file without `crs` whose coordinates are all plainly metres (outside the
  range of degrees) is read as ETRS89 / UTM 32N (EPSG:25832), the system of most German
  municipal GIS, with a warning. Everything is reprojected to WGS 84 with pyproj and
  rounded to six decimals (about 0.1 m).
* **Properties** (here). `code`, `name`, optional `parent` (the parent's code) and
  `level`, also under common German names (`schluessel`/`nummer`, `bezeichnung`,
  `uebergeordnet`, `ebene`, …). Unknown properties are named in a warning and not taken
  over; a missing code or name names the properties the feature has.
* **Geometry** (here and `outlines`). A Polygon or MultiPolygon whose rings are closed
  and have at least four points (here), in the coordinate system's range, without
  self-intersections, holes outside the shell or overlapping parts (`outlines`).
* **Hierarchy** (`hierarchy`). Unique codes, known parents, no cycles, levels in order,
  each child inside its parent (1 m tolerance, in metres); a missing level is derived.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import File as DjangoFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from teilhabe.core.errors import UploadRejected
from teilhabe.districts import outlines, projection
from teilhabe.districts.errors import Problem, ProblemReport
from teilhabe.districts.hierarchy import CONTAINMENT_TOLERANCE_M, Entry, Hierarchy, KnownDistrict
from teilhabe.districts.models import Level
from teilhabe.districts.outlines import Shape, measure
from teilhabe.districts.projection import (
    ETRS89,
    UTM32N,
    UTM33N,
    WGS84,
    CoordinateSystem,
    Polygons,
    Ring,
)

__all__ = [
    "CONTAINMENT_TOLERANCE_M",
    "ETRS89",
    "EXTENSIONS",
    "MAX_FEATURES",
    "MAX_POSITIONS",
    "UTM32N",
    "UTM33N",
    "WGS84",
    "CoordinateSystem",
    "DistrictFeature",
    "KnownDistrict",
    "ParsedCollection",
    "Shape",
    "load_bytes",
    "measure",
    "parse_collection",
    "read_upload",
]

MAX_FEATURES = 5_000
MAX_POSITIONS = 2_000_000
EXTENSIONS = (".geojson", ".json")
CODE_MAX_LENGTH = 50
NAME_MAX_LENGTH = 200


@dataclass(frozen=True)
class DistrictFeature:
    """One district as the file describes it, checked."""

    index: int
    code: str
    name: str
    level: str
    parent: str | None
    shape: Shape
    level_inferred: bool = False


@dataclass(frozen=True)
class ParsedCollection:
    features: list[DistrictFeature]
    crs: CoordinateSystem
    crs_source: str  # "default" (RFC 7946), "member" (the file's `crs`), "metres" (guessed)
    warnings: list[Problem] = field(default_factory=list)


# Reading the upload --------------------------------------------------------------------------


def read_upload(uploaded: DjangoFile) -> Any:
    """The decoded JSON of `uploaded`, or UploadRejected with a message for the user."""
    _check_size(uploaded.size or 0)
    extension = PurePath(uploaded.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise UploadRejected(
            _("Bitte laden Sie eine GeoJSON-Datei hoch (Endung .geojson oder .json).")
        )
    uploaded.seek(0)
    return load_bytes(uploaded.read(settings.UPLOAD_MAX_BYTES + 1))


def _check_size(size: int) -> None:
    if size == 0:
        raise UploadRejected(_("Die Datei ist leer."))
    if size > settings.UPLOAD_MAX_BYTES:
        raise UploadRejected(
            _("Die Datei ist zu groß. Erlaubt sind höchstens %(limit)s.")
            % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def load_bytes(data: bytes) -> Any:
    """JSON from the bytes of a file: UTF-8 (a byte order mark is allowed), no NaN."""
    _check_size(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRejected(
            _("Die Datei ist nicht in UTF-8 kodiert, wie GeoJSON es verlangt.")
        ) from exc
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise UploadRejected(
            _("Die Datei ist kein gültiges JSON (Zeile %(line)d, Spalte %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise UploadRejected(_("Die Datei ist kein gültiges JSON.")) from exc


# The collection ------------------------------------------------------------------------------


def parse_collection(data: Any, *, known: Sequence[KnownDistrict] = ()) -> ParsedCollection:
    """The districts of the FeatureCollection `data`, checked; else DistrictsFileInvalid.

    `known` are the districts already stored that stay: the file may name them as
    parents, and a district of the file replaces the stored one of the same code.
    """
    report = ProblemReport()
    items = _features(data, report)
    crs = _crs_member(data, report) if isinstance(data, dict) else None
    if items is None or report.problems:
        raise report.fail()
    raws = [_read_feature(index, item, report) for index, item in enumerate(items, start=1)]
    _warn_unknown_properties(raws, report)
    positions = sum(raw.positions for raw in raws)
    if positions > MAX_POSITIONS:
        report.error(
            _(
                "Die Datei hat %(count)s Koordinaten, erlaubt sind höchstens %(limit)s. "
                "Bitte vereinfachen Sie die Umrisse oder teilen Sie die Datei auf."
            )
            % {"count": projection.amount(positions), "limit": projection.amount(MAX_POSITIONS)}
        )
        raise report.fail()
    source = "member"
    if crs is None:
        detected = projection.detect(
            point for raw in raws for point in projection.points(raw.polygons)
        )
        crs, source = (detected, "metres") if detected else (WGS84, "default")
        if detected:
            report.warn(
                _(
                    "Die Datei nennt kein Koordinatensystem, ihre Koordinaten sind in Metern. "
                    "Sie werden als %(crs)s gelesen und nach WGS 84 umgerechnet."
                )
                % {"crs": crs}
            )
    checked = {raw.index: shape for raw in raws if (shape := _outline(raw, crs, report))}
    entries = [
        Entry(
            index=raw.index,
            code=raw.code,
            name=raw.name or "",
            parent=raw.parent,
            level=raw.level,
            outline=checked[raw.index].outline if raw.index in checked else None,
        )
        for raw in raws
        if raw.code is not None
    ]
    levels = Hierarchy(entries, known, report).check()
    if report.problems:
        raise report.fail()
    features = [
        DistrictFeature(
            index=raw.index,
            code=raw.code or "",
            name=raw.name or "",
            level=levels[raw.index][0],
            parent=raw.parent,
            shape=checked[raw.index].shape,
            level_inferred=levels[raw.index][1],
        )
        for raw in raws
    ]
    return ParsedCollection(features=features, crs=crs, crs_source=source, warnings=report.warnings)


def _outline(raw: _Raw, crs: CoordinateSystem, report: ProblemReport) -> outlines.Checked | None:
    if raw.polygons is None:
        return None
    try:
        return outlines.check(raw.kind, raw.polygons, crs)
    except outlines.OutlineInvalid as exc:
        report.error(exc.message, raw.index, raw.code)
        return None


def _features(data: Any, report: ProblemReport) -> list[Any] | None:
    if not isinstance(data, dict):
        report.error(_("Die Datei enthält kein GeoJSON-Objekt."))
        return None
    kind = data.get("type")
    if kind != "FeatureCollection":
        report.error(
            _(
                "Die Datei ist keine GeoJSON-FeatureCollection (Typ: „%(type)s“). Bitte "
                "exportieren Sie die Gebiete als FeatureCollection mit einem Feature je Gebiet."
            )
            % {"type": kind if isinstance(kind, str) else "—"}
        )
        return None
    items = data.get("features")
    if not isinstance(items, list):
        report.error(_("Die FeatureCollection hat keine Liste „features“."))
        return None
    if not items:
        report.error(_("Die Datei enthält keine Gebiete (die Liste „features“ ist leer)."))
        return None
    if len(items) > MAX_FEATURES:
        report.error(
            _("Die Datei enthält %(count)s Gebiete, erlaubt sind höchstens %(limit)s.")
            % {"count": projection.amount(len(items)), "limit": projection.amount(MAX_FEATURES)}
        )
        return None
    return items


def _crs_member(data: dict[str, Any], report: ProblemReport) -> CoordinateSystem | None:
    """The coordinate system the legacy `crs` member names (None: there is none)."""
    member = data.get("crs")
    if member is None:
        return None
    properties = member.get("properties") if isinstance(member, dict) else None
    name = properties.get("name") if isinstance(properties, dict) else None
    if not isinstance(member, dict) or member.get("type") != "name" or not isinstance(name, str):
        report.error(
            _(
                "Die Angabe „crs“ ist nicht lesbar. Erwartet wird zum Beispiel "
                '{"type": "name", "properties": {"name": "EPSG:25832"}}; ohne „crs“ gilt '
                "WGS 84."
            )
        )
        return None
    crs = projection.named(name)
    if crs is None:
        report.error(
            _(
                "Das Koordinatensystem „%(name)s“ wird nicht unterstützt. Unterstützt werden: "
                "%(supported)s."
            )
            % {"name": name, "supported": projection.supported_text()}
        )
    return crs


# One feature ---------------------------------------------------------------------------------

_ALIASES: dict[str, tuple[str, ...]] = {
    "code": (
        "code",
        "schluessel",
        "gebietsschluessel",
        "nummer",
        "nr",
        "kennung",
        "kennziffer",
    ),
    "name": ("name", "bezeichnung", "bez", "gebietsname"),
    "parent": (
        "parent",
        "parent_code",
        "uebergeordnet",
        "uebergeordnetes_gebiet",
        "gehoert_zu",
        "oberbezirk",
    ),
    "level": ("level", "ebene", "gebietsebene"),
}
_KEY_OF_ALIAS = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}

_LEVEL_WORDS: dict[str, Level] = {
    **dict.fromkeys(("city", "stadt", "gesamtstadt", "gemeinde", "kommune"), Level.CITY),
    **dict.fromkeys(
        ("stadtteil", "stadtbezirk", "bezirk", "ortsteil", "ortsbezirk", "district"),
        Level.STADTTEIL,
    ),
    **dict.fromkeys(
        (
            "quartier",
            "viertel",
            "stadtviertel",
            "wohnviertel",
            "wohnquartier",
            "statistischer_bezirk",
            "quarter",
            "neighbourhood",
            "neighborhood",
        ),
        Level.QUARTIER,
    ),
}


def _normal(text: str) -> str:
    text = text.strip().casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    return re.sub(r"[\s\-.]+", "_", text)


def _field_label(key: str) -> str:
    return {
        "code": _("Schlüssel"),
        "name": _("Name"),
        "parent": _("übergeordnetes Gebiet"),
        "level": _("Ebene"),
    }[key]


def _names(items: Iterable[str]) -> str:
    return ", ".join(f"„{item}“" for item in items)


@dataclass
class _Raw:
    index: int
    code: str | None = None
    name: str | None = None
    parent: str | None = None
    level: str | None = None
    kind: str = "Polygon"
    polygons: Polygons | None = None
    positions: int = 0
    present: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _read_feature(index: int, item: Any, report: ProblemReport) -> _Raw:
    raw = _Raw(index=index)
    if not isinstance(item, dict) or item.get("type") != "Feature":
        report.error(_("Das ist kein GeoJSON-Feature (es fehlt „type“: „Feature“)."), index)
        return raw
    properties = item.get("properties")
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        report.error(_("„properties“ ist kein Objekt."), index)
        properties = {}
    raw.present = [str(name) for name in properties]
    _read_properties(raw, properties, report)
    _read_geometry(raw, item.get("geometry"), report)
    return raw


def _read_properties(raw: _Raw, properties: dict[str, Any], report: ProblemReport) -> None:
    given: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for name, value in properties.items():
        key = _KEY_OF_ALIAS.get(_normal(str(name)))
        if key is None:
            raw.unknown.append(str(name))
        else:
            given[key].append((str(name), value))
    values: dict[str, str | None] = {}
    for key in ("code", "name", "parent", "level"):
        values[key] = _one_value(raw, key, given.get(key, []), report)
        if key == "code":
            raw.code = values[key] or None
    for key, limit in (("code", CODE_MAX_LENGTH), ("name", NAME_MAX_LENGTH)):
        value = values[key]
        if value is None:
            continue  # reported by _one_value
        if len(value) > limit:
            report.error(
                _("Die Angabe „%(field)s“ ist länger als %(limit)d Zeichen.")
                % {"field": _field_label(key), "limit": limit},
                raw.index,
                raw.code,
            )
            values[key] = None
    raw.code, raw.name, raw.parent = values["code"], values["name"], values["parent"]
    word = values["level"]
    if word is not None:
        level = _LEVEL_WORDS.get(_normal(word))
        if level is None:
            report.error(
                _("Die Ebene „%(value)s“ ist unbekannt. Erlaubt sind: %(allowed)s.")
                % {"value": word, "allowed": _names(str(label) for label in Level.labels)},
                raw.index,
                raw.code,
            )
        else:
            raw.level = level.value


def _one_value(
    raw: _Raw, key: str, given: list[tuple[str, Any]], report: ProblemReport
) -> str | None:
    """The value of one of the four properties, however the file names it; a missing or
    unusable code or name is reported here."""
    texts: list[tuple[str, str | None]] = []
    for name, value in given:
        text = _text(value)
        if text is False:
            report.error(
                _("Die Eigenschaft „%(name)s“ (%(field)s) muss Text oder eine ganze Zahl sein.")
                % {"name": name, "field": _field_label(key)},
                raw.index,
                raw.code,
            )
            return None
        texts.append((name, text if isinstance(text, str) else None))
    distinct = {text for _name, text in texts if text is not None}
    if len(distinct) > 1:
        report.error(
            _(
                "Die Eigenschaften %(names)s bezeichnen beide die Angabe „%(field)s“, haben "
                "aber verschiedene Werte. Bitte lassen Sie eine davon weg."
            )
            % {"names": _names(name for name, _text in texts), "field": _field_label(key)},
            raw.index,
            raw.code,
        )
        return None
    if distinct:
        return distinct.pop()
    if key in ("code", "name"):
        if texts:
            report.error(
                _("Die Angabe „%(field)s“ ist leer.") % {"field": _field_label(key)},
                raw.index,
                raw.code,
            )
        else:
            report.error(
                _(
                    "Die Angabe „%(field)s“ fehlt. Erwartet wird die Eigenschaft %(names)s "
                    "oder %(other)s; vorhanden: %(found)s."
                )
                % {
                    "field": _field_label(key),
                    "names": _names(_ALIASES[key][:1]),
                    "other": _names(_ALIASES[key][1:]),
                    "found": _names(raw.present) or _("keine"),
                },
                raw.index,
                raw.code,
            )
    return None


def _text(value: Any) -> str | bool | None:
    """A property value as text; None when empty, False when it is no text or whole number."""
    if value is None:
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else False
    if isinstance(value, str):
        return value.strip() or None
    return False


def _warn_unknown_properties(raws: list[_Raw], report: ProblemReport) -> None:
    counts = Counter(name for raw in raws for name in dict.fromkeys(raw.unknown))
    if counts:
        report.warn(
            _(
                "Diese Eigenschaften sind unbekannt und werden nicht übernommen: %(names)s. "
                "Übernommen werden %(known)s (auch unter deutschen Namen wie „schluessel“, "
                "„bezeichnung“, „uebergeordnet“, „ebene“)."
            )
            % {
                "names": ", ".join(
                    f"„{name}“ ({count}×)" for name, count in sorted(counts.items())
                ),
                "known": _names(_ALIASES),
            }
        )


def _ring_name(polygon: int, ring: int, multi: bool) -> str:
    if not multi:
        if ring == 0:
            return _("Der Außenring")
        return _("Der %(ring)d. Innenring") % {"ring": ring}
    if ring == 0:
        return _("Der Außenring der %(part)d. Teilfläche") % {"part": polygon}
    return _("Der %(ring)d. Innenring der %(part)d. Teilfläche") % {"ring": ring, "part": polygon}


def _read_geometry(raw: _Raw, geometry: Any, report: ProblemReport) -> None:
    index = raw.index
    if geometry is None:
        report.error(_("Das Feature hat keine Geometrie."), index, raw.code)
        return
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if not isinstance(geometry, dict) or kind not in ("Polygon", "MultiPolygon"):
        report.error(
            _("Die Geometrie ist keine Fläche (Polygon oder MultiPolygon), sondern „%(type)s“.")
            % {"type": kind if isinstance(kind, str) else "—"},
            index,
            raw.code,
        )
        return
    raw.kind = str(kind)
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        report.error(_("Die Geometrie ist leer (keine Koordinaten)."), index, raw.code)
        return
    multi = kind == "MultiPolygon"
    polygons: Polygons = []
    usable = True
    for number, polygon in enumerate(coordinates if multi else [coordinates], start=1):
        if not isinstance(polygon, list) or not polygon:
            report.error(
                _("Die %(part)d. Teilfläche ist leer.") % {"part": number}, index, raw.code
            )
            usable = False
            continue
        rings: list[Ring] = []
        for ring_number, ring in enumerate(polygon):
            checked = _read_ring(raw, ring, _ring_name(number, ring_number, multi), report)
            if checked is None:
                usable = False
            else:
                rings.append(checked)
        polygons.append(rings)
    raw.polygons = polygons if usable else None


def _read_ring(raw: _Raw, ring: Any, name: str, report: ProblemReport) -> Ring | None:
    if not isinstance(ring, list):
        report.error(
            _("%(ring)s ist keine Liste von Punkten.") % {"ring": name}, raw.index, raw.code
        )
        return None
    points: Ring = []
    for position in ring:
        point = _position(position)
        if point is None:
            report.error(
                _(
                    "%(ring)s enthält einen ungültigen Punkt %(point)s: Ein Punkt besteht aus "
                    "zwei Zahlen (Rechts- und Hochwert bzw. Länge und Breite)."
                )
                % {"ring": name, "point": json.dumps(position)[:60]},
                raw.index,
                raw.code,
            )
            return None
        points.append(point)
    raw.positions += len(points)
    if len(points) < 4:
        report.error(
            _(
                "%(ring)s hat nur %(count)d Punkte. Ein Ring braucht mindestens vier, der "
                "letzte gleich dem ersten."
            )
            % {"ring": name, "count": len(points)},
            raw.index,
            raw.code,
        )
        return None
    if points[0] != points[-1]:
        report.error(
            _(
                "%(ring)s ist nicht geschlossen: Der erste Punkt %(first)s und der letzte Punkt "
                "%(last)s müssen gleich sein."
            )
            % {
                "ring": name,
                "first": projection.point_text(*points[0]),
                "last": projection.point_text(*points[-1]),
            },
            raw.index,
            raw.code,
        )
        return None
    return points


def _position(position: Any) -> tuple[float, float] | None:
    if not isinstance(position, list) or len(position) < 2:
        return None
    x, y = position[0], position[1]
    for value in (x, y):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if not math.isfinite(value):
            return None
    return (float(x), float(y))
