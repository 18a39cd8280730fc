"""Errors of the RPC endpoint in Alibaba Cloud's own codes and statuses (SPEC 4.5).

The gateway and the actions raise :class:`RpcError`; the dispatcher renders it as Alibaba's
envelope ``{"RequestId", "HostId", "Code", "Message", "Recommend"}``. Domain errors from the
services are translated by :func:`from_domain_error`, so a refusal reads the same rule and text as
on the console and the REST API, under the code an SDK user expects.
"""

from __future__ import annotations

from collections.abc import Mapping

from icpconsole.core.errors import DomainError, InvalidInput, NotEligible, NotFound, PermissionDenied


class RpcError(Exception):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        self.code = code
        self.message = message
        self.status = status
        super().__init__(f"{code}: {message}")


# --- the gateway's errors (signature, parameters, dispatch) ------------------------------------
def missing_parameter(name: str) -> RpcError:
    return RpcError(
        "MissingParameter",
        f'The input parameter "{name}" that is mandatory for processing this request is not supplied.',
    )


def invalid_parameter(name: str, detail: str = "") -> RpcError:
    message = f'The specified parameter "{name}" is not valid.'
    return RpcError("InvalidParameter", f"{message} {detail}".strip())


def invalid_action(action: str, version: str) -> RpcError:
    return RpcError(
        "InvalidAction.NotFound",
        f"Specified api is not found, please check your url and method. (Action={action}, Version={version})",
        404,
    )


def invalid_version(version: str) -> RpcError:
    return RpcError(
        "InvalidVersion",
        f"Specified parameter Version is not valid. Served versions: 2014-05-26 (ECS), "
        f"2015-05-12 (BSN), 2016-08-10 (Beian); got {version!r}.",
    )


def incomplete_signature(detail: str) -> RpcError:
    return RpcError(
        "IncompleteSignature", f"The request signature does not conform to Aliyun standards. {detail}"
    )


def signature_does_not_match(string_to_sign: str) -> RpcError:
    # One colon only, before the string to sign: the classic SDK splits the message on ":" and,
    # when the string matches its own, reports InvalidAccessKeySecret.
    return RpcError(
        "SignatureDoesNotMatch",
        "Specified signature is not matched with our calculation. server string to sign is:" + string_to_sign,
    )


ACCESS_KEY_NOT_FOUND = ("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404)
ACCESS_KEY_INACTIVE = ("InvalidAccessKeyId.Inactive", "Specified access key is disabled.", 400)
TIMESTAMP_EXPIRED = ("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400)
TIMESTAMP_FORMAT = (
    "InvalidTimeStamp.Format",
    "Specified time stamp or date value is not well formatted.",
    400,
)
NONCE_USED = ("SignatureNonceUsed", "Specified signature nonce was used already.", 400)
FORBIDDEN_RAM = (
    "Forbidden.RAM",
    "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    403,
)
THROTTLING = ("Throttling", "Request was denied due to request throttling.", 400)
REQUEST_TOO_LARGE = (
    "RequestEntityTooLarge",
    "The request is too large: its body or its number of parameters is over the limit.",
    413,
)
REQUEST_INCOMPLETE = ("InvalidParameter", "The request body could not be read completely.", 400)
DRY_RUN = ("DryRunOperation", "Request validation has been passed with DryRun flag set.", 400)


def rpc_error(spec: tuple[str, str, int], detail: str = "") -> RpcError:
    code, message, status = spec
    return RpcError(code, f"{message} {detail}".strip(), status)


# --- domain errors ---------------------------------------------------------------------------
# Service codes that have a well-known Alibaba Cloud counterpart, whatever the product.
COMMON_CODES: dict[str, tuple[str, int]] = {
    "INSTANCE_NOT_FOUND": ("InvalidInstanceId.NotFound", 404),
    "INSTANCE_RELEASED": ("InvalidInstanceId.NotFound", 404),
    "INVALID_REGION": ("InvalidRegionId.NotFound", 404),
    "INCORRECT_INSTANCE_STATUS": ("IncorrectInstanceStatus", 403),
    "INSTANCE_EXPIRED": ("InstanceExpiredOrInArrears", 403),
    "NOT_SUBSCRIPTION": ("ChargeTypeViolation", 403),
    "ALREADY_SUBSCRIPTION": ("ChargeTypeViolation", 403),
    "RAM_USER_READ_ONLY": ("Forbidden.RAM", 403),
    "REQUEST_TOO_LARGE": ("RequestEntityTooLarge", 413),
}


def from_domain_error(
    exc: DomainError,
    *,
    codes: Mapping[str, tuple[str, int]] | None = None,
    not_eligible: tuple[str, int] = ("NotEligible", 400),
) -> RpcError:
    """Translate a service's refusal. ``codes`` maps a domain code to (Alibaba code, status) for
    one product; eligibility refusals name every reason code and text in the message."""
    table = {**COMMON_CODES, **(codes or {})}
    if isinstance(exc, NotEligible):
        reasons = "; ".join(f"{r.code}: {r.message}" for r in exc.reasons)
        return RpcError(not_eligible[0], f"{exc.message} {reasons}".strip(), not_eligible[1])
    if exc.code in table:
        code, status = table[exc.code]
        message = FORBIDDEN_RAM[1] + " " + exc.message if code == FORBIDDEN_RAM[0] else exc.message
        return RpcError(code, message, status)
    if isinstance(exc, InvalidInput):
        return RpcError("InvalidParameter", exc.message, 400)
    if isinstance(exc, NotFound):
        return RpcError("InvalidParameter.NotFound", exc.message, 404)
    if isinstance(exc, PermissionDenied):
        return RpcError("Forbidden", exc.message, 403)
    return RpcError("OperationDenied", exc.message, 403)
