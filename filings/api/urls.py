from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("filings", views.FilingOrderViewSet, basename="api-filing")
router.register("subjects", views.SubjectViewSet, basename="api-subject")
router.register("websites", views.WebsiteViewSet, basename="api-website")

urlpatterns = [
    *router.urls,
    path("messages/", views.PhoneMessageListView.as_view(), name="api-messages"),
    path("icp-records/", views.IcpRecordListView.as_view(), name="api-icp-records"),
]
