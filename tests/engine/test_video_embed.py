"""Only allow-listed video services are embedded, at their player address."""

from __future__ import annotations

import pytest

from immerse.engine.video_embed import video_embed_url


@pytest.mark.parametrize(("url", "embed"), [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    ("https://www.youtube.com/live/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
    ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
    ("https://example.org/watch?v=dQw4w9WgXcQ", None),
    ("javascript:alert(1)//youtu.be/abcdefg", None),
    ("https://youtu.be/<script>", None),
    ("https://www.youtube.com/channel/UC123", None),
])
def test_video_embed_url(url: str, embed: str | None) -> None:
    assert video_embed_url(url) == embed
