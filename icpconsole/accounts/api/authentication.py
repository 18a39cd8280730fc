"""Token authentication with the project's rules: the login must be active (``User.is_login_active``:
a RAM user only while its parent is) and the token not expired (``API_TOKEN_TTL_DAYS``)."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from icpconsole.accounts import refusals
from icpconsole.accounts.services import api_token_expired

# DRF's keys are 40 hexadecimal characters; anything else (a NUL byte included, which PostgreSQL
# text cannot hold) is refused before it reaches the database.
_KEY = re.compile(r"^[0-9a-fA-F]{1,40}$")


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = refusals.TOKEN_EXPIRED.message
    default_code = "token_expired"
    api_code = refusals.TOKEN_EXPIRED.code  # the API's error code (``core.api.errors``)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        token = None
        if _KEY.match(key):
            # By its primary key, without first()'s ORDER BY (it only cost the query's compilation).
            token = Token.objects.select_related("user", "user__parent").filter(key=key)
            token = next(iter(token), None)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_login_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if api_token_expired(token):
            raise TokenExpired()
        return (token.user, token)
