"""The materials of a new website's filing (SPEC 3.9): leaders, the website's name and content
category, the pre-approval number and the documents; the pre-check on create (``precheck``),
completing a draft (``filing_update``), uploading documents (``filing_document_upload``) and
what submit needs (``check_complete``).

The decisions are ``filings.precheck``'s (pure); this module gathers the facts
(``filings.selectors.filing_facts``), enforces the answer and writes.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import transaction

from icpconsole.core import clock
from icpconsole.core.audit import audit_record

from .. import addresses, precheck, refusals, rules
from ..models import FilingAction, FilingDocument, FilingOrder, OrderType, Stage
from ..selectors import filing_facts
from .loop import touch
from .stages import check_writer, lock_order

# Defined in ``filings.rules`` (``carries_materials``); the name stays importable from here.
MATERIAL_ORDER_TYPES = rules.MATERIAL_ORDER_TYPES
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MIN_DOCUMENT_SIZE = (400, 300)
DOCUMENT_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
LEADER_KEYS = ("name", "certificate_number", "mobile", "email")


def clean_leader(value, *, field: str) -> precheck.Leader | None:
    if value is None or value == {}:
        return None
    if not isinstance(value, dict) or set(value) - set(LEADER_KEYS):
        raise refusals.LEADER_INVALID(field=field)
    if any(not isinstance(value.get(key, ""), str) or len(value.get(key, "")) > 254 for key in LEADER_KEYS):
        raise refusals.LEADER_INVALID(field=field)
    return precheck.Leader.from_dict(value)


def clean_material_text(value, *, field: str, max_length: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value.strip()) > max_length:
        raise refusals.MATERIAL_FIELD_INVALID(field=field, max=max_length)
    return value.strip()


def clean_address(value, *, field: str = "subject.address") -> str:
    """The subject's address as given (SPEC 3.13), spaces tidied; judged by the pre-check."""
    return addresses.normalized(
        clean_material_text(value, field=field, max_length=addresses.MAX_ADDRESS_LENGTH)
    )


def clean_materials(website, subject=None) -> precheck.Materials:
    website = website if isinstance(website, dict) else {}
    subject = subject if isinstance(subject, dict) else {}
    same = website.get("leader_is_subject_leader", False)
    if not isinstance(same, bool):
        raise refusals.MATERIAL_FIELD_INVALID(field="website.leader_is_subject_leader", max=5)
    return precheck.Materials(
        name=clean_material_text(website.get("name"), field="website.name", max_length=200),
        content_category=clean_material_text(
            website.get("content_category"), field="website.content_category", max_length=16
        ),
        pre_approval_number=clean_material_text(
            website.get("pre_approval_number"), field="website.pre_approval_number", max_length=64
        ),
        subject_leader=clean_leader(subject.get("leader"), field="subject.leader"),
        website_leader=None if same else clean_leader(website.get("leader"), field="website.leader"),
        website_leader_is_subject_leader=same,
    )


def check_or_refuse(facts: precheck.FilingFacts) -> None:
    """``FILING_CHECK_FAILED`` with every failing reason, or nothing."""
    reasons = precheck.precheck(facts)
    if reasons:
        raise refusals.FILING_CHECK_FAILED(extra={"reasons": reasons})


def materials_fields(materials: precheck.Materials) -> dict:
    """The order's columns for ``materials``."""
    return {
        "website_name": materials.name,
        "content_category": materials.content_category,
        "pre_approval_number": materials.pre_approval_number,
        "subject_leader": materials.subject_leader.as_dict() if materials.subject_leader else {},
        "website_leader": materials.website_leader.as_dict() if materials.website_leader else {},
        "website_leader_is_subject_leader": materials.website_leader_is_subject_leader,
    }


# --- completing a draft ------------------------------------------------------------------------

PATCHABLE = ("subject", "website")
PATCHABLE_WEBSITE = ("name", "content_category", "pre_approval_number", "leader", "leader_is_subject_leader")


