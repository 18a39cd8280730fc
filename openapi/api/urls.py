from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("access-keys", views.AccessKeyViewSet, basename="api-access-key")

urlpatterns = router.urls
