"""`immerse serve` in production believes forwarding headers only from IMMERSE_TRUSTED_PROXIES.

gunicorn trusts X-Forwarded-Proto, X-Forwarded-Ssl and X-Forwarded-Protocol from 127.0.0.1
by default and sets the request's scheme from them; Django falls back to that scheme once
TrustedProxyMiddleware has dropped its own header. A client on the machine then got 200
with HSTS over plain HTTP instead of the redirect to HTTPS.
"""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow,
              pytest.mark.django_db(transaction=True)]

PRODUCTION = {"IMMERSE_ENV": "production", "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
              "DJANGO_SECRET_KEY": "x7$kq!" + "p" * 20 + "Zt93&mLw0@vRb8#nQe4^sYc1*uHj6%"}
CLAIMS = [{"X-Forwarded-Proto": "https"}, {"X-Forwarded-Ssl": "on"},
          {"X-Forwarded-Protocol": "ssl"},
          {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on",
           "X-Forwarded-Protocol": "ssl"}]


def _head(base_url: str, headers: dict[str, str]) -> tuple[int, str, bool]:
    """Status, Location and whether HSTS was sent, for GET / without following redirects."""
    where = urlsplit(base_url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        connection.request("GET", "/", headers=headers)
        response = connection.getresponse()
        response.read()
        return (response.status, response.getheader("Location", ""),
                response.getheader("Strict-Transport-Security") is not None)
    finally:
        connection.close()


def test_without_trusted_proxies_no_header_makes_a_loopback_request_https(
        topology_factory) -> None:
    topology = topology_factory(**PRODUCTION)
    topology.serve("--no-task-worker", "--workers", "1")
    for claim in CLAIMS:
        assert _head(topology.base_url, claim) == (
            301, "https://127.0.0.1:" + topology.base_url.rsplit(":", 1)[1] + "/", False), claim


def test_a_trusted_proxy_may_say_https_with_the_header_django_reads(topology_factory) -> None:
    topology = topology_factory(IMMERSE_TRUSTED_PROXIES="127.0.0.1", **PRODUCTION)
    topology.serve("--no-task-worker", "--workers", "1")
    status, _, hsts = _head(topology.base_url, {"X-Forwarded-Proto": "https"})
    assert (status, hsts) == (200, True)
    # The other two are not Django's header: even a trusted proxy's count for nothing.
    for claim in CLAIMS[1:3]:
        assert _head(topology.base_url, claim)[0] == 301, claim