def filing_update(
    *,
    actor,
    order_id: int,
    subject: dict | None = None,
    website: dict | None = None,
    app: dict | None = None,
    changes: dict | None = None,
) -> FilingOrder:
    """Complete a draft's materials, or correct a returned order's (``PATCH
    /api/v1/filings/{id}/``, SPEC 3.9, 3.12): the fields given replace the order's; the result
    must pass the pre-check (``FILING_CHECK_FAILED``, nothing saved). An app order's key is
    ``app``, as in the order JSON (``website`` is taken too, as before)."""
    if changes is not None:
        # A change order is corrected through its ``changes`` (SPEC 3.13).
        if subject is not None or website is not None or app is not None:
            raise refusals.PATCH_FIELD_INVALID(
                field="changes", fields="subject, website, app", allowed="changes"
            )
        from .changes import filing_change_update

        return filing_change_update(actor=actor, order_id=order_id, changes=changes)
    check_writer(actor)
    website, app_key = _patch_shape(subject, website, app)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        check_material_order(order)
        _check_patch_fits(order, website, app_key=app_key)
        materials = _patched_materials(order, website, subject)
        address = patched_address(order, subject)
        check_or_refuse(filing_facts(order, materials=materials, now=clock.now(), address=address))
        if address is not None:
            order.subject.address = address
            order.subject.save(update_fields=["address"])
        from .verification import leader_identity, verification_reset

        identity = leader_identity(order)
        fields = materials_fields(materials)
        for name, value in fields.items():
            setattr(order, name, value)
        now = clock.now()
        order.updated_time = now
        # SPEC 3.12: a new leader identity asks for the authenticity verification again.
        reset = verification_reset(order, actor=actor, now=now) if leader_identity(order) != identity else []
        order.save(update_fields=[*fields, "updated_time", *touch(order, now=now), *reset])
        audit_record(
            actor=actor,
            account=order.account,
            action=FilingAction.UPDATE,
            target=order,
            at=now,
            details={"fields": sorted([*(website or {}), *(f"subject.{k}" for k in subject or {})])},
        )
    return order


def _check_patch_fits(order: FilingOrder, website: dict | None, *, app_key: bool) -> None:
    """``app`` patches an app order only, and an app's name is not patched: it is checked and
    held with its identifiers when the order is created."""
    if app_key and not order.app:
        raise refusals.PATCH_FIELD_INVALID(
            field="app", fields="app", allowed=", ".join(("subject.leader", *PATCHABLE_WEBSITE))
        )
    if order.app and "name" in (website or {}):
        raise refusals.PATCH_FIELD_INVALID(
            field="website.name", fields="name", allowed=", ".join(PATCHABLE_WEBSITE[1:])
        )


def _patch_shape(subject, website, app) -> tuple[dict | None, bool]:
    """A PATCH body's shape checked before the order is read: answers the website's (or app's)
    fields and whether they came under ``app``."""
    if app is not None:
        if website is not None:
            raise refusals.PATCH_FIELD_INVALID(
                field="app", fields="app, website", allowed="subject.leader, app.*"
            )
        if not isinstance(app, dict):
            raise refusals.PATCH_FIELD_INVALID(field="app", fields="app", allowed="subject.leader, app.*")
        website, app_key = app, True
    else:
        app_key = False
    if (website is not None and not isinstance(website, dict)) or (
        subject is not None and not isinstance(subject, dict)
    ):
        raise refusals.PATCH_FIELD_INVALID(field="website", fields="-", allowed="subject.leader, website.*")
    extra = sorted(set(website or {}) - set(PATCHABLE_WEBSITE)) + sorted(
        f"subject.{key}" for key in set(subject or {}) - {"leader", "address"}
    )
    if extra:
        raise refusals.PATCH_FIELD_INVALID(
            field="website",
            fields=", ".join(extra),
            allowed=", ".join(("subject.leader", *PATCHABLE_WEBSITE)),
        )
    return website, app_key


def _patched_materials(order: FilingOrder, website: dict | None, subject: dict | None):
    """The order's materials with the PATCH's fields in place, cleaned."""
    merged_website = {
        "name": order.website_name,
        "content_category": order.content_category,
        "pre_approval_number": order.pre_approval_number,
        "leader": order.website_leader,
        "leader_is_subject_leader": order.website_leader_is_subject_leader,
        **(website or {}),
    }
    merged_subject = {"leader": order.subject_leader, **(subject or {})}
    return clean_materials(merged_website, merged_subject)


def patched_address(order: FilingOrder, subject) -> str | None:
    """The subject's address a PATCH gives (SPEC 3.13), or None: only a subject filed with the
    order takes one here (a filed subject's address changes through a change order)."""
    if not subject or "address" not in subject:
        return None
    if not order.creates_subject:
        raise refusals.PATCH_FIELD_INVALID(
            field="subject.address",
            fields="subject.address",
            allowed=", ".join(("subject.leader", *PATCHABLE_WEBSITE)),
        )
    return clean_address(subject["address"])


EDITABLE_STAGES = (Stage.DRAFT, Stage.RETURNED)


def check_material_order(order: FilingOrder) -> None:
    """Materials change while the order is the applicant's: a draft, or returned for correction."""
    if not rules.carries_materials(order.type):
        raise refusals.ORDER_HAS_NO_WEBSITE_MATERIALS(type=order.get_type_display())
    if order.status not in EDITABLE_STAGES:
        raise refusals.ORDER_NOT_DRAFT(id=order.pk, status=order.get_status_display())


