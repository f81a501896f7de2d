"""Abuse limits for the web forms: too many logins or sign-ups from one place get a 429."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited

if TYPE_CHECKING:  # django-stubs' name for "a str or a lazy translation": typing only
    from django_stubs_ext import StrOrPromise


def client_address(group: str, request: HttpRequest) -> str:
    """The caller's address; behind a proxy, set IMMERSE_CLIENT_IP_HEADER (e.g.
    HTTP_X_REAL_IP) to the header the proxy fills in."""
    header = getattr(settings, "IMMERSE_CLIENT_IP_HEADER", "")
    address: str = request.META.get(header or "REMOTE_ADDR") or request.META.get("REMOTE_ADDR", "?")
    return address


def account_name(group: str, request: HttpRequest) -> str:
    """The account a login or sign-up form names: sign-ups use the e-mail as user name."""
    named = request.POST.get("username") or request.POST.get("email") or ""
    return str(named).strip().lower()


def signup_address(group: str, request: HttpRequest) -> str:
    """The address a sign-up form names, as the services store it (so "Ann@X" and "ann@x"
    count as one)."""
    return str(request.POST.get("email") or "").strip().lower()


def signup_address_limited(request: HttpRequest, email: str) -> bool:
    """Count one sign-up naming ``email``; True beyond ``SIGNUP_RATE``. The web form and
    the API share this counter: one limit per address, whichever way the sign-ups come."""
    address = email.strip().lower()
    return bool(is_ratelimited(request, group="signup:email", key=lambda group, req: address,
                               rate=settings.SIGNUP_RATE, method="POST", increment=True))


def _too_many(request: HttpRequest, what: StrOrPromise) -> HttpResponse:
    response = render(request, "429.html", {"what": what}, status=429)
    response["Retry-After"] = "60"
    return response


def limited(group: str, rate_setting: str, *, keys: tuple[str, ...] = ("ip",),
            what: StrOrPromise = gettext_lazy("Too many requests")) -> Callable[[Any], Any]:
    """Refuse POSTs beyond the configured rate for any of ``keys``: ``ip``, ``account``
    (``account_name``), ``email`` (``signup_address``) or a django-ratelimit key such as
    ``post:name``."""

    def decorate(view: Callable[..., HttpResponse]) -> Any:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                rate = getattr(settings, rate_setting)
                for key in keys:
                    how = {"ip": client_address, "account": account_name,
                           "email": signup_address}.get(key, key)
                    if is_ratelimited(request, group=f"{group}:{key}", key=how, rate=rate,
                                      method="POST", increment=True):
                        return _too_many(request, what)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


#: Password guesses per account (the login form's user name).
password_attempts = limited("password", "LOGIN_RATE", keys=("account",),
                            what=gettext_lazy("Too many login attempts"))

login_view = limited("login", "LOGIN_RATE", keys=("ip",),
                     what=gettext_lazy("Too many login attempts"))(
    password_attempts(auth_views.LoginView.as_view()))


def hourly_budget_take(purpose: str, subject: str, per_hour: int) -> bool:
    """Spend one of ``per_hour`` units of ``purpose`` for ``subject`` (an e-mail address)
    this clock hour, in the shared cache; False once spent. Mail sent to one address on
    anyone's request (confirmations, log-in links) is capped this way, whoever asks."""
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]
    key = f"budget:{purpose}:{digest}:{int(time.time() // 3600)}"
    cache.add(key, 0, 3600 + 60)
    try:
        return cache.incr(key) <= per_hour
    except ValueError:  # evicted between add and incr: let this one through
        return True
