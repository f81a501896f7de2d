"""Mastodon statuses (the REST API's Status entity, e.g. a hashtag timeline dump).

Ids are the instance-local ``id`` values the API returned, so ``in_reply_to_id`` links
within one import; import one instance's timeline per source.
"""

from __future__ import annotations

from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from immerse.engine.listening.records import (
    PostRecord,
    RecordProblem,
    extract_hashtags,
    parse_timestamp,
    text_or_none,
)

SOURCE = "mastodon"
_BLOCKS = {"p", "br", "li", "blockquote", "div"}


class _TextOfHtml(HTMLParser):
    """Visible text of a status's HTML, with a line break per paragraph or <br>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of Mastodon's HTML content.

    >>> html_to_text('<p>Hi <span class="h-card"><a href="x">@<span>ana</span></a></span>'
    ...              ' &amp; all</p><p>#fedi</p>')
    'Hi @ana & all\\n#fedi'
    """
    if "<" not in markup and "&" not in markup:
        return markup
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts).strip()


def is_mastodon_object(obj: Mapping[str, Any]) -> bool:
    return "account" in obj and "content" in obj


def record_from_status(obj: Mapping[str, Any]) -> PostRecord:
    """One Mastodon status; a boost (``reblog``) is a repost carrying the original's text."""
    account = obj.get("account")
    if not isinstance(account, Mapping) or not account.get("acct"):
        raise RecordProblem("missing field 'account.acct'")
    status_id = text_or_none(obj.get("id"))
    if status_id is None:
        raise RecordProblem("missing field 'id'")
    reblog = obj.get("reblog")
    shown = reblog if isinstance(reblog, Mapping) else obj
    text = html_to_text(str(shown.get("content") or ""))
    mentions = tuple(
        str(m["acct"])
        for m in shown.get("mentions") or ()
        if isinstance(m, Mapping) and "acct" in m
    )
    reply_account = text_or_none(obj.get("in_reply_to_account_id"))
    reply_author = next(
        (
            str(m["acct"])
            for m in obj.get("mentions") or ()
            if isinstance(m, Mapping) and reply_account and str(m.get("id")) == reply_account
        ),
        None,
    )
    reply_to = text_or_none(obj.get("in_reply_to_id"))
    tags = tuple(str(t["name"]) for t in shown.get("tags") or () if isinstance(t, Mapping))
    kind = "repost" if isinstance(reblog, Mapping) else "reply" if reply_to else "post"
    return PostRecord(
        source=SOURCE,
        source_id=status_id,
        author=str(account["acct"]),
        text=text,
        created_at=parse_timestamp(obj.get("created_at")),
        reply_to_id=reply_to,
        reply_to_author=reply_author,
        url=text_or_none(obj.get("url")) or text_or_none(obj.get("uri")),
        hashtags=tags or extract_hashtags(text),
        mentions=mentions,
        lang=text_or_none(obj.get("language")),
        raw_kind=kind,
    )
