from django.urls import path
from rest_framework.routers import SimpleRouter

from . import record_views, views

# Path converters (the viewsets' `lookup_value_converter`): ids are `<int:pk>`, ASCII digits only.
router = SimpleRouter(use_regex_path=False)
router.register("filings", views.FilingOrderViewSet, basename="api-filing")
router.register("subjects", record_views.SubjectViewSet, basename="api-subject")
router.register("websites", record_views.WebsiteViewSet, basename="api-website")
router.register("apps", record_views.AppViewSet, basename="api-app")

urlpatterns = [
    *router.urls,
    path("messages/", record_views.PhoneMessageListView.as_view(), name="api-messages"),
    path("icp-records/", record_views.IcpRecordListView.as_view(), name="api-icp-records"),
]
