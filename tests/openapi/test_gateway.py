"""The RPC endpoint at ``/``: dispatch, both signature versions, and Alibaba's error envelope,
through Django's test client with requests signed by the Tea SDK's functions."""

from __future__ import annotations

import datetime as dt

import pytest
from alibabacloud_tea_openapi.utils import Utils
from django.test import override_settings

from icpconsole.core.models import AuditEvent
from openapi.models import AccessKey, UsedNonce
from openapi.services import access_key_disable

from .signed import v2, v2_params, v3

ECS = "2014-05-26"
ENVELOPE = {"RequestId", "HostId", "Code", "Message", "Recommend"}


def _old(minutes: int) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def assert_error(response, code: str, status: int):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == ENVELOPE
    assert body["Code"] == code
    assert body["HostId"] == "testserver"
    assert response["Content-Type"].startswith("application/json")
    return body


# --- dispatch ----------------------------------------------------------------------------------
def test_a_browser_opening_the_root_goes_to_the_console(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/console/"


def test_a_request_with_action_but_no_signature_is_answered_as_rpc(client, db):
    response = client.get("/", {"Action": "DescribeRegions", "Version": ECS})
    assert_error(response, "MissingParameter", 400)


def test_a_v3_looking_request_without_authorization_is_an_incomplete_signature(client, db):
    response = client.post("/", headers={"x-acs-action": "DescribeRegions", "x-acs-version": ECS})
    assert_error(response, "IncompleteSignature", 400)


def test_v3_call_returns_json_with_a_request_id(rpc):
    response = rpc.ecs("DescribeRegions")
    assert response.status_code == 200
    body = response.json()
    assert body["RequestId"] == response["x-acs-request-id"]
    assert {r["RegionId"] for r in body["Regions"]["Region"]} >= {"cn-hangzhou", "cn-hongkong"}


@pytest.mark.parametrize("method,form", [("GET", False), ("POST", False), ("POST", True)])
def test_v2_call_in_query_or_form(client, alice_key, method, form):
    response = v2(
        client, *alice_key, "DescribeRegions", ECS, method=method, form=form, AcceptLanguage="en-US"
    )
    assert response.status_code == 200, response.content
    names = {r["RegionId"]: r["LocalName"] for r in response.json()["Regions"]["Region"]}
    assert names["cn-hangzhou"] == "China (Hangzhou)"


def test_unknown_action_is_invalid_action_not_found(rpc):
    assert_error(rpc.ecs("DescribeNothing"), "InvalidAction.NotFound", 404)


def test_unknown_version_is_invalid_version(client, alice_key):
    assert_error(v3(client, *alice_key, "DescribeRegions", "2099-01-01"), "InvalidVersion", 400)


def test_an_action_of_another_version_is_not_found(client, alice_key):
    assert_error(v3(client, *alice_key, "DescribeRegions", "2015-05-12"), "InvalidAction.NotFound", 404)


# --- authentication ----------------------------------------------------------------------------
def test_wrong_secret_v3_is_signature_does_not_match_with_the_string_to_sign(client, alice_key):
    body = assert_error(
        v3(client, alice_key[0], "not-the-secret", "DescribeRegions", ECS), "SignatureDoesNotMatch", 400
    )
    assert "server string to sign is:ACS3-HMAC-SHA256\n" in body["Message"]


def test_wrong_secret_v2_reports_the_servers_string_to_sign(client, alice_key):
    response = v2(client, alice_key[0], "not-the-secret", "DescribeRegions", ECS)
    body = assert_error(response, "SignatureDoesNotMatch", 400)
    assert body["Message"].split(":", 1)[1].startswith("GET&%2F&AccessKeyId%3D" + alice_key[0])


def test_a_tampered_v3_body_does_not_match_its_signature(client, alice_key):
    response = v3(
        client,
        *alice_key,
        "DescribeRegions",
        ECS,
        body=b"AcceptLanguage=en-US",
        content_type="application/x-www-form-urlencoded",
        tamper_body=b"AcceptLanguage=zh-CN",
    )
    assert_error(response, "SignatureDoesNotMatch", 400)


def test_a_v3_signature_must_cover_the_nonce(client, alice_key):
    from types import SimpleNamespace

    headers = {
        "host": "testserver",
        "x-acs-action": "DescribeRegions",
        "x-acs-version": ECS,
        "x-acs-date": Utils.get_timestamp(),
        "x-acs-content-sha256": Utils.hash(b"", "ACS3-HMAC-SHA256").hex(),
    }
    request = SimpleNamespace(pathname="/", method="POST", query={}, headers=headers)
    authorization = Utils.get_authorization(
        request, "ACS3-HMAC-SHA256", headers["x-acs-content-sha256"], *alice_key
    )
    response = client.post(
        "/", headers={**headers, "x-acs-signature-nonce": "n1", "Authorization": authorization}
    )
    body = assert_error(response, "IncompleteSignature", 400)
    assert "x-acs-signature-nonce" in body["Message"]


def test_unknown_access_key_is_not_found(client, db):
    assert_error(
        v3(client, "LTAI" + "x" * 20, "secret", "DescribeRegions", ECS), "InvalidAccessKeyId.NotFound", 404
    )


def test_disabled_access_key_is_inactive(client, user, alice_key):
    access_key_disable(actor=user, access_key_id=alice_key[0])
    assert_error(v3(client, *alice_key, "DescribeRegions", ECS), "InvalidAccessKeyId.Inactive", 400)


def test_a_secret_encrypted_under_another_secret_key_no_longer_works(client, alice_key):
    with override_settings(SECRET_KEY="a-rotated-secret-key-for-this-test-only"):
        assert_error(v3(client, *alice_key, "DescribeRegions", ECS), "InvalidAccessKeyId.NotFound", 404)


@pytest.mark.parametrize("minutes", [16, -16])
def test_a_timestamp_more_than_15_minutes_off_is_expired(client, alice_key, minutes):
    assert_error(
        v3(client, *alice_key, "DescribeRegions", ECS, date=_old(minutes)), "InvalidTimeStamp.Expired", 400
    )
    response = v2(client, *alice_key, "DescribeRegions", ECS, timestamp=_old(minutes))
    assert_error(response, "InvalidTimeStamp.Expired", 400)


def test_a_timestamp_14_minutes_old_is_accepted(client, alice_key):
    assert v3(client, *alice_key, "DescribeRegions", ECS, date=_old(14)).status_code == 200


def test_timestamps_are_real_time_not_the_simulated_clock(client, alice_key, advance_clock):
    advance_clock(90)
    assert v3(client, *alice_key, "DescribeRegions", ECS).status_code == 200


def test_a_malformed_timestamp_is_refused(client, alice_key):
    assert_error(
        v3(client, *alice_key, "DescribeRegions", ECS, date="yesterday"), "InvalidTimeStamp.Format", 400
    )


def test_a_replayed_nonce_is_refused(client, alice_key):
    assert v3(client, *alice_key, "DescribeRegions", ECS, nonce="same-nonce").status_code == 200
    assert_error(
        v3(client, *alice_key, "DescribeRegions", ECS, nonce="same-nonce"), "SignatureNonceUsed", 400
    )
    signed = v2_params(*alice_key, "DescribeRegions", ECS)
    assert client.get("/", signed).status_code == 200
    assert_error(client.get("/", signed), "SignatureNonceUsed", 400)


def test_nonces_are_scoped_to_the_access_key_so_one_account_cannot_use_up_anothers(
    client, alice_key, other_user
):
    from .conftest import make_key

    mallory_key = make_key(other_user)
    assert v3(client, *mallory_key, "DescribeRegions", ECS, nonce="shared-nonce").status_code == 200

    assert v3(client, *alice_key, "DescribeRegions", ECS, nonce="shared-nonce").status_code == 200
    replay = v3(client, *alice_key, "DescribeRegions", ECS, nonce="shared-nonce")
    assert_error(replay, "SignatureNonceUsed", 400)
    assert UsedNonce.objects.filter(nonce="shared-nonce").count() == 2


def test_a_badly_signed_request_does_not_use_up_its_nonce(client, alice_key):
    v3(client, alice_key[0], "wrong", "DescribeRegions", ECS, nonce="n-42")
    assert v3(client, *alice_key, "DescribeRegions", ECS, nonce="n-42").status_code == 200


def test_old_nonces_are_pruned(client, alice_key):
    UsedNonce.objects.create(
        nonce="ancient", access_key_id=alice_key[0], used_time=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    )
    v3(client, *alice_key, "DescribeRegions", ECS)
    assert not UsedNonce.objects.filter(nonce="ancient").exists()


@pytest.mark.parametrize("missing", ["AccessKeyId", "Signature", "Timestamp", "SignatureNonce"])
def test_v2_without_a_signature_parameter_is_missing_parameter(client, alice_key, missing):
    signed = v2_params(*alice_key, "DescribeRegions", ECS)
    del signed[missing]
    body = assert_error(client.get("/", signed), "MissingParameter", 400)
    assert missing in body["Message"]


def test_v2_with_another_signature_method_is_refused(client, alice_key):
    signed = v2_params(*alice_key, "DescribeRegions", ECS, SignatureMethod="HMAC-SHA256")
    assert_error(client.get("/", signed), "InvalidParameter", 400)


@override_settings(
    OPENAPI_THROTTLE_PER_MINUTE=2,
    # A cache of this test's own: the project's file cache is shared with other test processes.
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}},
)
def test_too_many_calls_a_minute_are_throttled(client, alice_key):
    assert v3(client, *alice_key, "DescribeRegions", ECS).status_code == 200
    assert v3(client, *alice_key, "DescribeRegions", ECS).status_code == 200
    assert_error(v3(client, *alice_key, "DescribeRegions", ECS), "Throttling", 400)


