"""The app wizard starts from the filing type too (SPEC 3.13): the certificate and the app's name
first; a first filing, an app for the account's filed subject, or for a subject filed with another
provider (whose number the app takes), or the refusal on the form."""

import pytest

from filings.models import FilingOrder
from tests.console.html import parse
from tests.filings.apps.test_console import APP, SUBJECT, step_app, step_app_details
from tests.filings.console import wizard
from tests.filings.materials import LEADER

from .test_detect import ELSEWHERE_CODE, elsewhere  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def explanation(response) -> str:
    node = parse(response.content).find(data_explanation=True)
    return node.get("data-explanation") if node is not None else ""


def test_an_unknown_subject_is_a_first_filing_and_the_name_is_kept(console, instance):
    response = step_app(console, certificate_number=SUBJECT["certificate_number"], app_name="茶馆应用")
    assert response.url == wizard.WIZARD + "product/"
    assert explanation(console.get(response.url))
    wizard.step_product(console, instance=instance)
    details = parse(console.get(wizard.WIZARD + "details/").content)
    assert details.find("input", name="app-name").get("value") == "茶馆应用"
    assert console.session["filings.wizard"]["type"] == "first_filing"


def test_an_app_for_a_subject_filed_with_another_provider(console, user, instance, elsewhere):  # noqa: F811
    response = step_app(console, certificate_number=ELSEWHERE_CODE)
    assert response.url == wizard.WIZARD + "product/", response.content.decode()[:2000]
    state = console.session["filings.wizard"]
    assert (state["type"], state["registry_subject"]["icp_number"]) == ("add_app", "粤ICP备10009999号")
    wizard.step_product(console, instance=instance)
    response = step_app_details(console)
    assert response.status_code == 302, response.content.decode()[:3000]
    wizard.confirm(console, complete=False)
    order = FilingOrder.objects.get()
    assert (order.type, order.subject.icp_number or order.registry_record.subject_icp_number) == (
        "add_app",
        "粤ICP备10009999号",
    )
    assert order.subject_leader == LEADER


def test_a_bad_certificate_is_refused_on_the_form(console):
    response = console.post(APP, {"certificate_number": "123", "app_name": "示例应用"})
    assert response.status_code == 200
    assert "neither a unified social credit code nor a resident ID number" in response.content.decode()
    assert "filing_wizard" not in console.session or not console.session["filings.wizard"].get("type")
