"""Service codes ("BSN"), API version 2015-05-12 (SPEC 4.5), answered by ``servicecodes``.

A code is ``{aliUid, resourceType, resourceId, sn, status, beianNum}`` in ``datas.bsnDO[]``;
``ProductBindBsn`` applies through ``service_code_apply``, so the console's eligibility rules and
quota hold, and a refusal (``Bsn.NotEligible``) names every reason. As BSN does, responses carry
``requestId`` in lower camel case, except ``GrantBsnCode``'s ``RequestId``.
"""

from __future__ import annotations

from django.db import transaction

from icpconsole.accounts.models import User
from instances import refusals as instance_refusals
from instances.selectors import instance_get_visible
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.selectors import service_code_get_visible, service_codes_visible_to
from servicecodes.services import service_code_apply

from .. import services
from ..errors import RpcError, invalid_parameter
from . import Call, Product, action, register_product

BSN = register_product(
    Product(
        name="Bsn",
        version="2015-05-12",
        error_codes={
            "INSTANCE_NOT_FOUND": ("InvalidResourceId.NotFound", 404),
            "INSTANCE_RELEASED": ("InvalidResourceId.NotFound", 404),
            "SERVICE_CODE_NOT_FOUND": ("InvalidSn.NotFound", 404),
            "SERVICE_CODE_FILING": ("InvalidSn.Status", 400),
            "SERVICE_CODE_USED": ("InvalidSn.Status", 400),
            "SERVICE_CODE_DELETED": ("InvalidSn.Status", 400),
            "INVALID_GRANTEE": ("InvalidGrantToAliuid", 400),
        },
        not_eligible=("Bsn.NotEligible", 400),
    )
)

# SPEC 4.5: BSN's resource types (10 and 11 are the simulator's own decision).
RESOURCE_TYPES: dict[int, str] = {
    1: "ecs",
    2: "slb",
    4: "marketplace_site",
    5: "elastic_web_hosting",
    6: "nat_gateway",
    7: "ipv6_translation",
    8: "ens",
    9: "web_hosting",
    10: "sas",
    11: "iot_package",
}
RESOURCE_TYPE_OF_PRODUCT = {product: number for number, product in RESOURCE_TYPES.items()}
STATUS_NUMBERS: dict[str, int] = {
    CodeStatus.UNUSED: 1,
    CodeStatus.USED: 2,
    CodeStatus.DELETED: 3,
    CodeStatus.FILING: 4,
}
MAX_NUM = 5  # the largest quota of any product


def bsn_do(code: ServiceCode) -> dict:
    return {
        "aliUid": int(code.account.uid),
        "resourceType": RESOURCE_TYPE_OF_PRODUCT.get(code.instance.product_id, 0),
        "resourceId": code.instance.instance_id,
        "sn": code.code,
        "status": STATUS_NUMBERS[code.status],
        "beianNum": code.icp_number,
    }


def _check_aliuid(call: Call, name: str) -> None:
    """``aliuid``, when sent, must be the caller's account: a key acts for its own account only."""
    aliuid = call.params.text(name)
    if aliuid is not None and aliuid.strip() != call.caller.owner_account.uid:
        raise invalid_parameter(name, "It must be the UID of the account the AccessKey belongs to.")


def _resource(call: Call):
    """The instance named by ``resourceType`` + ``resourceId``, visible to the caller."""
    resource_type = call.params.integer("resourceType", required=True)
    if resource_type not in RESOURCE_TYPES:
        raise invalid_parameter("resourceType", f"Valid values: {', '.join(map(str, RESOURCE_TYPES))}.")
    resource_id = call.params.text("resourceId", required=True, max_length=64)
    instance = instance_get_visible(call.caller, resource_id)
    if instance.product_id != RESOURCE_TYPES[resource_type]:
        # Another product's instance is not this resource type's: it does not exist here.
        raise instance_refusals.INSTANCE_NOT_FOUND(id=resource_id)
    return instance


@action(BSN, "ProductBindBsn", write=True)
def product_bind_bsn(call: Call) -> dict:
    """Issue ``num`` (default 1) codes for the resource: all of them, or none with the reasons."""
    _check_aliuid(call, "aliuid")
    instance = _resource(call)
    num = call.params.integer("num", default=1, minimum=1, maximum=MAX_NUM)
    with transaction.atomic():
        codes = [
            service_code_apply(actor=call.caller, instance_id=instance.instance_id, via="openapi")
            for _ in range(num)
        ]
    issued = ServiceCode.objects.filter(pk__in=[c.pk for c in codes]).select_related("account", "instance")
    return {"requestId": call.request_id, "datas": {"bsnDO": [bsn_do(c) for c in issued.order_by("slot")]}}


@action(BSN, "GetBsnByResource", write=False)
def get_bsn_by_resource(call: Call) -> dict:
    """Every code ever issued for the resource, in issue order, whatever its status."""
    _check_aliuid(call, "aliuid")
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
    """One code of the caller's account by its ``sn``, in ``datas.bsnDO[]`` as the other reads
    answer. The newest SDK models omit this action: callers reach it through a generic request."""
    sn = call.params.text("sn", required=True, max_length=64).strip()
    # A code is letters, digits and hyphens: nothing else (a NUL byte, say) reaches the database.
    if not sn.replace("-", "").isascii() or not sn.replace("-", "").isalnum():
        raise RpcError("InvalidSn.NotFound", f"Service code {sn!r} does not exist.", 404)
    code = service_code_get_visible(call.caller, sn)
    return {"requestId": call.request_id, "datas": {"bsnDO": [bsn_do(code)]}}


@action(BSN, "GrantBsnCode", write=True)
def grant_bsn_code(call: Call) -> dict:
    """Grant an unused code of the caller's account to account ``GrantToAliuid``, whose filing may
    then use it."""
    params = call.params
    sn = params.text("Sn", required=True, max_length=64)
    _check_aliuid(call, "AliUid")
    grantee_uid = params.text("GrantToAliuid", required=True, max_length=32).strip()
    notes = params.text("Notes", default="", max_length=500)
    grantee = User.objects.filter(uid=grantee_uid, is_active=True).first()
    if grantee is None:
        raise RpcError("InvalidGrantToAliuid.NotFound", f"No account has the UID {grantee_uid}.", 404)
    grant = services.service_code_grant(actor=call.caller, code=sn, grantee=grantee, notes=notes)
    return {
        "RequestId": call.request_id,
        "Success": True,
        "Sn": grant.service_code.code,
        "AliUid": int(call.caller.owner_account.uid),
        "GrantToAliuid": int(grantee.uid),
        "Notes": grant.notes,
    }
