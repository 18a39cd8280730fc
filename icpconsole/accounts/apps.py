from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "icpconsole.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions

        from .models import AccountAction

        register_actions(AccountAction)
