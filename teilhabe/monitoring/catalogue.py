"""The indicators the monitoring ships with, defined in code.

Each is described in the layout of the states' integration monitoring (Länderoffenes
Integrationsmonitoring der Integrationsministerkonferenz): definition, relevance, data
source, method notes. The formulas are `Kind`s computed by `indicators`:

* COUNT — the sum of the `numerator` counts;
* SHARE — sum of `numerator` over sum of `denominator`, in percent;
* DISTRIBUTION — every category of `characteristic` as a share of its total;
* RANKING — the ten largest categories of `characteristic` in the city;
* LOCATION_QUOTIENT — a district's SHARE over the city's (1 = as in the whole city);
* DISSIMILARITY — the index of dissimilarity (Duncan) of numerator against the rest of
  the denominator over the lowest-level districts, in percent, city only;
* CHANGE — the change of the indicator `base` since an earlier snapshot (counts in
  persons, shares in percentage points).

Why code and not rows: every installation computes the same figures the same way, the
texts are translated with the rest of the application, and a change to a formula is
reviewed and tested like code. Staff add their own shares as `models.Indicator` rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.monitoring import characteristics as ch

Pair = tuple[str, str]

REGISTER_SOURCE = _(
    "Einwohnermelderegister der Stadt (Auszug der kommunalen Statistikstelle), "
    "Hauptwohnsitz, zum Stichtag"
)
MB_NOTE = _(
    "Migrationshintergrund nach der Registerregel des Amts für Statistik "
    "Berlin-Brandenburg (MigraPro); die Grenzen der Ableitung aus dem Register sind "
    "dokumentiert. Nicht vergleichbar mit dem Mikrozensus."
)
EG_NOTE = _(
    "Einwanderungsgeschichte nach der Definition des Statistischen Bundesamts (seit "
    "2023), aus dem Register abgeleitet: Die zweite Generation wird unterschätzt, weil "
    "Eltern nur verknüpft sind, solange sie mit Minderjährigen gemeldet sind."
)
SMALL_NOTE = _(
    "Zahlen von 1 bis 2 werden nicht veröffentlicht („.“), ebenso Zellen, aus denen sie "
    "sich errechnen ließen; Anteile mit weniger als 10 Personen im Nenner werden als „/“ "
    "ausgewiesen."
)


class Kind(StrEnum):
    COUNT = "count"
    SHARE = "share"
    DISTRIBUTION = "distribution"
    RANKING = "ranking"
    LOCATION_QUOTIENT = "location_quotient"
    DISSIMILARITY = "dissimilarity"
    CHANGE = "change"


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    kind: Kind
    name: str | Promise
    definition: str | Promise
    relevance: str | Promise
    source: str | Promise = REGISTER_SOURCE
    method_notes: str | Promise = SMALL_NOTE
    numerator: tuple[Pair, ...] = ()
    denominator: tuple[Pair, ...] = ()
    characteristic: str = ""
    base: str = ""  # CHANGE: the indicator whose change this is
    extra: dict[str, str] = field(default_factory=dict)


POP: tuple[Pair, ...] = ((ch.POPULATION, ch.TOTAL),)
FOREIGNERS: tuple[Pair, ...] = ((ch.CITIZENSHIP_STATUS, ch.FOREIGNER),)
GERMANS: tuple[Pair, ...] = (
    (ch.CITIZENSHIP_STATUS, ch.GERMAN_ONLY),
    (ch.CITIZENSHIP_STATUS, ch.GERMAN_FURTHER),
)
WITH_MB: tuple[Pair, ...] = ((ch.MIGRATION_BACKGROUND, ch.YES),)
WITH_EG: tuple[Pair, ...] = ((ch.IMMIGRATION_HISTORY, ch.YES),)


def _ages(characteristic: str, groups: tuple[str, ...]) -> tuple[Pair, ...]:
    return tuple((characteristic, group) for group in groups)


def _region(code: str, region: str, name: Promise) -> IndicatorDefinition:
    return IndicatorDefinition(
        code=code,
        kind=Kind.SHARE,
        name=name,
        definition=_("Ausländerinnen und Ausländer dieser Herkunftsregion je 100 Ausländer."),
        relevance=_("Zeigt die Zusammensetzung der ausländischen Bevölkerung nach Rechtsstatus."),
        method_notes=_(
            "EU: die 27 Mitgliedstaaten; übriges Europa wie beim Statistischen Bundesamt "
            "(u. a. Türkei, Ukraine, Russische Föderation, Westbalkan, Vereinigtes "
            "Königreich). Bei mehreren Staatsangehörigkeiten zählt die erste in dieser "
            "Reihenfolge."
        ),
        numerator=((ch.CITIZENSHIP_REGION, region),),
        denominator=FOREIGNERS,
    )


DEFINITIONS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition(
        code="residents",
        kind=Kind.COUNT,
        name=_("Einwohnerinnen und Einwohner"),
        definition=_("Personen mit Hauptwohnsitz im Gebiet am Stichtag."),
        relevance=_("Bezugsgröße aller Anteile; zeigt die Größe der Quartiere."),
        numerator=POP,
    ),
    IndicatorDefinition(
        code="foreigners_share",
        kind=Kind.SHARE,
        name=_("Ausländeranteil"),
        definition=_(
            "Ausländerinnen und Ausländer (ohne deutsche Staatsangehörigkeit, einschließlich "
            "Staatenloser und ungeklärter Staatsangehörigkeit) je 100 Einwohner."
        ),
        relevance=_("Grundlage der Pflicht zum Beirat (§ 56 GemO) und der Integrationsplanung."),
        numerator=FOREIGNERS,
        denominator=POP,
    ),
    IndicatorDefinition(
        code="german_further_share",
        kind=Kind.SHARE,
        name=_("Deutsche mit weiterer Staatsangehörigkeit"),
        definition=_(
            "Deutsche mit mindestens einer weiteren Staatsangehörigkeit je 100 Einwohner."
        ),
        relevance=_("Sie sind zum Beirat wahlberechtigt und zählen zum Migrationshintergrund."),
        numerator=((ch.CITIZENSHIP_STATUS, ch.GERMAN_FURTHER),),
        denominator=POP,
    ),
    IndicatorDefinition(
        code="migration_background_share",
        kind=Kind.SHARE,
        name=_("Anteil mit Migrationshintergrund"),
        definition=_("Personen mit Migrationshintergrund je 100 Einwohner."),
        relevance=_("Kernindikator des Integrationsmonitorings der Länder."),
        method_notes=MB_NOTE,
        numerator=WITH_MB,
        denominator=POP,
    ),
    IndicatorDefinition(
        code="immigration_history_share",
        kind=Kind.SHARE,
        name=_("Anteil mit Einwanderungsgeschichte"),
        definition=_(
            "Personen, die selbst oder deren beide Elternteile seit 1950 eingewandert sind, "
            "je 100 Einwohner."
        ),
        relevance=_("Das Konzept der amtlichen Statistik seit 2023."),
        method_notes=EG_NOTE,
        numerator=WITH_EG,
        denominator=POP,
    ),
    IndicatorDefinition(
        code="citizenships_top10",
        kind=Kind.RANKING,
        name=_("Die zehn häufigsten Staatsangehörigkeiten"),
        definition=_("Ausländerinnen und Ausländer der zehn häufigsten Staatsangehörigkeiten."),
        relevance=_("Zeigt, für welche Sprachen und Gemeinschaften Angebote gebraucht werden."),
        method_notes=_(
            "Gezählt wird jede Person einmal (bei mehreren Staatsangehörigkeiten die erste "
            "nach EU, übrigem Europa, Drittstaaten); geheim gehaltene Werte nehmen nicht teil."
        ),
        characteristic=ch.CITIZENSHIP,
        denominator=FOREIGNERS,
    ),
    _region("eu_share", ch.EU, _("Anteil EU-Staatsangehöriger an den Ausländern")),
    _region(
        "other_europe_share",
        ch.OTHER_EUROPE,
        _("Anteil Staatsangehöriger des übrigen Europas an den Ausländern"),
    ),
    _region(
        "third_country_share",
        ch.THIRD_COUNTRY,
        _("Anteil Drittstaatsangehöriger an den Ausländern"),
    ),
    IndicatorDefinition(
        code="born_abroad_share",
        kind=Kind.SHARE,
        name=_("Im Ausland Geborene"),
        definition=_("Personen mit Geburtsland außerhalb Deutschlands je 100 Einwohner."),
        relevance=_("Näherung an die selbst Zugewanderten (erste Generation)."),
        method_notes=_(
            "Ohne Angabe des Geburtslands zählt eine Person als in Deutschland geboren; "
            "im Ausland geborene Deutsche (auch Spätaussiedler) zählen mit."
        ),
        numerator=((ch.BIRTH_COUNTRY, ch.ABROAD),),
        denominator=POP,
    ),
    IndicatorDefinition(
        code="stay_duration",
        kind=Kind.DISTRIBUTION,
        name=_("Aufenthaltsdauer der Ausländerinnen und Ausländer"),
        definition=_(
            "Ausländer nach vollendeten Jahren seit dem letzten Zuzug aus dem Ausland: unter "
            "1, 1 bis unter 4, 4 bis unter 8, 8 bis unter 10, 10 bis unter 20, 20 und mehr "
            "Jahre, je 100 Ausländer."
        ),
        relevance=_(
            "Aufenthaltsdauer bestimmt Ansprüche (Einbürgerung, Niederlassung) und Bedarfe "
            "(Sprachkurse, Erstorientierung)."
        ),
        method_notes=_(
            "Das Register kennt nur den letzten Zuzug aus dem Ausland; ohne Eintrag "
            "(hier geboren oder vor der Registerführung zugezogen) als „ohne Zuzug“."
        ),
        characteristic=ch.STAY_DURATION,
        denominator=FOREIGNERS,
    ),
    IndicatorDefinition(
        code="age_groups",
        kind=Kind.DISTRIBUTION,
        name=_("Altersgruppen"),
        definition=_("Einwohner nach Altersgruppen je 100 Einwohner."),
        relevance=_("Altersaufbau für Kita-, Schul- und Seniorenplanung."),
        characteristic=ch.AGE_GROUP,
        denominator=POP,
    ),
    IndicatorDefinition(
        code="age_groups_foreigners",
        kind=Kind.DISTRIBUTION,
        name=_("Altersgruppen der Ausländerinnen und Ausländer"),
        definition=_("Ausländer nach Altersgruppen je 100 Ausländer."),
        relevance=_("Altersaufbau innerhalb der Gruppe."),
        characteristic=ch.AGE_GROUP_FOREIGNERS,
        denominator=FOREIGNERS,
    ),
    IndicatorDefinition(
        code="age_groups_migration",
        kind=Kind.DISTRIBUTION,
        name=_("Altersgruppen der Personen mit Migrationshintergrund"),
        definition=_("Personen mit Migrationshintergrund nach Altersgruppen, je 100."),
        relevance=_("Altersaufbau innerhalb der Gruppe."),
        method_notes=MB_NOTE,
        characteristic=ch.AGE_GROUP_MIGRATION,
        denominator=WITH_MB,
    ),
    IndicatorDefinition(
        code="age_groups_immigration",
        kind=Kind.DISTRIBUTION,
        name=_("Altersgruppen der Personen mit Einwanderungsgeschichte"),
        definition=_("Personen mit Einwanderungsgeschichte nach Altersgruppen, je 100."),
        relevance=_("Altersaufbau innerhalb der Gruppe."),
        method_notes=EG_NOTE,
        characteristic=ch.AGE_GROUP_IMMIGRATION,
        denominator=WITH_EG,
    ),
    IndicatorDefinition(
        code="minors_migration_share",
        kind=Kind.SHARE,
        name=_("Minderjährige mit Migrationshintergrund"),
        definition=_("Unter 18-Jährige mit Migrationshintergrund je 100 unter 18-Jährige."),
        relevance=_("Planung von Sprachförderung in Kita und Schule."),
        method_notes=MB_NOTE,
        numerator=_ages(ch.AGE_GROUP_MIGRATION, ch.MINORS),
        denominator=_ages(ch.AGE_GROUP, ch.MINORS),
    ),
    IndicatorDefinition(
        code="under6_migration_share",
        kind=Kind.SHARE,
        name=_("Unter 6-Jährige mit Migrationshintergrund"),
        definition=_("Unter 6-Jährige mit Migrationshintergrund je 100 unter 6-Jährige."),
        relevance=_("Planung von Sprachförderung vor der Einschulung."),
        method_notes=MB_NOTE,
        numerator=_ages(ch.AGE_GROUP_MIGRATION, ch.UNDER_6),
        denominator=_ages(ch.AGE_GROUP, ch.UNDER_6),
    ),
    IndicatorDefinition(
        code="women_share",
        kind=Kind.SHARE,
        name=_("Frauenanteil"),
        definition=_("Einwohnerinnen (Geschlechtseintrag weiblich) je 100 Einwohner."),
        relevance=_("Geschlechtergerechte Planung von Angeboten."),
        numerator=((ch.SEX, "w"),),
        denominator=POP,
    ),
    IndicatorDefinition(
        code="beirat_eligible",
        kind=Kind.COUNT,
        name=_("Wahlberechtigte zum Beirat für Migration und Integration"),
        definition=_(
            "Einwohner, die am Stichtag nach § 56 GemO zum Beirat wahlberechtigt wären: "
            "ausländisch, mit weiterer Staatsangehörigkeit, eingebürgert (Kennzeichen) oder "
            "mit Optionskennzeichen, mindestens 16 Jahre alt und seit drei Monaten hier."
        ),
        relevance=_("Größe der Wählerschaft des Beirats."),
        method_notes=_(
            "Spätaussiedler und Eingebürgerte ohne Kennzeichen sind aus dem Register nicht "
            "ersichtlich und fehlen; Personen ohne vollständiges Geburtsdatum oder Zuzugsdatum "
            "werden als „unbekannt“ gesondert gezählt."
        ),
        numerator=((ch.BEIRAT_ELIGIBLE, ch.ELIGIBLE),),
    ),
    IndicatorDefinition(
        code="foreigners_location_quotient",
        kind=Kind.LOCATION_QUOTIENT,
        name=_("Lagequotient Ausländeranteil"),
        definition=_("Ausländeranteil im Gebiet geteilt durch den Ausländeranteil der Stadt."),
        relevance=_("Über 1: die Gruppe lebt hier häufiger als im Stadtdurchschnitt."),
        numerator=FOREIGNERS,
        denominator=POP,
    ),
    IndicatorDefinition(
        code="migration_location_quotient",
        kind=Kind.LOCATION_QUOTIENT,
        name=_("Lagequotient Migrationshintergrund"),
        definition=_(
            "Anteil mit Migrationshintergrund im Gebiet geteilt durch den Anteil der Stadt."
        ),
        relevance=_("Über 1: die Gruppe lebt hier häufiger als im Stadtdurchschnitt."),
        method_notes=MB_NOTE,
        numerator=WITH_MB,
        denominator=POP,
    ),
    IndicatorDefinition(
        code="foreigners_dissimilarity",
        kind=Kind.DISSIMILARITY,
        name=_("Segregationsindex Ausländer/Deutsche"),
        definition=_(
            "Dissimilaritätsindex nach Duncan: halbe Summe der Beträge der Differenzen der "
            "Anteile jedes Quartiers an allen Ausländern und an allen Deutschen, in Prozent."
        ),
        relevance=_(
            "Anteil einer der beiden Gruppen, der umziehen müsste, damit beide gleich über "
            "die Stadt verteilt wären (0 = gleich verteilt, 100 = vollständig getrennt)."
        ),
        method_notes=_(
            "Nur für die Stadt; berechnet über die Gebiete der untersten Ebene aus den "
            "unveränderten Zählwerten, auf eine Nachkommastelle gerundet. Er hängt von der "
            "Gebietseinteilung ab."
        ),
        numerator=FOREIGNERS,
        denominator=POP,
    ),
    IndicatorDefinition(
        code="residents_change",
        kind=Kind.CHANGE,
        name=_("Veränderung der Einwohnerzahl"),
        definition=_("Einwohner am Stichtag minus Einwohner am früheren Stichtag."),
        relevance=_("Zeigt Wachstum und Schrumpfung der Quartiere."),
        base="residents",
    ),
    IndicatorDefinition(
        code="foreigners_share_change",
        kind=Kind.CHANGE,
        name=_("Veränderung des Ausländeranteils"),
        definition=_("Ausländeranteil am Stichtag minus am früheren Stichtag, in Prozentpunkten."),
        relevance=_("Zeigt, wo sich die Zusammensetzung der Bevölkerung verändert."),
        base="foreigners_share",
    ),
    IndicatorDefinition(
        code="migration_background_share_change",
        kind=Kind.CHANGE,
        name=_("Veränderung des Anteils mit Migrationshintergrund"),
        definition=_("Anteil am Stichtag minus am früheren Stichtag, in Prozentpunkten."),
        relevance=_("Zeigt, wo sich die Zusammensetzung der Bevölkerung verändert."),
        method_notes=MB_NOTE,
        base="migration_background_share",
    ),
)

CATALOGUE: dict[str, IndicatorDefinition] = {item.code: item for item in DEFINITIONS}
