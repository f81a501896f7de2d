"""Reading what the SMTP server received: parts, links, and links as test-client paths."""

from __future__ import annotations

import re
from email.message import EmailMessage

URL = re.compile(r"https?://[^\s<>\"')]+")


def text_of(mail: EmailMessage) -> str:
    return mail.get_body(("plain",)).get_content()


def html_of(mail: EmailMessage) -> str:
    return mail.get_body(("html",)).get_content()


def links(mail: EmailMessage) -> list[str]:
    return URL.findall(text_of(mail))


def local_path(url: str) -> str:
    """``http://host/path?q`` → ``/path?q``, to follow a mailed link with the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def link_to(mail: EmailMessage, fragment: str) -> str:
    """The path of the first link in the text part that contains ``fragment``."""
    found = [url for url in links(mail) if fragment in url]
    assert found, f"no link with {fragment!r} in:\n{text_of(mail)}"
    return local_path(found[0])
