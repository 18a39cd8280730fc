from django.urls import path

from . import views

urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="api-auth-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("accounts/", views.AccountCreateView.as_view(), name="api-accounts"),
]
