import ipaddress

from django.conf import settings

from . import faces, refusals
from .bodies import REFUSED_ENVIRON_KEY, body_limit, megabytes


class BodyLimitMiddleware:
    """A body over its route's limit (``icpconsole/core/bodies.py``) answered 413 before anything
    reads it, in the face's format: by ``Content-Length``, or because the gunicorn worker refused
    it while it streamed in (``icpconsole/serving.py`` marks the environ). Placed before every
    middleware that reads the body (CSRF, django-axes) and after those the refusal page needs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.path_info)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.META.get(REFUSED_ENVIRON_KEY) or length > limit:
            error = refusals.REQUEST_TOO_LARGE(extra={"limit_bytes": limit, "limit_text": megabytes(limit)})
            return faces.refusal_response(request, error)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send the project's Content-Security-Policy on every response that has none yet."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class TrustedProxyMiddleware:
    """``X-Forwarded-*`` believed only from ``TRUSTED_PROXIES`` (SPEC 4.7).

    From a trusted proxy, the client's address is the right-most ``X-Forwarded-For`` entry that is
    not itself a trusted proxy: it becomes ``REMOTE_ADDR``, which log-in lock-outs, throttles and the
    audit read. From any other peer every ``X-Forwarded-*`` and ``Forwarded`` header is dropped, so a
    client's own ``X-Forwarded-Proto: https`` on plain HTTP is not believed."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = [ipaddress.ip_network(p, strict=False) for p in settings.TRUSTED_PROXIES]

    def trusted(self, address) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, request):
        meta = request.META
        if self.networks and self.trusted(meta.get("REMOTE_ADDR", "")):
            hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
            for hop in reversed(hops):
                try:
                    ipaddress.ip_address(hop)
                except ValueError:
                    break
                meta["REMOTE_ADDR"] = hop
                if not self.trusted(hop):
                    break
        else:
            for name in [name for name in meta if name.startswith("HTTP_X_FORWARDED_")]:
                del meta[name]
            meta.pop("HTTP_FORWARDED", None)
        return self.get_response(request)

