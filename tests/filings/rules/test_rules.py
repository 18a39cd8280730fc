"""``filings/rules.py`` decides from plain facts: no database in these tests."""

import datetime as dt

import pytest

from filings import refusals, rules
from filings.models import (
    ALIBABA_CLOUD,
    HICHINA,
    OrderType,
    RegistryOrigin,
    Stage,
    SubjectStatus,
    WebsiteStatus,
)
from filings.rules import DomainFacts, OrderFacts, Standing, Viewer

NOW = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)


def facts(**kwargs) -> DomainFacts:
    return DomainFacts(domain="example.cn", **kwargs)


OTHER = dict(record_id=7, record_origin=RegistryOrigin.OTHER_PROVIDER, record_access_provider="West Cloud")


@pytest.mark.parametrize(
    ("domain", "standing"),
    [
        (facts(), Standing.NOT_FILED),
        (facts(website_id=1, website_status=WebsiteStatus.ACTIVE, website_account_id=3), Standing.FILED_HERE),
        (
            facts(record_id=7, record_origin=RegistryOrigin.ISSUED, record_access_provider=ALIBABA_CLOUD),
            Standing.FILED_HERE,
        ),
        (facts(**OTHER), Standing.OTHER_PROVIDER),
        (
            facts(record_id=7, record_origin=RegistryOrigin.HICHINA_LEGACY, record_access_provider=HICHINA),
            Standing.HICHINA_LEGACY,
        ),
        # A claimed HiChina filing is served here.
        (
            facts(
                record_id=7, record_origin=RegistryOrigin.HICHINA_LEGACY, record_access_provider=ALIBABA_CLOUD
            ),
            Standing.FILED_HERE,
        ),
        (
            facts(record_id=7, record_origin=RegistryOrigin.ISSUED, record_access_provider=""),
            Standing.ACCESS_REMOVED,
        ),
        (facts(website_id=1, website_status=WebsiteStatus.ACCESS_CANCELLED), Standing.ACCESS_REMOVED),
        # An open order is not a filing: where the domain stands is told apart from orders.
        (facts(open_order_id=4, open_order_account_id=3), Standing.NOT_FILED),
    ],
)
def test_where_a_domain_stands(domain, standing):
    assert rules.domain_standing(domain) == standing
    assert domain.standing == standing


class TestNewDomain:
    def test_a_free_domain_may_be_filed(self):
        assert rules.new_domain_refusal(facts()) is None

    @pytest.mark.parametrize(
        "domain",
        [
            facts(website_id=1, website_status=WebsiteStatus.ACTIVE, website_account_id=3),
            facts(**OTHER),
            facts(record_id=7, record_origin=RegistryOrigin.ISSUED, record_access_provider=ALIBABA_CLOUD),
        ],
    )
    def test_a_filed_domain_is_filed_once(self, domain):
        assert rules.new_domain_refusal(domain) is refusals.DOMAIN_ALREADY_FILED

    def test_a_domain_in_an_open_order_waits_for_it(self):
        assert rules.new_domain_refusal(facts(open_order_id=4)) is refusals.DOMAIN_IN_OPEN_ORDER

    def test_already_filed_is_told_before_an_open_order(self):
        assert rules.new_domain_refusal(facts(open_order_id=4, **OTHER)) is refusals.DOMAIN_ALREADY_FILED

    def test_a_transfer_in_takes_over_its_own_record(self):
        assert rules.new_domain_refusal(facts(**OTHER), takeover_record_id=7) is None
        assert rules.new_domain_refusal(facts(**OTHER), takeover_record_id=8) is refusals.DOMAIN_ALREADY_FILED

    def test_the_callers_access_cancelled_website_comes_back_with_its_record(self):
        domain = facts(
            website_id=1,
            website_status=WebsiteStatus.ACCESS_CANCELLED,
            website_account_id=3,
            record_id=7,
            record_origin=RegistryOrigin.ISSUED,
        )
        assert rules.new_domain_refusal(domain, takeover_record_id=7, account_id=3) is None
        assert (
            rules.new_domain_refusal(domain, takeover_record_id=7, account_id=4)
            is refusals.DOMAIN_ALREADY_FILED
        )
        assert rules.new_domain_refusal(domain, account_id=3) is refusals.DOMAIN_ALREADY_FILED


