"""X-Forwarded-* believed only from TRUSTED_PROXIES (issue 16: `make serve` believed anyone's)."""

import pytest
from django.test import RequestFactory

from icpconsole.core.middleware import TrustedProxyMiddleware

pytestmark = pytest.mark.django_db


def seen_by_django(settings, proxies, **meta):
    settings.TRUSTED_PROXIES = proxies
    seen = {}

    def view(request):
        seen.update(request.META)

    TrustedProxyMiddleware(view)(RequestFactory().get("/", **meta))
    return seen


def test_an_untrusted_peer_loses_every_forwarded_header(settings):
    meta = seen_by_django(
        settings, ["10.0.0.1"], REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="198.51.100.1", HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_FORWARDED="for=1.2.3.4",
    )
    assert meta["REMOTE_ADDR"] == "203.0.113.7"
    assert not [name for name in meta if "FORWARDED" in name]


def test_with_no_trusted_proxies_nobody_is_believed(settings):
    meta = seen_by_django(settings, [], REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert meta["REMOTE_ADDR"] == "127.0.0.1" and "HTTP_X_FORWARDED_FOR" not in meta


def test_a_trusted_proxy_gives_the_client_address(settings):
    meta = seen_by_django(
        settings, ["10.0.0.0/8"], REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https",
        # A client's own X-Forwarded-For entry is left of what the proxies appended: not believed.
        HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1, 10.0.0.2",
    )
    assert meta["REMOTE_ADDR"] == "198.51.100.1"
    assert meta["HTTP_X_FORWARDED_PROTO"] == "https"


def test_a_garbled_forwarded_for_leaves_the_proxy_address(settings):
    meta = seen_by_django(settings, ["10.0.0.1"], REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert meta["REMOTE_ADDR"] == "10.0.0.1"


@pytest.fixture
def production_tls(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_a_clients_own_forwarded_proto_over_plain_http_is_redirected(client, settings, production_tls):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    response = client.get("/healthz", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_the_trusted_proxys_forwarded_proto_is_believed(client, settings, production_tls):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    response = client.get("/healthz", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200


def test_a_spoofed_forwarded_for_does_not_dodge_the_anonymous_throttle(anon_api, settings, monkeypatch):
    from icpconsole.core.api import throttling

    monkeypatch.setitem(throttling.AnonRateThrottle.THROTTLE_RATES, "anon", "2/min")
    answers = [
        anon_api.get(
            "/api/v1/icp-records/?domain=example.cn",
            REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{k}",
        ).status_code
        for k in range(3)
    ]
    assert answers == [200, 200, 429]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRUSTED_PROXIES": "10.0.0.1,not-an-address"}, "TRUSTED_PROXIES: 'not-an-address'"),
        ({"USE_X_FORWARDED_PROTO": "true"}, "USE_X_FORWARDED_PROTO is replaced by TRUSTED_PROXIES"),
    ],
)
def test_a_wrong_proxy_setting_is_refused_at_start(env, message):
    import subprocess
    import sys

    from django.conf import settings as django_settings

    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "icpconsole.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True, text=True, cwd=django_settings.BASE_DIR, timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr
