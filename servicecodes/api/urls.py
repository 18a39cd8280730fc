from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("service-codes", views.ServiceCodeViewSet, basename="api-service-code")

urlpatterns = [
    path(
        "instances/<str:instance_id>/service-codes/",
        views.ServiceCodeApplyView.as_view(),
        name="api-instance-service-codes",
    ),
    *router.urls,
]
