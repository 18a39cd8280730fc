"""Drive the console's filing wizard with the test client, one POST per step."""

WIZARD = "/console/filings/new/"


def step_domain(client, domain):
    return client.post(WIZARD, {"domain": domain})


def step_product(client, *, instance=None, code=None):
    if instance is not None:
        data = {"method": "instance", "instance_id": instance.instance_id}
    else:
        data = {"method": "code", "service_code": code}
    return client.post(WIZARD + "product/", data)


def step_details(client, *, subject=None, website_name=""):
    data = {"website-name": website_name}
    for key, value in (subject or {}).items():
        data[f"subject-{key}"] = value
    return client.post(WIZARD + "details/", data)


def run_to_confirm(client, *, domain, instance=None, code=None, subject=None, website_name=""):
    """Steps 1 to 3; each must move on to the next step."""
    response = step_domain(client, domain)
    assert response.status_code == 302 and response.url == WIZARD + "product/", response.content.decode()[
        :2000
    ]
    response = step_product(client, instance=instance, code=code)
    assert response.status_code == 302 and response.url == WIZARD + "details/", response.content.decode()[
        :2000
    ]
    response = step_details(client, subject=subject, website_name=website_name)
    assert response.status_code == 302 and response.url == WIZARD + "confirm/", response.content.decode()[
        :2000
    ]
    return response


def confirm(client):
    return client.post(WIZARD + "confirm/")
