"""The council model in the admin (back office), scoped to the admin user's bodies.

The everyday work happens on the staff pages; the admin is for corrections and overview.
Uploads are not possible here: files come in only through the checked upload service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest

from teilhabe.accounts.models import User
from teilhabe.core.admin import BodyScopedAdmin, BodyScopedInline, admin_body_ids
from teilhabe.council.models import (
    AgendaItem,
    Attendance,
    Consultation,
    Dispatch,
    File,
    Invitation,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Minutes,
    Organization,
    Paper,
    Person,
    PersonVote,
    SessionRules,
    Vote,
)

RELATED_ONLY = admin.RelatedOnlyFieldListFilter


def _imported(obj: Any) -> bool:
    """`obj` (a row, or for an inline the parent row) belongs to a body imported from OParl."""
    return obj is not None and bool(obj.body.oparl_source)


class ImportedReadOnlyMixin:
    """The rows of a body imported from OParl are shown, never changed or deleted here: the
    importer alone writes them (as the services refuse them on the staff pages)."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _imported(obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _imported(obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # For an inline, `obj` is the parent: no new rows under an imported one.
        return not _imported(obj) and super().has_add_permission(request, obj)  # type: ignore[misc]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A new row may still name an imported body in its `body` field.
        if _imported(obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)  # type: ignore[misc]


class EditableAdmin(ImportedReadOnlyMixin, BodyScopedAdmin):
    pass


class EditableInline(ImportedReadOnlyMixin, BodyScopedInline):
    pass


class MembershipInline(EditableInline, admin.TabularInline):
    model = Membership
    fk_name = "organization"
    fields = ("person", "role", "voting_right", "on_behalf_of", "start_date", "end_date")
    extra = 0


class AgendaItemInline(EditableInline, admin.TabularInline):
    model = AgendaItem
    fields = ("order", "number", "name", "public", "result")
    extra = 0
    ordering = ("order",)


class ConsultationInline(EditableInline, admin.TabularInline):
    model = Consultation
    fields = ("order", "organization", "meeting", "agenda_item", "role", "authoritative")
    extra = 0
    ordering = ("order",)


@admin.register(Location)
class LocationAdmin(EditableAdmin):
    list_display = ("description", "street_address", "room", "postal_code", "locality", "body")
    search_fields = ("description", "street_address", "locality")


@admin.register(LegislativeTerm)
class LegislativeTermAdmin(EditableAdmin):
    list_display = ("name", "start_date", "end_date", "body")
    search_fields = ("name",)


@admin.register(Organization)
class OrganizationAdmin(EditableAdmin):
    list_display = ("name", "organization_type", "parent", "legal_member_count", "body")
    list_filter = ("organization_type",)
    list_select_related = ("parent", "body")
    search_fields = ("name", "short_name")
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(EditableAdmin):
    list_display = ("family_name", "given_name", "email", "public_consent", "user", "body")
    list_filter = ("public_consent",)
    list_select_related = ("user", "body")
    search_fields = ("family_name", "given_name", "email", "user__username")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        body_ids = admin_body_ids(request)
        if db_field.name == "user" and body_ids is not None:
            # Accounts already known to the user's bodies; new accounts are a superuser's job.
            kwargs["queryset"] = User.objects.filter(
                Q(person__body_id__in=body_ids) | Q(staff_roles__body_id__in=body_ids)
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Membership)
class MembershipAdmin(EditableAdmin):
    list_display = ("person", "organization", "role", "voting_right", "start_date", "end_date")
    list_filter = ("role", "voting_right", ("organization", RELATED_ONLY))
    list_select_related = ("person", "organization")
    search_fields = ("person__family_name", "person__given_name", "organization__name")


@admin.register(Meeting)
class MeetingAdmin(EditableAdmin):
    list_display = ("__str__", "organization", "number", "start", "state", "body")
    list_filter = ("state", ("organization", RELATED_ONLY))
    list_select_related = ("organization", "body")
    search_fields = ("name", "organization__name")
    date_hierarchy = "start"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(EditableAdmin):
    list_display = ("__str__", "meeting", "order", "public", "result")
    list_filter = ("public", "result")
    list_select_related = ("meeting",)
    search_fields = ("name", "number", "resolution_text")


@admin.register(Paper)
class PaperAdmin(EditableAdmin):
    list_display = ("reference", "name", "date", "paper_type", "public", "body")
    list_filter = ("paper_type", "public")
    list_select_related = ("body",)
    search_fields = ("reference", "name", "proposed_resolution", "justification")
    date_hierarchy = "date"
    filter_horizontal = ("originator_persons", "originator_organizations", "related_papers")
    inlines = [ConsultationInline]


@admin.register(Consultation)
class ConsultationAdmin(EditableAdmin):
    list_display = ("paper", "organization", "meeting", "role", "authoritative", "order")
    list_filter = ("role", "authoritative", ("organization", RELATED_ONLY))
    list_select_related = ("paper", "organization", "meeting")
    search_fields = ("paper__name", "paper__reference", "organization__name")


@admin.register(File)
class FileAdmin(EditableAdmin):
    list_display = ("name", "file_name", "mime_type", "size", "paper", "meeting", "agenda_item")
    list_filter = ("mime_type",)
    list_select_related = ("paper", "meeting", "agenda_item")
    search_fields = ("name", "file_name", "sha256")
    readonly_fields = [
        "file_name",
        "mime_type",
        "size",
        "sha256",
        "content",
        "text",
        "created",
        "modified",
        "version",
    ]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Files come in only through the upload service, which checks their content.
        return False


@admin.register(SessionRules)
class SessionRulesAdmin(EditableAdmin):
    list_display = ("name", "organization", "notice_days", "quorum_percent", "body")
    list_select_related = ("organization", "body")


# The session's records are written by the session desk, the invitation and the minutes
# pages, whose services check the rules and keep the history. The admin only shows them:
# an edit here would bypass both (a changed vote count would not change the result).


class ReadOnlyRecordAdmin(BodyScopedAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyRecordAdmin):
    list_display = ("meeting", "sent_at", "in_time", "urgent", "body")
    list_filter = ("in_time", "urgent")
    list_select_related = ("meeting", "body")


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyRecordAdmin):
    list_display = ("meeting", "kind", "person", "state", "attempts", "sent_at")
    list_filter = ("kind", "state")
    list_select_related = ("meeting", "person")


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyRecordAdmin):
    list_display = ("meeting", "person", "status", "deputy", "arrived", "left")
    list_filter = ("status",)
    list_select_related = ("meeting", "person", "deputy")


class PersonVoteInline(BodyScopedInline, admin.TabularInline):
    model = PersonVote
    fields = ("person", "choice")
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Vote)
class VoteAdmin(ReadOnlyRecordAdmin):
    list_display = ("agenda_item", "taken_at", "yes", "no", "abstain", "quorate", "adopted")
    list_filter = ("quorate", "adopted", "by_name")
    list_select_related = ("agenda_item",)
    inlines = [PersonVoteInline]


@admin.register(PersonVote)
class PersonVoteAdmin(ReadOnlyRecordAdmin):
    list_display = ("vote", "person", "choice")
    list_select_related = ("vote", "person")


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyRecordAdmin):
    list_display = ("meeting", "state", "sent_at", "approved_at", "published_at")
    list_filter = ("state",)
    list_select_related = ("meeting",)
