"""Shared addresses and readers for the console instance tests."""

from instances.models import Instance
from tests.console.html import parse

LIST = "/console/instances/"


def url(instance, action: str) -> str:
    return f"/console/instances/{instance.instance_id}/{action}/"


def messages_of(response, level: str) -> list[str]:
    return [li.text for li in parse(response.content).find_all("li", class_=f"msg msg-{level}")]


def fresh(instance) -> Instance:
    return Instance.objects.get(pk=instance.pk)


def cost_of(page) -> dict[str, str]:
    box = page.find("section", class_="cost-summary")
    assert box is not None, "no cost summary on the page"
    return {
        "price": box.find(data_cost_price=True).text,
        "months": box.find(data_cost_months=True).text,
        "total": box.find(data_cost_total=True).text,
    }
