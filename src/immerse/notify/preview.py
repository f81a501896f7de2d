"""Showing a rendered e-mail inside a page: its HTML part in a sandboxed frame.

The site's policy forbids inline styles, and a ``srcdoc`` frame inherits the page's policy;
mail HTML is all inline styles (mail clients ignore style sheets). A page that shows one
allows exactly the style attributes of that HTML by their hashes ('unsafe-hashes'), and
nothing else: the organizer's and attendees' words inside it are escaped text.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re

from django.conf import settings
from django.http import HttpResponse

_STYLE = re.compile(r'\sstyle="([^"]*)"')


def style_hashes(html: str) -> list[str]:
    found = {html_lib.unescape(value) for value in _STYLE.findall(html)}
    return sorted("'sha256-" + base64.b64encode(hashlib.sha256(value.encode()).digest())
                  .decode() + "'" for value in found)


def allow_mail_styles(response: HttpResponse, *htmls: str) -> HttpResponse:
    """The site's policy, plus the inline styles of ``htmls`` (shown in srcdoc frames)."""
    hashes = sorted({h for html in htmls for h in style_hashes(html)})
    policy = settings.CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", "style-src 'self' 'unsafe-hashes' " + " ".join(hashes))
    response.headers["Content-Security-Policy"] = policy
    return response
