"""The ICP No. Application page under each provider profile (SPEC 3.14, issue 29), in English and
Chinese, in Chromium: Tencent refuses a personal account's CVM with ACCOUNT_NOT_ENTERPRISE and its
remedy; Huawei and Alibaba offer Apply, and the dialog's OK issues a code."""

import pytest

from servicecodes.models import ServiceCode
from simulator.services import simulator_settings_update
from tests.factories import InstanceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# profile -> (product, region) of the user's instance
INSTANCES = {
    "alibaba": ("ecs", "cn-hangzhou"),
    "tencent": ("cvm", "ap-guangzhou"),
    "huawei": ("flexus_l", "cn-north-4"),
}
REMEDY = {
    "en": "Complete enterprise real-name certification",
    "zh-hans": "为该账号完成企业实名认证",
}
APPLY = {"en": ("Apply", "OK"), "zh-hans": ("申请", "确定")}


def _in_language(page, live_server, language):
    if language != "en":
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("profile", ["alibaba", "tencent", "huawei"])
def test_the_application_page_under_each_profile(page, live_server, user, profile, language):
    simulator_settings_update(actor=None, changes={"provider": profile})
    product, region = INSTANCES[profile]
    instance = InstanceFactory(owner=user, product_id=product, region_id=region)
    _in_language(page, live_server, language)
    page.goto("/console/icp/application/")
    row = page.locator(f'tr[data-instance-id="{instance.instance_id}"]')
    apply_label, ok_label = APPLY[language]
    if profile == "tencent":
        assert row.get_attribute("data-can-apply") == "false"
        assert row.locator("[data-apply]").count() == 0
        reason = row.locator('[data-reason-code="ACCOUNT_NOT_ENTERPRISE"]')
        assert reason.is_visible()
        assert REMEDY[language] in reason.locator('[data-remedy-action="certify_enterprise"]').inner_text()
        return
    apply = row.get_by_role("link", name=apply_label, exact=True)
    assert apply.is_visible()
    apply.click()
    with page.expect_navigation():
        page.get_by_role("dialog").get_by_role("button", name=ok_label).click()
    assert ServiceCode.objects.filter(instance=instance).count() == 1
    codes = page.goto("/console/icp/codes/")
    assert codes.ok
    assert page.locator('tr[data-status="unused"]').count() == 1
