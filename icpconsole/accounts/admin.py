from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from icpconsole.core.audit import audit_record

from .models import AccountAction, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "uid", "display_name", "parent", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", ("parent", admin.EmptyFieldListFilter)]
    search_fields = ["username", "uid", "display_name", "email"]
    readonly_fields = ["uid", "last_login", "date_joined"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["username", "uid", "password"]}),
        (_("Profile"), {"fields": ["display_name", "email", "parent"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["username", "display_name", "parent", "password1", "password2"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            account=obj.parent or obj,
            action=AccountAction.UPDATE if change else AccountAction.CREATE,
            target=obj,
            details={"via": "admin", "fields": sorted(form.changed_data)},
        )

    def has_delete_permission(self, request, obj=None):
        # Accounts own instances and service codes, which are never deleted; deactivate instead.
        return False
