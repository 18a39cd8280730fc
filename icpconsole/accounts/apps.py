from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _revoke_token_on_logout(sender, request, user, **kwargs):
    """Logging out of the console ends the login's API token too (issue 17): a log-out ends the
    login everywhere, not only in this browser."""
    from .services import api_token_revoke

    if user is not None and user.pk is not None:
        api_token_revoke(user=user, via="logout")


class AccountsConfig(AppConfig):
    name = "icpconsole.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out, user_login_failed

        from icpconsole.core.audit import register_actions

        from .login_throttle import login_failure_record
        from .models import AccountAction

        register_actions(AccountAction)
        user_login_failed.connect(login_failure_record, dispatch_uid="accounts.login_failure_record")
        user_logged_out.connect(_revoke_token_on_logout, dispatch_uid="accounts.revoke_token_on_logout")
