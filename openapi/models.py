"""AccessKey pairs, the signature nonces already seen, and service-code grants (SPEC 4.5)."""

from __future__ import annotations

import secrets
import string

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

ACCESS_KEY_ID_PREFIX = "LTAI"
ACCESS_KEY_ID_LENGTH = 24  # "LTAI" + 20 letters and digits, like Alibaba Cloud's own
ACCESS_KEY_SECRET_LENGTH = 30
_ALNUM = string.ascii_letters + string.digits


def generate_access_key_id() -> str:
    return ACCESS_KEY_ID_PREFIX + "".join(
        secrets.choice(_ALNUM) for _ in range(ACCESS_KEY_ID_LENGTH - len(ACCESS_KEY_ID_PREFIX))
    )


def generate_access_key_secret() -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(ACCESS_KEY_SECRET_LENGTH))


class AccessKeyStatus(models.TextChoices):
    ACTIVE = "Active", _("Active")
    INACTIVE = "Inactive", _("Disabled")


class AccessKey(models.Model):
    """An AccessKey pair of one login (an account or a RAM user). The secret is kept encrypted with
    a key derived from ``SECRET_KEY`` (``openapi.crypto``): it is shown once, on creation, and
    decrypted only to check a request's signature."""

    access_key_id = models.CharField(
        _("AccessKey ID"),
        max_length=ACCESS_KEY_ID_LENGTH,
        unique=True,
        default=generate_access_key_id,
        editable=False,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="access_keys",
        help_text=_("The login the key acts as: an account, or a RAM user with a RAM user's rights."),
    )
    secret_encrypted = models.TextField(_("secret (encrypted)"), editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=AccessKeyStatus.choices, default=AccessKeyStatus.ACTIVE
    )
    created_time = models.DateTimeField(_("created"))
    last_used_time = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("AccessKey")
        verbose_name_plural = _("AccessKeys")
        ordering = ["created_time", "id"]

    def __str__(self) -> str:
        return self.access_key_id

    @property
    def audit_id(self) -> str:
        return self.access_key_id

    @property
    def is_active(self) -> bool:
        return self.status == AccessKeyStatus.ACTIVE


class UsedNonce(models.Model):
    """A ``SignatureNonce`` / ``x-acs-signature-nonce`` already accepted from one AccessKey. Kept
    for longer than a timestamp stays acceptable, so a captured request cannot be replayed; the
    unique constraint is what refuses a replay, even when two copies arrive at once. A nonce is
    unique per AccessKey (as on Alibaba Cloud), so one account cannot use up another's nonces.
    Times are real time (transport security, not the simulation)."""

    nonce = models.CharField(_("nonce"), max_length=128)
    access_key_id = models.CharField(_("AccessKey ID"), max_length=ACCESS_KEY_ID_LENGTH)
    used_time = models.DateTimeField(_("used (real time)"), db_index=True)

    class Meta:
        verbose_name = _("used signature nonce")
        verbose_name_plural = _("used signature nonces")
        constraints = [
            models.UniqueConstraint(fields=["access_key_id", "nonce"], name="nonce_unique_per_access_key"),
        ]

    def __str__(self) -> str:
        return self.nonce


class ServiceCodeGrant(models.Model):
    """``GrantBsnCode``: the owner of an unused service code hands it to another account, whose
    filing may then use it (SPEC 3.6: a code is the proof that the website is hosted here)."""

    service_code = models.ForeignKey(
        "servicecodes.ServiceCode",
        verbose_name=_("service code"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+"
    )
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted to"),
        on_delete=models.PROTECT,
        related_name="service_code_grants",
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    created_time = models.DateTimeField(_("granted"))

    class Meta:
        verbose_name = _("service code grant")
        verbose_name_plural = _("service code grants")
        ordering = ["-created_time", "-id"]

    def __str__(self) -> str:
        return f"{self.service_code_id} -> {self.grantee_id}"


class AccessKeyAction(models.TextChoices):
    """What the operation log records about AccessKeys (``icpconsole.core.audit``)."""

    CREATE = "access_key.create", _("Create AccessKey")
    ENABLE = "access_key.enable", _("Enable AccessKey")
    DISABLE = "access_key.disable", _("Disable AccessKey")
    DELETE = "access_key.delete", _("Delete AccessKey")
    USE = "access_key.use", _("API call signed with AccessKey")
