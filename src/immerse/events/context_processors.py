"""Whether the navigation shows "Organize" (cached per user, see roles.organizes_any)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from immerse.events.roles import organizes_any


def organizer_nav(request: HttpRequest) -> dict[str, Any]:
    # Lazy: only a page that shows the navigation asks.
    return {"organizes": SimpleLazyObject(
        lambda: organizes_any(getattr(request, "user", None) or AnonymousUser()))}