# --- who calls --------------------------------------------------------------------------------
def test_every_use_is_audited_and_marks_the_key_used(rpc, user, alice_key):
    rpc.ecs("DescribeRegions")
    event = AuditEvent.objects.get(action="access_key.use")
    assert event.actor == user and event.account == user
    assert event.details["api_action"] == "DescribeRegions"
    assert event.details["signature"] == "v3"
    assert AccessKey.objects.get(access_key_id=alice_key[0]).last_used_time is not None


def test_the_secret_never_reaches_the_audit_log_or_the_database_in_clear(rpc, alice_key):
    rpc.ecs("DescribeRegions")
    secret = alice_key[1]
    for event in AuditEvent.objects.all():
        assert secret not in str(event.details) and secret not in event.target_repr
    assert secret not in AccessKey.objects.get(access_key_id=alice_key[0]).secret_encrypted


def test_a_ram_users_key_reads_its_accounts_resources(rpc_for, ram_user, instance):
    response = rpc_for(ram_user).ecs("DescribeInstances", RegionId="cn-hangzhou")
    assert response.status_code == 200
    assert [i["InstanceId"] for i in response.json()["Instances"]["Instance"]] == [instance.instance_id]


@pytest.mark.parametrize(
    "product,action,params",
    [
        ("ecs", "RunInstances", {"RegionId": "cn-hangzhou"}),
        ("ecs", "StopInstance", {"InstanceId": "i-any"}),
        ("bsn", "ProductBindBsn", {"resourceType": 1, "resourceId": "i-any"}),
        ("bsn", "GrantBsnCode", {"Sn": "x", "GrantToAliuid": "1"}),
    ],
)
def test_a_ram_users_key_cannot_change_anything(rpc_for, ram_user, product, action, params):
    body = assert_error(rpc_for(ram_user).call(product, action, **params), "Forbidden.RAM", 403)
    assert action in body["Message"]


def test_an_unexpected_failure_is_an_internal_error_envelope(rpc, monkeypatch):
    import dataclasses

    from openapi import actions

    def boom(call):
        raise RuntimeError("boom")

    spec = actions.find(ECS, "DescribeRegions")
    monkeypatch.setitem(actions.REGISTRY, (ECS, "DescribeRegions"), dataclasses.replace(spec, func=boom))
    assert_error(rpc.ecs("DescribeRegions"), "InternalError", 500)
