"""The authenticity verification (真实性核验, SPEC 3.12): a step of its own, after the documents
and before submission, played on the leader's phone.

* ``filing_verification_start`` sends a link to the simulated phone (the inbox): a single-use
  token valid 24 hours (``rules.VERIFICATION_LINK_TTL``); a new link replaces the old one.
* The link's page (``filings.views.verification``, no log-in) plays the camera:
  ``verification_link_attempt`` takes the picture with the outcome the applicant picked. The API
  does the same without the link (``filing_verification_attempt``, for automation).
* A pass generates the ``verification_photo`` document (Pillow; it is never uploaded), sets
  ``verification_status`` to ``passed`` and uses the link up. A failure says why and how to take
  it again (``check_reasons.CAMERA_FAILURES``); after ``rules.VERIFICATION_DAILY_FAILURES``
  failures in a day (China's calendar day) pictures are refused until the next day.
* A new leader identity (``filing_update`` changing a leader's name or ID number) asks for it
  again: ``verification_reset`` drops the pass and its photo.

Decisions where SPEC 3.12 does not speak: the link serves until a pass or its 24 hours (a failed
picture is retaken on the same page, as the real phone flow does); only draft and returned
orders of the types that carry materials are verified; the verification is of the order, one
pass covering both leaders.
"""

from __future__ import annotations

import dataclasses
import io
import string

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from icpconsole.core import clock, generators
from icpconsole.core.audit import audit_record

from .. import check_reasons, precheck, refusals, rules
from ..models import (
    CameraOutcome,
    FilingAction,
    FilingDocument,
    FilingOrder,
    MessageKind,
    VerificationAttempt,
    VerificationStatus,
)
from .loop import touch
from .materials import check_document_order
from .phone import send_message, sms_recipient
from .stages import check_writer, lock_order

TOKEN_LENGTH = 32
_TOKEN_ALPHABET = string.ascii_letters + string.digits
PHOTO_SIZE = (480, 640)
LINK_PATH = "/verify/%s/"


@dataclasses.dataclass(frozen=True)
class AttemptResult:
    """What one picture came to: the order, whether it passed, the failure's catalogue entry
    (why and how to retake it) and the attempts left today."""

    order: FilingOrder
    outcome: str
    passed: bool
    reason: check_reasons.Reason | None
    attempts_left: int


def _token_hash(token: str) -> str:
    return salted_hmac("filings.verification_token", token).hexdigest()


def failures_today(order: FilingOrder, *, now) -> int:
    return VerificationAttempt.objects.filter(
        order=order, passed=False, attempted_time__gte=rules.china_day_start(now)
    ).count()


def attempts_left_today(order: FilingOrder, *, now) -> int:
    return rules.verification_attempts_left(failures_today(order, now=now))


def filing_verification_start(*, actor, order_id) -> FilingOrder:
    """Send the verification link to the leader's phone (``POST .../verification/``)."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        check_document_order(order)
        if order.verification_status == VerificationStatus.PASSED:
            raise refusals.VERIFICATION_ALREADY_PASSED(id=order.pk)
        now = clock.now()
        token = generators.choice_string("verification_token", _TOKEN_ALPHABET, TOKEN_LENGTH)
        order.verification_token_hash = _token_hash(token)
        order.verification_link_expires_time = now + rules.VERIFICATION_LINK_TTL
        if order.verification_status == VerificationStatus.NOT_STARTED:
            order.verification_status = VerificationStatus.LINK_SENT
        order.save(
            update_fields=["verification_token_hash", "verification_link_expires_time", "verification_status"]
        )
        send_message(
            account=order.account,
            kind=MessageKind.VERIFICATION_LINK,
            secret=token,
            order=order,
            now=now,
            params={"id": order.pk, "url": LINK_PATH % token},
            to_number=sms_recipient(order),
        )
        audit_record(
            actor=actor, account=order.account, action=FilingAction.VERIFICATION_LINK, target=order, at=now
        )
    return order


def order_for_link(token: str) -> FilingOrder:
    """The order a link's token opens (read only), or ``VERIFICATION_LINK_INVALID``."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
        raise refusals.VERIFICATION_LINK_INVALID()
    order = FilingOrder.objects.filter(verification_token_hash=_token_hash(token)).first()
    if order is None or rules.sms_code_expired(order.verification_link_expires_time, clock.now()):
        raise refusals.VERIFICATION_LINK_INVALID()
    return order


def verification_link_attempt(*, token: str, outcome) -> AttemptResult:
    """Take the picture on the link's page (no log-in: the token is the proof)."""
    order = order_for_link(token)
    return _attempt(order.pk, outcome=outcome, actor=None, token=token)


def filing_verification_attempt(*, actor, order_id, outcome) -> AttemptResult:
    """Take the picture through the API (``POST .../verification/attempt/``, automation)."""
    check_writer(actor)
    return _attempt(order_id, outcome=outcome, actor=actor, account=actor.owner_account)


