from django.urls import path

from . import views

urlpatterns = [
    path("clock/", views.ClockView.as_view(), name="api-clock"),
    path("audit-events/", views.AuditEventListView.as_view(), name="api-audit-events"),
]
