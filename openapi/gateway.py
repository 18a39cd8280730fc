"""From an HTTP request to an authenticated call: which action, which AccessKey, which parameters.

The checks run in the order Alibaba Cloud's gateway reports them: the API (version and action),
the signature's own parameters, the timestamp (within 15 minutes of *real* time: this is
transport security, not the simulated clock), the AccessKey (exists, enabled), the signature,
and last the nonce, so that only a correctly signed request can use one up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from . import actions, signing
from .crypto import decrypt_secret
from .errors import (
    ACCESS_KEY_INACTIVE,
    ACCESS_KEY_NOT_FOUND,
    NONCE_USED,
    THROTTLING,
    TIMESTAMP_EXPIRED,
    TIMESTAMP_FORMAT,
    RpcError,
    incomplete_signature,
    invalid_action,
    invalid_parameter,
    invalid_version,
    missing_parameter,
    rpc_error,
    signature_does_not_match,
)
from .models import AccessKey
from .selectors import access_key_for_signature
from .services import MAX_NONCE_LENGTH, signature_nonce_consume

TIMESTAMP_TOLERANCE = dt.timedelta(minutes=15)
TIMESTAMP_FORMATS = ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ")
DEFAULT_THROTTLE_PER_MINUTE = 1200
# V3: the headers a signature must cover, or a captured request could be re-aimed or replayed.
V3_REQUIRED_SIGNED_HEADERS = (
    "host",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
)
V2_REQUIRED = (
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "Timestamp",
    "SignatureNonce",
)

_FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class RpcRequest:
    """The parts of a request the gateway reads (a plain value: the tests build one directly)."""

    method: str
    path: str
    query: list[tuple[str, str]]
    form: list[tuple[str, str]]
    headers: dict[str, str]  # lowercase names
    body: bytes
    source_ip: str = ""

    @property
    def params(self) -> dict[str, str]:
        """Query and form merged, the form winning, as the SDKs merge them before signing."""
        return dict(self.query + self.form)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def is_v3(self) -> bool:
        return (self.header("authorization") or "").lstrip().startswith("ACS3-")

    @property
    def action_and_version(self) -> tuple[str | None, str | None]:
        if self.is_v3:
            return self.header("x-acs-action"), self.header("x-acs-version")
        params = self.params
        return params.get("Action") or self.header("x-acs-action"), params.get("Version") or self.header(
            "x-acs-version"
        )


def _qsl(raw: str) -> list[tuple[str, str]]:
    return parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="replace")


def _headers_of(request: HttpRequest) -> dict[str, str]:
    headers = {}
    for key, value in request.META.items():
        if key.startswith("HTTP_"):
            headers[key[5:].replace("_", "-").lower()] = value
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value:
            headers[key.replace("_", "-").lower()] = value
    return headers


def is_form(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == _FORM


def rpc_request_from(request: HttpRequest) -> RpcRequest:
    body = request.body
    headers = _headers_of(request)
    form = (
        _qsl(body.decode("utf-8", errors="replace")) if body and is_form(headers.get("content-type")) else []
    )
    return RpcRequest(
        method=request.method or "GET",
        path=request.path,
        query=_qsl(request.META.get("QUERY_STRING", "")),
        form=form,
        headers=headers,
        body=body,
        source_ip=request.META.get("REMOTE_ADDR", ""),
    )


def looks_like_rpc_by_head(request: HttpRequest) -> bool:
    """``looks_like_rpc`` without reading the body (a body refused unread): a form POST to ``/``
    counts as a call, since the console only redirects from there."""
    if "Action" in request.GET or request.META.get("HTTP_X_ACS_ACTION"):
        return True
    return request.method == "POST" and is_form(request.META.get("CONTENT_TYPE"))


def looks_like_rpc(request: HttpRequest) -> bool:
    """Does a request to ``/`` carry an RPC call (``Action`` in query or form, or ``x-acs-action``)?"""
    if "Action" in request.GET or request.META.get("HTTP_X_ACS_ACTION"):
        return True
    if request.method == "POST" and is_form(request.META.get("CONTENT_TYPE")):
        return any(key == "Action" for key, _ in _qsl(request.body.decode("utf-8", errors="replace")))
    return False


@dataclass(frozen=True)
class AuthenticatedCall:
    spec: actions.ActionSpec
    key: AccessKey
    params: dict[str, str]
    signature_version: str  # "v2" | "v3"


# --- steps -------------------------------------------------------------------------------------
def check_characters(req: RpcRequest) -> None:
    """Every parameter name and value, and every header, free of NUL characters: PostgreSQL text
    cannot hold one, and no Alibaba Cloud parameter has one. Checked once, first, for every call
    (before the AccessKey is looked up), so no action ever sees one."""
    for name, value in [*req.query, *req.form]:
        if "\x00" in name or "\x00" in value:
            raise invalid_parameter(name.replace("\x00", "\\0"), "It contains a NUL character.")
    for name, value in req.headers.items():
        if "\x00" in name or "\x00" in value:
            raise invalid_parameter(name.replace("\x00", "\\0"), "The header contains a NUL character.")


def resolve_action(req: RpcRequest) -> actions.ActionSpec:
    action, version = req.action_and_version
    if not action:
        raise missing_parameter("Action")
    if not version:
        raise missing_parameter("Version")
    if actions.product_for(version) is None:
        raise invalid_version(version)
    spec = actions.find(version, action)
    if spec is None:
        raise invalid_action(action, version)
    return spec


def check_timestamp(raw: str, *, now: dt.datetime, name: str) -> None:
    for fmt in TIMESTAMP_FORMATS:
        try:
            moment = dt.datetime.strptime(raw.strip(), fmt).replace(tzinfo=dt.UTC)
            break
        except ValueError:
            continue
    else:
        raise rpc_error(TIMESTAMP_FORMAT, f"({name}={raw!r}; expected UTC like 2026-01-31T08:00:00Z)")
    if abs(now - moment) > TIMESTAMP_TOLERANCE:
        raise rpc_error(
            TIMESTAMP_EXPIRED, f"({name}={raw}; it must be within 15 minutes of the server's time)"
        )


def usable_key(access_key_id: str) -> tuple[AccessKey, str]:
    key = access_key_for_signature(access_key_id)
    secret = decrypt_secret(key.secret_encrypted) if key is not None else None
    if key is None or secret is None or not key.owner.is_login_active:
        raise rpc_error(ACCESS_KEY_NOT_FOUND)
    if not key.is_active:
        raise rpc_error(ACCESS_KEY_INACTIVE)
    return key, secret


def verify_v2(req: RpcRequest, *, now: dt.datetime) -> tuple[AccessKey, str]:
    """V2: returns the key and the nonce; raises with Alibaba's codes."""
    params = req.params
    for name in V2_REQUIRED:
        if not params.get(name):
            raise missing_parameter(name)
    if params["SignatureMethod"] != signing.V2_SIGNATURE_METHOD:
        raise invalid_parameter("SignatureMethod", f"Only {signing.V2_SIGNATURE_METHOD} is supported.")
    if params["SignatureVersion"] != signing.V2_SIGNATURE_VERSION:
        raise invalid_parameter("SignatureVersion", f"Only {signing.V2_SIGNATURE_VERSION} is supported.")
    check_timestamp(params["Timestamp"], now=now, name="Timestamp")
    key, secret = usable_key(params["AccessKeyId"])
    ok, string_to_sign = signing.v2_verify(
        method=req.method, params=params, secret=secret, signature=params["Signature"]
    )
    if not ok:
        raise signature_does_not_match(string_to_sign)
    return key, params["SignatureNonce"]


