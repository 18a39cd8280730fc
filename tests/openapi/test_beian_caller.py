"""Beian's ``Caller`` (SPEC 4.8): required on every action whose official SDK model marks it
required (all but ``GetMainDomain`` in ``alibabacloud_beian20160810``), with Alibaba's
missing-parameter error; the list is read from the installed SDK models, so a new model that
requires it fails here until the simulator does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alibabacloud_beian20160810 import models
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException

from openapi.actions import REGISTRY, beian

pytestmark = pytest.mark.django_db


def _requires_caller() -> set[str]:
    """The actions whose request model's constructor marks ``caller`` required (read as text)."""
    source = Path(models.__file__).read_text(encoding="utf-8")
    required = set()
    for chunk in source.split("\nclass ")[1:]:
        name = chunk.split("(", 1)[0]
        constructor = chunk.split("def validate", 1)[0]
        if name.endswith("Request") and re.search(
            r"# This parameter is required\.\n\s*self\.caller = caller", constructor
        ):
            required.add(name.removesuffix("Request"))
    return required


def test_the_simulator_requires_caller_exactly_where_the_sdk_models_do():
    served = {name for (version, name) in REGISTRY if version == beian.BEIAN.version}
    assert _requires_caller() & served == served - beian.CALLER_OPTIONAL
    assert "QueryAccessorDomain" in _requires_caller()


@pytest.mark.parametrize("action", sorted(_requires_caller()))
def test_without_caller_the_action_is_missing_parameter(rpc, action):
    response = rpc.beian(action, Caller=None, Domain="example.cn", Ip="203.0.113.1")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["Code"] == "MissingParameter" and '"Caller"' in body["Message"]


def test_get_main_domain_needs_no_caller(rpc):
    response = rpc.beian("GetMainDomain", Caller=None, Domain="www.example.com.cn")
    assert response.status_code == 200, response.content


@pytest.mark.django_db(transaction=True)
def test_query_accessor_domain_without_caller_is_refused_through_the_sdk(tea, alice_key):
    client = tea("beian", *alice_key)
    with pytest.raises(AlibabaCloudException) as exc:
        client.query_accessor_domain(models.QueryAccessorDomainRequest(domain="example.cn"))
    assert (exc.value.code, exc.value.status_code) == ("MissingParameter", 400)
    ok = client.query_accessor_domain(models.QueryAccessorDomainRequest(domain="example.cn", caller="ops"))
    assert ok.body.data is False
