"""Accounts in the admin: only superusers manage users and who is staff of which body.

Office staff with admin access may see the staff roles of their own bodies, but never
grant roles or edit accounts: with the right to edit users, anyone could make themselves
superuser or staff of another body.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import StaffRole, User
from teilhabe.core.admin import BodyScopedAdmin


def _is_superuser(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    fk_name = "user"
    fields = ("body", "deleted")
    extra = 0
    verbose_name = _("Rolle in der Geschäftsstelle")
    verbose_name_plural = _("Rollen in der Geschäftsstelle")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "staff_roles__body")
    search_fields = ("username", "email", "first_name", "last_name")
    inlines = [StaffRoleInline]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_superuser(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)


@admin.register(StaffRole)
class StaffRoleAdmin(BodyScopedAdmin):
    """Who is staff where: only superusers add or change roles.

    Unlike the council's rows, holding a StaffRole opens nothing here: seeing the roles of
    one's own bodies takes Django's view permission, which a superuser grants.
    """

    list_display = ("user", "body", "created", "deleted")
    search_fields = ("user__username", "user__email", "body__name")
    list_select_related = ("user", "body")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return admin.ModelAdmin.has_module_permission(self, request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = admin.ModelAdmin.has_view_permission(self, request, obj)
        return allowed and self.in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)
