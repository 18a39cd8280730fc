"""Alibaba Cloud request signatures, as the official SDKs compute them. Pure: strings in, strings out.

Two schemes reach the RPC endpoint (SPEC 4.5):

* **V2** (``SignatureVersion=1.0``, ``SignatureMethod=HMAC-SHA1``), sent by the classic
  ``aliyun-python-sdk-core`` and by the Tea SDKs with ``signature_algorithm='v2'``. Every request
  parameter (query and form body) except ``Signature`` is sorted by name, each name and value
  percent-encoded (RFC 3986: only ``A-Z a-z 0-9 - _ . ~`` stay as they are, so a space is ``%20``,
  ``*`` is ``%2A`` and ``~`` stays ``~``) and joined as ``k=v&k=v``; the string to sign is
  ``METHOD&%2F&`` followed by that canonical query string percent-encoded once more; the signature
  is ``base64(HMAC-SHA1(secret + "&", string_to_sign))``. A parameter with an empty value is
  signed too (the classic SDK sends ``SignatureType=``).
* **V3** (``ACS3-HMAC-SHA256``), the Tea SDKs' default. The ``Authorization`` header reads
  ``ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2;...>,Signature=<hex>``. The
  canonical request is six lines, ``METHOD``, the percent-encoded path, the canonical query string
  (as V2's but unsigned names and values are never dropped), the signed headers as lowercase
  ``name:trimmed value`` lines each ending in a newline (so a blank line follows them), the signed
  header names joined by ``;``, and the hex SHA-256 of the body (``x-acs-content-sha256``). The
  string to sign is ``ACS3-HMAC-SHA256\\n`` + hex SHA-256 of the canonical request, and the signature
  the hex ``HMAC-SHA256(secret, string_to_sign)``.

The unit tests check these functions against the SDKs' own signers
(``alibabacloud_tea_openapi.utils.Utils.get_rpcsignature`` / ``get_authorization`` and
``aliyunsdkcore.auth.composer.rpc_signature_composer``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

V2_SIGNATURE_METHOD = "HMAC-SHA1"
V2_SIGNATURE_VERSION = "1.0"
V3_ALGORITHM = "ACS3-HMAC-SHA256"

Pairs = Iterable[tuple[str, str]]


def percent_encode(value: str) -> str:
    """RFC 3986 encoding as Alibaba Cloud defines it (UTF-8; only unreserved characters kept)."""
    return quote(value, safe="~", encoding="utf-8")


def _items(params: Mapping[str, str] | Pairs) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, Mapping) else params
    return [(str(k), "" if v is None else str(v)) for k, v in items]


def canonical_query_string(params: Mapping[str, str] | Pairs, *, exclude: Iterable[str] = ()) -> str:
    """``k=v&k=v`` sorted by name (then value), names and values percent-encoded."""
    skip = set(exclude)
    pairs = sorted((k, v) for k, v in _items(params) if k not in skip)
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in pairs)


# --- V2 ----------------------------------------------------------------------------------------
def v2_string_to_sign(method: str, params: Mapping[str, str] | Pairs) -> str:
    """``METHOD&%2F&<percent-encoded canonical query>``; ``Signature`` itself is left out."""
    canonical = canonical_query_string(params, exclude=("Signature",))
    return f"{method.upper()}&{percent_encode('/')}&{percent_encode(canonical)}"


def v2_signature(string_to_sign: str, secret: str) -> str:
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def v2_verify(
    *, method: str, params: Mapping[str, str] | Pairs, secret: str, signature: str
) -> tuple[bool, str]:
    """Whether ``signature`` signs these parameters with ``secret``; also the server's string to sign."""
    string_to_sign = v2_string_to_sign(method, params)
    expected = v2_signature(string_to_sign, secret)
    return hmac.compare_digest(expected.encode(), signature.encode()), string_to_sign


# --- V3 ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class V3Authorization:
    algorithm: str
    access_key_id: str
    signed_headers: tuple[str, ...]
    signature: str


def parse_v3_authorization(header: str) -> V3Authorization:
    """Split ``ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..``; ``ValueError`` if malformed."""
    algorithm, _, rest = header.strip().partition(" ")
    fields: dict[str, str] = {}
    for part in rest.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            raise ValueError(f"malformed Authorization element {part.strip()!r}")
        fields[name.strip()] = value.strip()
    missing = [name for name in ("Credential", "SignedHeaders", "Signature") if not fields.get(name)]
    if missing:
        raise ValueError(f"Authorization lacks {', '.join(missing)}")
    signed = tuple(h.strip().lower() for h in fields["SignedHeaders"].split(";") if h.strip())
    return V3Authorization(algorithm, fields["Credential"], signed, fields["Signature"])


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def v3_canonical_request(
    *,
    method: str,
    path: str,
    query: Mapping[str, str] | Pairs,
    headers: Mapping[str, str],
    signed_headers: Iterable[str],
    hashed_payload: str,
) -> str:
    """The six-line canonical request; ``headers`` maps lowercase names to values."""
    names = sorted({name.lower() for name in signed_headers})
    canonical_headers = "".join(f"{name}:{(headers.get(name) or '').strip()}\n" for name in names)
    return "\n".join(
        [
            method.upper(),
            quote(path or "/", safe="/~", encoding="utf-8"),
            canonical_query_string(query),
            canonical_headers,
            ";".join(names),
            hashed_payload,
        ]
    )


def v3_string_to_sign(canonical_request: str, algorithm: str = V3_ALGORITHM) -> str:
    return f"{algorithm}\n{sha256_hex(canonical_request.encode('utf-8'))}"


def v3_signature(string_to_sign: str, secret: str) -> str:
    return hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def v3_verify(*, string_to_sign: str, secret: str, signature: str) -> bool:
    expected = v3_signature(string_to_sign, secret)
    return hmac.compare_digest(expected.encode(), signature.strip().lower().encode())
