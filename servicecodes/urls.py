from django.urls import path

from . import views

app_name = "servicecodes"

urlpatterns = [
    path("icp/application/", views.application, name="application"),
    path("icp/application/<str:instance_id>/apply/", views.apply, name="apply"),
    path("icp/codes/", views.codes, name="codes"),
]
