"""The unread count on every page (the navigation's badge); cached, see selectors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from immerse.notify.selectors import unread_count


def unread_messages(request: HttpRequest) -> dict[str, Any]:
    # Lazy: a page that never shows the badge (a feed, a file) costs nothing.
    return {"unread_messages": SimpleLazyObject(
        lambda: unread_count(getattr(request, "user", None)))}
