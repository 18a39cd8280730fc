"""Regions and products as data (SPEC 3.2, 3.3). Loaded into the database by a data migration
and kept in sync by ``catalog_sync``; the tables here are the single source."""

from decimal import Decimal

# (id, English name, Chinese name, mainland)
REGIONS: list[tuple[str, str, str, bool]] = [
    ("cn-qingdao", "China (Qingdao)", "华北1（青岛）", True),
    ("cn-beijing", "China (Beijing)", "华北2（北京）", True),
    ("cn-zhangjiakou", "China (Zhangjiakou)", "华北3（张家口）", True),
    ("cn-huhehaote", "China (Hohhot)", "华北5（呼和浩特）", True),
    ("cn-wulanchabu", "China (Ulanqab)", "华北6（乌兰察布）", True),
    ("cn-hangzhou", "China (Hangzhou)", "华东1（杭州）", True),
    ("cn-shanghai", "China (Shanghai)", "华东2（上海）", True),
    ("cn-nanjing", "China (Nanjing - Local Region)", "华东5（南京-本地地域）", True),
    ("cn-fuzhou", "China (Fuzhou - Local Region)", "华东6（福州-本地地域）", True),
    ("cn-shenzhen", "China (Shenzhen)", "华南1（深圳）", True),
    ("cn-heyuan", "China (Heyuan)", "华南2（河源）", True),
    ("cn-guangzhou", "China (Guangzhou)", "华南3（广州）", True),
    ("cn-chengdu", "China (Chengdu)", "西南1（成都）", True),
    ("cn-wuhan-lr", "China (Wuhan - Local Region)", "华中1（武汉-本地地域）", True),
    ("cn-hongkong", "China (Hong Kong)", "中国香港", False),
    ("ap-southeast-1", "Singapore", "新加坡", False),
    ("ap-southeast-2", "Australia (Sydney)", "澳大利亚（悉尼）", False),
    ("ap-southeast-3", "Malaysia (Kuala Lumpur)", "马来西亚（吉隆坡）", False),
    ("ap-southeast-5", "Indonesia (Jakarta)", "印度尼西亚（雅加达）", False),
    ("ap-northeast-1", "Japan (Tokyo)", "日本（东京）", False),
    ("ap-northeast-2", "South Korea (Seoul)", "韩国（首尔）", False),
    ("ap-south-1", "India (Mumbai)", "印度（孟买）", False),
    ("us-west-1", "US (Silicon Valley)", "美国（硅谷）", False),
    ("us-east-1", "US (Virginia)", "美国（弗吉尼亚）", False),
    ("eu-central-1", "Germany (Frankfurt)", "德国（法兰克福）", False),
    ("eu-west-1", "UK (London)", "英国（伦敦）", False),
    ("me-east-1", "UAE (Dubai)", "阿联酋（迪拜）", False),
]

QUOTA_SCOPE_INSTANCE = "instance"
QUOTA_SCOPE_ACCOUNT = "account"

# (id, English name, Chinese name, min months or None, min single order RMB or None,
#  codes, quota scope, simulated monthly price RMB)
PRODUCTS: list[tuple[str, str, str, int | None, Decimal | None, int, str, Decimal]] = [
    ("ecs", "ECS instance", "云服务器ECS", 3, None, 5, QUOTA_SCOPE_INSTANCE, Decimal("99.00")),
    (
        "sas",
        "Simple Application Server",
        "轻量应用服务器",
        3,
        None,
        5,
        QUOTA_SCOPE_INSTANCE,
        Decimal("34.00"),
    ),
    ("web_hosting", "Cloud Web Hosting", "云虚拟主机", 3, None, 5, QUOTA_SCOPE_INSTANCE, Decimal("25.00")),
    (
        "elastic_web_hosting",
        "Elastic Web Hosting",
        "弹性Web托管",
        6,
        None,
        5,
        QUOTA_SCOPE_ACCOUNT,
        Decimal("45.00"),
    ),
    (
        "marketplace_site",
        "Website-building product (Marketplace)",
        "云市场建站产品",
        12,
        Decimal("99.00"),
        1,
        QUOTA_SCOPE_INSTANCE,
        Decimal("9.00"),
    ),
    ("nat_gateway", "NAT Gateway", "NAT网关", 1, None, 2, QUOTA_SCOPE_INSTANCE, Decimal("120.00")),
    (
        "ipv6_translation",
        "IPv6 Translation Service",
        "IPv6转换服务",
        1,
        None,
        2,
        QUOTA_SCOPE_INSTANCE,
        Decimal("60.00"),
    ),
    ("ens", "Edge Node Service (ENS)", "边缘节点服务ENS", 3, None, 5, QUOTA_SCOPE_INSTANCE, Decimal("80.00")),
    (
        "iot_package",
        "IoT package",
        "物联网套餐",
        6,
        Decimal("90.00"),
        5,
        QUOTA_SCOPE_INSTANCE,
        Decimal("15.00"),
    ),
    (
        "slb",
        "Server Load Balancer (SLB)",
        "负载均衡SLB",
        None,
        None,
        0,
        QUOTA_SCOPE_INSTANCE,
        Decimal("30.00"),
    ),
]


def product_min_months(product_id: str) -> int | None:
    """A product's minimum subscription for a service code, from the table (None: unsupported)."""
    return next(row[3] for row in PRODUCTS if row[0] == product_id)
