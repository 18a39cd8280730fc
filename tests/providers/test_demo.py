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