OWNER = Viewer(own=True)
RAM = Viewer(own=True, is_ram_user=True)
STRANGER_STAFF = Viewer(own=False, is_staff=True)


@pytest.mark.parametrize(
    ("status", "viewer", "expected"),
    [
        (Stage.DRAFT, OWNER, {"submit", "abandon"}),
        (Stage.SUBMITTED, OWNER, {"abandon"}),
        (Stage.PENDING_SMS, OWNER, {"abandon", "verify_sms", "resend_sms"}),
        (Stage.BUREAU_REVIEW, OWNER, set()),
        (Stage.APPROVED, OWNER, set()),
        (Stage.REJECTED, OWNER, set()),
        (Stage.ABANDONED, OWNER, set()),
        # A RAM user sees its account's orders but never acts on them.
        (Stage.DRAFT, RAM, set()),
        (Stage.PENDING_SMS, RAM, set()),
        # Staff review whichever review stage an order is in, and act on no other account's order.
        (Stage.SUBMITTED, STRANGER_STAFF, {"review"}),
        (Stage.BUREAU_REVIEW, STRANGER_STAFF, {"review"}),
        (Stage.DRAFT, STRANGER_STAFF, set()),
    ],
)
def test_what_a_caller_may_do_with_an_order(status, viewer, expected):
    actions = rules.order_actions(OrderFacts(status=status), viewer)
    allowed = {
        name for name in ("submit", "abandon", "verify_sms", "resend_sms", "review") if getattr(actions, name)
    }
    assert allowed == expected
    assert actions.is_open == (
        status in (Stage.DRAFT, Stage.SUBMITTED, Stage.PENDING_SMS, Stage.BUREAU_REVIEW)
    )
    assert actions.waiting_sms == (status == Stage.PENDING_SMS)


@pytest.mark.parametrize(("failures", "left"), [(0, 5), (1, 4), (4, 1), (5, 0), (9, 0)])
def test_sms_attempts_left(failures, left):
    assert (
        rules.order_actions(OrderFacts(status=Stage.PENDING_SMS, sms_failures=failures), OWNER).attempts_left
        == left
    )


def test_an_sms_code_is_valid_for_24_simulated_hours():
    sent = NOW
    expires = sent + rules.SMS_CODE_TTL
    assert not rules.sms_code_expired(expires, sent + dt.timedelta(hours=24))
    assert rules.sms_code_expired(expires, sent + dt.timedelta(hours=24, seconds=1))
    assert rules.sms_code_expired(None, NOW)


@pytest.mark.parametrize(
    ("subject_status", "open_order", "ram", "apply"),
    [
        (SubjectStatus.ACTIVE, False, False, True),
        (SubjectStatus.ACTIVE, True, False, False),
        (SubjectStatus.ACTIVE, False, True, False),
        (SubjectStatus.PENDING, False, False, False),
        (SubjectStatus.CANCELLED, False, False, False),
        (None, False, False, False),
    ],
)
def test_changes_and_cancellations_need_a_filed_subject_without_an_open_order(
    subject_status, open_order, ram, apply
):
    actions = rules.subject_actions(subject_status=subject_status, has_open_order=open_order, is_ram_user=ram)
    assert actions.apply is apply
    assert rules.website_actions(actions, WebsiteStatus.ACTIVE).amend is apply
    assert rules.website_actions(actions, WebsiteStatus.CANCELLED).amend is False
    assert rules.website_actions(actions, WebsiteStatus.ACCESS_CANCELLED).transfer_back is apply


@pytest.mark.parametrize(
    ("order_type", "creates_subject", "issued"),
    [
        (OrderType.FIRST_FILING, True, True),
        (OrderType.CLAIM, True, True),
        (OrderType.CLAIM, False, False),  # joins the account's subject, which has its password
        (OrderType.TRANSFER_IN, True, False),  # keeps its MIIT password
        (OrderType.ADD_WEBSITE, False, False),
        (OrderType.CHANGE, False, False),
    ],
)
def test_which_approvals_issue_a_filing_password(order_type, creates_subject, issued):
    assert rules.issues_filing_password(order_type=order_type, creates_subject=creates_subject) is issued
