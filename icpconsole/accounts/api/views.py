"""Log-in tokens, the caller's own account, and account creation by staff (SPEC 3.1, 4.2)."""

from __future__ import annotations

from django.contrib.auth import authenticate, update_session_auth_hash
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from icpconsole.accounts import refusals
from icpconsole.accounts.models import User
from icpconsole.accounts.services import (
    account_create,
    account_password_change,
    api_token_issue,
    api_token_revoke,
    api_token_rotate,
)
from icpconsole.core.api.parsers import JSONParser
from icpconsole.core.api.permissions import IsStaff
from icpconsole.core.api.serializers import error_responses

from .serializers import (
    AccountCreateSerializer,
    AccountSerializer,
    MeSerializer,
    PasswordChangeSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)


class TokenObtainView(ObtainAuthToken):
    """Exchange a username and password for the account's API token (JSON only)."""

    authentication_classes: list = []  # a stale token header must not block logging in
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            **error_responses(
                400,
                429,
                e400="Missing fields (`VALIDATION_ERROR`) or `INVALID_CREDENTIALS`.",
                e429="`LOGIN_LOCKED`: too many failed log-ins for this username from this address; "
                "`LOGIN_THROTTLED`: too many failed log-ins from this address.",
            ),
        },
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request=request, **serializer.validated_data)
        if user is None and getattr(request, "login_throttled", False):
            raise refusals.LOGIN_THROTTLED()
        if user is None and getattr(request, "axes_locked_out", False):
            # django-axes refused the attempt outright, the right password included.
            raise refusals.LOGIN_LOCKED()
        if user is None:
            raise refusals.INVALID_CREDENTIALS()
        return Response({"token": api_token_issue(user=user).key})


class TokenRevokeView(APIView):
    """Revoke the caller's API token (the API's log-out); it answers 401 from then on."""

    @extend_schema(request=None, responses={204: None, **error_responses(401)})
    def post(self, request):
        api_token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenRotateView(APIView):
    """Replace the caller's API token with a new one; the old one stops working at once."""

    @extend_schema(request=None, responses={200: TokenSerializer, **error_responses(401)})
    def post(self, request):
        return Response({"token": api_token_rotate(user=request.user).key})


class PasswordChangeView(APIView):
    """Change the caller's own password. Every API token of the login and every other session
    end; the answer carries a new token (a session caller stays logged in)."""

    parser_classes = [JSONParser]

    @extend_schema(
        request=PasswordChangeSerializer,
        responses={
            200: TokenSerializer,
            **error_responses(
                400,
                401,
                e400="`VALIDATION_ERROR`, `WRONG_PASSWORD` (the current password) or `INVALID_PASSWORD` "
                "(the new one breaks a password rule).",
            ),
        },
    )
    def post(self, request):
        serializer = PasswordChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user
        account_password_change(actor=user, **serializer.validated_data)
        if isinstance(request.successful_authenticator, SessionAuthentication):
            update_session_auth_hash(request._request, user)  # this session stays logged in
        return Response({"token": api_token_issue(user=user).key})


class MeView(APIView):
    """The logged-in account."""

    @extend_schema(responses={200: MeSerializer, **error_responses(401)})
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class AccountCreateView(APIView):
    """Create an account, or a RAM user of ``parent_uid`` (staff only)."""

    permission_classes = [IsStaff]
    parser_classes = [JSONParser]

    @extend_schema(
        request=AccountCreateSerializer,
        responses={
            201: AccountSerializer,
            **error_responses(400, 401, 403, 409, e409="`USERNAME_TAKEN`."),
        },
    )
    def post(self, request):
        serializer = AccountCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        parent = None
        if data["parent_uid"]:
            parent = User.objects.filter(uid=data["parent_uid"]).first()
            if parent is None:
                raise refusals.INVALID_PARENT(
                    field="parent_uid", problem=_("no account has uid %(uid)s") % {"uid": data["parent_uid"]}
                )
        user = account_create(
            actor=request.user,
            username=data["username"],
            password=data["password"],
            display_name=data["display_name"],
            parent=parent,
            certification=data["certification"],
        )
        return Response(AccountSerializer(user).data, status=status.HTTP_201_CREATED)
