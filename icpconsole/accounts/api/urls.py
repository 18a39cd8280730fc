from django.urls import path

from . import views

urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="api-auth-token"),
    path("auth/token/revoke/", views.TokenRevokeView.as_view(), name="api-auth-token-revoke"),
    path("auth/token/rotate/", views.TokenRotateView.as_view(), name="api-auth-token-rotate"),
    path("auth/password/", views.PasswordChangeView.as_view(), name="api-auth-password"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("accounts/", views.AccountCreateView.as_view(), name="api-accounts"),
]