def _attempt(order_id, *, outcome, actor, account=None, token: str | None = None) -> AttemptResult:
    with transaction.atomic():
        order = lock_order(order_id, account=account)  # ownership before the input
        if outcome not in CameraOutcome.values:
            values = ", ".join(CameraOutcome.values)
            raise refusals.VERIFICATION_OUTCOME_INVALID(field="outcome", values=values)
        now = clock.now()
        if token is not None and (
            not constant_time_compare(order.verification_token_hash, _token_hash(token))
            or rules.sms_code_expired(order.verification_link_expires_time, now)
        ):
            # Checked again under the lock: a pass or a newer link may have used it up meanwhile.
            raise refusals.VERIFICATION_LINK_INVALID()
        check_document_order(order)
        if order.verification_status == VerificationStatus.PASSED:
            raise refusals.VERIFICATION_ALREADY_PASSED(id=order.pk)
        failures = failures_today(order, now=now)
        refusal = rules.verification_attempt_refusal(failures_today=failures, now=now)
        if refusal is not None:
            raise refusal
        passed = outcome == CameraOutcome.PASS
        VerificationAttempt.objects.create(
            order=order, outcome=outcome, passed=passed, via_link=token is not None, attempted_time=now
        )
        fields = ["verification_status", *touch(order, now=now)]
        if passed:
            _store_photo(order, now=now)
            order.verification_status = VerificationStatus.PASSED
            order.verification_token_hash = ""
            order.verification_link_expires_time = None
            fields += ["verification_token_hash", "verification_link_expires_time"]
        else:
            order.verification_status = VerificationStatus.FAILED
            failures += 1
        order.save(update_fields=fields)
        reason = None if passed else check_reasons.CAMERA_FAILURES[outcome]
        audit_record(
            actor=actor,
            account=order.account,
            action=FilingAction.VERIFICATION_PASS if passed else FilingAction.VERIFICATION_FAIL,
            target=order,
            at=now,
            details={"outcome": outcome, "via": "link" if token is not None else "api"}
            | ({} if passed else {"reason": reason.code, "failures_today": failures}),
        )
    return AttemptResult(
        order=order,
        outcome=outcome,
        passed=passed,
        reason=reason,
        attempts_left=rules.verification_attempts_left(failures),
    )


def verification_photo(order: FilingOrder, *, now) -> bytes:
    """The picture the simulated camera took: a portrait PNG drawn with Pillow (a face, the order
    and the time), large enough for the document rules (``materials.MIN_DOCUMENT_SIZE``)."""
    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (226, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((140, 120, 340, 380), fill=(241, 194, 160), outline=(120, 90, 70), width=3)
    draw.ellipse((190, 220, 215, 240), fill=(60, 60, 60))
    draw.ellipse((265, 220, 290, 240), fill=(60, 60, 60))
    draw.arc((200, 280, 280, 330), start=20, end=160, fill=(150, 60, 60), width=4)
    draw.rectangle((90, 400, 390, height), fill=(52, 86, 139))
    draw.text((20, 20), f"ICP authenticity verification - order {order.pk}", fill=(20, 20, 20))
    draw.text((20, 40), now.strftime("%Y-%m-%d %H:%M:%S UTC"), fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _store_photo(order: FilingOrder, *, now) -> None:
    data = verification_photo(order, now=now)
    kind = precheck.Doc.VERIFICATION_PHOTO
    storage = FilingDocument._meta.get_field("file").storage
    old = FilingDocument.objects.filter(order=order, kind=kind).first()
    if old is not None:
        old_name = old.file.name
        old.delete()
        transaction.on_commit(lambda: storage.delete(old_name))
    document = FilingDocument(
        order=order,
        kind=kind,
        content_type="image/png",
        width=PHOTO_SIZE[0],
        height=PHOTO_SIZE[1],
        size=len(data),
        uploaded_time=now,
    )
    document.file.save("verification", ContentFile(data), save=False)
    name = document.file.name
    try:
        document.save()
    except BaseException:
        storage.delete(name)
        raise


def leader_identity(order: FilingOrder) -> tuple:
    """Who the verification vouches for: each leader's name and ID number."""

    def person(leader) -> tuple[str, str]:
        leader = leader if isinstance(leader, dict) else {}
        return (str(leader.get("name", "")), str(leader.get("certificate_number", "")))

    website = () if order.website_leader_is_subject_leader else person(order.website_leader)
    return (person(order.subject_leader), website)


def verification_reset(order: FilingOrder, *, actor, now) -> list[str]:
    """A new leader identity asks for the verification again (SPEC 3.12): the pass, the link and
    the photo go. Answers the fields to save (the caller saves the locked order)."""
    if order.verification_status == VerificationStatus.NOT_STARTED:
        return []
    photo = FilingDocument.objects.filter(order=order, kind=precheck.Doc.VERIFICATION_PHOTO).first()
    if photo is not None:
        name = photo.file.name
        photo.delete()
        storage = FilingDocument._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))
    before = order.verification_status
    order.verification_status = VerificationStatus.NOT_STARTED
    order.verification_token_hash = ""
    order.verification_link_expires_time = None
    audit_record(
        actor=actor,
        account=order.account,
        action=FilingAction.VERIFICATION_RESET,
        target=order,
        at=now,
        details={"from": before},
    )
    return ["verification_status", "verification_token_hash", "verification_link_expires_time"]
