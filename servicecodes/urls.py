from django.urls import path

import icpconsole.core.converters  # noqa: F401 - registers <resource_id:...>

from . import views

app_name = "servicecodes"

urlpatterns = [
    path("icp/application/", views.application, name="application"),
    path("icp/application/<resource_id:instance_id>/apply/", views.apply, name="apply"),
    path("icp/codes/", views.codes, name="codes"),
]
