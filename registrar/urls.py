from django.urls import path

from . import views

app_name = "registrar"

urlpatterns = [
    path("domains/", views.domains, name="domains"),
    path("domains/<str:domain>/renew/", views.renew, name="renew"),
    path("domains/<str:domain>/holder/", views.holder, name="holder"),
]
