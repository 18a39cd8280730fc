"""CSRF on every console form (issue 5): every POST form carries the token, and a POST without it
is refused."""

import re
from pathlib import Path

import pytest
from django.test import Client

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)


def test_every_post_form_in_the_templates_carries_the_csrf_token():
    missing = []
    for path in TEMPLATES.rglob("*.html"):
        for form in FORM.findall(path.read_text()):
            if re.search(r'method="post"', form, re.I) and "{% csrf_token %}" not in form:
                missing.append(f"{path.relative_to(TEMPLATES)}: {form[:80]!r}")
    assert not missing, missing


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/console/instances/buy/",
        "/console/icp/application/{iid}/apply/",
        "/console/instances/{iid}/stop/",
        "/console/access-keys/",
        "/console/filings/new/",
        "/accounts/login/",
    ],
)
def test_a_console_post_without_the_token_is_refused(user, instance, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(path.format(iid=instance.instance_id), {})
    assert response.status_code == 403
    from servicecodes.models import ServiceCode

    assert not ServiceCode.objects.exists()
    instance.refresh_from_db()
    assert instance.status == "Running"
