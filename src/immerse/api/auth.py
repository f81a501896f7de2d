"""API authentication: bearer tokens for integrations, the session for the web pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja.security import HttpBearer, django_auth
from ninja.utils import check_csrf

from immerse.common.limits import client_address
from immerse.people.tokens import token_user

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer imm_…` (create one with `immerse token create USERNAME`)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # The middleware already checked this token: don't look it up twice.
        user = getattr(request, "_bearer_user", None) or token_user(token)
        if user is not None:
            request.user = user
        return user


class BearerTokenMiddleware:
    """On /api/ requests, a `Bearer` token identifies the caller for every route, public ones
    included (they declare no security scheme); a wrong token is refused with 401 rather than
    silently treated as anonymous."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header[:7].lower() == "bearer ":
            if is_ratelimited(request, group="api-token-failures", key=client_address,
                              rate=settings.API_RATE_AUTH, increment=False):
                return JsonResponse({"detail": _("Too many failed token attempts: slow down."),
                                     "errors": []}, status=429, headers={"Retry-After": "60"})
            user = token_user(header[7:].strip())
            if user is None:
                # Only failures count, so guessing tokens is slow while real clients are not.
                if is_ratelimited(request, group="api-token-failures", key=client_address,
                                  rate=settings.API_RATE_AUTH, increment=True):
                    return JsonResponse({"detail": _("Too many failed token attempts: slow "
                                         "down."), "errors": []}, status=429,
                                        headers={"Retry-After": "60"})
                return JsonResponse({"detail": _("Authentication required: a valid token or "
                                     "session."), "errors": []}, status=401,
                                    headers={"WWW-Authenticate": "Bearer"})
            # Marks on the request, read by authenticate() above and Django's CSRF check.
            request.user = request._bearer_user = user  # type: ignore[attr-defined]
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]  # no cookie: no CSRF risk
        elif (request.path.startswith("/api/") and request.method not in SAFE_METHODS
              and request.user.is_authenticated and check_csrf(request) is not None):
            # Public routes (auth=None) skip ninja's session CSRF check, yet still act as the
            # session's user (a sign-up links the account), so a forged cross-site call would too.
            return JsonResponse({"detail": _("CSRF check failed: send the X-CSRFToken header, "
                                 "or use a bearer token."), "errors": []}, status=403)
        return self.get_response(request)


token_auth = TokenAuth()
required = [token_auth, django_auth]
optional = None  # public: anyone; BearerTokenMiddleware still says who it is
