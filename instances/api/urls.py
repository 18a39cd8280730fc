from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("regions", views.RegionViewSet, basename="api-region")
router.register("products", views.ProductViewSet, basename="api-product")
router.register("instances", views.InstanceViewSet, basename="api-instance")

urlpatterns = router.urls
