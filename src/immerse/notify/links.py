"""Signed links in messages: absolute URLs that carry a tamper-proof, expiring payload.

Django's signing (HMAC with SECRET_KEY, a salt per purpose) rather than stored tokens: a link
proves what it says without a table of its own, and a salt keeps a token made for one
purpose (unsubscribe) from being replayed for another (log in).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _


class LinkInvalid(ValueError):
    """The link was altered, made for something else, or has expired."""


def absolute(path: str) -> str:
    return settings.IMMERSE_SITE_URL + path


def token_make(purpose: str, payload: Any) -> str:
    return signing.dumps(payload, salt=f"immerse.{purpose}", compress=True)


def token_read(purpose: str, token: str, *, max_age: timedelta | None) -> Any:
    try:
        return signing.loads(token, salt=f"immerse.{purpose}", max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkInvalid(_("This link has expired: ask for a new one.")) from exc
    except signing.BadSignature as exc:
        raise LinkInvalid(_("This link is not valid (it may be incomplete).")) from exc


def signed_url(viewname: str, purpose: str, payload: Any) -> str:
    """The absolute URL of ``viewname`` taking one ``token`` argument."""
    return absolute(reverse(viewname, kwargs={"token": token_make(purpose, payload)}))


def unsubscribe_url(email: str, kind: str) -> str:
    """The one-click unsubscribe link of ``kind`` for ``email`` (header and footer)."""
    return absolute(reverse("notify-unsubscribe",
                            kwargs={"token": token_make("unsubscribe", [email, kind])}))
