"""Console pages of the accounts app: log-in (Django's view) and changing one's own password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .services import account_password_set


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password-change page (its form checks the current password and the password rules);
    the change itself goes through ``account_password_set``, which audits it and ends the login's
    API tokens. Other sessions end (their hash no longer matches); this one stays logged in."""

    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        user = form.user
        account_password_set(actor=user, user=user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, user)
        messages.success(
            self.request,
            _("Your password has been changed. Your other sessions and your API token have ended."),
        )
        return redirect("accounts:password_change")
