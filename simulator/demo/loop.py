"""SPEC 3.12's loop in the demo world (``filings.seed`` calls :func:`seed_loop`): ``returned``'s
first filing of ``returned-example.cn``, returned by the initial review with its reasons (correct
it, then resubmit), and ``idle``'s draft of ``idle-example.cn``, untouched for 41 days (the 40-day
reminder is in the inbox; it expires at 45 days)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from filings import services
from filings.models import FilingOrder, Stage
from icpconsole.accounts.models import User
from icpconsole.core import clock
from registrar.certificates import with_check_character

from . import steps

# SPEC 3.12 in the demo: the loop's two open orders, each for an account of its own (one open
# order per subject).
LOOP_ACCOUNTS = {
    "returned": with_check_character("33010619920202123", kind="individual"),
    "idle": with_check_character("33010619930303123", kind="individual"),
}
RETURN_REASON_CODE = "MATERIALS_UNCLEAR"
RETURN_NOTE = "The ID card scan is blurred; upload a clear colour scan of both sides."
IDLE_DAYS = 41


def loop_draft(account, *, certificate: str) -> FilingOrder | None:
    """``account``'s first filing of ``<username>-example.cn``, a complete draft; None when the
    account already has a subject."""
    if steps.live_subject(account) is not None:
        return None
    domain = f"{steps.slug(account)}-example.cn"
    name = account.display_name or account.username
    steps.register(account, domain, name, certificate)
    return steps.create(
        lambda: services.filing_create_first(
            actor=account,
            subject={
                "kind": "individual",
                "name": name,
                "certificate_number": certificate,
                "province": "zhejiang",
                "leader": {**steps.OTHER_LEADER, "name": name, "certificate_number": certificate},
            },
            website={
                "domain": domain,
                "name": f"{name}的个人博客",
                "content_category": "blog",
                "leader_is_subject_leader": True,
                "instance_id": steps.instance(account, f"{account.username}-site").instance_id,
            },
        ),
        account=account,
    )


def seed_loop(*, staff) -> dict[str, str]:
    """The returned order and the idle draft; the values worth knowing, by name (nothing for an
    account that does not exist)."""
    from simulator.timeline import order_expiry

    result = {}
    returned = User.objects.filter(username="returned").first()
    if returned is not None:
        order = loop_draft(returned, certificate=LOOP_ACCOUNTS["returned"])
        if order is not None:
            services.filing_submit(actor=returned, order_id=order.pk)
            services.filing_review(
                actor=staff,
                order_id=order.pk,
                decision="reject",
                reason_code=RETURN_REASON_CODE,
                reason=RETURN_NOTE,
            )
        back = FilingOrder.objects.filter(account=returned, status=Stage.RETURNED).first()
        if back is not None:
            result["order returned to correct (as returned)"] = f"#{back.pk} ({back.domain})"
    idle = User.objects.filter(username="idle").first()
    if idle is not None:
        order = loop_draft(idle, certificate=LOOP_ACCOUNTS["idle"])
        if order is not None:
            # Time put back on the row, as a world file would hold it; then the expiry sweep sends
            # the reminder due, as a clock move would.
            now = clock.now()
            FilingOrder.objects.filter(pk=order.pk).update(
                touched_time=now - dt.timedelta(days=IDLE_DAYS), expiry_reminders=0
            )
            order_expiry(now=now, actor=staff)
        draft = FilingOrder.objects.filter(account=idle, status=Stage.DRAFT).first()
        if draft is not None:
            result["draft close to expiry (as idle)"] = (
                f"#{draft.pk} ({draft.domain}), untouched since "
                f"{timezone.localtime(draft.touched_time):%Y-%m-%d}"
            )
    return result
