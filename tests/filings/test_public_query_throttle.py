"""The public ICP record query is anonymous, so it is limited per address like the API's anonymous
calls (issue 27 point 8)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_public_query_is_limited_per_address(client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**SimpleRateThrottle.THROTTLE_RATES, "public_query": "3/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    for _ in range(3):
        assert client.get("/icp-records/", {"domain": "example.cn"}).status_code == 200
    refused = client.get("/icp-records/", {"domain": "example.cn"})
    assert refused.status_code == 429
    assert b'data-code="RECORD_QUERY_THROTTLED"' in refused.content
    assert int(refused["Retry-After"]) >= 1
    # Another address still queries.
    assert client.get("/icp-records/", {"domain": "example.cn"}, REMOTE_ADDR="10.1.2.3").status_code == 200
