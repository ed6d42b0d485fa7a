"""The council app's typed errors: stable codes for machines, translated messages for people.

`field` names the form field an error belongs to (pages show it there); None means the
error concerns the whole form.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from teilhabe.core.errors import TeilhabeError


class CouncilError(TeilhabeError):
    field: str | None = None

    def __init__(self, message: str | None = None, *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


class CrossBodyReference(CouncilError):
    """A record would point at a record of another body (tenant)."""

    code = "cross_body_reference"
    default_message = _(
        "Ein ausgewählter Eintrag gehört zu einer anderen Körperschaft und kann hier nicht "
        "verwendet werden."
    )


class DuplicateMeetingNumber(CouncilError):
    code = "duplicate_meeting_number"
    field = "number"
    default_message = _(
        "Diese Sitzungsnummer ist für dieses Gremium in dieser Wahlperiode schon vergeben. "
        "Bitte wählen Sie eine andere Nummer oder lassen Sie das Feld leer."
    )


class OrganizationHoldsNoMeetings(CouncilError):
    code = "organization_holds_no_meetings"
    field = "organization"
    default_message = _(
        "Fraktionen, Listen und Verwaltungseinheiten halten keine Sitzungen ab. "
        "Bitte wählen Sie ein Gremium."
    )


class InvalidAgendaOrder(CouncilError):
    code = "invalid_agenda_order"
    default_message = _(
        "Die Reihenfolge passt nicht zur aktuellen Tagesordnung. Bitte laden Sie die Seite neu."
    )


class InconsistentConsultation(CouncilError):
    code = "inconsistent_consultation"
    default_message = _(
        "Sitzung, Tagesordnungspunkt und Gremium der Beratung passen nicht zusammen."
    )


class InvalidParent(CouncilError):
    code = "invalid_parent"
    field = "parent"
    default_message = _(
        "Ein Gremium kann nicht sich selbst oder einem eigenen Untergremium untergeordnet werden."
    )


class InvalidDateRange(CouncilError):
    code = "invalid_date_range"
    field = "end_date"
    default_message = _("Das Ende darf nicht vor dem Beginn liegen.")


class UserAlreadyLinked(CouncilError):
    code = "user_already_linked"
    field = "user"
    default_message = _("Dieses Benutzerkonto ist schon mit einer anderen Person verknüpft.")


class InvalidFileTarget(CouncilError):
    code = "invalid_file_target"
    default_message = _(
        "Eine Datei gehört zu genau einer Drucksache, einer Sitzung oder einem "
        "Tagesordnungspunkt. Bitte wählen Sie genau eines davon."
    )
