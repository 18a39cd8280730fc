from icpconsole.core import faces

from . import refusals


class LoginThrottleMiddleware:
    """A log-in page (console, admin) whose attempt the authentication backend refused because its
    address failed too often (``icpconsole.accounts.login_throttle``): 429 ``LOGIN_THROTTLED`` on
    the console's refusal page. The API's token view answers it itself, in JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "login_throttled", False):
            return faces.refusal_response(request, refusals.LOGIN_THROTTLED())
        return response
