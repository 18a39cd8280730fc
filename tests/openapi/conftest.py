"""Alibaba Cloud's official SDKs pointed at pytest-django's live server (never at the internet:
every client gets an explicit endpoint and plain HTTP)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from openapi.services import access_key_create


@pytest.fixture
def endpoint(live_server):
    yield urlsplit(live_server.url).netloc  # "localhost:<port>"
    # The Tea SDKs pool keep-alive HTTP sessions process-wide: close them while the live server
    # still runs, or its handler threads outlive it and fail closing their database connection.
    from darabonba.core import DaraCore

    for session in DaraCore._sessions.values():
        session.close()
    DaraCore._sessions.clear()


def make_key(user):
    key, secret = access_key_create(actor=user)
    return key.access_key_id, secret


@pytest.fixture
def key_of():
    return make_key


@pytest.fixture
def alice_key(user):
    return make_key(user)


def tea_config(endpoint: str, ak: str, secret: str, *, v2: bool = False):
    from alibabacloud_tea_openapi import models as open_api_models

    config = open_api_models.Config(
        access_key_id=ak,
        access_key_secret=secret,
        endpoint=endpoint,
        protocol="http",
        region_id="cn-hangzhou",
        read_timeout=30000,
        connect_timeout=5000,
    )
    if v2:
        config.signature_algorithm = "v2"
    return config


@pytest.fixture
def tea(endpoint):
    """``tea("ecs"|"bsn"|"beian", ak, secret, v2=False)`` -> an official Tea SDK client."""

    def make(product: str, ak: str, secret: str, *, v2: bool = False):
        config = tea_config(endpoint, ak, secret, v2=v2)
        if product == "ecs":
            from alibabacloud_ecs20140526.client import Client
        elif product == "bsn":
            from alibabacloud_bsn20150512.client import Client
        else:
            from alibabacloud_beian20160810.client import Client
        return Client(config)

    return make


class ClassicClient:
    """The classic ``aliyun-python-sdk-core`` (signature V2, HMAC-SHA1), with an ``RpcRequest`` as
    the generated request classes (``aliyunsdkecs.request.v20140526...``) build it, or with a
    ``CommonRequest``."""

    def __init__(self, endpoint: str, ak: str, secret: str) -> None:
        from aliyunsdkcore.client import AcsClient

        self.endpoint = endpoint
        self.client = AcsClient(ak, secret, "cn-hangzhou", auto_retry=False, timeout=30)

    def call(
        self, version: str, action: str, method: str = "POST", *, common: bool = False, **params
    ) -> dict:
        from aliyunsdkcore.request import CommonRequest, RpcRequest

        if common:
            request = CommonRequest()
            request.set_domain(self.endpoint)
            request.set_version(version)
            request.set_action_name(action)
        else:
            request = RpcRequest("Simulator", version, action)
            request.set_endpoint(self.endpoint)
        request.set_accept_format("json")
        request.set_protocol_type("http")
        request.set_method(method)
        for name, value in params.items():
            request.add_query_param(name, value)
        return json.loads(self.client.do_action_with_exception(request))


@pytest.fixture
def classic(endpoint):
    made: list[ClassicClient] = []

    def make(ak: str, secret: str) -> ClassicClient:
        made.append(ClassicClient(endpoint, ak, secret))
        return made[-1]

    yield make
    for classic_client in made:  # its keep-alive connections, as for the Tea SDKs above
        classic_client.client.session.close()


@pytest.fixture
def rpc(client, alice_key):
    """V3-signed calls through Django's test client, as alice (an account)."""
    from .signed import Rpc

    return Rpc(client, *alice_key)


@pytest.fixture
def rpc_for(client):
    from .signed import Rpc

    def make(user):
        return Rpc(client, *make_key(user))

    return make


@pytest.fixture
def filed(user, staff, instance):
    """``www.example.cn`` filed on ``instance`` for alice (the accessor action tests; a module may
    define its own ``filed``)."""
    from .filing_flow import file_first

    return file_first(user, staff=staff, domain="www.example.cn", instance_id=instance.instance_id)
