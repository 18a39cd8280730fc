"""Issue 28: what got in a new user's way on a walk through the console (English and Chinese)."""

import pytest

from tests.console.html import parse


def _chinese(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"


# --- point 11: the console's 403 and 404 pages ---------------------------------------------------
def test_non_staff_at_the_review_workbench_gets_the_consoles_403_page(console):
    response = console.get("/console/icp/review/")

    assert response.status_code == 403
    page = parse(response.content)
    assert page.find(data_error_page="403") is not None
    assert b'class="sidebar"' in response.content
    assert "Only staff" in page.find(data_error_page="403").text


def test_the_403_page_is_in_chinese_for_a_chinese_user(console):
    _chinese(console)
    response = console.get("/console/icp/review/")

    assert response.status_code == 403
    html = response.content.decode()
    assert 'lang="zh-hans"' in html and "拒绝访问" in html and "Forbidden" not in html


@pytest.mark.parametrize("language, title", [("en", "Page not found"), ("zh-hans", "页面不存在")])
def test_an_unknown_console_page_is_the_consoles_404_page(console, language, title):
    if language != "en":
        _chinese(console)
    response = console.get("/console/instances/i-bp1doesnotexist00000/renew/")

    assert response.status_code == 404
    html = response.content.decode()
    assert title in html and 'data-error-page="404"' in html and 'class="sidebar"' in html
