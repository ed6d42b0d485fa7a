"""The columns of the measures spreadsheet: one table, the same for template, upload and
export, so that an exported table can be edited and uploaded again."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise
    hint: Promise
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "action_field",
        _("Handlungsfeld"),
        _("Nummer oder Titel eines Handlungsfelds dieser Version."),
        required=True,
    ),
    Column("goals", _("Ziele"), _("Nummern der Ziele dieser Version, durch Komma getrennt.")),
    Column("title", _("Titel"), _("Titel der Maßnahme, höchstens 300 Zeichen."), required=True),
    Column("description", _("Beschreibung"), _("Freier Text.")),
    Column(
        "responsible_organization",
        _("Zuständige Stelle"),
        _("Name oder Kurzname eines Gremiums oder einer Verwaltungseinheit."),
    ),
    Column("organiser", _("Organisation"), _("Wer die Maßnahme organisiert.")),
    Column("speaker", _("Referent/in"), _("„N.N.“, solange noch niemand feststeht.")),
    Column("partners", _("Partner"), _("Freier Text.")),
    Column("start_date", _("Beginn"), _("Datum, z. B. 01.03.2025.")),
    Column("end_date", _("Ende"), _("Datum, nicht vor dem Beginn.")),
    Column("status", _("Status"), _("geplant, in Vorbereitung, in Umsetzung, umgesetzt, …")),
    Column("progress", _("Fortschritt (%)"), _("Ganze Zahl von 0 bis 100.")),
    Column("planned_cost", _("Geplante Kosten (€)"), _("Betrag in Euro, z. B. 1.250,00.")),
    Column("actual_cost", _("Tatsächliche Kosten (€)"), _("Betrag in Euro, nicht negativ.")),
    Column("funding_source", _("Finanzierung"), _("z. B. Haushalt der Stadt, Landesförderung.")),
)

MAX_ROWS = 2000
