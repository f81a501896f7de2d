"""Only http(s) links reach an href: a stored `javascript:` URL renders as no link at all."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

from immerse.engine.video_embed import video_embed_url

register = template.Library()
SAFE_SCHEMES = {"http", "https"}


def http_url_or_empty(value: object) -> str:
    url = str(value or "").strip()
    if url[:8].lower().startswith(("https://", "http://")):
        return url  # the common case, without urlsplit's cost (ingest calls this per post)
    return url if urlsplit(url).scheme.lower() in SAFE_SCHEMES else ""


register.filter("http_url", http_url_or_empty)


@register.filter("video_embed")
def video_embed(value: object) -> str:
    """The player address of an allow-listed video link (engine.video_embed), else ""."""
    return video_embed_url(str(value or "")) or ""
