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
