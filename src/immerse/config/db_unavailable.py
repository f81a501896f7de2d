"""A database that is briefly out of reach (a restart, a failover) answers 503, not 500.

The 503 carries ``Retry-After``: clients, proxies and monitors learn that the failure is
temporary and that the same request may be sent again (the sign-up and ingest paths are
idempotent, so a retry never registers anyone twice). Sessions are saved after the view;
there too a lost database must stay a server error, not become a client's "bad request".
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: Seconds a client should wait: a PostgreSQL restart takes a few seconds.
RETRY_AFTER_SECONDS = 5


def _page() -> str:
    """A page that needs no database and no template (a template's context processors may
    read the session), in the language the request had when the database was lost."""
    heading = _("Back in a moment")
    text = _("The site cannot reach its database right now. Please send that again in a few "
             "seconds.")
    return format_html(
        '<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
        "<body><h1>{}</h1><p>{}</p></body></html>", get_language() or "en", heading, heading,
        text)


class DatabaseUnavailableMiddleware:
    """A lost database connection answers 503 with ``Retry-After`` rather than 500.

    Installed first (outermost). A view's error arrives at ``process_exception``; one from
    another middleware after the view (saving the session) is already Django's 500 when it
    gets here, recognised by the mark ``_note_lost_database`` left on the request. Django
    closes the broken connection at the end of the request; the next one connects afresh.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _LOST_MARK, False):
            # Rewritten in place: headers set on the way out so far stay.
            return _unavailable(request, response)
        return response

    def process_exception(self, request: HttpRequest,
                          exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable during %s %s: %s", request.method,
                       request.path, exception)
        return _unavailable(request, HttpResponse())


_LOST_MARK = "_immerse_database_lost"


def _note_lost_database(sender: object, request: HttpRequest | None = None,
                        **kwargs: object) -> None:
    # Sent while Django handles the exception, so it is still the one being handled.
    if request is not None and isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        setattr(request, _LOST_MARK, True)


got_request_exception.connect(_note_lost_database, dispatch_uid="immerse-database-lost")


def _unavailable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if request.path.startswith("/api/"):
        response.content = json.dumps({
            "detail": _("The database is unavailable for a moment: retry the request."),
            "errors": []})
        response["Content-Type"] = "application/json"
    else:
        response.content = _page()
        response["Content-Type"] = "text/html; charset=utf-8"
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class LostDatabaseLogFilter(logging.Filter):
    """On ``django.request``: the "Internal Server Error" Django logs for a request that lost
    its database after the view is answered 503 by the middleware, so it is logged as the
    middleware's own warning (no error alert, no mail to the admins) for a restart."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        # ERROR only: logging set up twice in one process attaches this filter twice.
        if (record.levelno >= logging.ERROR and isinstance(request, HttpRequest)
                and getattr(request, _LOST_MARK, False)):
            error = record.exc_info[1] if record.exc_info else None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg = "Database unavailable during %s %s (answered 503): %s"
            record.args = (request.method, request.path, error)
            record.exc_info = record.exc_text = None
        return True


class SessionStore(DatabaseSessionStore):
    """Django's database sessions (``SESSION_ENGINE = "immerse.config.db_unavailable"``).

    Django reads any database error while saving a session as "the session was deleted
    meanwhile" and answers 400 Bad Request: after a sign-up had committed, the browser was
    told its request was wrong and would not retry. Here a lost connection propagates as
    itself, so the answer is a 503 and the sign-up can be sent again.
    """

    def save(self, must_create: bool = False) -> None:
        try:
            super().save(must_create=must_create)
        except UpdateError as exc:
            if isinstance(exc.__context__, OperationalError | InterfaceError):
                raise exc.__context__ from None
            raise
