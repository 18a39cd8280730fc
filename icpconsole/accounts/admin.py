from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from icpconsole.core.admin_mixins import ServiceFormAdminMixin
from icpconsole.core.audit import audit_record

from .models import AccountAction, User
from .services import account_create, account_set_parent


@admin.register(User)
class UserAdmin(ServiceFormAdminMixin, BaseUserAdmin):
    """Accounts are added by ``account_create`` and their parent is changed by
    ``account_set_parent``, whose rules decide who may be a RAM user of whom; a refusal shows on
    the form."""

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

    refusal_fields = {"parent_uid": "parent"}

    def save_model(self, request, obj, form, change):
        if not change:
            created = account_create(
                actor=request.user,
                username=obj.username,
                password=form.cleaned_data["password1"],
                display_name=obj.display_name,
                parent=obj.parent,
            )
            # The admin goes on with ``obj`` (its log entry, its redirect): make it the saved row.
            obj.pk = created.pk
            obj.refresh_from_db()
            return
        if "parent" in form.changed_data:
            account_set_parent(actor=request.user, account=obj, parent=obj.parent)
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            account=obj.parent or obj,
            action=AccountAction.UPDATE,
            target=obj,
            details={"via": "admin", "fields": sorted(form.changed_data)},
        )

    def has_delete_permission(self, request, obj=None):
        # Accounts own instances and service codes, which are never deleted; deactivate instead.
        return False
