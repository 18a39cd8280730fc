"""The filings part of the demo world (``seed_demo`` calls :func:`seed`). Idempotent: what exists
is kept, what is missing is made, all through the services (staff approving), so the demo has the
same history and audit trail as real use. The steps its parts share (certificate numbers, leaders,
register, buy, create with documents, drive forward) are in ``simulator/demo/steps.py``.

What it makes, with the values it returns:

* ``account``'s subject ("<display name>", Zhejiang), filed with two websites
  ``<username>-example.cn`` (instance ``filing-site``) and ``<username>-shop.cn`` (instance
  ``shop-site``); its filing password is in the account's phone inbox;
* SPEC 3.10: ``<username>-example.cn``'s public security filing is due in 3 days, not recorded
  (the reminder is in the inbox); ``shop-site`` expired 20 days ago, so ``<username>-shop.cn`` is
  at risk (the notice is in the inbox; renew the instance or rebind the website before its access
  is cancelled);
* an app of that subject, 示例商城 (Android and iOS, ``cn.example.demo.shop``), filed on
  ``filing-site`` as ``<subject>-3A`` (SPEC 3.11);
* an ``add_website`` order of that subject for ``<username>-blog.cn``, waiting for initial
  review (``submitted``): approve it in the admin or with ``POST /api/v1/filings/{id}/review/``;
* ``other``'s first filing of ``<other>-example.cn`` (a Zhejiang individual filing in Beijing),
  waiting for the SMS code (``pending_sms``); the code is in ``other``'s inbox;
* SPEC 3.12's loop (``simulator/demo/loop.py``): ``returned``'s first filing of
  ``returned-example.cn``, returned by the initial review with its reasons (correct it, then
  resubmit), and ``idle``'s draft of ``idle-example.cn``, untouched for 41 days (the 40-day
  reminder is in the inbox; it expires at 45 days);
* SPEC 3.13: ``wanderer``'s first filing in Zhejiang with a Beijing ID number, a draft waiting
  for the residence permit (``simulator/demo/provinces.py``);
* registry records (``simulator/demo/registry.py``): ``transfer-demo.cn`` filed with Tencent
  Cloud, to transfer in with ICP number ``粤ICP备10203040号`` and filing password
  ``Transfer-2026``; a HiChina legacy record of ``hichina-demo.com.cn`` (2008), to claim with
  certificate number ``110101196001011234``; and a subject filed with Huawei Cloud
  (``粤ICP备2019000777号``), to add a website to by its certificate number;
* at the simulated registrar (SPEC 3.9): the filed domains and ``<username>-new.cn``, registered
  and verified for ``account``'s subject (ready to file), and one domain failing each domain
  check, to try each refusal and its remedy: ``<username>-demo.io`` (suffix not approved),
  ``<username>-unverified.cn`` (real-name verification failed: change its holder),
  ``<username>-elsewhere.cn`` (held by someone else, at another registrar), and
  ``<username>-expired.cn`` (expired: renew it).

Every filing here passes the pre-check: valid certificate numbers (their check characters
computed), leaders, website names and categories, and the documents (a generated image). The
provider profiles' part of the demo (``borrower``) is ``simulator/demo/providers.py``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from filings import services
from filings.models import (
    OPEN_STAGES,
    FilingOrder,
    MessageKind,
    RegistryRecord,
    ServiceType,
    Stage,
    Subject,
    SubjectStatus,
    Website,
)
from filings.services.aftercare import public_security_sweep
from filings.services.passwords import filing_password_matches, hash_filing_password
from icpconsole.core import clock
from instances.models import Instance
from registrar.models import Domain
from registrar.services import domain_add_external

from . import loop, registry, steps
from .loop import IDLE_DAYS, LOOP_ACCOUNTS, RETURN_NOTE, RETURN_REASON_CODE
from .registry import (
    CLAIM_CERTIFICATE,
    CLAIM_DOMAIN,
    CLAIM_ICP_NUMBER,
    TRANSFER_DOMAIN,
    TRANSFER_ICP_NUMBER,
    TRANSFER_PASSWORD,
)

# The registry's and the loop's values, kept here for the callers that know the demo as ``filings``.
__all__ = [
    "CLAIM_CERTIFICATE",
    "CLAIM_DOMAIN",
    "CLAIM_ICP_NUMBER",
    "IDLE_DAYS",
    "LOOP_ACCOUNTS",
    "RETURN_NOTE",
    "RETURN_REASON_CODE",
    "TRANSFER_DOMAIN",
    "TRANSFER_ICP_NUMBER",
    "TRANSFER_PASSWORD",
    "seed",
]


def _failing_domains(account, *, staff, holder: str, slug: str) -> dict[str, str]:
    """One domain failing each domain check (SPEC 3.9), to try each refusal and its remedy."""
    now = clock.now()
    failing = {
        "DOMAIN_TLD_NOT_APPROVED": f"{slug}-demo.io",
        "DOMAIN_NOT_VERIFIED": f"{slug}-unverified.cn",
        "DOMAIN_HOLDER_MISMATCH": f"{slug}-elsewhere.cn",
        "DOMAIN_EXPIRED": f"{slug}-expired.cn",
    }
    steps.register(account, failing["DOMAIN_TLD_NOT_APPROVED"], holder, steps.DEMO_CREDIT_CODE)
    # A certificate number one character off: real-name verification fails at once.
    broken = steps.DEMO_CREDIT_CODE[:-1] + ("0" if steps.DEMO_CREDIT_CODE[-1] != "0" else "1")
    steps.register(account, failing["DOMAIN_NOT_VERIFIED"], holder, broken)
    for code, registrar, holder_name, expires in (
        ("DOMAIN_HOLDER_MISMATCH", "GoDaddy", "Someone Else Trading Ltd.", now + dt.timedelta(days=365)),
        ("DOMAIN_EXPIRED", "Xin Net", holder, now - dt.timedelta(days=30)),
    ):
        if not Domain.objects.filter(domain=failing[code]).exists():
            domain_add_external(
                actor=staff,
                domain=failing[code],
                registrar=registrar,
                holder_name=holder_name,
                holder_certificate_number=steps.DEMO_CREDIT_CODE,
                expired_time=expires,
                account=account if code == "DOMAIN_EXPIRED" else None,
            )
    return failing


def seed(account, *, staff, other=None) -> dict[str, str]:
    """Create (or complete) the filings demo; returns the values worth knowing, by name."""
    slug = steps.slug(account)
    result: dict[str, str] = {}
    with transaction.atomic():
        site = steps.instance(account, "filing-site")
        subject = steps.live_subject(account)
        holder = subject.name if subject else (account.display_name or account.username)
        for domain in (f"{slug}-example.cn", f"{slug}-shop.cn", f"{slug}-blog.cn", f"{slug}-new.cn"):
            steps.register(account, domain, holder, steps.DEMO_CREDIT_CODE)
        shop_site = steps.instance(account, "shop-site")
        subject = _seed_subject(
            account, subject, staff=staff, site=site, shop_site=shop_site, slug=slug, holder=holder
        )
        result.update(_subject_values(account, subject))
        result.update(_seed_timeline(subject, slug=slug, shop_site=shop_site, staff=staff))
        if other is not None:
            result.update(_seed_other(other, staff=staff))
        result.update(registry.seed_registry(staff))
        result.update(loop.seed_loop(staff=staff))
        from .provinces import seed_cross_province

        result.update(seed_cross_province())
        result["ready to file"] = f"{slug}-new.cn (registered and verified for {holder})"
        failing = _failing_domains(account, staff=staff, holder=holder, slug=slug)
        result["domains failing a check"] = ", ".join(
            f"{domain} ({code})" for code, domain in failing.items()
        )
    return result


def _seed_subject(account, subject, *, staff, site, shop_site, slug: str, holder: str):
    """The demo subject filed with two websites and a third in initial review."""
    if subject is None:
        order = steps.create(
            lambda: services.filing_create_first(
                actor=account,
                subject={
                    "kind": "enterprise",
                    "name": holder,
                    "certificate_number": steps.DEMO_CREDIT_CODE,
                    "province": "zhejiang",
                    "leader": steps.LEADER,
                },
                website={
                    "domain": f"{slug}-example.cn",
                    "name": "示例公司官网",
                    "content_category": "company",
                    "leader_is_subject_leader": True,
                    "instance_id": site.instance_id,
                },
            ),
            account=account,
        )
        subject = steps.drive(order, staff=staff, until=Stage.APPROVED).subject
    if subject.status == SubjectStatus.ACTIVE:
        for prefix, until in (("shop", Stage.APPROVED), ("app", Stage.APPROVED), ("blog", Stage.SUBMITTED)):
            if prefix == "app":
                _seed_app(account, subject, staff=staff, site=site)
                continue
            domain = f"{slug}-{prefix}.cn"
            busy = FilingOrder.objects.filter(subject=subject, status__in=OPEN_STAGES).exists()
            if steps.domain_taken(domain) or busy:
                continue
            order = steps.create(
                lambda domain=domain, prefix=prefix: services.filing_create_add_website(
                    actor=account,
                    website={
                        "domain": domain,
                        "name": "示例网上商城" if prefix == "shop" else "示例公司博客",
                        "content_category": "forum" if prefix == "blog" else "company",
                        "leader_is_subject_leader": True,
                        "instance_id": (shop_site if prefix == "shop" else site).instance_id,
                    },
                ),
                account=account,
            )
            steps.drive(order, staff=staff, until=until)
    subject.refresh_from_db()
    return subject


def _seed_timeline(subject, *, slug: str, shop_site: Instance, staff) -> dict[str, str]:
    """SPEC 3.10 in the demo: a public security filing due in 3 days, and a website at risk
    because its instance expired 20 days ago. Time is put back on the rows (the way a world file
    would hold them), then the sweeps send their notices, as a clock move would."""
    from simulator.timeline import access_health

    now = clock.now()
    due_soon = Website.objects.filter(subject=subject, domain=f"{slug}-example.cn", public_security_number="")
    due_soon.filter(public_security_notice="").update(public_security_due_time=now + dt.timedelta(days=3))
    at_risk = Website.objects.filter(subject=subject, domain=f"{slug}-shop.cn", instance=shop_site).first()
    shop_site.refresh_from_db()
    if at_risk is not None and shop_site.expired_time > now:
        Instance.objects.filter(pk=shop_site.pk).update(
            created_time=now - dt.timedelta(days=400), expired_time=now - dt.timedelta(days=20)
        )
    public_security_sweep(now=now, actor=staff)
    access_health(now=now, actor=staff)
    result = {}
    website = due_soon.first()
    if website is not None:
        result["public security filing due"] = (
            f"{website.domain} by {timezone.localtime(website.public_security_due_time):%Y-%m-%d} "
            "(record it on the Subject page)"
        )
    if at_risk is not None:
        at_risk.refresh_from_db()
        if at_risk.access_cancel_time:
            result["access at risk"] = (
                f"{at_risk.domain}: instance {shop_site.instance_id} expired; access cancelled on "
                f"{timezone.localtime(at_risk.access_cancel_time):%Y-%m-%d} unless renewed or rebound"
            )
    return result


DEMO_APP = {
    "name": "示例商城",
    "platforms": ["android", "ios"],
    "package_name": "cn.example.demo.shop",
    "bundle_id": "cn.example.demo.shop",
    "signature_md5": "5d41402abc4b2a76b9719d911017c592",
    "signature_sha1": "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
    "content_category": "lifestyle",  # an app's category (issue 28), not a website's
    "leader_is_subject_leader": True,
}


def _seed_app(account, subject, *, staff, site) -> None:
    """An app filed on the subject's number (SPEC 3.11): ``<subject>-NA``, its code used."""
    exists = Website.objects.filter(subject=subject, service_type=ServiceType.APP, name=DEMO_APP["name"])
    if exists.exists() or FilingOrder.objects.filter(subject=subject, status__in=OPEN_STAGES).exists():
        return
    order = steps.create(
        lambda: services.filing_create_add_app(
            actor=account, app={**DEMO_APP, "instance_id": site.instance_id}
        ),
        account=account,
    )
    steps.drive(order, staff=staff, until=Stage.APPROVED)


