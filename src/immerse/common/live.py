"""Live regions: parts of a page that phones and the projector keep current without reloading.

A live region is an element with ``data-live-refresh="<url>"`` (and the ``immerse/live.js``
script on the page). The script asks that URL every ``data-live-interval`` milliseconds
(default :data:`LIVE_REFRESH_MS`) with the ``ETag`` of what it shows; the view answers
through :func:`live_fragment`, which returns a bodiless 304 while the version is unchanged.
A viewer therefore costs one short request per interval and holds no web worker between
them (docs/architecture.md, "Live pages"), and a hidden tab stops asking.

The version is the caller's: anything that changes whenever what the region shows changes
and is cheaper than rendering it. A busy region keeps it in the ``live`` cache
(:func:`live_version`), bumped by the services on every write that changes it
(:func:`live_bump`), with :func:`rows_version` (one aggregate query) as the fallback when
the cache has no entry; and remembers for :data:`WATCH_SECONDS` that a browser may watch
it (:func:`watch_grant`), so an unchanged poll is answered with one cache read and no
database query (:func:`watch_not_modified`, before any access check).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from immerse.common.language_choice import language_settle

#: How often a live region asks for news, in milliseconds: "within 2 s" with time to answer.
LIVE_REFRESH_MS: int = getattr(settings, "IMMERSE_LIVE_REGION_MS", 1500)
#: How long a browser may watch a region without its access being checked again. Only the
#: 304 relies on it: a changed region is rendered after the full check, so a viewer who lost
#: access learns at most "nothing changed" for this long, and never sees new content.
WATCH_SECONDS: int = getattr(settings, "IMMERSE_LIVE_WATCH_SECONDS", 30)
#: How long a cached version lives: writes outside the services (the admin, a restore,
#: another process with a per-process cache) show at the latest after this.
VERSION_SECONDS: int = getattr(settings, "IMMERSE_LIVE_VERSION_SECONDS", 300)


def etag_matches(request: HttpRequest, etag: str) -> bool:
    """Whether the browser already holds ``etag`` (a proxy may have weakened it to W/…)."""
    held = request.headers.get("If-None-Match", "")
    return any(tag.strip().removeprefix("W/") == etag for tag in held.split(","))


def live_fragment(request: HttpRequest, *, version: str,
                  render: Callable[[], HttpResponse]) -> HttpResponse:
    """``render()``'s response tagged with ``version``, or a 304 if the browser has it.

    >>> from django.test import RequestFactory
    >>> asked = RequestFactory().get("/", headers={"If-None-Match": 'W/"7"'})
    >>> live_fragment(asked, version="7", render=lambda: HttpResponse("x")).status_code
    304
    >>> live_fragment(asked, version="8", render=lambda: HttpResponse("x"))["ETag"]
    '"8"'
    """
    etag = f'"{version}"'
    if etag_matches(request, etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        language_settle(request)
        response = render()
    response["ETag"] = etag
    # Never from a shared cache, always revalidated: the 304 is the cheap path.
    response["Cache-Control"] = "private, no-cache"
    return response


def rows_version(rows: QuerySet[Any], *, changed_field: str = "updated_at",
                 extra: str = "") -> str:
    """A version of ``rows`` in one aggregate query: how many, and the latest change.

    A deletion lowers the count, an edit moves the latest ``changed_field`` (which must be
    an ``auto_now`` field, or set on every write); ``extra`` folds in anything else shown
    (a setting, the viewer's own vote).
    """
    seen = rows.order_by().aggregate(n=Count("pk"), last=Max(changed_field))
    last = seen["last"]
    stamp = f"{last.timestamp():.6f}" if hasattr(last, "timestamp") else str(last or 0)
    return f"{seen['n']}-{stamp}{'-' + extra if extra else ''}"


def _cache() -> BaseCache:
    # The "live" alias is shared by every process that serves the site (config.services).
    return caches["live"]


def live_key(region: str, *parts: object) -> str:
    """The cache key of one region's version, e.g. ``live_key("questions", 12)``."""
    return ":".join(["live", region, *(str(p) for p in parts)])


def live_version(key: str, compute: Callable[[], str] | None = None) -> str | None:
    """The cached version of ``key``; on a miss ``compute()``'s (stored unless a bump came
    first), or None without ``compute``."""
    found: str | None = _cache().get(key)
    if found is not None or compute is None:
        return found
    computed = compute()
    # add, not set: a bump that landed while we computed wins over our older view.
    _cache().add(key, computed, VERSION_SECONDS)
    return _cache().get(key) or computed


def live_bump(*keys: str) -> None:
    """Give ``keys`` new versions now and again once the transaction commits: the first
    makes a request that started before the write render anew, the second makes sure no
    request renders pre-commit rows under the final version."""

    def bump() -> None:
        _cache().set_many({key: secrets.token_hex(6) for key in keys}, VERSION_SECONDS)

    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)


def _watch_cookie(scope: str) -> str:
    return f"immerse_watch_{scope}"


def _watch_salt(request: HttpRequest, scope: str) -> str:
    # Bound to the login session: logging out or in (a new session key) ends the grant.
    return f"immerse.live.watch:{scope}:{request.COOKIES.get(settings.SESSION_COOKIE_NAME, '')}"


def watch_grant(request: HttpRequest, response: HttpResponse, *, scope: str, grant: str,
                path: str) -> None:
    """Remember in a signed cookie (sent only under ``path``) that this browser, logged in
    as now, may watch ``scope`` with ``grant`` (e.g. "s" for staff) for WATCH_SECONDS."""
    response.set_signed_cookie(
        _watch_cookie(scope), grant, salt=_watch_salt(request, scope), max_age=WATCH_SECONDS,
        path=path, httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)


def watch_granted(request: HttpRequest, scope: str) -> str | None:
    """The grant this browser holds for ``scope``, None when absent, forged or expired."""
    try:
        grant = request.get_signed_cookie(_watch_cookie(scope),
                                          salt=_watch_salt(request, scope),
                                          max_age=WATCH_SECONDS)
    except (KeyError, signing.BadSignature):
        return None
    return grant or None


def watch_not_modified(request: HttpRequest, *, scope: str, keys: Sequence[str],
                       grants: Sequence[str]) -> HttpResponse | None:
    """The cheap answer to an unchanged poll: a 304 when the browser holds a grant among
    ``grants`` for ``scope`` and the ETag of the cached versions of ``keys``; None when the
    full path must answer (no grant, a version not cached, a change). No database query,
    and neither the session nor the user is loaded."""
    if "If-None-Match" not in request.headers:
        return None
    grant = watch_granted(request, scope)
    if grant is None or grant not in grants:
        return None
    versions = _cache().get_many(list(keys))
    if len(versions) != len(keys):
        return None
    version = "".join(versions[key] for key in keys) + (f"-{grant}" if grant else "")
    if not etag_matches(request, f'"{version}"'):
        return None
    response = HttpResponseNotModified()
    response["ETag"] = f'"{version}"'
    response["Cache-Control"] = "private, no-cache"
    return response
