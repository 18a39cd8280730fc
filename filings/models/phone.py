"""The simulated phone (SPEC 4.2 ``/api/v1/messages/``) and the documents an order carries (SPEC 3.9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import RETURNED_FROM_STAGE, ReturnedFrom, Stage
from .orders import FilingOrder

# --- the simulated phone -----------------------------------------------------------------------


class MessageKind(models.TextChoices):
    SMS_CODE = "sms_code", _("SMS verification code")
    FILING_PASSWORD = "filing_password", _("ICP filing password")
    REVIEW_REJECTED = "review_rejected", _("Filing rejected")
    SECURITY_DUE = "security_due", _("Public security filing reminder")
    SECURITY_OVERDUE = "security_overdue", _("Public security filing overdue")
    ACCESS_AT_RISK = "access_at_risk", _("Website access at risk")
    ACCESS_CANCELLED = "access_cancelled", _("Website access cancelled")
    REVIEW_RETURNED = "review_returned", _("Filing returned for correction")
    EXPIRY_REMINDER = "expiry_reminder", _("Filing order expiry reminder")
    ORDER_EXPIRED = "order_expired", _("Filing order expired")
    FILING_APPROVED = "filing_approved", _("Filing approved")
    VERIFICATION_LINK = "verify_link", _("Authenticity verification link")
    CODE_AUTHORIZATION = "code_auth", _("Code owner's authorization")


# What each kind of message says, filled from its ``params``: rendered in the reader's language
# when it is read (the inbox, the API), not in the language of whoever triggered it.
MESSAGE_TEXTS = {
    MessageKind.SMS_CODE: _(
        "[ICP Filing] Your verification code for filing order %(id)s is %(code)s. "
        "It is valid for 24 hours. Do not share it."
    ),
    MessageKind.FILING_PASSWORD: _(
        "[MIIT] %(name)s is filed under %(number)s. Your ICP filing password is %(password)s: keep it, "
        "it is needed to change or cancel the filing."
    ),
    MessageKind.REVIEW_REJECTED: _(
        "[ICP Filing] Filing order %(id)s was rejected (%(stage)s). Reason: %(reason)s"
    ),
    MessageKind.SECURITY_DUE: _(
        "[ICP Filing] Website %(domain)s (%(number)s) must be recorded with the public security "
        "authority (公安联网备案) by %(due)s. Record its public security filing number in the console."
    ),
    MessageKind.SECURITY_OVERDUE: _(
        "[ICP Filing] The public security filing of website %(domain)s (%(number)s) was due on %(due)s "
        "and has not been recorded. Record it in the console now."
    ),
    MessageKind.ACCESS_AT_RISK: _(
        "[ICP Filing] Instance %(instance)s hosting website %(domain)s (%(number)s) has expired or been "
        "released. Renew it, or rebind the website to another instance with a change application, "
        "before %(cancel)s, or the website's access will be cancelled."
    ),
    MessageKind.ACCESS_CANCELLED: _(
        "[ICP Filing] The access of website %(domain)s (%(number)s) was cancelled on %(date)s: its "
        "instance was not renewed and no other instance was bound. The ICP number stays valid with "
        "MIIT; transfer it in again to have it served here."
    ),
    MessageKind.REVIEW_RETURNED: _(
        "[ICP Filing] Filing order %(id)s was returned for correction (%(stage)s). Reason: %(reason)s "
        "Correct it and resubmit it in the console."
    ),
    MessageKind.EXPIRY_REMINDER: _(
        "[ICP Filing] Filing order %(id)s has not been changed for %(days)s days. Complete and submit it "
        "by %(expires)s, or it will be deleted."
    ),
    MessageKind.ORDER_EXPIRED: _(
        "[ICP Filing] Filing order %(id)s was not changed for %(days)s days and has been deleted. Its "
        "service code can be used again."
    ),
    MessageKind.FILING_APPROVED: _(
        "[MIIT] The filing of %(name)s (order %(id)s) is approved: its ICP filing number is %(number)s."
    ),
    MessageKind.VERIFICATION_LINK: _(
        "[ICP Filing] Authenticity verification for filing order %(id)s: open %(url)s on this phone "
        "within 24 hours and take the picture of the leader's face."
    ),
    MessageKind.CODE_AUTHORIZATION: _(
        "[ICP Filing] Account %(account)s asks to use your ICP filing authorization code %(service_code)s "
        "in filing order %(id)s. If you agree, give it the code %(code)s; it is valid for 24 hours."
    ),
}


def message_params(kind: str, params: dict) -> dict:
    """A message's parameters in the active language: a review result keeps the reason by its
    code (``filings.review_reasons``) and the stage by its value, never a translated text."""
    if kind not in (MessageKind.REVIEW_REJECTED, MessageKind.REVIEW_RETURNED):
        return params
    from ..review_reasons import rejection_text

    stage = params.get("stage", "")
    # The step that decided (初审, 短信核验, 管局审核), not the order's status then (初审中).
    step = RETURNED_FROM_STAGE.get(stage)
    return {
        **params,
        "stage": ReturnedFrom(step).label
        if step
        else (Stage(stage).label if stage in Stage.values else stage),
        "reason": rejection_text(
            code=params.get("reason_code", ""), text=params.get("reason", ""), checks=params.get("checks", ())
        ),
    }


class PhoneMessage(models.Model):
    """A text message to the account's (simulated) phone (SPEC 4.2 ``/api/v1/messages/``)."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="phone_messages",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    text = models.CharField(_("text"), max_length=500, help_text=_("As sent, in English."))
    params = models.JSONField(
        _("parameters"), default=dict, blank=True, help_text=_("What the kind's text is filled with.")
    )
    secret = models.CharField(_("secret"), max_length=64)
    order = models.ForeignKey(
        FilingOrder,
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    to_number = models.CharField(
        _("sent to"), max_length=16, blank=True, help_text=_("The mobile number the message went to.")
    )
    sent_time = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("phone message")
        verbose_name_plural = _("phone inbox")
        ordering = ["-sent_time", "-id"]
        indexes = [models.Index(fields=["account", "-sent_time", "-id"], name="filing_message_account_sent")]

    def __str__(self) -> str:
        return gettext("%(kind)s to %(account)s") % {"kind": self.get_kind_display(), "account": self.account}

    @property
    def rendered_text(self) -> str:
        """The message in the active language (older messages without params: as stored)."""
        template = MESSAGE_TEXTS.get(self.kind)
        if template is None or not self.params:
            return self.text
        return str(template) % message_params(self.kind, self.params)


# --- documents ---------------------------------------------------------------------------------


def document_path(instance: FilingDocument, filename: str) -> str:
    # The uploaded name is never used: the kind and a random token name the stored file.
    import secrets

    extension = "png" if instance.content_type == "image/png" else "jpg"
    return f"filings/{instance.order_id}/{instance.kind}-{secrets.token_hex(8)}.{extension}"


class FilingDocument(models.Model):
    """An image an order's application carries (SPEC 3.9): a licence, an ID card side, the
    authenticity verification photo. One per kind and order; a new upload replaces the old."""

    order = models.ForeignKey(
        FilingOrder, verbose_name=_("order"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=32)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    content_type = models.CharField(_("content type"), max_length=16)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_time = models.DateTimeField(_("uploaded"))

    class Meta:
        verbose_name = _("filing document")
        verbose_name_plural = _("filing documents")
        ordering = ["order", "kind"]
        constraints = [models.UniqueConstraint(fields=["order", "kind"], name="filing_document_one_per_kind")]

    def __str__(self) -> str:
        return f"#{self.order_id} {self.kind}"
