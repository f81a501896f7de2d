"""Mastodon statuses (the REST API's Status entity, e.g. a hashtag timeline dump).

Identity is per instance on Mastodon: a status's ``id`` and an account's bare ``acct`` are
what the instance *read* calls them. So a post is keyed by its ``uri`` (the same status
read through two instances is one post; two statuses sharing a local id are two), and a
local account is named with its instance (``acct@host``, the host of the account's own
address: for a local account, the instance read). The local id stays as ``local_id``
(``host/id``), which a reply's ``in_reply_to_id`` names its parent by.

>>> status = {"id": "7", "uri": "https://events.example/users/sm20/statuses/7",
...     "created_at": "2027-03-15T09:00:00Z", "content": "<p>Hi</p>",
...     "spoiler_text": "spoilers", "sensitive": True,
...     "account": {"id": "1", "acct": "sm20", "url": "https://events.example/@sm20"}}
>>> r = record_from_status(status, instance="events.example")
>>> r.source_id
'https://events.example/users/sm20/statuses/7'
>>> r.author, r.local_id, r.content_warning
('sm20@events.example', 'events.example/7', 'spoilers')
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
    tags_of,
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


def _host(url: object) -> str | None:
    text = text_or_none(url)
    if text is None or "://" not in text:
        return None
    host = text.split("://", 1)[1].split("/", 1)[0].split("@")[-1].lower()
    return host or None


def qualified_acct(account: Mapping[str, Any], instance: str | None) -> str:
    """``acct`` with its instance: local accounts have none in the API (``sm20`` on
    events.example is ``sm20@events.example`` everywhere else). The host is that of the
    account's own address, which for a local account is the instance read (``instance``
    when the address is missing)."""
    acct = str(account.get("acct") or account.get("username") or "").lstrip("@")
    if "@" in acct or not acct:
        return acct
    host = _host(account.get("url")) or _host(account.get("uri")) or instance
    return f"{acct}@{host}" if host else acct


def record_from_status(obj: Mapping[str, Any], *, instance: str | None = None) -> PostRecord:
    """One Mastodon status read through ``instance`` (a host; None: unknown, as in a file).

    A boost (``reblog``) is a repost carrying the original's text; a status quoting another
    (``quote``) is a quote.
    """
    account = obj.get("account")
    if not isinstance(account, Mapping) or not account.get("acct"):
        raise RecordProblem("missing field 'account.acct'")
    status_id = text_or_none(obj.get("id"))
    if status_id is None:
        raise RecordProblem("missing field 'id'")
    reblog = obj.get("reblog")
    shown = reblog if isinstance(reblog, Mapping) else obj
    text = html_to_text(str(shown.get("content") or ""))
    local = f"{instance}/" if instance else ""
    mentioned = {str(m.get("id")): qualified_acct(m, instance)
                 for m in shown.get("mentions") or () if isinstance(m, Mapping) and m.get("acct")}
    reply_to = text_or_none(obj.get("in_reply_to_id"))
    reply_author, reply_author_id = _replied_author(obj, account, mentioned, instance)
    warning = text_or_none(shown.get("spoiler_text"))
    quoted = _quoted(shown)
    kind = ("repost" if isinstance(reblog, Mapping) else "reply" if reply_to
            else "quote" if quoted is not None else "post")
    return PostRecord(
        source=SOURCE,
        source_id=text_or_none(obj.get("uri")) or f"{local}{status_id}",
        # A status's uri is on its author's instance: the host when the account has none.
        author=qualified_acct(account, _host(obj.get("uri")) or instance),
        text=text,
        created_at=parse_timestamp(obj.get("created_at")),
        reply_to_id=f"{local}{reply_to}" if reply_to else None,
        reply_to_author=reply_author,
        url=text_or_none(obj.get("url")) or text_or_none(obj.get("uri")),
        hashtags=tags_of(t.get("name") for t in shown.get("tags") or ()
                         if isinstance(t, Mapping)) or extract_hashtags(text),
        mentions=tuple(dict.fromkeys(mentioned.values())),
        lang=text_or_none(obj.get("language")),
        raw_kind=kind,
        content_warning=warning,
        sensitive=bool(warning) or shown.get("sensitive") is True,
        attachments=_attachments(shown) + ((("quote", quoted),) if quoted else ()),
        local_id=f"{local}{status_id}",
        author_id=f"{local}accounts/{account.get('id')}" if account.get("id") else None,
        reply_to_author_id=reply_author_id,
    )


def _replied_author(obj: Mapping[str, Any], account: Mapping[str, Any],
                    mentioned: Mapping[str, str], instance: str | None
                    ) -> tuple[str | None, str | None]:
    """Who a reply answers: a handle when the status names it (a mention, or the author
    in a thread of their own), else the account's id (``host/accounts/id``)."""
    replied = text_or_none(obj.get("in_reply_to_account_id"))
    if replied is None:
        return None, None
    if replied == str(account.get("id")):
        return qualified_acct(account, instance), None
    if replied in mentioned:
        return mentioned[replied], None
    return None, f"{instance}/accounts/{replied}" if instance else f"accounts/{replied}"


def _attachments(status: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """What people wrote beside the text: poll options, media descriptions."""
    found: list[tuple[str, str]] = []
    poll = status.get("poll")
    if isinstance(poll, Mapping):
        found += [("poll", title) for option in poll.get("options") or ()
                  if isinstance(option, Mapping)
                  and (title := text_or_none(option.get("title")))]
    found += [("alt", alt) for media in status.get("media_attachments") or ()
              if isinstance(media, Mapping) and (alt := text_or_none(media.get("description")))]
    return tuple(found)


def _quoted(status: Mapping[str, Any]) -> str | None:
    """The address of the status quoted ('' when not shown), None when none is: Mastodon
    4.4's ``quote`` (a Quote entity with ``quoted_status``), or a Status as forks send it."""
    quote = status.get("quote")
    if not isinstance(quote, Mapping):
        return None
    inner = quote.get("quoted_status") if "quoted_status" in quote or "state" in quote \
        else quote
    if not isinstance(inner, Mapping):  # pending, deleted, refused: still a quote
        return ""
    return text_or_none(inner.get("url")) or text_or_none(inner.get("uri")) or ""
