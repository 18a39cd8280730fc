"""The demo world per profile (SPEC 3.14): a reset to ``demo`` under ``ICP_PROVIDER`` gives that
provider's demo: its products and regions, the profile stored, the demo account certified."""

import pytest

from icpconsole.accounts.models import User
from icpconsole.core import provider
from instances.models import Instance
from servicecodes.selectors import with_eligibility
from simulator import world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["tencent", "huawei"])
def test_the_demo_under_a_profile_is_that_providers(settings, name):
    settings.ICP_PROVIDER = name
    world.reset(world="demo")
    assert provider.current() == name
    from instances.providers import profile

    offered = profile(name)
    instances = list(Instance.objects.select_related("product", "region", "owner"))
    assert instances
    assert {i.product_id for i in instances} <= set(offered.product_ids)
    assert {i.region_id for i in instances} <= set(offered.region_ids)
    demo = User.objects.get(username="demo")
    assert demo.certification == ("enterprise" if name == "tencent" else "personal")
    rows = with_eligibility(
        Instance.objects.filter(owner=demo).select_related("product", "region", "owner"),
        viewer=demo,
        now=instances[0].created_time,
    )
    assert any(row.eligibility.can_apply for row in rows)


def test_the_default_demo_is_alibabas():
    world.reset(world="demo")
    assert provider.current() == "alibaba"
    assert Instance.objects.filter(product_id="ecs", region_id="cn-hangzhou").exists()


def _seed_borrower():
    """``simulator.demo.providers.seed`` as ``seed_demo`` calls it (under the default profile, as
    the demo world file is built)."""
    from simulator.demo import providers as providers_demo
    from tests.factories import UserFactory

    demo, borrower = UserFactory(username="demo"), UserFactory(username="borrower", display_name="Chen Jing")
    first = providers_demo.seed(demo)
    assert providers_demo.seed(demo) == first  # seeding again adds nothing
    return demo, borrower, first


def test_the_demo_has_a_draft_naming_another_accounts_code_ready_under_alibaba(api_client_for):
    from filings.models import FilingOrder

    demo, borrower, values = _seed_borrower()
    order = FilingOrder.objects.get(account=borrower)
    assert (order.status, order.domain) == ("draft", "borrower-example.cn")
    assert order.service_code.instance.owner == demo and order.service_code.instance.name == "lent-site"
    assert f"#{order.pk} (borrower-example.cn)" in values["order naming another account's code (as borrower)"]

    api = api_client_for(borrower)
    assert api.get(f"/api/v1/filings/{order.pk}/").json()["code_authorization"] == "not_needed"
    assert api.post(f"/api/v1/filings/{order.pk}/submit/").status_code == 200


def test_under_huawei_the_demo_draft_waits_for_the_owners_authorization(use_provider, api_client_for):
    from filings.models import FilingOrder, MessageKind, PhoneMessage

    demo, borrower, _values = _seed_borrower()
    use_provider("huawei")
    order = FilingOrder.objects.get(account=borrower)
    api = api_client_for(borrower)
    assert api.get(f"/api/v1/filings/{order.pk}/").json()["code_authorization"] == "pending"
    assert api.post(f"/api/v1/filings/{order.pk}/submit/").json()["code"] == "CODE_AUTHORIZATION_REQUIRED"

    assert api.post(f"/api/v1/filings/{order.pk}/code-authorization/").status_code == 200
    message = PhoneMessage.objects.get(kind=MessageKind.CODE_AUTHORIZATION)
    assert message.account == demo
    confirmed = api.post(
        f"/api/v1/filings/{order.pk}/confirm-code-authorization/", {"code": message.secret}, format="json"
    )
    assert confirmed.json()["code_authorization"] == "confirmed"
    assert api.post(f"/api/v1/filings/{order.pk}/submit/").json()["status"] == "submitted"


def test_the_huawei_demo_world_has_the_order_waiting_for_the_owners_authorization(settings, api_client_for):
    """The world file (Alibaba's, recast): a reset to ``demo`` under ``huawei`` gives borrower's
    order waiting for demo's authorization; under the default it is a plain draft."""
    from filings.models import FilingOrder

    settings.ICP_PROVIDER = "huawei"
    world.reset(world="demo")
    order = FilingOrder.objects.get(account__username="borrower")
    assert order.status == "draft" and order.service_code.instance.owner.username == "demo"
    assert (
        order.service_code.instance.product_id == "ecs"
        and order.service_code.instance.region_id == "cn-east-3"
    )
    api = api_client_for(order.account)
    assert api.get(f"/api/v1/filings/{order.pk}/").json()["code_authorization"] == "pending"
