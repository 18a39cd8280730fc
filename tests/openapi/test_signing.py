"""The signature functions against vectors computed by the official SDKs' own signers."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest
from alibabacloud_tea_openapi.utils import Utils
from aliyunsdkcore.auth.composer import rpc_signature_composer

from openapi import signing

SECRET = "testsecret0123456789abcdefghij"
AK = "LTAI5tTestAccessKeyId000"

AWKWARD = {
    "Action": "DescribeInstances",
    "Version": "2014-05-26",
    "RegionId": "cn-hangzhou",
    "InstanceName": "web *site~1 / 中文",
    "InstanceIds": '["i-bp1abc","i-bp1def"]',
    "Notes": "",
    "Tag.1.Key": "a+b=c&d",
}


def test_percent_encode_keeps_only_unreserved_characters():
    assert signing.percent_encode("a b*c~d/e+f") == "a%20b%2Ac~d%2Fe%2Bf"
    assert signing.percent_encode("中") == "%E4%B8%AD"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_v2_signature_matches_the_tea_sdk_signer(method):
    params = {
        **AWKWARD,
        "AccessKeyId": AK,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": "5a3f1c",
        "Timestamp": "2026-01-31T08:00:00Z",
        "Format": "json",
    }
    expected = Utils.get_rpcsignature(params, method, SECRET)
    ours = signing.v2_signature(signing.v2_string_to_sign(method, params), SECRET)
    assert ours == expected
    ok, _ = signing.v2_verify(
        method=method, params={**params, "Signature": expected}, secret=SECRET, signature=expected
    )
    assert ok


def test_v2_string_to_sign_matches_the_classic_core_sdk():
    body = {"Description": "granted to a partner"}
    url, string_to_sign = rpc_signature_composer.get_signed_url(
        dict(AWKWARD), AK, SECRET, "JSON", "POST", body
    )
    sent = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    signature = dict(sent)["Signature"]
    # The classic SDK signs an empty SignatureType: empty values are part of the string.
    assert ("SignatureType", "") in sent
    assert signing.v2_string_to_sign("POST", sent + list(body.items())) == string_to_sign
    assert signing.v2_verify(
        method="POST", params=sent + list(body.items()), secret=SECRET, signature=signature
    )[0]


def test_v2_rejects_a_wrong_secret_and_reports_the_string_to_sign():
    params = {"Action": "DescribeRegions", "Version": "2014-05-26", "AccessKeyId": AK}
    signature = Utils.get_rpcsignature(params, "GET", SECRET)
    ok, string_to_sign = signing.v2_verify(method="GET", params=params, secret="wrong", signature=signature)
    assert not ok
    assert string_to_sign.startswith("GET&%2F&AccessKeyId%3DLTAI")


def _tea_v3(method: str, query: dict, headers: dict, body: bytes) -> tuple[str, str]:
    payload = signing.sha256_hex(body)
    request = SimpleNamespace(
        pathname="/", method=method, query=query, headers={**headers, "x-acs-content-sha256": payload}
    )
    return Utils.get_authorization(request, "ACS3-HMAC-SHA256", payload, AK, SECRET), payload


def test_v3_authorization_matches_the_tea_sdk_signer():
    headers = {
        "host": "127.0.0.1:8000",
        "x-acs-action": "RunInstances",
        "x-acs-version": "2014-05-26",
        "x-acs-date": "2026-01-31T08:00:00Z",
        "x-acs-signature-nonce": "0d9f2c",
        "user-agent": "AlibabaCloud (Linux) Python/3.11 TeaDSL/2",
        "accept": "application/json",
        "content-type": "application/x-www-form-urlencoded",
    }
    body = b"InstanceName=web%20one&Amount=2"
    authorization, payload = _tea_v3("POST", AWKWARD, headers, body)
    auth = signing.parse_v3_authorization(authorization)
    assert auth.algorithm == signing.V3_ALGORITHM
    assert auth.access_key_id == AK
    assert "x-acs-content-sha256" in auth.signed_headers
    canonical = signing.v3_canonical_request(
        method="POST",
        path="/",
        query=AWKWARD,
        headers={**headers, "x-acs-content-sha256": payload},
        signed_headers=auth.signed_headers,
        hashed_payload=payload,
    )
    string_to_sign = signing.v3_string_to_sign(canonical)
    assert signing.v3_signature(string_to_sign, SECRET) == auth.signature
    assert signing.v3_verify(string_to_sign=string_to_sign, secret=SECRET, signature=auth.signature)
    assert not signing.v3_verify(string_to_sign=string_to_sign, secret="wrong", signature=auth.signature)


def test_v3_canonical_request_has_a_blank_line_after_the_headers():
    canonical = signing.v3_canonical_request(
        method="get",
        path="/",
        query={"b": "2", "a": "x y"},
        headers={"host": "h", "x-acs-date": " d "},
        signed_headers=["x-acs-date", "host"],
        hashed_payload="e3b0",
    )
    assert canonical == "GET\n/\na=x%20y&b=2\nhost:h\nx-acs-date:d\n\nhost;x-acs-date\ne3b0"


@pytest.mark.parametrize(
    "header",
    [
        "ACS3-HMAC-SHA256",
        "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host",
        "ACS3-HMAC-SHA256 Credential=AK;SignedHeaders=host;Signature=abc",
    ],
)
def test_malformed_v3_authorization_is_refused(header):
    with pytest.raises(ValueError):
        signing.parse_v3_authorization(header)
