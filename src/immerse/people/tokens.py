"""API tokens: create and check. Keys are random; only their hash is kept.

One small module for the whole credential scheme (key format, hash, last-use touch), read
by ``api.auth`` and the CLI: splitting it into services and selectors would part the hash
from its two users."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import User
from django.utils import timezone

from immerse.people.models import ApiToken


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token row and the key, which is never stored and cannot be shown again."""
    key = "imm_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[4:12],
                                    key_hash=_digest(key))
    return token, key


def token_user(key: str) -> User | None:
    """The active user owning ``key``, or None."""
    token = (ApiToken.objects.filter(key_hash=_digest(key), revoked=False)
             .select_related("user").first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most once a minute
    return token.user
