"""What the filing pages share: a refusal as a message, creating and submitting an order, labels."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import DomainError, NotEligible
from instances.views import decorate

from .. import console_selectors, services
from ..models import FilingOrder
from ..provinces import PROVINCES

WIZARD_SESSION_KEY = "filings.wizard"
WIZARD_STEPS = (
    ("filings:new", _("Domain")),
    ("filings:new_product", _("Product verification")),
    ("filings:new_details", _("Subject and website")),
    ("filings:new_confirm", _("Confirm")),
)

def error_html(exc: DomainError):
    """A refusal as a message; an eligibility refusal lists each reason (SPEC 3.5)."""
    if isinstance(exc, NotEligible):
        return format_html(
            '{} <ul class="msg-reasons">{}</ul>',
            exc.message,
            format_html_join(
                "", '<li data-reason-code="{}">{}</li>', ((r.code, r.message) for r in exc.reasons)
            ),
        )
    return exc.message


def order_link(order: FilingOrder) -> str:
    return reverse("filings:detail", args=[order.pk])


def create_and_submit(request, create: Callable[[], FilingOrder]) -> FilingOrder | None:
    """Create an order through ``create`` and submit it for initial review. A refused creation
    is shown as an error and returns ``None`` (nothing was created); a refused submission leaves
    the order in draft, where its page offers to submit it."""
    try:
        order = create()
    except DomainError as exc:
        messages.error(request, error_html(exc))
        return None
    try:
        services.filing_submit(actor=request.user, order_id=order.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
        messages.info(request, gettext("Filing order %(id)s was created in draft.") % {"id": order.pk})
    else:
        messages.success(
            request,
            gettext("Filing order %(id)s (%(type)s) was submitted for initial review.")
            % {"id": order.pk, "type": order.get_type_display()},
        )
    return order


def province_label(pinyin: str) -> str:
    province = PROVINCES.get(pinyin)
    if province is None:
        return pinyin
    return province.name_zh if (get_language() or "").startswith("zh") else province.name


def filing_instances(user, now) -> list:
    instances = console_selectors.instances_for_filing(user, now=now)
    for instance in instances:
        decorate(instance, now)
    return instances


# --- the wizard ------------------------------------------------------------------------------
