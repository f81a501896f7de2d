"""Posts in the shapes the social web delivers them: Mastodon statuses, Bluesky post views,
RSS items. The demo's generated backchannel is built from these (and read back by the
real parsers), as are the recorded-service server of the tests and the polling benchmark.

Field for field as the services answer (Mastodon 4.x ``Status`` and ``Account`` entities,
Bluesky ``app.bsky.feed.defs#postView`` with its ``app.bsky.feed.post`` record and facets,
RSS 2.0 with ``dc:creator``), so that what works here works against the real services.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

_TOKEN = re.compile(r"(#\w+|@[\w.]+(?:@[\w.-]+\w)?|https?://\S+)")
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def _iso_ms(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.microsecond // 1000:03d}Z"


def status_id(moment: datetime, sequence: int) -> str:
    """A Mastodon snowflake id: milliseconds since the epoch, shifted 16 bits, + sequence."""
    return str((int(moment.timestamp() * 1000) << 16) | (sequence & 0xFFFF))


def _digest(*parts: object, size: int = 8) -> str:
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=size).hexdigest()


def mastodon_account(username: str, host: str, *, display_name: str = "",
                     home: str | None = None) -> dict[str, object]:
    """An ``Account`` as ``host`` shows it; ``home`` is the account's own instance
    (``acct`` is then ``user@home``, as for any remote account)."""
    origin = home or host
    return {
        "id": str(int(_digest(username, origin), 16) % 10**17 + 10**17),
        "username": username, "acct": username if origin == host else f"{username}@{origin}",
        "display_name": display_name or username, "locked": False, "bot": False,
        "discoverable": True, "indexable": True, "group": False,
        "created_at": "2022-11-07T00:00:00.000Z", "note": "<p></p>",
        "url": f"https://{origin}/@{username}", "uri": f"https://{origin}/users/{username}",
        "avatar": f"https://{host}/avatars/original/missing.png",
        "avatar_static": f"https://{host}/avatars/original/missing.png",
        "header": f"https://{host}/headers/original/missing.png",
        "header_static": f"https://{host}/headers/original/missing.png",
        "followers_count": 120, "following_count": 180, "statuses_count": 950,
        "last_status_at": "2027-03-15", "hide_collections": False, "emojis": [], "fields": [],
    }


def _mastodon_html(text: str, host: str, mentioned: dict[str, dict[str, object]]) -> str:
    """Mastodon's HTML for plain text: paragraphs, hashtag links, h-card mentions, links
    with their invisible scheme part."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        parts = []
        for piece in _TOKEN.split(paragraph):
            if piece.startswith("#") and len(piece) > 1:
                parts.append(f'<a href="https://{host}/tags/{escape(piece[1:].lower())}" '
                             f'class="mention hashtag" rel="tag">#<span>{escape(piece[1:])}'
                             "</span></a>")
            elif piece.startswith("@") and piece[1:] in mentioned:
                account = mentioned[piece[1:]]
                parts.append(f'<span class="h-card" translate="no"><a href="{account["url"]}" '
                             f'class="u-url mention">@<span>{escape(str(account["username"]))}'
                             "</span></a></span>")
            elif piece.startswith(("http://", "https://")):
                scheme, _, rest = piece.partition("://")
                parts.append(f'<a href="{escape(piece)}" target="_blank" rel="nofollow '
                             f'noopener" translate="no"><span class="invisible">{scheme}://'
                             f'</span><span class="">{escape(rest)}</span><span '
                             'class="invisible"></span></a>')
            else:
                parts.append(escape(piece).replace("\n", "<br />"))
        paragraphs.append(f"<p>{''.join(parts)}</p>")
    return "".join(paragraphs)


def mastodon_status(*, host: str, sequence: int, author: dict[str, object], text: str,
                    created_at: datetime, mentions: Sequence[dict[str, object]] = (),
                    in_reply_to: dict[str, object] | None = None, language: str = "en",
                    reblog: dict[str, object] | None = None) -> dict[str, object]:
    """A ``Status`` as ``GET /api/v1/timelines/tag/:hashtag`` on ``host`` returns it."""
    sid = status_id(created_at, sequence)
    by_acct = {str(m["acct"]): m for m in mentions}
    tags = list(dict.fromkeys(t[1:] for t in re.findall(r"#\w+", text)))
    status: dict[str, object] = {
        "id": sid, "created_at": _iso_ms(created_at),
        "in_reply_to_id": in_reply_to["id"] if in_reply_to else None,
        "in_reply_to_account_id": (in_reply_to["account"]["id"]  # type: ignore[index]
                                   if in_reply_to else None),
        "sensitive": False, "spoiler_text": "", "visibility": "public",
        "language": language if reblog is None else None,
        "uri": f"{author['uri']}/statuses/{sid}", "url": f"{author['url']}/{sid}",
        "replies_count": 0, "reblogs_count": 0, "favourites_count": 0, "quotes_count": 0,
        "edited_at": None, "content": "" if reblog else _mastodon_html(text, host, by_acct),
        "reblog": reblog, "application": {"name": "Web", "website": None} if not reblog
        else None,
        "account": author, "media_attachments": [],
        "mentions": [] if reblog else [
            {"id": m["id"], "username": m["username"], "url": m["url"], "acct": m["acct"]}
            for m in mentions],
        "tags": [] if reblog else [{"name": t.lower(), "url": f"https://{host}/tags/{t.lower()}"}
                                   for t in tags],
        "emojis": [], "card": None, "poll": None,
    }
    return status


