from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from icpconsole.core import generators

UID_LENGTH = 16


def generate_uid() -> str:
    """A 16-digit account id like an Alibaba Cloud UID (never starting with 0)."""
    return str(generators.below("uid", 9 * 10 ** (UID_LENGTH - 1)) + 10 ** (UID_LENGTH - 1))


class Certification(models.TextChoices):
    """An account's real-name certification (SPEC 3.14), set by staff."""

    PERSONAL = "personal", _("Personal")
    ENTERPRISE = "enterprise", _("Enterprise")


class User(AbstractUser):
    """A cloud account. With a ``parent`` it is a RAM user (sub-account) of that account (SPEC 3.1)."""

    uid = models.CharField(
        _("UID"),
        max_length=UID_LENGTH,
        unique=True,
        # Assigned on the first save (``save``), not when the object is built: a seeded run draws
        # it from the database's count (SPEC 4.8), and a collision is drawn again.
        blank=True,
        default="",
        editable=False,
        validators=[RegexValidator(r"^[1-9][0-9]{15}$")],
    )
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ram_users",
        help_text=_("Set for a RAM user: the account it belongs to."),
    )

    certification = models.CharField(
        _("real-name certification"),
        max_length=10,
        choices=Certification.choices,
        default=Certification.PERSONAL,
        help_text=_("Personal or enterprise; Tencent Cloud gives codes to enterprise accounts only."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="account_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_ram_user(self) -> bool:
        return self.parent_id is not None

    @property
    def is_login_active(self) -> bool:
        """May this login act at all? Its own ``is_active``, and for a RAM user its parent's too: a
        RAM user is active only while its parent is. The one answer for console log-ins and
        sessions (``backends.AccountBackend``), API tokens (``authentication``) and AccessKeys (the
        RPC gateway)."""
        return self.is_active and (self.parent_id is None or self.parent.is_active)

    def save(self, *args, **kwargs):
        # A changed password (``set_password`` then ``save``: the console, the API, the admin,
        # ``changepassword``) ends every API token of the login, as it already ends the other
        # sessions (their session hash no longer matches). Rehashing on log-in is no change.
        password_changed = self._password is not None and not self._state.adding
        if not self.uid:
            self.uid = generators.unique(
                generate_uid, lambda uid: type(self)._base_manager.filter(uid=uid).exists()
            )
        super().save(*args, **kwargs)
        if password_changed:
            from rest_framework.authtoken.models import Token

            Token.objects.filter(user=self).delete()

    @property
    def owner_account(self) -> "User":
        """The account whose resources this login sees: the parent for a RAM user, else itself."""
        return self.parent if self.parent_id else self


class AccountAction(models.TextChoices):
    """What the operation log records about accounts (``icpconsole.core.audit``)."""

    CREATE = "account.create", _("Create account")
    UPDATE = "account.update", _("Change account")
    SET_PARENT = "account.set_parent", _("Change the parent account")
    PASSWORD_CHANGE = "account.password.change", _("Change password")
    TOKEN_ISSUE = "account.token.issue", _("Issue API token")
    TOKEN_REVOKE = "account.token.revoke", _("Revoke API token")
    TOKEN_ROTATE = "account.token.rotate", _("Rotate API token")
