"""Creating filing orders (SPEC 3.7, 4.2; seeds 003, 004): each rule refuses with an exact code
and leaves nothing behind."""

import pytest

from filings.models import FilingOrder, Subject
from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory, ServiceCodeFactory

from . import flows
from .factories import RegistryRecordFactory


def assert_nothing_created(orders_before: int = 0, subjects_before: int = 0):
    assert FilingOrder.objects.count() == orders_before
    assert Subject.objects.count() == subjects_before


@pytest.mark.django_db
class TestFirstFiling:
    def test_with_an_instance_the_wizard_generates_binds_and_reserves_a_code(self, api, user, instance):
        response = flows.api_first_filing(api, instance=instance)

        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["type"] == "first_filing"
        assert body["status"] == "draft"
        code = ServiceCode.objects.get(code=body["service_code"])
        assert code.instance == instance
        assert code.status == "filing"
        assert body["subject"]["status"] == "pending"
        assert body["subject"]["icp_number"] == ""
        assert body["website"] == {
            "id": None,
            "domain": "example.cn",
            "name": "示例网站",
            "icp_number": None,
            "status": None,
            "instance_id": instance.instance_id,
        }
        assert body["history"] == [
            {"from": None, "to": "draft", "actor": "alice", "note": "", "time": body["history"][0]["time"]}
        ]
        assert body["sms_failures"] == 0

    def test_a_code_obtained_beforehand_by_another_account_can_be_entered(self, api, other_user):
        code = ServiceCodeFactory(instance=InstanceFactory(owner=other_user))

        response = flows.api_first_filing(api, code=code.code.upper())

        assert response.status_code == 201, response.json()
        assert response.json()["service_code"] == code.code
        code.refresh_from_db()
        assert code.status == "filing"

    @pytest.mark.parametrize(
        ("status", "error"),
        [
            ("used", "SERVICE_CODE_USED"),
            ("deleted", "SERVICE_CODE_DELETED"),
            ("filing", "SERVICE_CODE_FILING"),
        ],
    )
    def test_a_code_that_is_not_unused_is_refused(self, api, instance, status, error):
        code = ServiceCodeFactory(instance=instance, status=status)

        response = flows.api_first_filing(api, code=code.code)

        assert response.status_code == 409
        assert response.json()["code"] == error
        assert_nothing_created()
        code.refresh_from_db()
        assert code.status == status

    def test_an_unknown_code_is_404(self, api):
        response = flows.api_first_filing(api, code="32a43232-a888-88e8-b9ec-00888be8888f")

        assert response.status_code == 404
        assert response.json()["code"] == "SERVICE_CODE_NOT_FOUND"
        assert_nothing_created()

    def test_another_accounts_instance_is_404(self, api, other_user):
        response = flows.api_first_filing(api, instance=InstanceFactory(owner=other_user))

        assert response.status_code == 404
        assert response.json()["code"] == "INSTANCE_NOT_FOUND"
        assert_nothing_created()
        assert ServiceCode.objects.count() == 0

    def test_an_ineligible_instance_is_refused_with_the_same_reasons_as_apply(self, api, user):
        instance = InstanceFactory(owner=user, internet_max_bandwidth_out=0, public_ip_address=None)

        response = flows.api_first_filing(api, instance=instance)

        assert response.status_code == 409
        body = response.json()
        assert body["code"] == "NOT_ELIGIBLE"
        assert [reason["code"] for reason in body["reasons"]] == ["NO_PUBLIC_IP"]
        assert_nothing_created()
        assert ServiceCode.objects.count() == 0

    def test_an_instance_whose_quota_is_used_up_is_refused_with_QUOTA_EXHAUSTED(self, api, instance):
        for _ in range(5):
            ServiceCodeFactory(instance=instance, status="used")

        response = flows.api_first_filing(api, instance=instance)

        assert response.status_code == 409
        assert [r["code"] for r in response.json()["reasons"]] == ["QUOTA_EXHAUSTED"]

    def test_an_account_files_only_one_subject(self, api, filed, second_instance):
        response = flows.api_first_filing(api, instance=second_instance, domain="other.cn")

        assert response.status_code == 409
        assert response.json()["code"] == "SUBJECT_EXISTS"
        assert FilingOrder.objects.count() == 1

    def test_a_pending_first_filing_also_holds_the_accounts_one_subject(self, api, instance, second_instance):
        assert flows.api_first_filing(api, instance=instance).status_code == 201

        response = flows.api_first_filing(api, instance=second_instance, domain="two.cn")

        assert response.status_code == 409
        assert response.json()["code"] == "SUBJECT_EXISTS"

    def test_a_domain_filed_by_someone_else_is_refused(self, filed, other_user, api_client_for):
        other = api_client_for(other_user)

        response = flows.api_first_filing(
            other, instance=InstanceFactory(owner=other_user), domain="WWW.EXAMPLE.CN"
        )

        assert response.status_code == 409
        assert response.json()["code"] == "FILING_CHECK_FAILED"
        assert [r["code"] for r in response.json()["reasons"]] == ["DOMAIN_ALREADY_FILED"]
        assert not Subject.objects.filter(account=other_user).exists()

    def test_a_domain_filed_with_another_provider_is_refused(self, api, instance):
        RegistryRecordFactory(domain="elsewhere.cn")

        response = flows.api_first_filing(api, instance=instance, domain="elsewhere.cn")

        assert response.status_code == 409
        assert response.json()["code"] == "FILING_CHECK_FAILED"
        assert [r["code"] for r in response.json()["reasons"]] == ["DOMAIN_ALREADY_FILED"]

    def test_a_domain_in_another_open_order_is_refused(self, api, instance, other_user, api_client_for):
        assert flows.api_first_filing(api, instance=instance, domain="race.cn").status_code == 201

        response = flows.api_first_filing(
            api_client_for(other_user), instance=InstanceFactory(owner=other_user), domain="race.cn"
        )

        assert response.status_code == 409
        assert response.json()["code"] == "FILING_CHECK_FAILED"
        assert [r["code"] for r in response.json()["reasons"]] == ["DOMAIN_IN_OPEN_ORDER"]

    @pytest.mark.parametrize(
        "domain",
        ["https://example.cn", "example", "example.cn/index.html", "-x.cn", "1.2.3.4"],
    )
    def test_a_malformed_domain_is_400(self, api, instance, domain):
        response = flows.api_first_filing(api, instance=instance, domain=domain)

        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "DOMAIN_INVALID"
        assert "website.domain" in body["fields"]
        assert_nothing_created()
        assert ServiceCode.objects.count() == 0

    def test_an_unknown_province_is_400(self, api, instance):
        response = flows.api_first_filing(api, instance=instance, province="hongkong")

        assert response.status_code == 400
        assert response.json()["code"] == "PROVINCE_INVALID"
        assert_nothing_created()

    def test_a_new_website_cannot_start_with_ecommerce(self, api, instance):
        response = api.post(
            "/api/v1/filings/",
            {
                "type": "first_filing",
                "subject": flows.subject_data(),
                "website": {
                    "domain": "shop.cn",
                    "instance_id": instance.instance_id,
                    "ecommerce": True,
                },
            },
            format="json",
        )

        assert response.status_code == 409
        assert response.json()["code"] == "COMMERCIAL_LICENSE_REQUIRED"
        assert_nothing_created()


