"""Errors of thresholds and needs, with stable codes and translated messages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from teilhabe.core.errors import TeilhabeError


class ParticipationError(TeilhabeError):
    """A rule of thresholds or needs was broken; `field` names the form field, if any."""

    code = "participation_error"

    def __init__(self, message: str | None = None, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UnknownIndicator(ParticipationError):
    code = "unknown_indicator"
    default_message = _("Diesen Indikator gibt es im Monitoring nicht.")


class CategoryRequired(ParticipationError):
    code = "category_required"
    default_message = _(
        "Dieser Indikator hat Ausprägungen: Bitte geben Sie die Ausprägung an; ein "
        "Indikator ohne Ausprägungen hat keine."
    )


class InvalidValue(ParticipationError):
    code = "invalid_value"
    default_message = _("Der Wert muss eine Zahl mit höchstens zwei Nachkommastellen sein.")


class GoalOfOtherBody(ParticipationError):
    code = "goal_of_other_body"
    default_message = _("Dieses Ziel gehört nicht zu dieser Kommune.")
