"""Migration background and immigration history, derived from the population register.

The register records neither. Two published rules turn its fields into them:

* `has_migration_background` — the register rule of the Amt für Statistik
  Berlin-Brandenburg ("Migrationshintergrund" in the Einwohnerregisterstatistik), which
  goes back to the German cities' common procedure MigraPro (KOSIS-Verbund, Verband
  Deutscher Städtestatistiker). It approximates the Mikrozensus concept of 2005 with what
  the register can see.
* `has_immigration_history` — "Einwanderungsgeschichte" as the Statistisches Bundesamt
  has published it from the Mikrozensus since 2023, on the recommendation of the federal
  expert commission on integration (Fachkommission Integrationsfähigkeit): the person
  or both parents immigrated into today's territory of Germany since 1950.

Both take the person's register row and the rows of the parents the caller found through
`person.parent_ids` (in the same extract); a row that is not one of the person's linked
parents is refused, so a caller cannot pass a neighbour by mistake. Both are pure and
decide each person alone; counting is the caller's job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from teilhabe.monitoring.register import RegisterRecord, age_on

ADULT_AGE = 18
IMMIGRATION_SINCE = dt.date(1950, 1, 1)


class Feature(StrEnum):
    """Why a person counts as having a migration background (the rule's clauses)."""

    FOREIGNER = "foreigner"
    BORN_ABROAD = "born_abroad"
    SECOND_CITIZENSHIP = "second_citizenship"
    NATURALISED = "naturalised"
    OPTION = "option"
    PARENT = "parent"  # a minor, through a parent at the same address


def own_features(person: RegisterRecord) -> frozenset[Feature]:
    """The person's own migration features under the Berlin rule (no parent clause).

    A foreigner has FOREIGNER and whatever else applies; the German clauses (born abroad,
    second citizenship, naturalisation flag, option flag) are each reported for Germans
    only, since for a foreigner they add nothing.
    """
    if person.is_foreigner:
        return frozenset({Feature.FOREIGNER})
    features: set[Feature] = set()
    if person.born_abroad:
        features.add(Feature.BORN_ABROAD)
    if person.foreign_citizenships:
        features.add(Feature.SECOND_CITIZENSHIP)
    if person.naturalised:
        features.add(Feature.NATURALISED)
    if person.option_flag:
        features.add(Feature.OPTION)
    return frozenset(features)


def migration_background_basis(
    person: RegisterRecord, parents: Iterable[RegisterRecord], *, on: dt.date
) -> frozenset[Feature]:
    """The clauses of `has_migration_background` that apply; empty when none does."""
    linked = _linked_parents(person, parents)
    own = own_features(person)
    if own:
        return own
    if age_on(person, on) < ADULT_AGE and any(
        _same_address(person, parent) and (parent.born_abroad or parent.naturalised)
        for parent in linked
    ):
        return frozenset({Feature.PARENT})
    return frozenset()


def has_migration_background(
    person: RegisterRecord, parents: Iterable[RegisterRecord], *, on: dt.date
) -> bool:
    """Migration background by the register rule of the Amt für Statistik Berlin-Brandenburg.

    Rule (reference date `on`). A person has a migration background who is

    1. a foreigner (not German: foreign, stateless or of unresolved citizenship), or a
       German
    2. with a country of birth outside Germany,
    3. with a second, foreign citizenship,
    4. with the naturalisation flag (Einbürgerungskennzeichen), or
    5. with the option flag (German by birth in Germany to foreign parents, § 4 (3) StAG);
    6. or is under 18 on `on`, has none of these features, and is registered at the same
       address (the same generated household) as a parent who was born abroad or carries
       the naturalisation flag.

    Sources: Amt für Statistik Berlin-Brandenburg, Einwohnerregisterstatistik, definition
    "Personen mit Migrationshintergrund" (published with every table by characteristic,
    e.g. the Monitoring Soziale Stadtentwicklung Berlin); KOSIS-Verbund, MigraPro.

    Limits — what the register cannot see:

    * A parent living at another address (separated parents, a parent abroad or dead) does
      not pass the background on; nor does any parent once the child turns 18 (on their
      18th birthday the parent clause stops applying). Adults of the second generation
      without own features are not counted.
    * A parent passes it on only by birth abroad or naturalisation (the published clause);
      a foreign parent born in Germany does not, though the child usually carries that
      citizenship as a second one or the option flag and counts by their own feature.
    * "Born abroad" cannot tell immigrants from Germans born abroad to German parents
      (children of diplomats or emigrants), and counts (Spät-)Aussiedler the same way; a
      person born before 1945 in the former eastern territories counts if the register
      records today's state as the country of birth.
    * A missing country of birth counts as born in Germany. The rule asks for the country
      of birth only; a recorded move from abroad is not required (nor would it help: it
      is missing for many who arrived long ago).
    * The naturalisation flag is often lost when a person moves to another municipality,
      and cities have kept it for different periods; naturalised persons without the flag
      and without a second citizenship or birth abroad are missed.
    * Where the extract has only the year of birth, age is the age reached in the
      reference year (see `register`), exact on 31 December.
    """
    return bool(migration_background_basis(person, parents, on=on))


def immigrated_since_1950(person: RegisterRecord) -> bool:
    """The person immigrated into Germany themselves, since 1950, as far as the register shows.

    Born abroad, and not known to have arrived before 1950: a recorded last move from
    abroad before 1950 excludes the person; a missing move date does not (it is missing
    for many who arrived long ago or moved on within Germany, and most people born abroad
    who live here now arrived after 1950).
    """
    if not person.born_abroad:
        return False
    arrived = person.moved_from_abroad_on
    return arrived is None or arrived >= IMMIGRATION_SINCE


def has_immigration_history(person: RegisterRecord, parents: Iterable[RegisterRecord]) -> bool:
    """Einwanderungsgeschichte as the Statistisches Bundesamt has defined it since 2023.

    Rule. A person has an immigration history who

    1. immigrated into today's territory of Germany themselves since 1950 (Eingewanderte,
       first generation; see `immigrated_since_1950`), or
    2. whose parents both immigrated since 1950 (Nachkommen von Eingewanderten, second
       generation). One immigrated parent is not enough ("einseitige
       Einwanderungsgeschichte" is counted as without).

    Citizenship plays no part: a foreigner born in Germany to German-born parents has none,
    a German born abroad who moved here has one.

    Sources: Statistisches Bundesamt, Mikrozensus, "Bevölkerung nach
    Einwanderungsgeschichte" (published since 2023); Fachkommission der Bundesregierung zu
    den Rahmenbedingungen der Integrationsfähigkeit, report 2020/2021.

    Limits — what the register cannot see:

    * Both parents must be linked and present in the extract. The register links parents
      to minors (legal representatives); for adults, and for a parent who lives in another
      municipality, abroad or has died, the second clause cannot be decided and the person
      counts as without. The second generation is therefore undercounted, heavily among
      adults.
    * The register knows the last move from abroad, not the first: someone who first came
      before 1950, left and returned later counts as immigrated since 1950. Someone born
      abroad with no move date counts as immigrated since 1950 (see
      `immigrated_since_1950`).
    * A German born in Germany who lived abroad and returned has not immigrated; only
      birth abroad marks an immigrant, so a missing country of birth counts as not
      immigrated.
    """
    linked = _linked_parents(person, parents)
    if immigrated_since_1950(person):
        return True
    return len(linked) == 2 and all(immigrated_since_1950(parent) for parent in linked)


def _linked_parents(
    person: RegisterRecord, parents: Iterable[RegisterRecord]
) -> tuple[RegisterRecord, ...]:
    """The given parents, checked to be distinct persons the register links `person` to."""
    linked = tuple(parents)
    ids = [parent.person_id for parent in linked]
    if len(set(ids)) != len(ids):
        raise ValueError("the same parent was passed twice")
    strangers = sorted(set(ids) - set(person.parent_ids))
    if strangers:
        raise ValueError(f"not linked as parents of {person.person_id}: {strangers}")
    return linked


def _same_address(person: RegisterRecord, parent: RegisterRecord) -> bool:
    return person.household_id is not None and person.household_id == parent.household_id
