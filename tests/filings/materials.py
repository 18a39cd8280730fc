"""What a new website's application carries (SPEC 3.9), valid, for the flows: a registered and
verified domain held by the subject, certificate numbers with their check characters, leaders
and document images."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from filings.domains import normalize_main_domain
from registrar.certificates import with_check_character
from registrar.models import Domain

CREDIT_CODE = with_check_character("91330100MA2KXXXX1")
# A credit code of a Guangdong (44) registration authority: such a subject files in Guangdong (SPEC 3.13).
GUANGDONG_CREDIT_CODE = with_check_character("91440300MA2KXXXX1")
OTHER_CREDIT_CODE = with_check_character("91440300MA5FXXXX2")
ID_NUMBER = with_check_character("33010219900101123", kind="individual")
LEADER = {
    "name": "张三",
    "certificate_number": ID_NUMBER,
    "mobile": "13800138000",
    "email": "zhangsan@example.cn",
}
WEBSITE_LEADER = {
    "name": "李四",
    "certificate_number": with_check_character("33010219880202123", kind="individual"),
    "mobile": "13900139000",
    "email": "lisi@example.cn",
}
WEBSITE_NAME = "示例网站"
DOCUMENTS_NEW_SUBJECT = ("subject_certificate", "leader_id_front", "leader_id_back")
# SPEC 3.12: taken by the authenticity verification, never uploaded.
VERIFICATION_PHOTO = "verification_photo"


def png_bytes(width: int = 400, height: int = 300, image_format: str = "PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 40)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name: str = "photo.png", data: bytes | None = None, content_type: str = "image/png"):
    return SimpleUploadedFile(name, png_bytes() if data is None else data, content_type=content_type)


def website_materials(**overrides) -> dict:
    """A new website's fields besides its domain and code: name, category, its leader (the
    subject's leader)."""
    return {
        "name": WEBSITE_NAME,
        "content_category": "company",
        "leader_is_subject_leader": True,
        **overrides,
    }


def register_domain(domain: str, *, holder_name: str, account, certificate: str = CREDIT_CODE) -> Domain:
    """The main domain of ``domain`` registered and verified, held by ``holder_name`` (kept as it
    is when already registered: a domain is registered once)."""
    from registrar.services import domain_register

    main, _host = normalize_main_domain(domain)
    existing = Domain.objects.filter(domain=main).first()
    if existing is not None:
        return existing
    owner = getattr(account, "owner_account", account)
    return domain_register(
        actor=owner,
        domain=main,
        holder_name=holder_name,
        holder_certificate_number=certificate,
        period_years=5,
    )


def pass_verification(order) -> None:
    """The authenticity verification passed on the phone (SPEC 3.12), unless it has already."""
    from filings import services

    order.refresh_from_db(fields=["verification_status"])
    if order.verification_status != "passed":
        services.filing_verification_attempt(actor=order.created_by, order_id=order.pk, outcome="pass")
        order.refresh_from_db(fields=["verification_status"])


def upload_documents(order, kinds=None) -> None:
    """Every document the order still needs, through the service; the verification photo (asked
    for by name, or by default) through a passed authenticity verification."""
    from filings import services

    if kinds is None:
        kinds = (
            (*DOCUMENTS_NEW_SUBJECT, VERIFICATION_PHOTO) if order.creates_subject else (VERIFICATION_PHOTO,)
        )
        if order.creates_subject and order.subject.kind == "individual":
            kinds = tuple(kind for kind in kinds if kind != "subject_certificate")
        if order.website_leader and not order.website_leader_is_subject_leader:
            kinds = (*kinds, "website_leader_id_front", "website_leader_id_back")
    for kind in kinds:
        if kind == VERIFICATION_PHOTO:
            pass_verification(order)
            continue
        services.filing_document_upload(actor=order.created_by, order_id=order.pk, kind=kind, file=upload())
