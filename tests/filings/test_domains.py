"""Domain names as a filing takes them (pure: no database)."""

import pytest

from filings.domains import normalize_domain
from icpconsole.core.errors import InvalidInput


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.cn", "example.cn"),
        ("  WWW.Example.CN  ", "www.example.cn"),
        ("www.example.cn.", "www.example.cn"),
        ("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
        ("xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"),
        ("a-b.c-d.com.cn", "a-b.c-d.com.cn"),
        ("a" * 63 + ".cn", "a" * 63 + ".cn"),
    ],
)
def test_valid_domains_are_normalised_to_lowercase_ascii(raw, expected):
    assert normalize_domain(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "localhost",
        "http://example.cn",
        "example.cn/path",
        "example.cn:8080",
        "user@example.cn",
        "*.example.cn",
        "-bad.example.cn",
        "bad-.example.cn",
        "a..example.cn",
        ".example.cn",
        "exa_mple.cn",
        "1.2.3.4",
        "a" * 64 + ".cn",
        ("a" * 60 + ".") * 5 + "cn",
        "exa mple.cn",
        None,
        42,
    ],
)
def test_malformed_domains_are_refused_with_DOMAIN_INVALID(raw):
    with pytest.raises(InvalidInput) as exc:
        normalize_domain(raw)
    assert exc.value.code == "DOMAIN_INVALID"
    assert exc.value.status_code == 400
