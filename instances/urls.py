from django.urls import path

from . import views

app_name = "instances"

urlpatterns = [
    path("instances/", views.instance_list, name="list"),
    path("instances/buy/", views.instance_buy, name="buy"),
] + [
    path(f"instances/<str:instance_id>/{action}/", views.instance_action, {"action": action}, name=action)
    for action in views.ACTIONS
]
