"""API authentication: bearer tokens for integrations, the session for the web pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from immerse.people.tokens import token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer imm_…` (create one with `immerse token create USERNAME`)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


class OptionalUser(APIKeyHeader):
    """Public endpoints: anyone may call them; a token or session just identifies the caller.

    Always authenticates (returns a truthy marker) so the endpoint runs for anonymous callers
    too; ``request.user`` says who it is.
    """

    param_name = "Authorization"

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = token_user(header[7:].strip())
            if user is None:
                return None  # a wrong token is an error, not anonymity
            request.user = user
        return True

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return True


token_auth = TokenAuth()
required = [token_auth, django_auth]
optional = [OptionalUser()]
