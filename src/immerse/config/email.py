"""``EMAIL_URL`` → Django's e-mail settings.

Hand-written (thirty lines) because the URL forms immerse documents — ``smtp+tls://``,
``smtp+ssl://``, ``console://``, ``file://`` — are not the ones dj-email-url or
django-environ accept.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_SCHEMES = {"smtp": (False, False), "smtp+tls": (True, False), "smtp+ssl": (False, True)}


def email_settings(url: str) -> dict[str, object]:
    """``smtp://user:pass@host:port`` (or ``+tls``/``+ssl``, ``?timeout=10``), ``console://``,
    ``file:///a/directory`` (each message written to a file there, not delivered)."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "file":
        if not parts.path.startswith("/"):
            raise ValueError(f"EMAIL_URL={url!r}: file:// needs an absolute directory, "
                             "e.g. file:///var/lib/immerse/mail")
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": unquote(parts.path)}
    if parts.scheme not in _SCHEMES:
        raise ValueError(f"EMAIL_URL={url!r}: the scheme must be one of "
                         "smtp://, smtp+tls://, smtp+ssl://, console://, file://")
    tls, ssl = _SCHEMES[parts.scheme]
    query = parse_qs(parts.query)
    timeout = query.get("timeout", ["10"])[0]
    if not timeout.isdigit() or int(timeout) == 0:
        raise ValueError(f"EMAIL_URL: timeout={timeout!r} must be a whole number of seconds")
    return {
        "EMAIL_BACKEND": _SMTP,
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if ssl else 587 if tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
        "EMAIL_TIMEOUT": int(timeout),
    }
