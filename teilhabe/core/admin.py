"""The Django admin as back office, scoped to bodies.

A superuser sees everything. Any other admin user (is_staff) sees and edits only rows of
the bodies where they hold a StaffRole: querysets are filtered, foreign-key choices are
limited, and an object of another body is neither visible nor changeable. The StaffRole
is also what lets them in: holding one, they may view, add and change their bodies' rows
without any Django model permission (nobody has to grant those per user). An admin that
must not follow the role (who is staff where) says so by overriding the permission
methods with Django's own checks.

Records are never hard-deleted by office staff: they mark them deleted (and can restore
them), as OParl expects deleted objects to stay addressable. Only superusers keep Django's
real delete, for erasure requests.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet, URLField
from django.forms import ModelMultipleChoiceField
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from teilhabe.core.models import Body, ChangeRecord

_SCOPE_CACHE = "_teilhabe_admin_body_ids"


def admin_body_ids(request: HttpRequest) -> frozenset[int] | None:
    """The bodies the admin user may work on; None means all (superuser)."""
    user: Any = request.user
    if user.is_superuser:
        return None
    cached = user.__dict__.get(_SCOPE_CACHE)
    if cached is None:
        # StaffRole lives in accounts (a layer above core); it is reached by its reverse name.
        cached = frozenset(
            Body.objects.filter(staff_roles__user=user, staff_roles__deleted=False).values_list(
                "pk", flat=True
            )
        )
        user.__dict__[_SCOPE_CACHE] = cached
    return cached


def _is_superuser(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


def _has_body(model: type[Model]) -> bool:
    return any(field.name == "body" for field in model._meta.concrete_fields)


def scope_queryset(queryset: QuerySet[Any], body_ids: frozenset[int] | None) -> QuerySet[Any]:
    """Rows of `queryset` within `body_ids` (a Body itself, or a row with a `body`)."""
    if body_ids is None:
        return queryset
    if queryset.model is Body:
        return queryset.filter(pk__in=body_ids)
    if _has_body(queryset.model):
        return queryset.filter(body_id__in=body_ids)
    return queryset


def _limit_choices(db_field: Any, request: HttpRequest, kwargs: dict[str, Any]) -> None:
    """Offer only rows of the user's bodies in a foreign-key or many-to-many field."""
    body_ids = admin_body_ids(request)
    if body_ids is not None and "queryset" not in kwargs:
        related = db_field.remote_field.model
        if related is Body or _has_body(related):
            kwargs["queryset"] = scope_queryset(related._default_manager.all(), body_ids)


class BodyScopedAdminMixin:
    """Scope a ModelAdmin (or inline) to the bodies of the admin user. See the module doc."""

    # How to get from a row to its body's id; "pk" for Body itself.
    body_id_attr = "body_id"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        body_ids = admin_body_ids(request)
        if body_ids is None:
            return queryset
        lookup = "pk__in" if self.body_id_attr == "pk" else f"{self.body_id_attr}__in"
        return queryset.filter(**{lookup: body_ids})

    def in_scope(self, request: HttpRequest, obj: Any) -> bool:
        body_ids = admin_body_ids(request)
        if obj is None or body_ids is None:
            return True
        return getattr(obj, self.body_id_attr) in body_ids

    def role_allows(self, request: HttpRequest, obj: Any = None) -> bool:
        """A superuser; or staff of some body, and `obj` (if given) is of one of their bodies.

        For an inline, `obj` is the parent row being edited.
        """
        body_ids = admin_body_ids(request)
        if body_ids is None:
            return True
        return bool(body_ids) and self.in_scope(request, obj)

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if isinstance(db_field, URLField):
            kwargs.setdefault("assume_scheme", "https")  # what Django 6 will assume anyway
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        _limit_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField | None:
        _limit_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.role_allows(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # New rows can only be of the user's bodies: the `body` choices are limited to them.
        return self.role_allows(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.role_allows(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Office staff mark rows deleted (an action); only superusers really delete.
        return _is_superuser(request) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class BodyScopedAdmin(BodyScopedAdminMixin, admin.ModelAdmin):
    """ModelAdmin for versioned, soft-deleted rows of a body."""

    readonly_fields = ["created", "modified", "version"]
    actions = ["mark_deleted", "restore"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        # The app appears in the admin index for superusers and for staff of some body.
        return self.role_allows(request)

    def get_list_filter(self, request: HttpRequest) -> Any:
        # Only the bodies the user may see, never a list of every body of the instance.
        filters = list(super().get_list_filter(request))
        if self.body_id_attr == "body_id":
            filters.insert(0, ("body", admin.RelatedOnlyFieldListFilter))
        return [*filters, "deleted"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A saved change is a new version: an edit form open on the staff pages then
        # reports a conflict instead of overwriting this change.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows: new ones belong to the parent's body, changed ones get a new version."""
        parent = form.instance
        parent_body_id = parent.pk if isinstance(parent, Body) else parent.body_id
        for obj in formset.save(commit=False):
            if _has_body(type(obj)) and not obj.body_id:
                obj.body_id = parent_body_id
            if obj.pk:
                obj.version += 1
            obj.save()
        formset.save_m2m()
        for obj in formset.deleted_objects:
            obj.delete()

    def _set_deleted(self, request: HttpRequest, queryset: QuerySet[Any], deleted: bool) -> None:
        changed = 0
        for obj in queryset.filter(deleted=not deleted):
            if self.has_change_permission(request, obj):
                obj.deleted = deleted
                obj.version += 1
                obj.modified = timezone.now()
                obj.save(update_fields=["deleted", "version", "modified"])
                changed += 1
        if deleted:
            text = ngettext(
                "%(count)d Eintrag als gelöscht markiert.",
                "%(count)d Einträge als gelöscht markiert.",
                changed,
            )
        else:
            text = ngettext(
                "%(count)d Eintrag wiederhergestellt.",
                "%(count)d Einträge wiederhergestellt.",
                changed,
            )
        self.message_user(request, text % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Als gelöscht markieren"), permissions=["change"])
    def mark_deleted(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_deleted(request, queryset, True)

    @admin.action(description=_("Wiederherstellen"), permissions=["change"])
    def restore(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_deleted(request, queryset, False)


class BodyScopedInline(BodyScopedAdminMixin):
    """An inline of a BodyScopedAdmin: list its fields without `body`; new rows take the
    parent's body (BodyScopedAdmin.save_formset)."""


@admin.register(Body)
class BodyAdmin(BodyScopedAdmin):
    body_id_attr = "pk"
    list_display = ("name", "slug", "ags", "contact_email", "deleted")
    search_fields = ("name", "short_name", "slug", "ags")
    prepopulated_fields = {"slug": ("name",)}

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)

    # Marking a body deleted takes every page of it offline: a superuser's decision, not
    # one the body's own office staff can make by ticking a box.
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        return fields if _is_superuser(request) else [*fields, "deleted"]

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        if not _is_superuser(request):
            actions.pop("mark_deleted", None)
            actions.pop("restore", None)
        return actions


@admin.register(ChangeRecord)
class ChangeRecordAdmin(BodyScopedAdminMixin, admin.ModelAdmin):
    """The change history, read-only: nobody edits what happened."""

    list_display = ("at", "object_repr", "action", "user", "body")
    list_filter = ("action", "content_type")
    list_select_related = ("user", "body")
    search_fields = ("object_repr",)
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
