"""The provider profiles' part of the demo world (SPEC 3.14; ``seed_demo`` calls :func:`seed`).
Idempotent, through the services (``simulator.demo.steps``), like ``simulator.demo.filings``.

What it makes: ``borrower``'s first filing of ``borrower-example.cn``, a complete draft naming a
code of the ``account``'s server ``lent-site`` (a code obtained from another account). The demo
world file is Alibaba's and every profile's demo is recast from it
(``instances.providers.demo_for``), so this one order is each profile's: under ``huawei`` it waits
for the code owner's authorization by SMS (``filings.services.code_authorization``: the order page
sends the code to ``account``'s phone, ``borrower`` enters it, then submits); under ``alibaba``
and ``tencent`` it is a draft ready to submit.
"""

from __future__ import annotations

from django.db import transaction

from filings import services
from filings.models import FilingOrder, Stage
from icpconsole.accounts.models import User
from registrar.certificates import with_check_character
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.services import service_code_apply

from . import steps

BORROWER = "borrower"
BORROWER_ID_NUMBER = with_check_character("33010619940404123", kind="individual")
LENT_SITE = "lent-site"


def _lent_code(owner) -> ServiceCode:
    """An unused code of ``owner``'s server ``lent-site`` (bought for a year), the one lent."""
    instance = steps.instance(owner, LENT_SITE)
    code = ServiceCode.objects.filter(instance=instance, status=CodeStatus.UNUSED).first()
    return code or service_code_apply(actor=owner, instance_id=instance.instance_id, via="seed_demo")


def seed(account) -> dict[str, str]:
    """Create (or find) ``borrower``'s draft naming ``account``'s code; the values worth knowing,
    by name (nothing when there is no ``borrower`` account)."""
    borrower = User.objects.filter(username=BORROWER).first()
    if borrower is None:
        return {}
    with transaction.atomic():
        if steps.live_subject(borrower) is None:
            code = _lent_code(account)
            domain = f"{steps.slug(borrower)}-example.cn"
            name = borrower.display_name or borrower.username
            steps.register(borrower, domain, name, BORROWER_ID_NUMBER)
            steps.create(
                lambda: services.filing_create_first(
                    actor=borrower,
                    subject={
                        "kind": "individual",
                        "name": name,
                        "certificate_number": BORROWER_ID_NUMBER,
                        "province": "zhejiang",
                        "leader": {
                            **steps.OTHER_LEADER,
                            "name": name,
                            "certificate_number": BORROWER_ID_NUMBER,
                        },
                    },
                    website={
                        "domain": domain,
                        "name": f"{name}的个人博客",
                        "content_category": "blog",
                        "leader_is_subject_leader": True,
                        "service_code": code.code,
                    },
                ),
                account=borrower,
            )
    drafts = FilingOrder.objects.filter(account=borrower, status=Stage.DRAFT)
    draft = drafts.select_related("service_code").first()
    if draft is None:
        return {}
    return {
        "order naming another account's code (as borrower)": (
            f"#{draft.pk} ({draft.domain}), code {draft.service_code.code} of {account.username}'s "
            f"{LENT_SITE}; under huawei it waits for {account.username}'s authorization by SMS"
        )
    }
