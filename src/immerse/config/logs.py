"""Logging: every line carries the request id (``common.requestid``), as text or JSON."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"

#: The paths whose last parts are a credential (docs/messages.md, "Credentials in
#: messages"): confirmation, log-in, reset, rating, check-in, unsubscribe and calendar links.
CREDENTIAL_PATH = re.compile(
    r"(/(?:signup/confirm|accounts/login/link|accounts/password/reset|feedback|plans/checkin|"
    r"mail/unsubscribe|calendar)/)(?!sent/|done/|complete/)[^\s\"'?#]+")


def redact_credentials(text: str) -> str:
    """``text`` with the token of every credential path replaced by ``[redacted]``."""
    return CREDENTIAL_PATH.sub(r"\1[redacted]", text)


class CredentialsLogFilter(logging.Filter):
    """No log line carries a link's token: Django logs the path of every 4xx answer
    ("Bad Request: /accounts/login/link/<token>/"), and a log is read by more people than
    the mail's recipient."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact_credentials(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message (and the trace)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": self.formatTime(record), "level": record.levelname,
                "logger": record.name, "request_id": getattr(record, "request_id", "-"),
                "message": record.getMessage()}
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def logging_settings(*, level: str, fmt: str) -> dict[str, Any]:
    if fmt not in ("text", "json"):
        raise ValueError(f"IMMERSE_LOG_FORMAT={fmt!r}: expected text or json")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "lost_database": {"()": "immerse.config.db_unavailable.LostDatabaseLogFilter"},
            "request_id": {"()": "immerse.common.requestid.RequestIdLogFilter"},
            "credentials": {"()": "immerse.config.logs.CredentialsLogFilter"},
        },
        "formatters": {
            "text": {"format": TEXT_FORMAT},
            "json": {"()": "immerse.config.logs.JsonFormatter"},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": fmt,
                                 "filters": ["request_id", "credentials"]}},
        "loggers": {
            "django.request": {"filters": ["lost_database"]},
            # What the workers and the scheduler did is worth a line even at WARNING.
            "immerse": {"level": min(logging.INFO, logging.getLevelName(level.upper()))},
        },
        "root": {"handlers": ["console"], "level": level.upper()},
    }
