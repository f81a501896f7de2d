"""Reading what reached the test SMTP server: the parts of a message and the links in it."""

from __future__ import annotations

import re
from email.message import EmailMessage
from urllib.parse import urlsplit

from immerse.notify.services import messages_send


def deliver(smtp_server) -> list[EmailMessage]:
    """Send what is queued through the real sender to the loopback server; what arrived."""
    before = len(smtp_server.received)
    messages_send()
    return smtp_server.received[before:]


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def html_of(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content().replace("\r\n", "\n")


def links_in(message: EmailMessage) -> list[str]:
    """The site paths the plain-text part links to, in order (for Django's test client)."""
    return [urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
            for url in re.findall(r"https?://\S+", text_of(message))]
