"""The cross-province individual of the demo world (SPEC 3.13): ``wanderer`` (赵敏), whose resident
ID number was issued in Beijing, files ``wanderer-example.cn`` in Zhejiang. The draft has the ID
card and the authenticity verification, not the residence permit: its order page names
``RESIDENCE_PERMIT_REQUIRED`` with the remedy, and it submits once the permit is uploaded."""

from __future__ import annotations

from filings import services
from filings.models import FilingOrder, Stage
from icpconsole.accounts.models import User
from icpconsole.core import clock
from registrar.certificates import with_check_character

from . import steps

USERNAME = "wanderer"
NAME = "赵敏"
BEIJING_ID = with_check_character("11010519880808123", kind="individual")
ADDRESS = "浙江省杭州市西湖区文三路90号"
LEADER = {
    "name": NAME,
    "certificate_number": BEIJING_ID,
    "mobile": "13600136000",
    "email": "zhaomin@example.cn",
}


def seed_cross_province() -> dict[str, str]:
    """The draft, made once (through the services); the value worth knowing, by name."""
    from filings.precheck import Doc, required_documents
    from filings.selectors import filing_facts

    account = User.objects.filter(username=USERNAME).first()
    if account is None:
        return {}
    domain = f"{USERNAME}-example.cn"
    if steps.live_subject(account) is None:
        steps.register(account, domain, NAME, BEIJING_ID)
        order = services.filing_create_first(
            actor=account,
            subject={
                "kind": "individual",
                "name": NAME,
                "certificate_number": BEIJING_ID,
                "province": "zhejiang",
                "address": ADDRESS,
                "leader": LEADER,
            },
            website={
                "domain": domain,
                "name": f"{NAME}的个人博客",
                "content_category": "blog",
                "leader_is_subject_leader": True,
                "instance_id": steps.instance(account, f"{USERNAME}-site").instance_id,
            },
        )
        facts = filing_facts(order, now=clock.now())
        for kind in required_documents(facts, new_subject=True):
            if kind != Doc.RESIDENCE_PERMIT:
                services.filing_document_upload(
                    actor=account, order_id=order.pk, kind=kind, file=steps.image()
                )
        services.filing_verification_attempt(actor=account, order_id=order.pk, outcome="pass")
    draft = FilingOrder.objects.filter(account=account, status=Stage.DRAFT).first()
    if draft is None:
        return {}
    return {
        "individual from another province (as wanderer)": f"#{draft.pk} ({draft.domain}): a Beijing "
        "ID number filing in Zhejiang, waiting for the residence permit"
    }
