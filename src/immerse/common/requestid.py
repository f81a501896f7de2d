"""A request id on every log line: set per request, carried into the tasks it enqueues.

``RequestIdMiddleware`` takes the caller's ``X-Request-ID`` (a proxy's, or a client's) when
it is a sane token, or makes one, answers with it, and binds it for the request's thread;
``enqueue`` sends it along, and the worker binds it again while the task runs, so one id
follows a click from the web server's log to the worker's. ``RequestIdLogFilter`` puts it
on each record as ``request_id`` ("-" outside any request or task).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")  # no spaces or newlines into the logs
_current: ContextVar[str] = ContextVar("immerse_request_id", default="")


def current_request_id() -> str:
    return _current.get()


def request_id_new() -> str:
    return uuid.uuid4().hex


@contextmanager
def request_id_bound(request_id: str) -> Iterator[str]:
    """Bind ``request_id`` (or a fresh one) for the duration of the block."""
    token = _current.set(request_id or request_id_new())
    try:
        yield _current.get()
    finally:
        _current.reset(token)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        with request_id_bound(given if _ACCEPTED.match(given) else "") as request_id:
            request.request_id = request_id  # type: ignore[attr-defined]
            response = self.get_response(request)
            response[HEADER] = request_id
            return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get() or "-"
        return True