def check_document_order(order: FilingOrder) -> None:
    """Documents and the authenticity verification belong to an order with materials, or to a
    change order (a new name's proof, a new leader's ID card, SPEC 3.13), while it is the
    applicant's."""
    if order.type != OrderType.CHANGE:
        check_material_order(order)
    elif order.status not in EDITABLE_STAGES:
        raise refusals.ORDER_NOT_DRAFT(id=order.pk, status=order.get_status_display())


# --- documents ---------------------------------------------------------------------------------


def inspect_image(data: bytes) -> tuple[str, int, int]:
    """(content type, width, height) of a JPEG or PNG judged by its content, whatever its name
    or declared type; else ``DOCUMENT_INVALID`` naming why."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_DOCUMENT_BYTES:
        raise refusals.DOCUMENT_INVALID(field="file", why=refusals.too_large_text())
    if not data:
        raise refusals.DOCUMENT_INVALID(field="file", why=refusals.not_image_text())
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refusals.DOCUMENT_INVALID(field="file", why=refusals.not_image_text()) from None
    if image_format not in DOCUMENT_FORMATS:
        raise refusals.DOCUMENT_INVALID(field="file", why=refusals.not_image_text())
    if width < MIN_DOCUMENT_SIZE[0] or height < MIN_DOCUMENT_SIZE[1]:
        raise refusals.DOCUMENT_INVALID(field="file", why=refusals.too_small_text(width=width, height=height))
    return DOCUMENT_FORMATS[image_format], width, height


def filing_document_upload(*, actor, order_id, kind, file) -> FilingDocument:
    """Store one document of a draft (SPEC 3.9), replacing the earlier one of that kind. The file
    is judged by its content (``DOCUMENT_INVALID``: nothing stored); it is written through
    Django's default storage, and removed again if the transaction fails."""
    check_writer(actor)
    if kind == precheck.Doc.VERIFICATION_PHOTO:
        raise refusals.VERIFICATION_PHOTO_NOT_UPLOADED(field="kind")
    if kind not in precheck.UPLOAD_KINDS:
        raise refusals.DOCUMENT_KIND_INVALID(field="kind", kinds=", ".join(precheck.UPLOAD_KINDS))
    if file is None or not hasattr(file, "read"):
        raise refusals.DOCUMENT_INVALID(field="file", why=refusals.not_image_text())
    if getattr(file, "size", 0) and file.size > MAX_DOCUMENT_BYTES:
        raise refusals.DOCUMENT_INVALID(field="file", why=refusals.too_large_text())
    data = file.read(MAX_DOCUMENT_BYTES + 1)
    content_type, width, height = inspect_image(data)
    stored: list[str] = []
    old = None
    try:
        with transaction.atomic():
            order = lock_order(order_id, account=actor.owner_account)
            check_document_order(order)
            now = clock.now()
            old = FilingDocument.objects.filter(order=order, kind=kind).first()
            document = FilingDocument(
                order=order,
                kind=kind,
                content_type=content_type,
                width=width,
                height=height,
                size=len(data),
                uploaded_time=now,
            )
            document.file.save("upload", ContentFile(data), save=False)
            stored.append(document.file.name)
            if old is not None:
                old_name = old.file.name
                old.delete()
            document.save()
            order.save(update_fields=touch(order, now=now))
            audit_record(
                actor=actor,
                account=order.account,
                action=FilingAction.DOCUMENT_UPLOAD,
                target=order,
                at=now,
                details={"kind": kind, "width": width, "height": height, "size": len(data)},
            )
    except BaseException:
        for name in stored:
            FilingDocument._meta.get_field("file").storage.delete(name)
        raise
    if old is not None:
        transaction.on_commit(lambda: FilingDocument._meta.get_field("file").storage.delete(old_name))
    return document


# --- submit ------------------------------------------------------------------------------------


def check_complete(order: FilingOrder) -> None:
    """What ``filing_submit`` checks for a new website (SPEC 3.9): the pre-check again (the
    domain may have expired since), then every missing item (``FILING_INCOMPLETE``)."""
    if order.type == OrderType.CHANGE:
        from .changes import check_change_complete

        check_change_complete(order)
        return
    if not rules.carries_materials(order.type):
        return
    facts = filing_facts(order, materials=None, now=clock.now())
    check_or_refuse(facts)
    missing = precheck.missing(facts, new_subject=order.creates_subject)
    if missing:
        raise refusals.FILING_INCOMPLETE(extra={"reasons": missing})
