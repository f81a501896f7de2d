"""gunicorn's access log without credentials: the request line, path, query and referrer
of a link that carries a token (log-in, confirmation, calendar …) are written redacted."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from immerse.config.logs import redact_credentials


class RedactingLogger(Logger):  # type: ignore[misc]  # gunicorn ships no types
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = redact_credentials(value)
        return atoms
