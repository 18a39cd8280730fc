from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for every log-in that arrives with a request (console form,
    API token). Programmatic log-ins without a request (the shell, test clients) have no client
    address to lock out, so they pass on to the model backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
