"""The filings part of the demo world (``seed_demo`` calls :func:`seed`). Idempotent: what exists
is kept, what is missing is made, all through the services (staff approving), so the demo has the
same history and audit trail as real use.

What it makes, with the values it returns:

* ``account``'s subject ("<display name>", Zhejiang), filed with two websites
  ``<username>-example.cn`` and ``<username>-shop.cn`` on one instance
  (``filing-site``); its filing password is in the account's phone inbox;
* an ``add_website`` order of that subject for ``<username>-blog.cn``, waiting for initial
  review (``submitted``): approve it in the admin or with ``POST /api/v1/filings/{id}/review/``;
* ``other``'s first filing of ``<other>-example.cn``, waiting for the SMS code
  (``pending_sms``); the code is in ``other``'s inbox;
* a registry record of ``transfer-demo.cn`` filed with Tencent Cloud, to transfer in with
  ICP number ``粤ICP备10203040号`` and filing password ``Transfer-2026``;
* a HiChina legacy record of ``hichina-demo.com.cn`` (2008), to claim with certificate number
  ``110101196001011234``.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction

from filings import services
from filings.models import (
    LIVE_SUBJECT_STATUSES,
    OPEN_STAGES,
    FilingOrder,
    MessageKind,
    PhoneMessage,
    RegistryOrigin,
    RegistryRecord,
    Stage,
    Subject,
    SubjectStatus,
    Website,
)
from instances.models import Instance
from instances.services import instance_purchase

TRANSFER_DOMAIN = "transfer-demo.cn"
TRANSFER_ICP_NUMBER = "粤ICP备10203040号"
TRANSFER_PASSWORD = "Transfer-2026"  # noqa: S105 - a documented demo value
CLAIM_DOMAIN = "hichina-demo.com.cn"
CLAIM_ICP_NUMBER = "京ICP备05012345号-1"
CLAIM_CERTIFICATE = "110101196001011234"


def _slug(account) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", account.username.lower()).strip("-") or f"a{account.pk}"


def _instance(account, name: str) -> Instance:
    existing = Instance.objects.filter(owner=account, name=name).exclude(status="Released").first()
    return existing or instance_purchase(
        actor=account,
        product_id="ecs",
        region_id="cn-hangzhou",
        charge_type="PrePaid",
        period_months=12,
        internet_max_bandwidth_out=5,
        name=name,
    )


def _drive(order: FilingOrder, *, staff, until: str) -> FilingOrder:
    """Move a fresh draft forward, as its account and staff would, until it reaches ``until``."""
    user = order.created_by
    steps = [Stage.SUBMITTED, Stage.PENDING_SMS, Stage.BUREAU_REVIEW, Stage.APPROVED]
    for stage in steps[: steps.index(until) + 1]:
        if stage == Stage.SUBMITTED:
            order = services.filing_submit(actor=user, order_id=order.pk)
        elif stage == Stage.BUREAU_REVIEW:
            order = services.filing_verify_sms(
                actor=user, order_id=order.pk, code=_secret(order.account, MessageKind.SMS_CODE)
            )
        else:
            order = services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    return order


def _secret(account, kind: str) -> str:
    message = PhoneMessage.objects.filter(account=account, kind=kind).order_by("-sent_time", "-id").first()
    return message.secret if message else ""


def _live_subject(account) -> Subject | None:
    return Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).first()


def _domain_taken(domain: str) -> bool:
    return (
        Website.objects.filter(domain=domain).exists()
        or FilingOrder.objects.filter(domain=domain, status__in=OPEN_STAGES).exists()
        or RegistryRecord.objects.filter(domain=domain).exists()
    )


def seed(account, *, staff, other=None) -> dict[str, str]:
    """Create (or complete) the filings demo; returns the values worth knowing, by name."""
    slug = _slug(account)
    result: dict[str, str] = {}
    with transaction.atomic():
        site = _instance(account, "filing-site")
        subject = _live_subject(account)
        if subject is None:
            order = services.filing_create_first(
                actor=account,
                subject={
                    "kind": "enterprise",
                    "name": account.display_name or account.username,
                    "certificate_number": "91330106MA2DEMO01X",
                    "province": "zhejiang",
                },
                website={
                    "domain": f"{slug}-example.cn",
                    "name": "Company homepage",
                    "instance_id": site.instance_id,
                },
            )
            subject = _drive(order, staff=staff, until=Stage.APPROVED).subject
        if subject.status == SubjectStatus.ACTIVE:
            for prefix, until in (("shop", Stage.APPROVED), ("blog", Stage.SUBMITTED)):
                domain = f"{slug}-{prefix}.cn"
                if (
                    _domain_taken(domain)
                    or FilingOrder.objects.filter(subject=subject, status__in=OPEN_STAGES).exists()
                ):
                    continue
                order = services.filing_create_add_website(
                    actor=account, website={"domain": domain, "instance_id": site.instance_id}
                )
                _drive(order, staff=staff, until=until)
        subject.refresh_from_db()
        result["filed subject"] = f"{subject.name} {subject.icp_number} ({subject.status})"
        result["filed websites"] = ", ".join(
            f"{w.domain} {w.icp_number}" for w in subject.websites.order_by("seq")
        )
        result["filing password"] = _secret(account, MessageKind.FILING_PASSWORD)
        waiting = FilingOrder.objects.filter(subject=subject, status=Stage.SUBMITTED).first()
        if waiting:
            result["order waiting for initial review"] = f"#{waiting.pk} ({waiting.domain})"

        if other is not None:
            other_slug = _slug(other)
            domain = f"{other_slug}-example.cn"
            if _live_subject(other) is None and not _domain_taken(domain):
                order = services.filing_create_first(
                    actor=other,
                    subject={
                        "kind": "individual",
                        "name": other.display_name or other.username,
                        "certificate_number": "330106199001011234",
                        "province": "beijing",
                    },
                    website={
                        "domain": domain,
                        "instance_id": _instance(other, "other-filing-site").instance_id,
                    },
                )
                _drive(order, staff=staff, until=Stage.PENDING_SMS)
            sms = FilingOrder.objects.filter(account=other, status=Stage.PENDING_SMS).first()
            if sms:
                result["order waiting for SMS"] = (
                    f"#{sms.pk} of {other.username}, code {_secret(other, MessageKind.SMS_CODE)}"
                )

        if not RegistryRecord.objects.filter(domain=TRANSFER_DOMAIN).exists():
            services.registry_record_add(
                actor=staff,
                origin=RegistryOrigin.OTHER_PROVIDER,
                domain=TRANSFER_DOMAIN,
                icp_number=f"{TRANSFER_ICP_NUMBER}-1",
                subject_name="Shenzhen Transfer Demo Co., Ltd.",
                subject_kind="enterprise",
                certificate_number="91440300MA5DEMO02Y",
                province="guangdong",
                access_provider="Tencent Cloud",
                password=TRANSFER_PASSWORD,
            )
        result["transfer-in"] = f"{TRANSFER_DOMAIN} {TRANSFER_ICP_NUMBER} password {TRANSFER_PASSWORD}"
        if not RegistryRecord.objects.filter(domain=CLAIM_DOMAIN).exists():
            services.registry_record_add(
                actor=staff,
                origin=RegistryOrigin.HICHINA_LEGACY,
                domain=CLAIM_DOMAIN,
                icp_number=CLAIM_ICP_NUMBER,
                subject_name="Li Lei",
                subject_kind="individual",
                certificate_number=CLAIM_CERTIFICATE,
                province="beijing",
                filed_time=dt.datetime(2008, 3, 15, tzinfo=dt.timezone(dt.timedelta(hours=8))),
            )
        result["HiChina claim"] = f"{CLAIM_DOMAIN} {CLAIM_ICP_NUMBER} certificate {CLAIM_CERTIFICATE}"
    return result