def _subject_values(account, subject) -> dict[str, str]:
    services_filed = subject.websites.order_by("seq")
    result = {
        "filed subject": f"{subject.name} {subject.icp_number} ({subject.status})",
        "filed websites": ", ".join(f"{w.domain} {w.icp_number}" for w in services_filed if not w.is_app),
        "filed apps": ", ".join(f"{w.name} {w.icp_number}" for w in services_filed if w.is_app),
    }
    password = steps.secret(account, MessageKind.FILING_PASSWORD)
    if password and not filing_password_matches(password, subject.password_hash):
        # The demo world file was written under another SECRET_KEY, which keys the hash: the
        # password on the phone is the demo's, so its hash is made again here.
        Subject.objects.filter(pk=subject.pk).update(password_hash=hash_filing_password(password))
        RegistryRecord.objects.filter(subject_icp_number=subject.icp_number, subject=subject).update(
            password_hash=hash_filing_password(password)
        )
    result["filing password"] = password
    waiting = FilingOrder.objects.filter(subject=subject, status=Stage.SUBMITTED).first()
    if waiting:
        result["order waiting for initial review"] = f"#{waiting.pk} ({waiting.domain})"
    return result


def _seed_other(other, *, staff) -> dict[str, str]:
    """Another account's first filing, waiting for its SMS code. Its subject is a cross-province
    individual (SPEC 3.13): a Zhejiang ID number (``3301...``) filing in Beijing, so the order
    carries the residence permit (``_create`` uploads every document the pre-check requires)."""
    domain = f"{steps.slug(other)}-example.cn"
    if steps.live_subject(other) is None and not steps.domain_taken(domain):
        other_name = other.display_name or other.username
        steps.register(other, domain, other_name, steps.OTHER_ID_NUMBER)
        order = steps.create(
            lambda: services.filing_create_first(
                actor=other,
                subject={
                    "kind": "individual",
                    "name": other_name,
                    "certificate_number": steps.OTHER_ID_NUMBER,
                    "province": "beijing",
                    "leader": {**steps.OTHER_LEADER, "name": other_name},
                },
                website={
                    "domain": domain,
                    "name": "李雷的个人博客",
                    "content_category": "blog",
                    "leader_is_subject_leader": True,
                    "instance_id": steps.instance(other, "other-filing-site").instance_id,
                },
            ),
            account=other,
        )
        steps.drive(order, staff=staff, until=Stage.PENDING_SMS)
    sms = FilingOrder.objects.filter(account=other, status=Stage.PENDING_SMS).first()
    if sms is None:
        return {}
    code = steps.secret(other, MessageKind.SMS_CODE)
    return {"order waiting for SMS": f"#{sms.pk} of {other.username}, code {code}"}