@pytest.mark.django_db
class TestRequestShape:
    @pytest.mark.parametrize(
        "payload",
        [
            {},
            {"type": "renewal"},
            {"type": "first_filing", "subject": flows.subject_data()},
            {"type": "cancel_website", "website_id": "one", "icp_password": "x"},
            {"type": "change", "website_id": 1, "icp_password": "x", "changes": {"name": 5}},
            [],
        ],
    )
    def test_malformed_requests_are_400_VALIDATION_ERROR(self, api, payload):
        response = api.post("/api/v1/filings/", payload, format="json")

        assert response.status_code == 400
        assert response.json()["code"] == "VALIDATION_ERROR"
        assert FilingOrder.objects.count() == 0

    @pytest.mark.parametrize(
        ("payload", "code"),
        [
            (
                {
                    "type": "first_filing",
                    "subject": flows.subject_data(),
                    "website": {"domain": "a.example.cn", "instance_id": "i-x", "service_code": "y"},
                },
                "SERVICE_CODE_OR_INSTANCE_REQUIRED",
            ),
            (
                {
                    "type": "first_filing",
                    "subject": flows.subject_data(),
                    "website": {"domain": "a.example.cn"},
                },
                "SERVICE_CODE_OR_INSTANCE_REQUIRED",
            ),
            ({"type": "change", "icp_password": "x", "changes": {"name": "N"}}, "CHANGE_TARGET_REQUIRED"),
            (
                {
                    "type": "change",
                    "website_id": 1,
                    "icp_password": "x",
                    "changes": {"domain": "b.example.cn"},
                },
                "CHANGE_FIELD_INVALID",
            ),
            ({"type": "change", "website_id": 1, "icp_password": "x", "changes": {}}, "NO_CHANGES"),
            ({"type": "claim", "certificate_number": "X"}, "CLAIM_TARGET_REQUIRED"),
        ],
    )
    def test_a_rule_refusal_has_the_same_code_whichever_face_it_came_through(self, api, payload, code):
        """One code for one mistake: the API answers what the service (and so the console) answers."""
        response = api.post("/api/v1/filings/", payload, format="json")

        assert response.status_code == 400
        assert response.json()["code"] == code
        assert FilingOrder.objects.count() == 0

    def test_anonymous_callers_get_401(self, anon_api):
        assert anon_api.post("/api/v1/filings/", {"type": "first_filing"}, format="json").status_code == 401
        assert anon_api.get("/api/v1/filings/").status_code == 401

    def test_a_ram_user_may_look_but_not_file(self, api_client_for, ram_user, user, instance):
        client = api_client_for(ram_user)

        response = flows.api_first_filing(client, instance=instance)

        assert response.status_code == 403
        assert response.json()["code"] == "RAM_USER_READ_ONLY"
        assert client.get("/api/v1/filings/").status_code == 200
        assert_nothing_created()


