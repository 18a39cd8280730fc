from contextvars import ContextVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from icpconsole.core.admin_mixins import ServiceFormAdminMixin

from .models import User
from .services import account_create, account_password_set, account_set_parent, account_update

# Who is changing a password on the admin's password page (one value per request).
_password_actor: ContextVar[User | None] = ContextVar("admin_password_actor", default=None)


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's password form, saved by ``account_password_set``: validated, tokens revoked,
    one audit row."""

    def save(self, commit=True):
        password = self.cleaned_data.get("password1")
        usable = str(self.cleaned_data.get("usable_password", "true")).lower() != "false"
        actor = _password_actor.get()
        if commit and password and usable and actor is not None:
            account_password_set(actor=actor, user=self.user, password=password)
            return self.user
        return super().save(commit)


@admin.register(User)
class UserAdmin(ServiceFormAdminMixin, BaseUserAdmin):
    """Accounts are added by ``account_create`` and their parent is changed by
    ``account_set_parent``, whose rules decide who may be a RAM user of whom; a refusal shows on
    the form."""

    list_display = [
        "username",
        "uid",
        "display_name",
        "parent",
        "certification",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    list_filter = [
        "is_staff",
        "is_superuser",
        "is_active",
        "certification",
        ("parent", admin.EmptyFieldListFilter),
    ]
    search_fields = ["username", "uid", "display_name", "email"]
    readonly_fields = ["uid", "last_login", "date_joined"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["username", "uid", "password"]}),
        (_("Profile"), {"fields": ["display_name", "email", "parent", "certification"]}),
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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "certification":
            # A post without it (a script's, an older form's) keeps the account's certification.
            field.required = False
        return field

    change_password_form = AuditedPasswordChangeForm

    def service_save(self, request, form, change):
        if not change:
            data = form.cleaned_data
            return account_create(
                actor=request.user,
                username=data["username"],
                password=data["password1"],
                display_name=data.get("display_name", ""),
                parent=data.get("parent"),
            )
        account = form.save(commit=False)
        if "parent" in form.changed_data:
            account_set_parent(actor=request.user, account=account, parent=account.parent)
        account_update(actor=request.user, account=account, changed=form.changed_data)
        return account

    def user_change_password(self, request, id, form_url=""):
        # The password page saves through ``account_password_set`` (audited), as the console does.
        token = _password_actor.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _password_actor.reset(token)

    def has_delete_permission(self, request, obj=None):
        # Accounts own instances and service codes, which are never deleted; deactivate instead.
        return False
