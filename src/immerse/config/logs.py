"""Logging: every line carries the request id (``common.requestid``), as text or JSON."""

from __future__ import annotations

import json
import logging
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


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
        },
        "formatters": {
            "text": {"format": TEXT_FORMAT},
            "json": {"()": "immerse.config.logs.JsonFormatter"},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": fmt,
                                 "filters": ["request_id"]}},
        "loggers": {
            "django.request": {"filters": ["lost_database"]},
            # What the workers and the scheduler did is worth a line even at WARNING.
            "immerse": {"level": min(logging.INFO, logging.getLevelName(level.upper()))},
        },
        "root": {"handlers": ["console"], "level": level.upper()},
    }