def tid(moment: datetime, clock: int = 0) -> str:
    """A Bluesky record key (TID): microseconds and a clock id in sortable base32."""
    value = (int(moment.timestamp() * 1_000_000) << 10) | (clock & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def bluesky_author(handle: str, *, display_name: str = "") -> dict[str, object]:
    did = f"did:plc:{_digest(handle, size=12)}"
    return {"did": did, "handle": handle, "displayName": display_name or handle.split(".")[0],
            "avatar": f"https://cdn.bsky.app/img/avatar/plain/{did}/bafkrei{_digest(did)}@jpeg",
            "associated": {"chat": {"allowIncoming": "following"}}, "labels": [],
            "createdAt": "2023-05-02T10:00:00.000Z"}


def _facets(text: str) -> list[dict[str, object]]:
    """Rich-text facets over UTF-8 byte offsets: tags, mentions (by DID) and links."""
    facets: list[dict[str, object]] = []
    data = text.encode("utf-8")
    for match in _TOKEN.finditer(text):
        piece = match.group(0)
        start = len(text[:match.start()].encode("utf-8"))
        index = {"byteStart": start, "byteEnd": start + len(piece.encode("utf-8"))}
        if index["byteEnd"] > len(data):
            continue
        if piece.startswith("#"):
            feature = {"$type": "app.bsky.richtext.facet#tag", "tag": piece[1:]}
        elif piece.startswith("@"):
            feature = {"$type": "app.bsky.richtext.facet#mention",
                       "did": str(bluesky_author(piece[1:])["did"])}
        else:
            feature = {"$type": "app.bsky.richtext.facet#link", "uri": piece}
        facets.append({"$type": "app.bsky.richtext.facet", "index": index,
                       "features": [feature]})
    return facets


def bluesky_post(*, author: dict[str, object], text: str, created_at: datetime,
                 reply_to: dict[str, object] | None = None, root: dict[str, object] | None = None,
                 clock: int = 0, indexed_delay_seconds: int = 2) -> dict[str, object]:
    """A ``postView`` as ``app.bsky.feed.searchPosts`` returns it."""
    uri = f"at://{author['did']}/app.bsky.feed.post/{tid(created_at, clock)}"
    record: dict[str, object] = {"$type": "app.bsky.feed.post",
                                 "createdAt": _iso_ms(created_at), "langs": ["en"],
                                 "text": text}
    facets = _facets(text)
    if facets:
        record["facets"] = facets
    if reply_to is not None:
        parent = {"cid": reply_to["cid"], "uri": reply_to["uri"]}
        record["reply"] = {"parent": parent, "root": (
            {"cid": root["cid"], "uri": root["uri"]} if root else parent)}
    indexed = datetime.fromtimestamp(created_at.timestamp() + indexed_delay_seconds, UTC)
    return {"uri": uri, "cid": f"bafyrei{_digest(uri, size=24)}", "author": author,
            "record": record, "replyCount": 0, "repostCount": 0, "likeCount": 0,
            "quoteCount": 0, "indexedAt": _iso_ms(indexed), "labels": []}


def rss_feed(*, title: str, link: str, items: Sequence[dict[str, object]]) -> bytes:
    """An RSS 2.0 document; each item has title, link, author, published (aware
    datetime), summary and optionally categories."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">', "<channel>",
           f"<title>{xml_escape(title)}</title>", f"<link>{xml_escape(link)}</link>",
           f"<description>{xml_escape(title)}</description>"]
    for item in items:
        published = item["published"]
        assert isinstance(published, datetime)
        out += ["<item>", f"<title>{xml_escape(str(item['title']))}</title>",
                f"<link>{xml_escape(str(item['link']))}</link>",
                f'<guid isPermaLink="true">{xml_escape(str(item["link"]))}</guid>',
                f"<pubDate>{format_datetime(published.astimezone(UTC))}</pubDate>",
                f"<dc:creator>{xml_escape(str(item['author']))}</dc:creator>",
                f"<description>{xml_escape(str(item['summary']))}</description>"]
        out += [f"<category>{xml_escape(str(c))}</category>"
                for c in item.get("categories") or ()]  # type: ignore[attr-defined]
        out.append("</item>")
    out += ["</channel>", "</rss>"]
    return "\n".join(out).encode("utf-8")
