"""Issue 27 point 8: A-labels follow IDNA 2008 (the ``idna`` package)."""

from __future__ import annotations

import pytest

from icpconsole.core.errors import InvalidInput
from registrar.domains import normalize_domain


@pytest.mark.parametrize("domain", ["xn--rt-alice-101.cn", "xn--.cn", "xn--a.cn", "xn--fsqu00a-.cn"])
def test_an_invalid_a_label_is_refused(domain):
    with pytest.raises(InvalidInput) as refused:
        normalize_domain(domain)
    assert refused.value.code == "DOMAIN_INVALID"


@pytest.mark.parametrize(
    ("domain", "expected"),
    [("例子.cn", "xn--fsqu00a.cn"), ("xn--fsqu00a.cn", "xn--fsqu00a.cn"), ("Bücher.de", "xn--bcher-kva.de")],
)
def test_a_valid_label_keeps_its_a_label(domain, expected):
    assert normalize_domain(domain) == expected


def test_the_registrar_api_refuses_an_invalid_a_label(api):
    response = api.post(
        "/api/v1/domains/",
        {"domain": "xn--rt-alice-101.cn", "holder_name": "Alice", "holder_certificate_number": "1"},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (400, "DOMAIN_INVALID")