@pytest.mark.django_db
class TestAddWebsite:
    def test_adds_to_the_filed_subject_with_its_own_code(self, api, filed, second_instance):
        response = flows.api_add_website(api, domain="shop.cn", instance=second_instance)

        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["subject"]["id"] == filed["subject"].pk
        assert ServiceCode.objects.get(code=body["service_code"]).status == "filing"

    def test_needs_a_filed_subject(self, api, instance):
        response = flows.api_add_website(api, domain="shop.cn", instance=instance)

        assert response.status_code == 409
        assert response.json()["code"] == "SUBJECT_NOT_FILED"
        assert ServiceCode.objects.count() == 0

    def test_a_second_open_order_for_the_subject_is_refused(self, api, filed, second_instance):
        assert flows.api_add_website(api, domain="shop.cn", instance=second_instance).status_code == 201

        response = flows.api_add_website(api, domain="blog.cn", instance=second_instance)

        assert response.status_code == 409
        assert response.json()["code"] == "ORDER_ALREADY_OPEN"
        assert FilingOrder.objects.filter(subject=filed["subject"]).count() == 2
        assert ServiceCode.objects.filter(instance=second_instance).count() == 1

    def test_while_the_first_filing_is_open_it_is_that_order_that_blocks(
        self, api, instance, second_instance
    ):
        assert flows.api_first_filing(api, instance=instance).status_code == 201

        response = flows.api_add_website(api, domain="shop.cn", instance=second_instance)

        assert response.status_code == 409
        assert response.json()["code"] == "ORDER_ALREADY_OPEN"

    def test_a_used_code_is_refused(self, api, filed):
        response = flows.api_add_website(api, domain="shop.cn", code=filed["website"].service_code.code)

        assert response.status_code == 409
        assert response.json()["code"] == "SERVICE_CODE_USED"

    def test_the_same_domain_twice_is_refused(self, api, filed, second_instance):
        response = flows.api_add_website(api, domain="example.cn", instance=second_instance)

        assert response.status_code == 409
        assert response.json()["code"] == "FILING_CHECK_FAILED"
        assert [r["code"] for r in response.json()["reasons"]] == ["DOMAIN_ALREADY_FILED"]
