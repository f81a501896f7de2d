"""Credentials of listening sources, encrypted at rest (Fernet: AES-128-CBC + HMAC-SHA256).

Keys: ``IMMERSE_LISTEN_KEYS`` (Fernet keys, comma-separated; the first encrypts, all
decrypt) or, when it is empty, keys derived with HKDF from ``SECRET_KEY`` and each of
``SECRET_KEY_FALLBACKS``. Rotation (docs/deployment.md): put the new key first (or move the
old SECRET_KEY into the fallbacks), run `immerse listen rekey`, then drop the old key.

A database dump alone therefore reveals no app password; the server's settings are needed
too. The stored value is one Fernet token of a small JSON object (password and session).
"""

from __future__ import annotations

import base64
from typing import Any

import orjson
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_INFO = b"immerse listening source credentials v1"


class SecretUnreadable(ValueError):
    """The stored credentials cannot be decrypted with any configured key."""


def _derived(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret_key.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    if settings.IMMERSE_LISTEN_KEYS:
        return MultiFernet([Fernet(key) for key in settings.IMMERSE_LISTEN_KEYS])
    secret_keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_derived(key) for key in secret_keys])


def secret_seal(values: dict[str, Any]) -> str:
    """``values`` as one encrypted token (text, for a TextField); ``{}`` seals to ``""``."""
    if not values:
        return ""
    return _keys().encrypt(orjson.dumps(values)).decode("ascii")


def secret_open(token: str) -> dict[str, Any]:
    """The values sealed in ``token`` (``{}`` for ``""``)."""
    if not token:
        return {}
    try:
        values = orjson.loads(_keys().decrypt(token.encode("ascii")))
    except (InvalidToken, ValueError) as error:
        raise SecretUnreadable(
            "the stored credentials cannot be decrypted with the configured keys "
            "(IMMERSE_LISTEN_KEYS or SECRET_KEY changed?): enter the app password again"
        ) from error
    if not isinstance(values, dict):
        raise SecretUnreadable("the stored credentials are not readable")
    return values


def secret_rekey(token: str) -> str:
    """``token`` encrypted again with the first key (it must be readable by one of them)."""
    if not token:
        return ""
    try:
        return _keys().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise SecretUnreadable("the stored credentials are not readable") from error