def verify_v3(req: RpcRequest, *, now: dt.datetime) -> tuple[AccessKey, str]:
    try:
        auth = signing.parse_v3_authorization(req.header("authorization") or "")
    except ValueError as exc:
        raise incomplete_signature(str(exc)) from None
    if auth.algorithm != signing.V3_ALGORITHM:
        raise incomplete_signature(f"Unsupported algorithm {auth.algorithm!r}; use {signing.V3_ALGORITHM}.")
    for name in V3_REQUIRED_SIGNED_HEADERS:
        if name not in auth.signed_headers:
            raise incomplete_signature(f"SignedHeaders must include {name}.")
        if not req.header(name):
            raise incomplete_signature(f"The signed header {name} is missing.")
    check_timestamp(req.header("x-acs-date") or "", now=now, name="x-acs-date")
    key, secret = usable_key(auth.access_key_id)
    canonical_request = signing.v3_canonical_request(
        method=req.method,
        path=req.path,
        query=req.query,
        headers=req.headers,
        signed_headers=auth.signed_headers,
        hashed_payload=signing.sha256_hex(req.body),
    )
    string_to_sign = signing.v3_string_to_sign(canonical_request)
    if not signing.v3_verify(string_to_sign=string_to_sign, secret=secret, signature=auth.signature):
        raise signature_does_not_match(string_to_sign)
    return key, req.header("x-acs-signature-nonce") or ""


def throttle(key: AccessKey, *, now: dt.datetime) -> None:
    """At most ``OPENAPI_THROTTLE_PER_MINUTE`` calls a minute per AccessKey (default 1200)."""
    limit = getattr(settings, "OPENAPI_THROTTLE_PER_MINUTE", DEFAULT_THROTTLE_PER_MINUTE)
    bucket = f"openapi:throttle:{key.access_key_id}:{now:%Y%m%d%H%M}"
    cache.add(bucket, 0, timeout=120)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, timeout=120)
        count = 1
    if count > limit:
        raise rpc_error(THROTTLING, f"(at most {limit} calls a minute per AccessKey)")


def authenticate(req: RpcRequest, *, now: dt.datetime | None = None) -> AuthenticatedCall:
    """Resolve and authenticate one RPC call, or raise :class:`RpcError`."""
    now = now or timezone.now()
    check_characters(req)
    spec = resolve_action(req)
    if req.is_v3:
        key, nonce = verify_v3(req, now=now)
        version = "v3"
    elif req.header("x-acs-action") and not any(k in req.params for k in ("Signature", "AccessKeyId")):
        raise incomplete_signature("The Authorization header is missing.")
    else:
        key, nonce = verify_v2(req, now=now)
        version = "v2"
    if len(nonce) > MAX_NONCE_LENGTH:
        raise invalid_parameter("SignatureNonce", f"It is at most {MAX_NONCE_LENGTH} characters.")
    if not signature_nonce_consume(nonce=nonce, access_key_id=key.access_key_id, now=now):
        raise rpc_error(NONCE_USED)
    throttle(key, now=now)
    return AuthenticatedCall(spec=spec, key=key, params=req.params, signature_version=version)


__all__ = [
    "AuthenticatedCall",
    "RpcError",
    "RpcRequest",
    "authenticate",
    "looks_like_rpc",
    "rpc_request_from",
]
