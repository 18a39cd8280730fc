from django.urls import path

from . import views

urlpatterns = [
    path("simulator/reset/", views.ResetView.as_view(), name="api-simulator-reset"),
    path("simulator/snapshot/", views.SnapshotView.as_view(), name="api-simulator-snapshot"),
    path("simulator/restore/", views.RestoreView.as_view(), name="api-simulator-restore"),
    path("simulator/settings/", views.SettingsView.as_view(), name="api-simulator-settings"),
    path("simulator/faults/", views.FaultRulesView.as_view(), name="api-simulator-faults"),
    path("simulator/faults/log/", views.InjectedFaultListView.as_view(), name="api-simulator-fault-log"),
    path("simulator/access-keys/", views.AccessKeyForView.as_view(), name="api-simulator-access-keys"),
    path("simulator/info/", views.InfoView.as_view(), name="api-simulator-info"),
]
