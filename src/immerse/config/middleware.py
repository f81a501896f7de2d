"""Site-wide middleware: a strict Content-Security-Policy header on every response (pages use
no inline code), and X-Forwarded-Proto believed only from the configured reverse proxies."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The interactive API docs page loads its own assets; it sets its own policy.
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


def trusted_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """``IMMERSE_TRUSTED_PROXIES`` entries (addresses or networks) as networks.

    A misspelled entry stops the start-up: silently trusting nobody (or everybody) would be
    found only when the redirect loops or the header is forged.
    """
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"IMMERSE_TRUSTED_PROXIES: {entry!r} is not an IP address or "
                             f"network ({exc})") from None
    return tuple(networks)


class TrustedProxyMiddleware:
    """Drops ``X-Forwarded-Proto`` unless the connection comes from a trusted proxy.

    Django's ``SECURE_PROXY_SSL_HEADER`` believes the header from anyone; a client talking
    plain HTTP could claim "https" and skip the redirect. Installed before Django's
    ``SecurityMiddleware``, which then sees the header only when a proxy set it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "HTTP_X_FORWARDED_PROTO" in request.META and not self._trusted(request):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)

    @staticmethod
    def _trusted(request: HttpRequest) -> bool:
        networks: tuple[Network, ...] = settings.IMMERSE_TRUSTED_PROXIES
        try:
            peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            return False  # a Unix socket or no address: no proxy we know
        return any(peer in network for network in networks)
