"""The simulated registrar (SPEC 3.9): register, real-name status decided at once, expiry,
renewal, holder change; a domain registered once; another account's domain is a 404."""

import pytest

from registrar.certificates import with_check_character
from registrar.models import Domain

CREDIT_CODE = with_check_character("91330106MA2CDEM01")
ADULT_ID = with_check_character("11010119900307123", kind="individual")
BAD_CODE = CREDIT_CODE[:-1] + ("0" if CREDIT_CODE[-1] != "0" else "1")

pytestmark = pytest.mark.django_db


def register(api, domain="example.cn", **overrides):
    body = {
        "domain": domain,
        "holder_name": "Hangzhou Example Co., Ltd.",
        "holder_certificate_number": CREDIT_CODE,
        "period_years": 1,
        **overrides,
    }
    return api.post("/api/v1/domains/", body, format="json")


def test_a_valid_holder_certificate_is_verified_at_once_and_the_domain_is_ok(api):
    response = register(api, "例子.中国", period_years=2)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["domain"] == "xn--fsqu00a.xn--fiqs8s"
    assert (body["real_name_status"], body["status"], body["registrar"]) == ("verified", "ok", "simulator")
    assert api.get("/api/v1/domains/").json()["results"][0]["domain"] == "xn--fsqu00a.xn--fiqs8s"


def test_an_invalid_holder_certificate_fails_verification_and_holds_the_domain(api):
    body = register(api, holder_certificate_number=BAD_CODE).json()
    assert (body["real_name_status"], body["status"]) == ("failed", "serverHold")


def test_an_adult_persons_id_number_verifies(api):
    assert register(api, holder_certificate_number=ADULT_ID).json()["real_name_status"] == "verified"


def test_a_domain_is_registered_once_in_the_whole_simulator(api, api_client_for, other_user):
    assert register(api).status_code == 201
    response = register(api_client_for(other_user), "EXAMPLE.cn.")
    assert response.status_code == 409
    assert response.json()["code"] == "DOMAIN_TAKEN"
    assert Domain.objects.count() == 1


def test_a_host_name_is_refused_with_its_main_domain(api):
    response = register(api, "www.example.cn")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "DOMAIN_NOT_MAIN" and "example.cn" in body["message"]
    assert not Domain.objects.exists()


@pytest.mark.parametrize("years", [0, 11, 1.5, True, None])
def test_the_period_is_one_to_ten_whole_years(api, years):
    assert register(api, period_years=years).status_code == 400
    assert not Domain.objects.exists()


def test_any_case_trailing_dot_or_idn_finds_the_domain(api):
    register(api, "例子.中国")
    for name in ("例子.中国", "XN--FSQU00A.xn--fiqs8s.", "xn--fsqu00a.xn--fiqs8s"):
        assert api.get(f"/api/v1/domains/{name}/").status_code == 200, name


def test_another_accounts_domain_is_a_404(api, api_client_for, other_user):
    register(api)
    other = api_client_for(other_user)
    for response in (
        other.get("/api/v1/domains/example.cn/"),
        other.post("/api/v1/domains/example.cn/renew/", {"period_years": 1}, format="json"),
        other.post(
            "/api/v1/domains/example.cn/holder/",
            {"holder_name": "X", "holder_certificate_number": CREDIT_CODE},
            format="json",
        ),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "DOMAIN_NOT_FOUND"


def test_the_domain_expires_on_the_simulated_clock_and_renewing_brings_it_back(api, advance_clock):
    register(api)
    advance_clock(400)
    assert api.get("/api/v1/domains/example.cn/").json()["status"] == "expired"
    response = api.post("/api/v1/domains/example.cn/renew/", {"period_years": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_renewing_beyond_ten_years_ahead_is_refused(api):
    register(api, period_years=10)
    response = api.post("/api/v1/domains/example.cn/renew/", {"period_years": 1}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "REGISTRATION_TOO_LONG"


def test_changing_the_holder_verifies_again(api):
    register(api, holder_certificate_number=BAD_CODE)
    response = api.post(
        "/api/v1/domains/example.cn/holder/",
        {"holder_name": "Zhang San", "holder_certificate_number": ADULT_ID},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["holder_name"], body["real_name_status"], body["status"]) == ("Zhang San", "verified", "ok")


def test_a_ram_user_reads_but_cannot_register(api_client_for, ram_user):
    client = api_client_for(ram_user)
    assert client.get("/api/v1/domains/").status_code == 200
    assert register(client).status_code == 403
    assert not Domain.objects.exists()


class TestConsole:
    def test_register_renew_and_change_the_holder_on_the_page(self, console):
        response = console.post(
            "/console/domains/",
            {
                "domain": "Example.CN",
                "holder_name": "Hangzhou Example Co., Ltd.",
                "holder_certificate_number": BAD_CODE,
                "period_years": "1",
            },
        )
        assert response.status_code == 302
        page = console.get("/console/domains/").content.decode()
        assert 'data-domain="example.cn" data-status="serverHold"' in page
        console.post(
            "/console/domains/example.cn/holder/",
            {"holder_name": "Hangzhou Example Co., Ltd.", "holder_certificate_number": CREDIT_CODE},
        )
        assert Domain.objects.get().real_name_status == "verified"
        console.post("/console/domains/example.cn/renew/", {"period_years": "2"})
        row = Domain.objects.get()
        assert (row.expired_time - row.registered_time).days >= 3 * 365

    def test_a_refusal_shows_on_the_form_and_stores_nothing(self, console, other_user, api_client_for):
        register(api_client_for(other_user))
        response = console.post(
            "/console/domains/",
            {
                "domain": "example.cn",
                "holder_name": "X",
                "holder_certificate_number": CREDIT_CODE,
                "period_years": "1",
            },
        )
        assert response.status_code == 200
        assert "already registered" in response.content.decode()
        assert Domain.objects.count() == 1


class TestAdmin:
    def test_staff_add_a_domain_held_at_another_registrar(self, admin_client):
        response = admin_client.post(
            "/admin/registrar/domain/add/",
            {
                "domain": "held-elsewhere.cn",
                "registrar": "GoDaddy",
                "holder_name": "Someone Else Ltd.",
                "holder_certificate_number": CREDIT_CODE,
            },
        )
        assert response.status_code == 302, response.content
        row = Domain.objects.get()
        assert (row.registrar, row.account, row.real_name_status) == ("GoDaddy", None, "verified")

    def test_a_taken_domain_is_a_form_error(self, admin_client, api):
        register(api)
        response = admin_client.post(
            "/admin/registrar/domain/add/",
            {
                "domain": "example.cn",
                "registrar": "GoDaddy",
                "holder_name": "X",
                "holder_certificate_number": "1",
            },
        )
        assert response.status_code == 200
        assert Domain.objects.count() == 1


def test_the_domains_page_is_in_the_navigation_of_every_console_page(console):
    for url in ("/console/", "/console/filings/new/", "/console/domains/"):
        page = console.get(url).content.decode()
        assert 'href="/console/domains/"' in page, url
