"""An app's content categories are its own (issue 28 point 8): the pre-check refuses a website's
category for an app with CONTENT_CATEGORY_NOT_FOR_APP, naming the app's; the regulated ones shared
with websites keep their rules; a website's own categories are unchanged."""

import pytest

from filings import precheck
from filings.precheck import INDIVIDUAL, SiteFacts, content_reasons

from . import apps

pytestmark = pytest.mark.django_db


def app_site(category: str, **kwargs) -> SiteFacts:
    return SiteFacts(domain="", filing=None, content_category=category, is_app=True, **kwargs)


def codes(reasons) -> list[str]:
    return [reason.code for reason in reasons]


@pytest.mark.parametrize("category", ["general", "blog", "company", "forum"])
def test_a_website_category_is_refused_for_an_app(category):
    [found] = content_reasons(app_site(category), subject_kind="enterprise")

    assert found.code == "CONTENT_CATEGORY_NOT_FOR_APP"
    assert "Tools and utilities" in dict(found.params)["categories"]


def test_an_app_s_own_categories_and_the_shared_rules():
    assert content_reasons(app_site("tools"), subject_kind="enterprise") == []
    assert codes(content_reasons(app_site("news"), subject_kind="enterprise")) == ["PRE_APPROVAL_REQUIRED"]
    assert codes(content_reasons(app_site("games"), subject_kind="enterprise")) == ["PRE_APPROVAL_REQUIRED"]
    assert codes(content_reasons(app_site("ecommerce"), subject_kind="enterprise")) == [
        "COMMERCIAL_LICENSE_REQUIRED"
    ]
    assert content_reasons(app_site("lifestyle"), subject_kind=INDIVIDUAL) == []
    assert codes(content_reasons(app_site("social"), subject_kind=INDIVIDUAL)) == [
        "CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL"
    ]
    assert codes(content_reasons(app_site("nonsense"), subject_kind="enterprise")) == [
        "CONTENT_CATEGORY_INVALID"
    ]


def test_an_app_category_is_not_a_website_s():
    website = SiteFacts(domain="example.cn", filing=None, content_category="tools")

    assert codes(content_reasons(website, subject_kind="enterprise")) == ["CONTENT_CATEGORY_INVALID"]


def test_the_api_pre_check_names_the_reason_in_chinese(api, user, staff, instance):
    from tests.filings import flows

    flows.file_first(user, staff=staff, instance=instance)
    response = api.post(
        "/api/v1/filings/precheck/",
        {"type": "add_app", "app": apps.app_data(content_category="company")},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 200, response.json()
    [found] = [r for r in response.json()["reasons"] if r["code"] == "CONTENT_CATEGORY_NOT_FOR_APP"]
    assert "不适用于App" in found["message"] and "实用工具" in found["remedy"]


def test_labels_follow_the_kind():
    assert precheck.content_category_label("tools", is_app=True) == "Tools and utilities"
    assert precheck.content_category_label("company") == "Company website"
    assert precheck.content_category_label("unknown") == "unknown"
