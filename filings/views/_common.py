"""What the filing pages share: a refusal as a message, creating and submitting an order, labels."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from icpconsole.core.console import refusal_shown
from icpconsole.core.errors import DomainError, NotEligible
from icpconsole.core.provider import current as current_provider
from instances.views import decorate

from .. import console_selectors, services
from ..models import FilingOrder
from ..provinces import PROVINCES
from ..refusals import ChecksFailed

WIZARD_SESSION_KEY = "filings.wizard"
WIZARD_STEPS = (
    ("filings:new", _("Domain")),
    ("filings:new_product", _("Product verification")),
    ("filings:new_details", _("Subject and website")),
    ("filings:new_confirm", _("Confirm")),
)


def remedies(reasons, *, subject_name: str = "", next_url: str = "") -> list[dict]:
    """Each pre-check reason (SPEC 3.9) with the console link that carries out its remedy:
    register the domain (prefilled with the subject as holder), renew it or fix its holder on the
    Domains page, look the filing up, open the order; the others point at the field to fix."""
    from urllib.parse import urlencode

    from .. import precheck

    rows = []
    for reason in reasons:
        target, action = reason.target, reason.remedy_action
        url = ""
        back = {"next": next_url} if next_url else {}
        if action == precheck.ACTION_REGISTER_DOMAIN:
            url = (
                reverse("registrar:domains")
                + "?"
                + urlencode({"domain": target, "holder_name": subject_name, **back})
            )
        elif action in (
            precheck.ACTION_RENEW_DOMAIN,
            precheck.ACTION_VERIFY_DOMAIN,
            precheck.ACTION_FIX_HOLDER,
        ):
            url = reverse("registrar:domains") + "?" + urlencode({"focus": target, **back})
        elif action == precheck.ACTION_VIEW_FILING:
            url = "/icp-records/?" + urlencode({"domain": target})
        elif action == precheck.ACTION_VIEW_ORDER:
            url = reverse("filings:orders")
        elif action == precheck.ACTION_UPLOAD_DOCUMENT:
            url = f"#document-{target}"
        elif action == precheck.ACTION_VERIFY_AUTHENTICITY:
            url = "#section-verification"
        elif action in (precheck.ACTION_FIX_LEADER, precheck.ACTION_FIX_SUBJECT):
            url = f"#section-{target}" if target else ""
        rows.append(
            {
                "code": reason.code,
                "message": reason.message,
                "remedy": reason.remedy,
                "action": action,
                "url": url,
                "target": target,
            }
        )
    return rows


def error_html(exc: DomainError):
    """A refusal as a message; an eligibility refusal lists each reason (SPEC 3.5), a pre-check
    refusal each reason with its remedy (SPEC 3.9)."""
    if isinstance(exc, ChecksFailed):
        return format_html(
            '{} <ul class="msg-reasons">{}</ul>',
            exc.message,
            format_html_join(
                "",
                '<li data-reason-code="{}">{} <span class="remedy">{}</span></li>',
                ((r.code, r.message, r.remedy) for r in exc.reasons),
            ),
        )
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
    """Create an order through ``create`` and submit it for initial review. ``create`` runs in one
    transaction (it may call several services: create, then complete the order), so a refused
    creation is shown as an error and returns ``None`` with nothing created; a refused submission
    leaves the order in draft, where its page offers to submit it."""
    with refusal_shown(request, message=error_html, not_found_404=False) as created, transaction.atomic():
        order = create()
    if not created.ok:
        return None
    with refusal_shown(request, quiet=ChecksFailed, not_found_404=False) as submitted:
        services.filing_submit(actor=request.user, order_id=order.pk)
    if isinstance(submitted.refusal, ChecksFailed):
        # The documents are uploaded on the order's page (SPEC 3.9), which lists what is missing.
        messages.info(
            request,
            gettext("Filing order %(id)s was created in draft. Upload its documents below, then submit it.")
            % {"id": order.pk},
        )
    elif not submitted.ok:
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
    provider = current_provider()  # read once for every row's names
    for instance in instances:
        decorate(instance, now, provider=provider)
    return instances


# --- the wizard ------------------------------------------------------------------------------


def app_problem_rows(problems) -> list[dict]:
    """An app's broken rules (``apps_rules.app_problems``) as the pre-check's reason rows, each
    pointing at its field of the app form (``app-`` prefix)."""
    rows = []
    for exc in problems:
        field = next(iter(exc.extra.get("fields") or {}), "").removeprefix("app.")
        rows.append(
            {
                "code": exc.code,
                "message": exc.message,
                "remedy": exc.extra.get("remedy", ""),
                "action": "",
                "url": f"#id_app-{field}" if field and field != "app" else "",
                "target": field,
            }
        )
    return rows
