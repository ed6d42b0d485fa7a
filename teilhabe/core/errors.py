"""One error base class with stable codes and translated messages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class TeilhabeError(Exception):
    """A rule was broken. `code` is stable for machines, `message` is for people."""

    code = "error"
    default_message = _("Die Aktion konnte nicht ausgeführt werden.")

    def __init__(self, message: str | None = None, **params: object) -> None:
        self.message = str(message or self.default_message)
        self.params = params
        super().__init__(self.message)


class ConflictError(TeilhabeError):
    """Someone else saved the record since the form was opened."""

    code = "conflict"
    default_message = _(
        "Dieser Eintrag wurde inzwischen von jemand anderem geändert. Ihre Änderungen wurden "
        "nicht gespeichert, damit nichts überschrieben wird. Bitte laden Sie die Seite neu."
    )


class UploadRejected(TeilhabeError):
    code = "upload_rejected"
    default_message = _("Die Datei wurde nicht angenommen.")
