"""The e-mails to members: one composer per kind of dispatch (invitation, minutes).

Mail goes out in the body's language (the invitation is an official letter), whatever
language the staff member who sent it uses. Links in it are absolute when the site's
address is configured (`links.absolute_url`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from teilhabe.council import links
from teilhabe.council.models import Dispatch
from teilhabe.council.rules import local_date


def _context(dispatch: Dispatch) -> dict[str, Any]:
    meeting = dispatch.meeting
    return {
        "dispatch": dispatch,
        "person": dispatch.person,
        "meeting": meeting,
        "organization": meeting.organization,
        "body": meeting.body,
        "meeting_url": links.page_url(
            "council:meeting_detail", body=meeting.body.slug, pk=meeting.pk
        ),
        "minutes_url": links.page_url(
            "council_member:minutes", body=meeting.body.slug, pk=meeting.pk
        ),
    }


def _message(dispatch: Dispatch, subject: str, template: str) -> EmailMessage:
    body = dispatch.meeting.body
    return EmailMessage(
        subject=subject,
        body=render_to_string(template, _context(dispatch)),
        to=[dispatch.email],
        reply_to=[body.contact_email] if body.contact_email else None,
    )


def _subject_params(dispatch: Dispatch) -> dict[str, str]:
    meeting = dispatch.meeting
    return {
        "meeting": meeting.title,
        "organization": meeting.organization.name,
        "date": formats.date_format(local_date(meeting.start), "SHORT_DATE_FORMAT"),
    }


def _invitation(dispatch: Dispatch) -> EmailMessage:
    """The invitation with its PDF attached."""
    subject = _("Einladung: %(meeting)s, %(organization)s, am %(date)s") % _subject_params(dispatch)
    message = _message(dispatch, subject, "council/mail/invitation.txt")
    file = dispatch.invitation.file if dispatch.invitation else None
    if file is not None:
        with file.content.open("rb") as stream:
            message.attach(file.file_name, stream.read(), file.mime_type)
    return message


def _minutes(dispatch: Dispatch) -> EmailMessage:
    """The notice that the minutes are ready, with the link to the members' copy."""
    subject = _("Niederschrift: %(meeting)s, %(organization)s, vom %(date)s") % _subject_params(
        dispatch
    )
    return _message(dispatch, subject, "council/mail/minutes.txt")


COMPOSERS: dict[str, Callable[[Dispatch], EmailMessage]] = {
    Dispatch.Kind.INVITATION: _invitation,
    Dispatch.Kind.MINUTES: _minutes,
}


def compose(dispatch: Dispatch) -> EmailMessage:
    """The e-mail for `dispatch`, in the body's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return COMPOSERS[dispatch.kind](dispatch)
