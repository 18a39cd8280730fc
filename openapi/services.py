"""AccessKey services (SPEC 4.5) and the few state changes only the OpenAPI facade makes.

Every change is keyword-only, atomic and audited; the console page, the REST API and the RPC
gateway all come through here. A secret appears in plain text only in the return value of
``access_key_create``: never in an audit record, a log line or an error message.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icpconsole.accounts.models import User
from icpconsole.core import clock
from icpconsole.core.audit import audit_record
from icpconsole.core.errors import Conflict, NotFound
from servicecodes import refusals as code_refusals
from servicecodes.models import CodeAction, CodeStatus
from servicecodes.services import service_code_lock

from . import refusals
from .crypto import encrypt_secret
from .models import (
    AccessKey,
    AccessKeyAction,
    AccessKeyStatus,
    ServiceCodeGrant,
    UsedNonce,
    generate_access_key_secret,
)

MAX_ACCESS_KEYS_PER_LOGIN = 2  # Alibaba Cloud's limit for an account and for each RAM user
# A timestamp is accepted within 15 minutes either side of real time, so a nonce must be
# remembered for at least 30 minutes to make a replay impossible.
NONCE_RETENTION = dt.timedelta(minutes=35)
MAX_NONCE_LENGTH = 128


def _key_of(actor, access_key_id: str, *, lock: bool = True) -> AccessKey:
    qs = AccessKey.objects.filter(access_key_id=access_key_id, owner=actor)
    if lock:
        qs = qs.select_for_update()
    key = qs.first()
    if key is None:
        raise refusals.ACCESS_KEY_NOT_FOUND(id=access_key_id)
    return key


def access_key_create(*, actor) -> tuple[AccessKey, str]:
    """Create an AccessKey pair for ``actor`` (an account or a RAM user, which then calls with a RAM
    user's rights). At most two per login, as on Alibaba Cloud. Returns the key and its secret:
    the only time the secret is available in plain text."""
    with transaction.atomic():
        # The login's row guards the count, so two parallel creates cannot both make the third.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        if AccessKey.objects.filter(owner=actor).count() >= MAX_ACCESS_KEYS_PER_LOGIN:
            raise refusals.ACCESS_KEY_LIMIT(n=MAX_ACCESS_KEYS_PER_LOGIN)
        secret = generate_access_key_secret()
        now = clock.now()
        key = AccessKey.objects.create(owner=actor, secret_encrypted=encrypt_secret(secret), created_time=now)
        audit_record(
            actor=actor,
            account=actor,
            action=AccessKeyAction.CREATE,
            target=key,
            at=now,
            details={"access_key_id": key.access_key_id},
        )
    return key, secret


def _set_status(*, actor, access_key_id: str, to: str, action: str) -> AccessKey:
    with transaction.atomic():
        key = _key_of(actor, access_key_id)
        if key.status == to:
            raise Conflict(
                f"ACCESS_KEY_ALREADY_{to.upper()}",
                _("AccessKey %(id)s is already %(status)s.")
                % {"id": key.access_key_id, "status": key.get_status_display()},
            )
        before = key.status
        key.status = to
        key.save(update_fields=["status"])
        audit_record(
            actor=actor, account=actor, action=action, target=key, details={"from": before, "to": to}
        )
    return key


def access_key_disable(*, actor, access_key_id: str) -> AccessKey:
    """Active -> Inactive: calls signed with it are refused (``InvalidAccessKeyId.Inactive``)."""
    return _set_status(
        actor=actor, access_key_id=access_key_id, to=AccessKeyStatus.INACTIVE, action=AccessKeyAction.DISABLE
    )


def access_key_enable(*, actor, access_key_id: str) -> AccessKey:
    """Inactive -> Active."""
    return _set_status(
        actor=actor, access_key_id=access_key_id, to=AccessKeyStatus.ACTIVE, action=AccessKeyAction.ENABLE
    )


def access_key_delete(*, actor, access_key_id: str) -> None:
    """Delete a pair for good; its ID then answers ``InvalidAccessKeyId.NotFound``."""
    with transaction.atomic():
        key = _key_of(actor, access_key_id)
        audit_record(
            actor=actor,
            account=actor,
            action=AccessKeyAction.DELETE,
            target=key,
            details={"access_key_id": key.access_key_id, "status": key.status},
        )
        key.delete()


def access_key_record_use(
    *, key: AccessKey, action: str, version: str, signature_version: str, source_ip: str = ""
) -> None:
    """Every authenticated call is in the operation log, with the key that signed it."""
    now = clock.now()
    with transaction.atomic():
        AccessKey.objects.filter(pk=key.pk).update(last_used_time=now)
        audit_record(
            actor=key.owner,
            account=key.owner,
            action=AccessKeyAction.USE,
            target=key,
            at=now,
            details={
                "access_key_id": key.access_key_id,
                "api_action": action,
                "api_version": version,
                "signature": signature_version,
                "source_ip": source_ip,
            },
        )
    key.last_used_time = now


def signature_nonce_consume(*, nonce: str, access_key_id: str, now: dt.datetime | None = None) -> bool:
    """Remember ``nonce``; ``False`` if it was seen before (a replay). Real time, not simulated.
    Nonces older than the retention window are pruned on the way."""
    now = now or timezone.now()
    UsedNonce.objects.filter(used_time__lt=now - NONCE_RETENTION).delete()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(
                nonce=nonce[:MAX_NONCE_LENGTH], access_key_id=access_key_id, used_time=now
            )
    except IntegrityError:
        return False
    return True


def service_code_grant(*, actor, code: str, grantee: User, notes: str = "") -> ServiceCodeGrant:
    """Hand an unused service code of the caller's account to another account, whose filing may
    then enter it (``GrantBsnCode``). The code keeps its instance and its quota slot."""
    notes = (notes or "").strip()
    if len(notes) > 500:
        raise refusals.INVALID_NOTES(field="notes")
    owner = actor.owner_account
    if grantee.parent_id is not None:
        raise refusals.INVALID_GRANTEE(field="grantee")
    if grantee.pk == owner.pk:
        raise refusals.INVALID_GRANTEE(field="grantee")
    with transaction.atomic():
        try:
            service_code = service_code_lock(code)
        except NotFound:
            service_code = None
        if service_code is None or service_code.account_id != owner.pk:
            raise code_refusals.SERVICE_CODE_NOT_FOUND(code=code)
        if service_code.status != CodeStatus.UNUSED:
            raise Conflict(
                f"SERVICE_CODE_{service_code.status.upper()}",
                _("Service code %(code)s is %(status)s; only an unused code can be granted.")
                % {"code": service_code.code, "status": service_code.status},
            )
        now = clock.now()
        grant = ServiceCodeGrant.objects.create(
            service_code=service_code, granted_by=actor, grantee=grantee, notes=notes, created_time=now
        )
        audit_record(
            actor=actor,
            account=owner,
            action=CodeAction.GRANT,
            target=service_code,
            at=now,
            details={"grantee_uid": grantee.uid, "notes": notes},
        )
    return grant
