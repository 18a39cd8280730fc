from django.urls import re_path
from rest_framework.routers import SimpleRouter

from icpconsole.core.api.params import PATH_SEGMENT

from . import views

router = SimpleRouter()
router.register("service-codes", views.ServiceCodeViewSet, basename="api-service-code")

urlpatterns = [
    re_path(
        rf"^instances/(?P<instance_id>{PATH_SEGMENT})/service-codes/$",
        views.ServiceCodeApplyView.as_view(),
        name="api-instance-service-codes",
    ),
    *router.urls,
]
