from django.urls import path

import icpconsole.core.converters  # noqa: F401 - registers <resource_id:...>

from . import views

app_name = "openapi"

urlpatterns = [
    path("access-keys/", views.access_keys, name="access_keys"),
    path(
        "access-keys/<resource_id:access_key_id>/disable/",
        views.access_key_disable,
        name="access_key_disable",
    ),
    path(
        "access-keys/<resource_id:access_key_id>/enable/", views.access_key_enable, name="access_key_enable"
    ),
    path(
        "access-keys/<resource_id:access_key_id>/delete/", views.access_key_delete, name="access_key_delete"
    ),
]
