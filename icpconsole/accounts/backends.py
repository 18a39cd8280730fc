from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import refusals
from .login_throttle import login_throttled


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for every log-in that arrives with a request (console form,
    API token, admin), after the per-address throttle of failed log-ins (``login_throttle``).
    Programmatic log-ins without a request (the shell, test clients) have no client
    address to lock out, so they pass on to the model backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if login_throttled(request):
            # Too many failures from this address: refused before any password is hashed. The
            # faces answer LOGIN_THROTTLED (the token view, LoginThrottleMiddleware).
            request.login_throttled = True
            raise PermissionDenied(refusals.LOGIN_THROTTLED.code)
        return super().authenticate(request, username=username, password=password, **kwargs)


class AccountBackend(ModelBackend):
    """Django's model backend, with the project's rule of who may log in: ``User.is_login_active``
    (a RAM user only while its parent account is active). It answers both the log-in and every
    later request of the session (``get_user``), so deactivating a parent ends its RAM users'
    sessions at their next request."""

    def user_can_authenticate(self, user):
        return bool(getattr(user, "is_login_active", False))

    def get_user(self, user_id):
        from .models import User

        user = User.objects.select_related("parent").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
