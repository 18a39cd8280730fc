"""Signed RPC requests for Django's test client, signed by the Tea SDK's own functions."""

from __future__ import annotations

import hashlib
import uuid
from types import SimpleNamespace
from urllib.parse import urlencode

from alibabacloud_tea_openapi.utils import Utils

VERSIONS = {"ecs": "2014-05-26", "bsn": "2015-05-12", "beian": "2016-08-10"}


def v3(
    client,
    ak: str,
    secret: str,
    action: str,
    version: str,
    *,
    method: str = "POST",
    nonce: str | None = None,
    date: str | None = None,
    body: bytes = b"",
    content_type: str | None = None,
    tamper_body: bytes | None = None,
    host: str = "testserver",
    extra_headers: dict | None = None,
    **params,
):
    query = {k: str(v) for k, v in params.items()}
    payload = hashlib.sha256(body).hexdigest()
    headers = {
        "host": host,
        "x-acs-version": version,
        "x-acs-action": action,
        "x-acs-date": date or Utils.get_timestamp(),
        "x-acs-signature-nonce": nonce or Utils.get_nonce(),
        "accept": "application/json",
        "x-acs-content-sha256": payload,
        **(extra_headers or {}),
    }
    if content_type:
        headers["content-type"] = content_type
    request = SimpleNamespace(pathname="/", method=method, query=query, headers=headers)
    headers["Authorization"] = Utils.get_authorization(request, "ACS3-HMAC-SHA256", payload, ak, secret)
    sent_headers = {k: v for k, v in headers.items() if k != "content-type"}
    path = "/?" + urlencode(query) if query else "/"
    return client.generic(
        method,
        path,
        data=tamper_body if tamper_body is not None else body,
        content_type=content_type or "",
        headers=sent_headers,
    )


def v2_params(
    ak: str,
    secret: str,
    action: str,
    version: str,
    *,
    method: str = "GET",
    nonce: str | None = None,
    timestamp: str | None = None,
    **params,
) -> dict[str, str]:
    signed = {
        "Action": action,
        "Version": version,
        "Format": "JSON",
        "AccessKeyId": ak,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": nonce or uuid.uuid4().hex,
        "Timestamp": timestamp or Utils.get_timestamp(),
        **{k: str(v) for k, v in params.items()},
    }
    signed["Signature"] = Utils.get_rpcsignature(signed, method, secret)
    return signed


def v2(
    client,
    ak: str,
    secret: str,
    action: str,
    version: str,
    *,
    method: str = "GET",
    form: bool = False,
    **params,
):
    signed = v2_params(ak, secret, action, version, method=method, **params)
    if method == "GET":
        return client.get("/", signed)
    if form:
        return client.post("/", urlencode(signed), content_type="application/x-www-form-urlencoded")
    return client.post("/?" + urlencode(signed))


class Rpc:
    """``rpc.ecs("DescribeInstances", RegionId="cn-hangzhou")`` -> the test client's response (V3)."""

    def __init__(self, client, ak: str, secret: str) -> None:
        self.client, self.ak, self.secret = client, ak, secret

    def call(self, product: str, action: str, **params):
        return v3(self.client, self.ak, self.secret, action, VERSIONS[product], **params)

    def ecs(self, action: str, **params):
        return self.call("ecs", action, **params)

    def bsn(self, action: str, **params):
        return self.call("bsn", action, **params)

    def beian(self, action: str, *, Caller: str | None = "tests", **params):  # noqa: N803 - the parameter's name
        # The SDK models require ``Caller`` on Beian's actions (SPEC 4.8): sent unless None.
        if Caller is not None:
            params["Caller"] = Caller
        return self.call("beian", action, **params)
