import ipaddress

from django.conf import settings


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
