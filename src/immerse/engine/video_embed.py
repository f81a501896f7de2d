"""Which live-video links a page may embed, and the player address to embed.

Only services on an allow-list are embedded (the site's Content-Security-Policy lists the
same player hosts in ``frame-src``); any other link stays a plain link.

>>> video_embed_url("https://youtu.be/dQw4w9WgXcQ")
'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
>>> video_embed_url("https://example.org/live") is None
True
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

__all__ = ["EMBED_HOSTS", "video_embed_url"]

#: The player hosts embedded pages come from (the CSP's ``frame-src``).
EMBED_HOSTS: tuple[str, ...] = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^[0-9]{3,15}$")


def _youtube_id(host: str, path: str, query: str) -> str | None:
    if host == "youtu.be":
        candidate = path.strip("/")
    elif host in ("youtube.com", "m.youtube.com"):
        parts = path.strip("/").split("/")
        if parts[0] == "watch":
            candidate = parse_qs(query).get("v", [""])[0]
        elif parts[0] in ("live", "embed", "shorts") and len(parts) == 2:
            candidate = parts[1]
        else:
            return None
    else:
        return None
    return candidate if _YOUTUBE_ID.match(candidate) else None


def video_embed_url(url: str) -> str | None:
    """The player URL to embed for a YouTube or Vimeo video link; None for anything else."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    video = _youtube_id(host, parts.path, parts.query)
    if video:
        return f"https://www.youtube-nocookie.com/embed/{video}"
    if host == "vimeo.com":
        candidate = parts.path.strip("/").split("/")[-1]
        if _VIMEO_ID.match(candidate):
            return f"https://player.vimeo.com/video/{candidate}"
    return None
