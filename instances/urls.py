from django.urls import path

import icpconsole.core.converters  # noqa: F401 - registers <resource_id:...>

from . import views

app_name = "instances"

urlpatterns = [
    path("instances/", views.instance_list, name="list"),
    path("instances/buy/", views.instance_buy, name="buy"),
] + [
    path(
        f"instances/<resource_id:instance_id>/{action}/",
        views.instance_action,
        {"action": action},
        name=action,
    )
    for action in views.ACTIONS
]
