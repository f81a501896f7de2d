"""Every answer carries the same security headers: pages, the 500 page, the API's JSON
errors (its 500 included) — the API's error middleware used to replace the answer after
the security middleware had set them."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db
SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
            "Referrer-Policy", "Cross-Origin-Opener-Policy")


def _security(response) -> dict[str, str]:
    return {name: response.get(name, "(missing)") for name in SECURITY}


@pytest.mark.parametrize("path", ["/api/v1/boom", "/boom/", "/api/v1/no-such-thing",
                                  "/no/such/page/"])
def test_errors_carry_the_page_s_security_headers(path: str) -> None:
    expected = _security(Client().get("/"))
    assert "(missing)" not in expected.values()
    with override_settings(ROOT_URLCONF="tests.failing_api_urls"):
        response = Client(raise_request_exception=False).get(path)
    assert response.status_code in (404, 500)
    assert _security(response) == expected
