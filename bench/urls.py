"""The product's URLs plus the benchmark floors, which exist only in ``bench.settings``."""

from django.urls import path

from icpconsole.urls import urlpatterns as product_urlpatterns

from . import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench-floor"),
    path("bench/floor-codes/", views.floor_codes, name="bench-floor-codes"),
    path("bench/floor-api/", views.FloorListView.as_view(), name="bench-floor-api"),
    path("bench/insert/", views.InsertView.as_view(), name="bench-insert"),
    *product_urlpatterns,
]
