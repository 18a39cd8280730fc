"""Service codes ("BSN"), API version 2015-05-12 (SPEC 4.5, 4.8), answered by ``servicecodes``.

A code is ``{aliUid, resourceType, resourceId, sn, status, beianNum, opSource}`` in
``datas.bsnDO[]``; ``ProductBindBsn`` applies through ``service_code_apply``, so the console's
eligibility rules and quota hold. Refusals answer with BSN's own numeric codes
(``openapi.bsn_errors``: 602 for a required parameter left out, 603 for ``num`` outside 1-20, 609
for the quota, 403 without a public IP, 413 for the instance's state, 406/616 for a code that does
not exist or is another account's...), each with HTTP status 400. As BSN does, responses carry
``requestId`` in lower camel case, except ``GrantBsnCode``'s ``RequestId``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from icpconsole.accounts.models import User
from icpconsole.core.errors import NotEligible
from icpconsole.core.provider import ALIBABA
from instances import refusals as instance_refusals
from instances.selectors import instance_get_visible
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.selectors import service_code_get_visible, service_codes_visible_to
from servicecodes.services import service_code_apply

from .. import bsn_errors, services
from . import Call, Product, action, register_product

BSN = register_product(
    Product(
        name="Bsn",
        version="2015-05-12",
        # The services' refusals under BSN's documented codes (openapi.bsn_errors), all HTTP 400.
        error_codes={
            "INSTANCE_NOT_FOUND": (bsn_errors.INSTANCE_INVALID.code, bsn_errors.HTTP_STATUS),
            "INSTANCE_RELEASED": (bsn_errors.INSTANCE_INVALID.code, bsn_errors.HTTP_STATUS),
            "SERVICE_CODE_NOT_FOUND": (bsn_errors.SN_NOT_FOUND.code, bsn_errors.HTTP_STATUS),
            "SERVICE_CODE_FILING": (bsn_errors.OPERATION_FAILED.code, bsn_errors.HTTP_STATUS),
            "SERVICE_CODE_USED": (bsn_errors.OPERATION_FAILED.code, bsn_errors.HTTP_STATUS),
            "SERVICE_CODE_DELETED": (bsn_errors.OPERATION_FAILED.code, bsn_errors.HTTP_STATUS),
            "INVALID_GRANTEE": (bsn_errors.ACCOUNT_INVALID.code, bsn_errors.HTTP_STATUS),
            "INVALID_NOTES": (bsn_errors.ILLEGAL_REQUEST.code, bsn_errors.HTTP_STATUS),
        },
        not_eligible=(bsn_errors.INSTANCE_STATE.code, bsn_errors.HTTP_STATUS),
    )
)

# BSN's documented resource types (143224/143226/143225), and the product each names here. 3 (ACE)
# has no product in the simulator. The simulator's sas and iot_package products have no documented
# type: their codes are not reached by resource, and read with resourceType 0 (docs/alibaba-sdk.md).
RESOURCE_TYPES: dict[int, str] = {
    1: "ecs",
    2: "slb",
    4: "marketplace_site",
    5: "elastic_web_hosting",
    6: "nat_gateway",
    7: "ipv6_translation",
    8: "ens",
    9: "web_hosting",
}
DOCUMENTED_TYPES = range(1, 10)
NO_DOCUMENTED_TYPE = 0
RESOURCE_TYPE_OF_PRODUCT = {product: number for number, product in RESOURCE_TYPES.items()}
# 0 "not bound": a code bound to no instance, which the simulator never holds (every code is issued
# for one).
STATUS_NOT_BOUND = 0
STATUS_NUMBERS: dict[str, int] = {
    CodeStatus.UNUSED: 1,
    CodeStatus.USED: 2,
    CodeStatus.DELETED: 3,
    CodeStatus.FILING: 4,
}
MAX_NUM = 20  # ProductBindBsn: "最大 20 个" per call, within the instance's quota
OP_SOURCE = 2  # "恒等于 2" (always 2), on ProductBindBsn's and GetBsnByResource's bsnDO


def bsn_do(code: ServiceCode, *, op_source: bool = True) -> dict:
    item = {
        "aliUid": int(code.account.uid),
        "resourceType": RESOURCE_TYPE_OF_PRODUCT.get(code.instance.product_id, NO_DOCUMENTED_TYPE),
        "resourceId": code.instance.instance_id,
        "sn": code.code,
        "status": STATUS_NUMBERS[code.status] if code.instance_id else STATUS_NOT_BOUND,
        "beianNum": code.icp_number,
    }
    if op_source:
        item["opSource"] = OP_SOURCE
    return item


def _required(call: Call, name: str, *, max_length: int = 64) -> str:
    value = (call.params.raw(name) or "").strip()
    if not value:
        raise bsn_errors.required(name)
    if len(value) > max_length:
        raise bsn_errors.ILLEGAL_REQUEST(gettext("Parameter %(name)s is too long.") % {"name": name})
    return value


def _integer(call: Call, name: str) -> int:
    value = _required(call, name, max_length=18)
    if not value.isascii() or not value.lstrip("+-").isdigit():
        raise bsn_errors.ILLEGAL_REQUEST(
            gettext("Parameter %(name)s must be a whole number.") % {"name": name}
        )
    return int(value)


def _check_aliuid(call: Call, name: str, *, required: bool) -> None:
    """The account parameter must be the caller's account (a key acts for its own account only):
    401 when it is no account ID at all, 604 when it is another one."""
    aliuid = _required(call, name, max_length=32) if required else (call.params.raw(name) or "").strip()
    if not aliuid:
        return
    if not aliuid.isascii() or not aliuid.isdigit():
        raise bsn_errors.ACCOUNT_INVALID(gettext("Parameter: %(name)s.") % {"name": name})
    if aliuid != call.caller.owner_account.uid:
        raise bsn_errors.ACCOUNT_MISMATCH(
            gettext("%(name)s must be the UID of the account the AccessKey belongs to.") % {"name": name}
        )


def _resource(call: Call):
    """The instance named by ``resourceType`` + ``resourceId``, visible to the caller: a type
    outside the documented ones is 411, an instance the caller cannot see, or of another type, 402."""
    resource_type = _integer(call, "resourceType")
    resource_id = _required(call, "resourceId")
    if resource_type not in RESOURCE_TYPES:
        raise bsn_errors.PRODUCT_TYPE_NOT_BINDABLE(
            gettext("resourceType %(type)s; documented types: 1 to 9.") % {"type": resource_type}
        )
    instance = instance_get_visible(call.caller, resource_id)
    if instance.product_id != RESOURCE_TYPES[resource_type]:
        # Another product's instance is not this resource type's: it does not exist here.
        raise instance_refusals.INSTANCE_NOT_FOUND(id=resource_id)
    return instance


@action(BSN, "ProductBindBsn", write=True)
def product_bind_bsn(call: Call) -> dict:
    """Issue ``num`` (1 to 20) codes for the resource, within its quota: all of them, or none with
    the documented code of the first reason and every reason named."""
    _check_aliuid(call, "aliuid", required=True)
    num = _integer(call, "num")
    if not 1 <= num <= MAX_NUM:
        raise bsn_errors.NUM_OUT_OF_RANGE(gettext("num: %(num)s.") % {"num": num})
    instance = _resource(call)
    try:
        with transaction.atomic():
            codes = [
                service_code_apply(
                    actor=call.caller, instance_id=instance.instance_id, via="openapi", provider=ALIBABA
                )
                for _ in range(num)
            ]
    except NotEligible as exc:
        raise bsn_errors.for_reasons(exc.reasons) from exc
    issued = ServiceCode.objects.filter(pk__in=[c.pk for c in codes]).select_related("account", "instance")
    return {"requestId": call.request_id, "datas": {"bsnDO": [bsn_do(c) for c in issued.order_by("slot")]}}


@action(BSN, "GetBsnByResource", write=False)
def get_bsn_by_resource(call: Call) -> dict:
    """Every code ever issued for the resource, in issue order, whatever its status."""
    _check_aliuid(call, "aliuid", required=True)
    instance = _resource(call)
    codes = (
        service_codes_visible_to(call.caller)
        .filter(instance=instance)
        .select_related("account", "instance")
        .order_by("created_time", "id")
    )
    return {"requestId": call.request_id, "datas": {"bsnDO": [bsn_do(c) for c in codes]}}


@action(BSN, "GetBsnBySn", write=False)
def get_bsn_by_sn(call: Call) -> dict:
    """One code of the caller's account by its ``sn``: the documented flat fields (``status``,
    ``beianNum``, ``aliUid``, ``resourceType``, ``resourceId``), and the same in ``datas.bsnDO[]`` as
    the other reads answer. 406 for a code that does not exist, 616 for another account's. The
    newest SDK models omit this action: callers reach it through a generic request."""
    sn = _sn(call, "sn")
    code = service_code_get_visible(call.caller, sn)
    item = bsn_do(code, op_source=False)
    flat = {key: item[key] for key in ("status", "beianNum", "aliUid", "resourceType", "resourceId")}
    return {"requestId": call.request_id, **flat, "datas": {"bsnDO": [item]}}


def _sn(call: Call, name: str) -> str:
    """A service code named by the caller: 406 when no code has it, 616 when another account's."""
    sn = _required(call, name)
    # A code is letters, digits and hyphens: nothing else (a NUL byte, say) reaches the database.
    if not sn.replace("-", "").isascii() or not sn.replace("-", "").isalnum():
        raise bsn_errors.SN_NOT_FOUND(f"{name}: {sn!r}.")
    if not service_codes_visible_to(call.caller).filter(code=sn.lower()).exists():
        if ServiceCode.objects.filter(code=sn.lower()).exists():
            raise bsn_errors.SN_NOT_OWNED(f"{name}: {sn}.")
        raise bsn_errors.SN_NOT_FOUND(f"{name}: {sn}.")
    return sn


@action(BSN, "GrantBsnCode", write=True)
def grant_bsn_code(call: Call) -> dict:
    """Grant an unused code of the caller's account to account ``GrantToAliuid``, whose filing may
    then use it."""
    params = call.params
    sn = _sn(call, "Sn")
    _check_aliuid(call, "AliUid", required=True)
    grantee_uid = _required(call, "GrantToAliuid", max_length=32)
    notes = params.raw("Notes") or ""
    if len(notes) > 500:
        raise bsn_errors.ILLEGAL_REQUEST(gettext("Notes are at most 500 characters."))
    grantee = User.objects.filter(uid=grantee_uid, is_active=True).first()
    if grantee is None:
        raise bsn_errors.ACCOUNT_INVALID(gettext("No account has the UID %(uid)s.") % {"uid": grantee_uid})
    grant = services.service_code_grant(actor=call.caller, code=sn, grantee=grantee, notes=notes)
    return {
        "RequestId": call.request_id,
        "Success": True,
        "Sn": grant.service_code.code,
        "AliUid": int(call.caller.owner_account.uid),
        "GrantToAliuid": int(grantee.uid),
        "Notes": grant.notes,
    }
