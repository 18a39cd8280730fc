"""Shared products, instances and the ``check`` shortcut for the eligibility tests (SPEC 3.3, 3.5).

No database: importing this module configures Django settings when no project is set up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import django
import pytest
from django.conf import settings

# Runs without a project too (``-p no:django --noconftest``); under pytest-django the project
# settings are used. The Chinese texts come from the project's catalogue either way.
if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(
        USE_I18N=True,
        LANGUAGE_CODE="en",
        LANGUAGES=[("en", "English"), ("zh-hans", "Simplified Chinese")],
        LOCALE_PATHS=[Path(__file__).resolve().parents[2] / "locale"],
    )
    django.setup()

from django.utils import translation  # noqa: E402

from instances.rules import PREPAID, add_months  # noqa: E402
from servicecodes.eligibility import (  # noqa: E402
    DURATION_RULE_CUMULATIVE,
    DURATION_RULE_REMAINING,
    Decision,
    InstanceFacts,
    ProductRules,
    decide,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 1, 31, 10, 0, tzinfo=SHANGHAI)
ONE_SECOND = dt.timedelta(seconds=1)

OWNER_UID = "1234567890123456"
OTHER_UID = "6543210987654321"

# SPEC 3.3 (the product table is data elsewhere; these are the rows the tests need).
ECS = ProductRules(product_id="ecs", min_months=3, min_order_rmb=None, quota=5)
IOT_PACKAGE = ProductRules(product_id="iot_package", min_months=6, min_order_rmb=Decimal("90"), quota=5)
MARKETPLACE_SITE = ProductRules(
    product_id="marketplace_site", min_months=12, min_order_rmb=Decimal("99"), quota=1
)
NAT_GATEWAY = ProductRules(product_id="nat_gateway", min_months=1, min_order_rmb=None, quota=2)
SLB = ProductRules(product_id="slb", min_months=None, min_order_rmb=None, quota=0)

BOTH_RULES = pytest.mark.parametrize("rule", [DURATION_RULE_REMAINING, DURATION_RULE_CUMULATIVE])


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def eligible_instance(**changes) -> InstanceFacts:
    """A running, public, mainland subscription with a year left: eligible for every product but slb."""
    base = InstanceFacts(
        instance_id="i-bp1abcdefghijklmnopq",
        owner_uid=OWNER_UID,
        region_id="cn-hangzhou",
        region_mainland=True,
        charge_type=PREPAID,
        status="Running",
        expired_time=add_months(NOW, 12),
        bandwidth_out=5,
        total_months=12,
        max_order_amount=Decimal("1200"),
    )
    return dataclasses.replace(base, **changes)


def check(
    instance: InstanceFacts | None = None,
    *,
    product: ProductRules = ECS,
    viewer_uid: str = OWNER_UID,
    codes_issued: int = 0,
    now: dt.datetime = NOW,
    rule: str = DURATION_RULE_REMAINING,
) -> Decision:
    return decide(
        instance=instance or eligible_instance(),
        product=product,
        viewer_uid=viewer_uid,
        codes_issued=codes_issued,
        now=now,
        rule=rule,
    )
