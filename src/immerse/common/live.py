"""Live regions: parts of a page that phones and the projector keep current without reloading.

A live region is an element with ``data-live-refresh="<url>"`` (and the ``immerse/live.js``
script on the page). The script asks that URL every ``data-live-interval`` milliseconds
(default :data:`LIVE_REFRESH_MS`) with the ``ETag`` of what it shows; the view answers
through :func:`live_fragment`, which returns a bodiless 304 while the version is unchanged.
A viewer therefore costs one short request per interval and holds no web worker between
them (docs/architecture.md, "Live pages"), and a hidden tab stops asking.

The version is the caller's: anything that changes whenever what the region shows changes
and is cheaper than rendering it, usually :func:`rows_version` (one aggregate query).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

#: How often a live region asks for news, in milliseconds: "within 2 s" with time to answer.
LIVE_REFRESH_MS: int = getattr(settings, "IMMERSE_LIVE_REGION_MS", 1500)


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
