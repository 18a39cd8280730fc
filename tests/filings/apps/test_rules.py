"""The app format rules (SPEC 3.11), pure: no database."""

import pytest

from filings import apps_rules
from filings.apps_rules import AppFields, clean_app
from icpconsole.core.errors import InvalidInput

MD5 = "0123456789abcdef0123456789abcdef"
SHA1 = "0123456789abcdef0123456789abcdef01234567"


def android(**overrides):
    return {
        "name": "Shop",
        "platforms": ["android"],
        "package_name": "cn.example.shop",
        "signature_md5": MD5,
        **overrides,
    }


def ios(**overrides):
    return {
        "name": "Shop",
        "platforms": ["ios"],
        "bundle_id": "cn.example.shop",
        "signature_sha1": SHA1,
        **overrides,
    }


def refused(data) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        clean_app(data)
    return caught.value


@pytest.mark.parametrize(
    "name",
    [
        "cn.example",
        "com.example.app",
        "cn.example.shop_2",
        "a.b",
        "Com.Example.App",
        "cn.e1.a_b_c",
        "x" * 10 + ".y",
    ],
)
def test_valid_package_names(name):
    assert apps_rules.package_name_valid(name)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "example",  # one segment
        "cn..example",  # empty segment
        ".cn.example",
        "cn.example.",
        "cn.1example",  # segment starts with a digit
        "cn._example",  # starts with an underscore
        "cn.exa-mple",  # hyphen
        "cn.exa mple",
        "cn.example.class",  # a Java keyword
        "int.example",
        "cn.例子",
        "a." + "b" * 255,  # too long
    ],
)
def test_invalid_package_names(name):
    assert not apps_rules.package_name_valid(name)


@pytest.mark.parametrize("bundle", ["cn.example.shop", "com.example.my-app", "com.1example.app", "A.B"])
def test_valid_bundle_ids(bundle):
    assert apps_rules.bundle_id_valid(bundle)


@pytest.mark.parametrize(
    "bundle", ["", "example", "cn.example_shop", "cn..shop", "cn.example.", "cn.例子.shop", "a." + "b" * 160]
)
def test_invalid_bundle_ids(bundle):
    assert not apps_rules.bundle_id_valid(bundle)


def test_signatures_are_normalised_from_keytool_form():
    colons = ":".join(MD5.upper()[i : i + 2] for i in range(0, 32, 2))
    assert clean_app(android(signature_md5=colons)).signature_md5 == MD5


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("signature_md5", MD5[:-1]),
        ("signature_md5", MD5 + "0"),
        ("signature_md5", "g" * 32),
        ("signature_md5", SHA1),
    ],
)
def test_bad_md5_is_refused(field, value):
    error = refused(android(**{field: value}))
    assert error.code == "APP_SIGNATURE_INVALID"
    assert "32" in error.message


@pytest.mark.parametrize("value", [SHA1[:-1], MD5, "x" * 40, SHA1 + "00"])
def test_bad_sha1_is_refused(value):
    error = refused(ios(signature_sha1=value))
    assert error.code == "APP_SIGNATURE_INVALID"
    assert "40" in error.message


def test_a_valid_android_and_ios_app():
    fields = clean_app({**android(), **ios(), "platforms": ["ios", "android"], "name": "  Shop  "})
    assert fields == AppFields(
        name="Shop",
        platforms=("android", "ios"),
        package_name="cn.example.shop",
        bundle_id="cn.example.shop",
        signature_md5=MD5,
        signature_sha1=SHA1,
    )


def test_harmonyos_needs_package_name_and_md5():
    assert clean_app(android(platforms=["harmonyos"])).platforms == ("harmonyos",)
    assert (
        refused(android(platforms=["harmonyos"], package_name="")).code == "APP_PLATFORM_IDENTIFIER_MISSING"
    )
    error = refused(android(platforms=["harmonyos"], signature_md5=""))
    assert error.code == "APP_PLATFORM_IDENTIFIER_MISSING" and "harmonyos" in error.message


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        (android(package_name=""), "package_name"),
        (android(signature_md5=""), "signature_md5"),
        (ios(bundle_id=""), "bundle_id"),
        (ios(signature_sha1=""), "signature_sha1"),
        ({**android(), "platforms": ["android", "ios"]}, "bundle_id"),
    ],
)
def test_a_platform_without_its_identifier(data, missing):
    error = refused(data)
    assert error.code == "APP_PLATFORM_IDENTIFIER_MISSING"
    assert missing in error.message


def test_an_identifier_of_another_platform_is_refused():
    error = refused(android(bundle_id="cn.example.shop"))
    assert error.code == "APP_IDENTIFIER_UNEXPECTED"


@pytest.mark.parametrize(
    "platforms", [[], None, "android", ["android", "android"], ["windows"], [1], ["Android"]]
)
def test_platforms_must_be_known_and_distinct(platforms):
    assert refused(android(platforms=platforms)).code == "APP_PLATFORM_INVALID"


@pytest.mark.parametrize("name", ["", "   ", "x" * 31, None, "bad\x00name", "two\nlines"])
def test_the_name_is_required_and_short(name):
    assert refused(android(name=name)).code == "APP_NAME_INVALID"


@pytest.mark.parametrize("data", [None, [], "app", 3])
def test_not_an_object(data):
    assert refused(data).code == "APP_INVALID"


def test_a_non_text_identifier_is_refused():
    assert refused(android(package_name=["cn.example"])).code == "APP_INVALID"


def test_format_comes_before_presence():
    # A malformed package name is named as such, even though the signature is also missing.
    assert refused(android(package_name="bad", signature_md5="")).code == "APP_PACKAGE_NAME_INVALID"


def test_numbers():
    assert apps_rules.app_number("浙ICP备20261234号", 3) == "浙ICP备20261234号-3A"
    assert apps_rules.website_number("浙ICP备20261234号", 3) == "浙ICP备20261234号-3"


def test_the_rules_module_is_pure():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(apps_rules))
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    assert not any(name.startswith("django.db") or "models" in name for name in imported)


def test_app_problems_lists_every_broken_rule_and_clean_app_raises_the_first():
    from filings.apps_rules import app_problems, clean_app
    from icpconsole.core.errors import InvalidInput

    bad = {
        "name": "示例应用",
        "platforms": ["android", "ios"],
        "package_name": "1bad",
        "bundle_id": "",
        "signature_md5": "123",
        "signature_sha1": "0123456789abcdef0123456789abcdef01234567",
    }

    found = app_problems(bad)

    assert [p.code for p in found] == [
        "APP_PACKAGE_NAME_INVALID",
        "APP_SIGNATURE_INVALID",
        "APP_PLATFORM_IDENTIFIER_MISSING",
    ]
    with pytest.raises(InvalidInput) as raised:
        clean_app(bad)
    assert raised.value.code == "APP_PACKAGE_NAME_INVALID"
    assert (
        app_problems(
            {**bad, "package_name": "cn.example.app", "signature_md5": "0" * 32, "bundle_id": "cn.x.y"}
        )
        == []
    )
    assert [p.code for p in app_problems({"name": "", "platforms": "android"})] == [
        "APP_NAME_INVALID",
        "APP_PLATFORM_INVALID",
    ]
