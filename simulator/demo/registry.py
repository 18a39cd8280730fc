"""The registry records of the demo world, filed before this console (``filings.seed`` calls
:func:`seed_registry`): ``transfer-demo.cn``, filed with Tencent Cloud, to transfer in with its ICP
number and filing password (as ``newcomer``); ``hichina-demo.com.cn``, a HiChina legacy record
(2008) held by ``legacy``, to claim with its certificate number; and a subject filed with Huawei
Cloud (``elsewhere-demo.cn``, ``elsewhere-demo-shop.cn``), for the detect path (SPEC 3.13)."""

from __future__ import annotations

import datetime as dt

from filings import services
from filings.models import RegistryOrigin, RegistryRecord
from icpconsole.accounts.models import User
from registrar.certificates import with_check_character

from . import steps

TRANSFER_DOMAIN = "transfer-demo.cn"
TRANSFER_ICP_NUMBER = "粤ICP备10203040号"
TRANSFER_PASSWORD = "Transfer-2026"  # noqa: S105 - a documented demo value
CLAIM_DOMAIN = "hichina-demo.com.cn"
CLAIM_ICP_NUMBER = "京ICP备05012345号-1"
CLAIM_CERTIFICATE = "110101196001011234"


def seed_registry(staff) -> dict[str, str]:
    """A filing made with another provider (to transfer in) and a HiChina one (to claim)."""
    if not RegistryRecord.objects.filter(domain=TRANSFER_DOMAIN).exists():
        services.registry_record_add(
            actor=staff,
            origin=RegistryOrigin.OTHER_PROVIDER,
            domain=TRANSFER_DOMAIN,
            icp_number=f"{TRANSFER_ICP_NUMBER}-1",
            subject_name="Shenzhen Transfer Demo Co., Ltd.",
            subject_kind="enterprise",
            certificate_number="91440300MA5DEMO02Y",
            province="guangdong",
            access_provider="Tencent Cloud",
            password=TRANSFER_PASSWORD,
        )
    if not RegistryRecord.objects.filter(domain=CLAIM_DOMAIN).exists():
        services.registry_record_add(
            actor=staff,
            origin=RegistryOrigin.HICHINA_LEGACY,
            domain=CLAIM_DOMAIN,
            icp_number=CLAIM_ICP_NUMBER,
            subject_name="Li Lei",
            subject_kind="individual",
            certificate_number=CLAIM_CERTIFICATE,
            province="beijing",
            filed_time=dt.datetime(2008, 3, 15, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        )
    # A claim proves control of the domain (issue 27): legacy holds it, as the filing's subject.
    legacy = User.objects.filter(username="legacy").first()
    if legacy is not None:
        steps.register(legacy, CLAIM_DOMAIN, "Li Lei", CLAIM_CERTIFICATE)
    # SPEC 3.13: a subject filed with another provider, for the detect path: its certificate
    # number and a new domain give ``add_website``; the new website gets -3.
    elsewhere_code = with_check_character("91440101MA9DEM701")
    for seq, domain in ((1, "elsewhere-demo.cn"), (2, "elsewhere-demo-shop.cn")):
        if not RegistryRecord.objects.filter(domain=domain).exists():
            services.registry_record_add(
                actor=staff,
                origin=RegistryOrigin.OTHER_PROVIDER,
                domain=domain,
                icp_number=f"粤ICP备2019000777号-{seq}",
                subject_name="Guangzhou Elsewhere Demo Co., Ltd.",
                subject_kind="enterprise",
                certificate_number=elsewhere_code,
                province="guangdong",
                access_provider="Huawei Cloud",
                password=TRANSFER_PASSWORD,
            )
    return {
        "add a website to a subject filed elsewhere (as newcomer)": f"certificate {elsewhere_code}, "
        "subject 粤ICP备2019000777号 (Huawei Cloud)",
        "transfer-in (as newcomer)": f"{TRANSFER_DOMAIN} {TRANSFER_ICP_NUMBER} password {TRANSFER_PASSWORD}",
        "HiChina claim (as legacy)": f"{CLAIM_DOMAIN} {CLAIM_ICP_NUMBER} certificate {CLAIM_CERTIFICATE}",
    }
