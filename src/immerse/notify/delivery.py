"""Where the mail setting (EMAIL_URL) hands a message, said in words.

Each sent message records its route when it goes (``Message.sent_via``), so the outbox
tells "printed to the server console — not delivered" from "sent by SMTP to …" even after
the setting changed. The default ``console://`` delivers nothing: a bare "Sent" misled.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

#: ``Message.last_error`` when a sender died mid-send: stored in English by the worker (no
#: reader's language there), shown in the reader's by ``delivery_error_words``.
SENDER_STOPPED = gettext_noop("The sender stopped while sending this message; it may have "
                              "been delivered.")

_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend": "console",
    "django.core.mail.backends.filebased.EmailBackend": "file",
    "django.core.mail.backends.smtp.EmailBackend": "smtp",
    "django.core.mail.backends.locmem.EmailBackend": "memory",
    "django.core.mail.backends.dummy.EmailBackend": "dummy",
}


def delivery_route() -> str:
    """The route of the current mail setting: "console", "file:<dir>", "smtp:<host>:<port>",
    "memory", "dummy", or "other:<backend>"."""
    kind = _BACKENDS.get(settings.EMAIL_BACKEND)
    if kind == "file":
        return f"file:{getattr(settings, 'EMAIL_FILE_PATH', '')}"
    if kind == "smtp":
        return f"smtp:{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return kind or f"other:{settings.EMAIL_BACKEND}"


def delivery_words(route: str) -> str:
    """A route in words, for the outbox ("" for a message sent before routes were kept)."""
    kind, _sep, where = route.partition(":")
    if kind == "console":
        return _("Printed to the server console — not delivered")
    if kind == "file":
        return _("Written to a file in %(dir)s — not delivered") % {"dir": where}
    if kind == "smtp":
        return _("Sent by SMTP to %(server)s") % {"server": where}
    if kind == "memory":
        return _("Kept in memory (tests) — not delivered")
    if kind == "dummy":
        return _("Thrown away by the mail setting — not delivered")
    if kind == "other":
        return _("Handed to %(backend)s") % {"backend": where}
    return ""


def delivers() -> bool:
    """Whether the current setting delivers mail to people (SMTP or another real backend)."""
    return delivery_route().partition(":")[0] in ("smtp", "other")


def delivery_error_words(error: str) -> str:
    """A message's last error for the outbox: our own notice in the reader's language; a
    mail server's answer as it came (it is the server's, and searchable as such)."""
    return _(SENDER_STOPPED) if error == SENDER_STOPPED else error
