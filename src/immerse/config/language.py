"""The middleware that picks each request's language (``common.language_choice``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware

from immerse.common.language_choice import language_activate, language_choose


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (Content-Language, Vary: Accept-Language) with immerse's
    order of choice: a person's stored language comes before the switcher's cookie."""

    def process_request(self, request: HttpRequest) -> None:
        code, source = language_choose(request)
        language_activate(request, code, source)
