"""Provider profiles as data (SPEC 3.14): which regions and products each provider sells, their
service-code terms, their names in both languages, and the rules that differ between Alibaba Cloud,
Tencent Cloud and Huawei Cloud. Sources: ``docs/providers.md``.

Pure: no ORM. The catalogue's rows (``catalog.py`` and the rows a profile adds, loaded by
migration ``0003_provider_catalog``) are the union of every profile's; a profile names which of them
it offers and with which terms (Huawei's ``ecs`` and ``ap-southeast-1`` share Alibaba's ids). The
eligibility module takes a profile's :class:`CodeRules` as facts; which profile is in force is
``icpconsole.core.provider.current()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from icpconsole.core.provider import ALIBABA, HUAWEI, TENCENT, current

from . import catalog
from .rules import POSTPAID, is_expired


@dataclass(frozen=True)
class RegionTerms:
    id: str
    name: str
    name_zh: str
    mainland: bool


@dataclass(frozen=True)
class ProductTerms:
    id: str
    name: str
    name_zh: str
    min_months: int | None  # None: no codes for this product
    min_order_rmb: Decimal | None
    quota: int
    quota_scope: str
    monthly_price_rmb: Decimal

    @property
    def supported(self) -> bool:
        return self.quota > 0


@dataclass(frozen=True)
class CodeRules:
    """What the eligibility module and the code lifecycle take from a profile (facts, not code)."""

    enterprise_only: bool = False  # Tencent: codes for enterprise-certified accounts only
    duration_rule: str | None = None  # None: the ICP_DURATION_RULE setting (Alibaba)
    min_months_left: int | None = None  # Tencent: and still at least this much left
    # A code stops working when its server has fewer than this many days left (Tencent 30), or
    # once the server expired (0, Huawei); None: never computed (Alibaba).
    invalid_days_left: int | None = None
    sms_resends: int | None = None  # Huawei: an SMS code is resent at most this often
    websites_per_server: int | None = None  # Tencent CVM: 5 on its IP + 5 through codes
    # Huawei: naming another account's code needs the owner's authorization confirmed by SMS.
    owner_sms_authorization: bool = False
    # Tencent: an approved (used) code may still be named by change orders of its own website.
    used_code_serves_changes: bool = False


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    name_zh: str
    regions: tuple[RegionTerms, ...]
    products: tuple[ProductTerms, ...]
    rules: CodeRules
    # The demo world under this profile (SPEC 3.14): Alibaba's demo with its products and regions
    # mapped to this provider's, and these demo accounts enterprise-certified.
    demo_products: tuple[tuple[str, str], ...] = ()
    demo_regions: tuple[tuple[str, str], ...] = ()
    demo_enterprise_accounts: tuple[str, ...] = ()

    @property
    def region_ids(self) -> tuple[str, ...]:
        return tuple(region.id for region in self.regions)

    @property
    def product_ids(self) -> tuple[str, ...]:
        return tuple(product.id for product in self.products)

    def product(self, product_id: str) -> ProductTerms | None:
        return next((p for p in self.products if p.id == product_id), None)

    def region(self, region_id: str) -> RegionTerms | None:
        return next((r for r in self.regions if r.id == region_id), None)


_I = catalog.QUOTA_SCOPE_INSTANCE


def _product(pid, name, name_zh, months, quota, price) -> ProductTerms:
    return ProductTerms(pid, name, name_zh, months, None, quota, _I, Decimal(price))


ALIBABA_PROFILE = Profile(
    id=ALIBABA,
    name="Alibaba Cloud",
    name_zh="阿里云",
    regions=tuple(RegionTerms(*row) for row in catalog.REGIONS),
    products=tuple(ProductTerms(*row) for row in catalog.PRODUCTS),
    rules=CodeRules(),
)

TENCENT_PROFILE = Profile(
    id=TENCENT,
    name="Tencent Cloud",
    name_zh="腾讯云",
    regions=(
        RegionTerms("ap-guangzhou", "South China (Guangzhou)", "华南地区（广州）", True),
        RegionTerms("ap-shanghai", "East China (Shanghai)", "华东地区（上海）", True),
        RegionTerms("ap-nanjing", "East China (Nanjing)", "华东地区（南京）", True),
        RegionTerms("ap-beijing", "North China (Beijing)", "华北地区（北京）", True),
        RegionTerms("ap-chengdu", "Southwest China (Chengdu)", "西南地区（成都）", True),
        RegionTerms("ap-chongqing", "Southwest China (Chongqing)", "西南地区（重庆）", True),
        RegionTerms("ap-hongkong", "Hong Kong (China)", "港澳台地区（中国香港）", False),
        RegionTerms("ap-singapore", "Southeast Asia (Singapore)", "亚太东南（新加坡）", False),
    ),
    products=(
        _product("cvm", "Cloud Virtual Machine (CVM)", "云服务器CVM", 3, 5, "95.00"),
        _product("lighthouse", "TencentCloud Lighthouse", "轻量应用服务器", 3, 2, "50.00"),
        _product("clb", "Cloud Load Balancer (CLB)", "负载均衡CLB", None, 0, "40.00"),
    ),
    demo_products=(("sas", "lighthouse"), ("slb", "clb"), ("*", "cvm")),
    demo_regions=(
        ("cn-beijing", "ap-beijing"),
        ("cn-qingdao", "ap-beijing"),
        ("cn-shanghai", "ap-shanghai"),
        ("cn-chengdu", "ap-chengdu"),
        ("cn-hongkong", "ap-hongkong"),
        ("ap-southeast-1", "ap-singapore"),
        ("*", "ap-guangzhou"),
    ),
    demo_enterprise_accounts=("demo",),
    rules=CodeRules(
        enterprise_only=True,
        duration_rule="cumulative",
        min_months_left=1,
        invalid_days_left=30,
        websites_per_server=10,
        used_code_serves_changes=True,
    ),
)

HUAWEI_PROFILE = Profile(
    id=HUAWEI,
    name="Huawei Cloud",
    name_zh="华为云",
    regions=(
        RegionTerms("cn-north-4", "CN North-Beijing4", "华北-北京四", True),
        RegionTerms("cn-east-3", "CN East-Shanghai1", "华东-上海一", True),
        RegionTerms("cn-south-1", "CN South-Guangzhou", "华南-广州", True),
        RegionTerms("ap-southeast-1", "CN-Hong Kong", "中国-香港", False),
    ),
    products=(
        _product("ecs", "Elastic Cloud Server (ECS)", "弹性云服务器ECS", 3, 5, "99.00"),
        _product("flexus_l", "Flexus L Instance", "Flexus应用服务器L实例", 3, 5, "45.00"),
    ),
    demo_products=(("sas", "flexus_l"), ("*", "ecs")),
    demo_regions=(
        ("cn-beijing", "cn-north-4"),
        ("cn-qingdao", "cn-north-4"),
        ("cn-shenzhen", "cn-south-1"),
        ("cn-guangzhou", "cn-south-1"),
        ("cn-hongkong", "ap-southeast-1"),
        ("ap-southeast-1", "ap-southeast-1"),
        ("*", "cn-east-3"),
    ),
    rules=CodeRules(
        duration_rule="cumulative", invalid_days_left=0, sms_resends=2, owner_sms_authorization=True
    ),
)

PROFILES: dict[str, Profile] = {p.id: p for p in (ALIBABA_PROFILE, TENCENT_PROFILE, HUAWEI_PROFILE)}


def profile(provider: str | None = None) -> Profile:
    """The profile named, or the one in force."""
    return PROFILES[provider or current()]


def extra_regions() -> list[RegionTerms]:
    """The catalogue rows the other profiles add to Alibaba's (a shared id keeps Alibaba's row)."""
    known = set(ALIBABA_PROFILE.region_ids)
    rows = [r for p in (TENCENT_PROFILE, HUAWEI_PROFILE) for r in p.regions if r.id not in known]
    return list({r.id: r for r in rows}.values())


def extra_products() -> list[ProductTerms]:
    known = set(ALIBABA_PROFILE.product_ids)
    rows = [p for prof in (TENCENT_PROFILE, HUAWEI_PROFILE) for p in prof.products if p.id not in known]
    return list({p.id: p for p in rows}.values())


def _mapped(pairs: tuple[tuple[str, str], ...], value: str) -> str:
    table = dict(pairs)
    return table.get(value, table.get("*", value))


def demo_for(profile: Profile, document: dict) -> dict:
    """Alibaba's demo world recast for ``profile`` (SPEC 3.14): its instances on the profile's
    products and regions, the profile stored in its settings, its demo accounts certified. A
    product the profile does not sell takes its main product; Alibaba's demo is returned as is."""
    if profile.id == ALIBABA:
        return document
    recast = dict(document)
    recast["settings"] = {**document.get("settings", {}), "provider": profile.id}
    recast["instances"] = [
        {
            **row,
            "product": _mapped(profile.demo_products, row["product"]),
            "region": _mapped(profile.demo_regions, row["region"]),
        }
        for row in document.get("instances", [])
    ]
    certified = set(profile.demo_enterprise_accounts)
    recast["accounts"] = [
        {**row, "certification": "enterprise"} if row.get("username") in certified else row
        for row in document.get("accounts", [])
    ]
    return recast


def code_invalid(
    rules: CodeRules, *, charge_type: str, expired_time: dt.datetime | None, now: dt.datetime
) -> bool:
    """Does a code of this server no longer work (status ``invalid``, computed on read)?

    Tencent: the server has fewer than 30 days left (valid again once renewed); Huawei: the
    server expired (the code dies with its resource). Alibaba: never."""
    days = rules.invalid_days_left
    if days is None or charge_type == POSTPAID or expired_time is None:
        return False
    if days == 0:
        return is_expired(charge_type, expired_time, now)
    return expired_time - now < dt.timedelta(days=days)


def owner_authorization_needed(rules: CodeRules, *, applicant_id: int, code_owner_id: int | None) -> bool:
    """Huawei (SPEC 3.14): an order naming a code bought by another account waits for the code
    owner's authorization, confirmed by SMS. Alibaba and Tencent: never."""
    return rules.owner_sms_authorization and code_owner_id is not None and code_owner_id != applicant_id
