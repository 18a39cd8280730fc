"""The public ICP record query, mounted at /icp-records/ (no login)."""

from django.urls import path

from . import views

app_name = "icp_records"

urlpatterns = [
    path("", views.icp_record_query, name="query"),
]
