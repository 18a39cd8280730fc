"""The building steps the demo world's parts share (``filings``, ``registry``, ``loop``,
``provinces``, ``providers``): the demo's certificate numbers and leaders, and the small steps an
account and staff take through the services (register a domain, buy an instance, create an order
with its documents, drive it forward, read a code from the phone inbox)."""

from __future__ import annotations

import re

from django.core.files.base import ContentFile

from filings import services
from filings.models import (
    LIVE_SUBJECT_STATUSES,
    OPEN_STAGES,
    FilingOrder,
    MessageKind,
    PhoneMessage,
    RegistryRecord,
    Stage,
    Subject,
    Website,
)
from icpconsole.core import clock
from instances.models import Instance
from instances.services import instance_purchase
from registrar.certificates import with_check_character
from registrar.models import Domain
from registrar.services import domain_register

DEMO_CREDIT_CODE = with_check_character("91330106MA2CDEM01")
OTHER_ID_NUMBER = with_check_character("33010619900101123", kind="individual")
LEADER = {
    "name": "王小明",
    "certificate_number": with_check_character("33010619850505123", kind="individual"),
    "mobile": "13800138000",
    "email": "leader@example.cn",
}
OTHER_LEADER = {
    "name": "李雷",
    "certificate_number": OTHER_ID_NUMBER,
    "mobile": "13900139000",
    "email": "lilei@example.cn",
}


def image() -> ContentFile:
    """A plain 800 x 600 PNG standing in for a scanned document."""
    import io

    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (800, 600), (236, 240, 245))
    ImageDraw.Draw(picture).rectangle((40, 40, 760, 560), outline=(90, 110, 140), width=6)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="document.png")


def register(account, domain: str, holder: str, certificate: str) -> None:
    if not Domain.objects.filter(domain=domain).exists():
        domain_register(
            actor=account,
            domain=domain,
            holder_name=holder,
            holder_certificate_number=certificate,
            period_years=5,
        )


def create(make, *, account) -> FilingOrder:
    """Create a new website's order (``make()``) and upload the documents it needs."""
    from filings.precheck import required_documents
    from filings.selectors import filing_facts

    order = make()
    facts = filing_facts(order, now=clock.now())
    for kind in required_documents(facts, new_subject=order.creates_subject):
        services.filing_document_upload(actor=account, order_id=order.pk, kind=kind, file=image())
    # SPEC 3.12: the leader's picture is taken on the phone (the photo is generated on a pass).
    services.filing_verification_attempt(actor=account, order_id=order.pk, outcome="pass")
    return order


def slug(account) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", account.username.lower()).strip("-") or f"a{account.pk}"


def instance(account, name: str) -> Instance:
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


def drive(order: FilingOrder, *, staff, until: str) -> FilingOrder:
    """Move a fresh draft forward, as its account and staff would, until it reaches ``until``."""
    user = order.created_by
    steps = [Stage.SUBMITTED, Stage.PENDING_SMS, Stage.BUREAU_REVIEW, Stage.APPROVED]
    for stage in steps[: steps.index(until) + 1]:
        if stage == Stage.SUBMITTED:
            order = services.filing_submit(actor=user, order_id=order.pk)
        elif stage == Stage.BUREAU_REVIEW:
            order = services.filing_verify_sms(
                actor=user, order_id=order.pk, code=secret(order.account, MessageKind.SMS_CODE)
            )
        else:
            order = services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    return order


def secret(account, kind: str) -> str:
    """The secret of ``account``'s latest phone message of ``kind`` ("" when there is none)."""
    message = PhoneMessage.objects.filter(account=account, kind=kind).order_by("-sent_time", "-id").first()
    return message.secret if message else ""


def live_subject(account) -> Subject | None:
    return Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).first()


def domain_taken(domain: str) -> bool:
    return (
        Website.objects.filter(domain=domain).exists()
        or FilingOrder.objects.filter(domain=domain, status__in=OPEN_STAGES).exists()
        or RegistryRecord.objects.filter(domain=domain).exists()
    )
