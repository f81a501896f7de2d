"""The navigation's badges on every page: unread messages and whether it offers "Organize".

Both answers are cached per user (``notify.selectors.unread_count``,
``events.roles.organizes_any``); a page that shows the navigation reads the two in one
cache round trip, and a page that never shows it (a feed, a file) reads nothing.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from immerse.events.roles import organizes_answer, organizes_cache_key
from immerse.notify.selectors import unread_answer
from immerse.notify.services import unread_cache_key


class _Badges:
    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def _cached(self) -> dict[str, Any]:
        if not self.user.is_authenticated:
            return {}
        return cache.get_many([unread_cache_key(self.user.pk),
                               organizes_cache_key(self.user.pk)])

    def unread(self) -> int:
        return unread_answer(self.user, cached=self._cached.get(unread_cache_key(self.user.pk)))

    def organizes(self) -> bool:
        return organizes_answer(self.user,
                                cached=self._cached.get(organizes_cache_key(self.user.pk)))


def navigation_badges(request: HttpRequest) -> dict[str, Any]:
    badges = _Badges(getattr(request, "user", None) or AnonymousUser())
    return {"unread_messages": SimpleLazyObject(badges.unread),
            "organizes": SimpleLazyObject(badges.organizes)}
