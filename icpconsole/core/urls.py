from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("operation-log/", views.operation_log, name="operation_log"),
]
