from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("domains", views.DomainViewSet, basename="api-domain")

urlpatterns = router.urls
