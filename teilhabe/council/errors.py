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


class ImportedBodyReadOnly(CouncilError):
    """The body is a mirror of another council information system (OParl import): its
    records are written by `manage.py oparl_import` alone, never through the services."""

    code = "imported_body_read_only"
    default_message = _(
        "Diese Körperschaft wird aus einem anderen Ratsinformationssystem übernommen "
        "(OParl-Import) und kann hier nicht geändert werden. Bitte nehmen Sie Änderungen im "
        "Quellsystem vor; der nächste Import übernimmt sie."
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


# Motions (Anträge) -----------------------------------------------------------------------


class NotAMember(CouncilError):
    """Only current members (also chair and deputies) of the meeting's organization file motions."""

    code = "not_a_member"
    field = "meeting"
    default_message = _(
        "Anträge für diese Sitzung können nur Mitglieder des Gremiums stellen. Sie sind "
        "derzeit kein Mitglied."
    )


class MeetingClosedForMotions(CouncilError):
    code = "meeting_closed_for_motions"
    field = "meeting"
    default_message = _(
        "Für diese Sitzung können keine Anträge mehr gestellt werden: Sie hat schon "
        "stattgefunden, ist abgesagt oder das Gremium hält keine Sitzungen ab."
    )


class InvalidMotionOriginator(CouncilError):
    code = "invalid_motion_originator"
    field = "on_behalf_of"
    default_message = _(
        "Sie können einen Antrag nur im Namen einer Fraktion, Liste oder Arbeitsgruppe "
        "stellen, der Sie derzeit angehören."
    )


class InvalidCoSigner(CouncilError):
    code = "invalid_co_signer"
    field = "co_signers"
    default_message = _(
        "Mitunterzeichnen können nur Mitglieder des Gremiums, und nur bei einem Antrag, "
        "der nicht im Namen einer Fraktion, Liste oder Arbeitsgruppe gestellt wird."
    )


class CitationNotVisible(CouncilError):
    code = "citation_not_visible"
    field = "cited_papers"
    default_message = _(
        "Eine zitierte Drucksache oder ein zitierter Beschluss ist unbekannt oder für Sie "
        "nicht sichtbar."
    )


class MotionIncomplete(CouncilError):
    code = "motion_incomplete"
    field = "name"
    default_message = _("Bitte füllen Sie dieses Feld aus.")


class NotAMotion(CouncilError):
    code = "not_a_motion"
    default_message = _(
        "Nur ein Antrag, der für eine Sitzung eingereicht wurde, kann hier auf die "
        "Tagesordnung gesetzt werden."
    )


class AlreadyOnAgenda(CouncilError):
    code = "already_on_agenda"
    field = "meeting"
    default_message = _("Dieser Antrag steht schon auf der Tagesordnung dieser Sitzung.")


# Minutes (Niederschrift) ------------------------------------------------------------------


class MeetingNotHeld(CouncilError):
    code = "meeting_not_held"
    default_message = _(
        "Eine Niederschrift kann erst angelegt werden, wenn die Sitzung begonnen hat."
    )


class MeetingCancelled(CouncilError):
    code = "meeting_cancelled"
    default_message = _("Für eine abgesagte Sitzung wird keine Niederschrift angelegt.")


class MinutesExist(CouncilError):
    code = "minutes_exist"
    default_message = _("Für diese Sitzung gibt es schon eine Niederschrift.")


class MinutesNotDraft(CouncilError):
    code = "minutes_not_draft"
    default_message = _(
        "Die Niederschrift ist schon genehmigt. Eine genehmigte Niederschrift wird nicht "
        "mehr geändert."
    )


class MinutesNotApproved(CouncilError):
    code = "minutes_not_approved"
    default_message = _(
        "Nur eine genehmigte und noch nicht veröffentlichte Niederschrift kann "
        "veröffentlicht werden."
    )


class InvalidApprovingMeeting(CouncilError):
    code = "invalid_approving_meeting"
    field = "in_meeting"
    default_message = _(
        "Die Niederschrift wird in einer späteren Sitzung desselben Gremiums genehmigt, "
        "die schon begonnen hat und nicht abgesagt ist."
    )


class MinutesAgendaChanged(CouncilError):
    code = "minutes_agenda_changed"
    default_message = _(
        "Die Tagesordnung der Sitzung hat sich inzwischen geändert. Bitte laden Sie die Seite neu."
    )


# Invitation (Ladung) and dispatch ---------------------------------------------------------


class InvitationMeetingCancelled(CouncilError):
    code = "invitation_meeting_cancelled"
    default_message = _("Die Sitzung ist abgesagt; zu ihr wird nicht mehr eingeladen.")


class InvitationMeetingInPast(CouncilError):
    code = "invitation_meeting_in_past"
    default_message = _(
        "Die Sitzung hat schon begonnen oder liegt in der Vergangenheit; zu ihr kann nicht "
        "mehr eingeladen werden."
    )


class InvitationAgendaEmpty(CouncilError):
    code = "invitation_agenda_empty"
    default_message = _(
        "Die Tagesordnung ist leer. Eine Einladung muss die Tagesordnung enthalten; bitte "
        "legen Sie zuerst die Tagesordnungspunkte an."
    )


class InvitationNoRecipients(CouncilError):
    code = "invitation_no_recipients"
    default_message = _(
        "Das Gremium hat am Sitzungstag keine Mitglieder. Bitte tragen Sie zuerst die "
        "Mitgliedschaften ein."
    )


class UrgencyReasonMissing(CouncilError):
    code = "urgency_reason_missing"
    field = "urgency_reason"
    default_message = _(
        "Bei verkürzter Ladungsfrist muss die Einladung den Grund der Dringlichkeit nennen. "
        "Bitte geben Sie ihn an."
    )


class DispatchNotRetryable(CouncilError):
    code = "dispatch_not_retryable"
    default_message = _(
        "Nur ein fehlgeschlagener Versand kann wiederholt werden. Bitte laden Sie die Seite neu."
    )


# Attendance, quorum, votes and outcomes (Sitzungsverlauf) ----------------------------------


class SessionMeetingCancelled(CouncilError):
    code = "session_meeting_cancelled"
    default_message = _(
        "Die Sitzung ist abgesagt. Anwesenheit, Abstimmungen und Ergebnisse werden für sie "
        "nicht erfasst."
    )


class DeputyOnlyWhenRepresented(CouncilError):
    code = "deputy_only_when_represented"
    field = "deputy"
    default_message = _(
        "Eine Stellvertretung wird nur beim Status „vertreten“ eingetragen. Bitte wählen Sie "
        "diesen Status oder lassen Sie das Feld leer."
    )


class DeputyRequired(CouncilError):
    code = "deputy_required"
    field = "deputy"
    default_message = _("Bitte wählen Sie die Stellvertretung, die das Mitglied vertritt.")


class NotADeputy(CouncilError):
    code = "not_a_deputy"
    field = "deputy"
    default_message = _(
        "Die gewählte Person ist am Sitzungstag keine Stellvertretung in diesem Gremium."
    )


class DeputyAlreadyRepresenting(CouncilError):
    code = "deputy_already_representing"
    field = "deputy"
    default_message = _(
        "Diese Stellvertretung vertritt in dieser Sitzung schon ein anderes Mitglied."
    )


class AttendanceTimesOutOfOrder(CouncilError):
    code = "attendance_times_out_of_order"
    field = "left"
    default_message = _("„Gegangen um“ darf nicht vor „gekommen um“ liegen.")


class InvalidVoteCount(CouncilError):
    code = "invalid_vote_count"
    field = "yes"
    default_message = _(
        "Bitte geben Sie die Ja-Stimmen, Nein-Stimmen und Enthaltungen als ganze Zahlen ab 0 an."
    )


class NoVotesCast(CouncilError):
    code = "no_votes_cast"
    field = "yes"
    default_message = _(
        "Es ist keine Stimme eingetragen. Bitte tragen Sie das Ergebnis der Abstimmung ein."
    )


class InvalidVoteChoice(CouncilError):
    code = "invalid_vote_choice"
    default_message = _("Eine Stimme muss Ja, Nein oder Enthaltung sein.")


class VoterNotPresent(CouncilError):
    """A vote by name names someone who was not present with a vote when it was taken."""

    code = "voter_not_present"
    default_message = _(
        "Eine genannte Person war zum Zeitpunkt der Abstimmung nicht stimmberechtigt anwesend."
    )
    person_message = _(
        "%(name)s war zum Zeitpunkt der Abstimmung nicht stimmberechtigt anwesend und kann "
        "nicht mitstimmen."
    )

    @classmethod
    def for_person(cls, person: object, *, field: str | None = None) -> VoterNotPresent:
        return cls(str(cls.person_message) % {"name": person}, field=field)


class InvalidOutcome(CouncilError):
    code = "invalid_outcome"
    field = "outcome"
    default_message = _(
        "Dieses Ergebnis kann hier nicht eingetragen werden. „Angenommen“ und „abgelehnt“ "
        "ergeben sich aus der Abstimmung."
    )


class ReferralTargetRequired(CouncilError):
    code = "referral_target_required"
    field = "referred_to"
    default_message = _("Bitte wählen Sie das Gremium, an das verwiesen wird.")


class InvalidReferralTarget(CouncilError):
    code = "invalid_referral_target"
    field = "referred_to"
    default_message = _(
        "Verwiesen werden kann nur an ein anderes Gremium derselben Körperschaft, das "
        "Sitzungen abhält."
    )


class DuplicateSessionRules(CouncilError):
    code = "duplicate_session_rules"
    field = "organization"
    default_message = _(
        "Für dieses Gremium gibt es schon eine Geschäftsordnung (ohne Gremium: die der "
        "ganzen Körperschaft). Bitte bearbeiten Sie die vorhandene."
    )


class InvalidRepeatSession(CouncilError):
    code = "invalid_repeat_session"
    field = "repeat_of"
    default_message = _(
        "Eine Wiederholungssitzung folgt auf eine frühere Sitzung desselben Gremiums. "
        "Bitte wählen Sie eine solche Sitzung."
    )
