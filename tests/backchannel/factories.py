"""Backchannel records as the importers read them."""

from __future__ import annotations

import json


def tweet(n: int, text: str, *, reply_to: int | None = None, user: str = "ann",
          minute: int = 0) -> bytes:
    body = {"id_str": str(n), "full_text": text, "user": {"screen_name": user},
            "created_at": f"Mon Jul 15 10:{minute:02d}:00 +0000 2019",
            "in_reply_to_status_id_str": str(reply_to) if reply_to else None,
            "entities": {"hashtags": [{"text": "mobile"}], "user_mentions": []}}
    return json.dumps(body).encode() + b"\n"


def live_event(**fields):
    """An event happening today (so its listening window contains now)."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_event

    today = timezone.localdate()
    fields.setdefault("start_date", today)
    fields.setdefault("end_date", today + timedelta(days=1))
    fields.setdefault("time_zone", "UTC")
    return make_event(**fields)


def statuses(n: int, *, start, tag: str = "msm", host: str = "mastodon.example",
             texts=None, first: int = 0, step_seconds: int = 60) -> list[dict]:
    """``n`` Mastodon statuses with ``#tag``, one every ``step_seconds`` from ``start``."""
    from datetime import timedelta

    from immerse.demo.social_shapes import mastodon_account, mastodon_status

    made = []
    for i in range(first, first + n):
        author = mastodon_account(f"user{i % 7}", host)
        text = texts[i - first] if texts else f"Post {i} about the keynote #{tag}"
        made.append(mastodon_status(host=host, sequence=i, author=author, text=text,
                                    created_at=start + timedelta(seconds=step_seconds * i)))
    return made
