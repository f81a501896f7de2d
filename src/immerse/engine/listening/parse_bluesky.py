"""Bluesky posts: the ``postView`` objects of ``app.bsky.feed.searchPosts`` (and of feeds).

A post's id is its ``at://`` URI, so replies link across one import by ``record.reply.parent``;
the parent's author is the DID in that URI (``reply_to_author_id``), named by handle when the
post says it (a thread of the author's own, a mention). Embeds count too: a link card's
address, images' descriptions, and a quoted post (an embedded *post* record: a feed or a
list embedded is not a quote). Self-labels and labels such as ``nudity`` mark it sensitive.
Rich text comes with *facets* over UTF-8 byte ranges: hashtags and mentions are read from
them (a Bluesky handle is a domain, which the plain-text mention pattern would cut at the
first dot), and the display text of a link (``example.org/long-pa…``) is replaced by the
full URI so that top links count real addresses.

>>> view = {"uri": "at://did:plc:ana/app.bsky.feed.post/3kx", "cid": "c",
...         "author": {"did": "did:plc:ana", "handle": "ana.bsky.social"},
...         "record": {"text": "Hi @bob.example #msm", "createdAt": "2027-03-15T09:00:00Z",
...                    "facets": [
...             {"index": {"byteStart": 3, "byteEnd": 15},
...              "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "d"}]},
...             {"index": {"byteStart": 16, "byteEnd": 20},
...              "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "msm"}]}]}}
>>> r = record_from_post_view(view)
>>> r.author, r.hashtags, r.mentions, r.url
('ana.bsky.social', ('msm',), ('bob.example',), 'https://bsky.app/profile/ana.bsky.social/post/3kx')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from immerse.engine.listening.records import (
    PostRecord,
    RecordProblem,
    extract_hashtags,
    normalise_tag,
    parse_timestamp,
    text_or_none,
)

SOURCE = "bluesky"
_FACET = "app.bsky.richtext.facet#"
_POST = "/app.bsky.feed.post/"
#: Label values that hide a post behind a warning in Bluesky's own app.
SENSITIVE_LABELS = frozenset({"porn", "sexual", "nudity", "graphic-media", "gore", "!warn"})


def is_bluesky_object(obj: Mapping[str, Any]) -> bool:
    uri = obj.get("uri")
    return isinstance(uri, str) and uri.startswith("at://") and "record" in obj


def record_from_post_view(obj: Mapping[str, Any]) -> PostRecord:
    """One ``app.bsky.feed.defs#postView`` as a record."""
    uri = text_or_none(obj.get("uri"))
    if uri is None or not uri.startswith("at://"):
        raise RecordProblem("missing or non-at:// field 'uri'")
    author = obj.get("author")
    if not isinstance(author, Mapping) or not (author.get("handle") or author.get("did")):
        raise RecordProblem("missing field 'author.handle'")
    handle = str(author.get("handle") or "")
    if not handle or handle == "handle.invalid":
        handle = str(author.get("did"))
    record = obj.get("record")
    if not isinstance(record, Mapping):
        raise RecordProblem("missing field 'record'")
    raw_text = record.get("text")
    if raw_text is not None and not isinstance(raw_text, str):
        raise RecordProblem(f"record.text is {type(raw_text).__name__}, not text")
    facets = record.get("facets")
    if not isinstance(facets, list):
        facets = []
    text, tags, mentions, mentioned_dids = _apply_facets(raw_text or "", facets)
    reply = record.get("reply")
    parent = reply.get("parent") if isinstance(reply, Mapping) else None
    reply_to = text_or_none(parent.get("uri")) if isinstance(parent, Mapping) else None
    did = text_or_none(author.get("did"))
    parent_did = _did_of(reply_to)
    reply_author = (handle if parent_did and parent_did == did
                    else mentioned_dids.get(parent_did or ""))
    embed = obj.get("embed") if isinstance(obj.get("embed"), Mapping) else record.get("embed")
    attachments, quoted = _embedded(embed)
    warnings = _labels(obj.get("labels")) + _labels(record.get("labels"))
    langs = record.get("langs")
    return PostRecord(
        source=SOURCE,
        source_id=uri,
        author=handle,
        text=text,
        created_at=parse_timestamp(record.get("createdAt") or obj.get("indexedAt")),
        reply_to_id=reply_to,
        reply_to_author=reply_author,
        url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}",
        hashtags=tags or extract_hashtags(text),
        mentions=mentions,
        lang=str(langs[0]) if isinstance(langs, list) and langs else None,
        raw_kind="reply" if reply_to else "quote" if quoted else "post",
        content_warning=", ".join(dict.fromkeys(warnings)) or None,
        sensitive=bool(warnings),
        attachments=attachments,
        author_id=did,
        reply_to_author_id=parent_did if reply_to and reply_author is None else None,
    )


def _did_of(uri: str | None) -> str | None:
    if not uri or not uri.startswith("at://did:"):
        return None
    return uri.removeprefix("at://").split("/", 1)[0]


def _labels(labels: object) -> list[str]:
    """Warning labels of a post view's ``labels`` or a record's ``selfLabels``."""
    if isinstance(labels, Mapping):
        labels = labels.get("values")
    if not isinstance(labels, list):
        return []
    return [str(label["val"]) for label in labels if isinstance(label, Mapping)
            and label.get("val") in SENSITIVE_LABELS and not label.get("neg")]


def _embedded(embed: object) -> tuple[tuple[tuple[str, str], ...], bool]:
    """An embed's text (link card address, images' alt, the quoted post) and whether it
    quotes a post. Reads the view (``…#view``) and the record's own form alike."""
    if not isinstance(embed, Mapping):
        return (), False
    kind = str(embed.get("$type", "")).removeprefix("app.bsky.embed.").split("#")[0]
    found: list[tuple[str, str]] = []
    if kind == "recordWithMedia":
        media, _ = _embedded(embed.get("media"))
        quote, quoted = _embedded({"$type": "app.bsky.embed.record",
                                   "record": embed.get("record")})
        return media + quote, quoted
    if kind == "record":
        inner = embed.get("record")
        # The view nests the post once more ({"record": {"record": viewRecord}}) in
        # recordWithMedia; a plain record embed is {"record": viewRecord or strongRef}.
        if isinstance(inner, Mapping) and isinstance(inner.get("record"), Mapping) \
                and "uri" not in inner:
            inner = inner["record"]
        uri = text_or_none(inner.get("uri")) if isinstance(inner, Mapping) else None
        if uri and _POST in uri:
            return (("quote", uri),), True
        return (), False
    if kind == "external" and isinstance(embed.get("external"), Mapping):
        link = text_or_none(embed["external"].get("uri"))
        if link and link.startswith(("https://", "http://")):
            found.append(("link", link))
    for image in embed.get("images") or () if kind == "images" else ():
        if isinstance(image, Mapping) and (alt := text_or_none(image.get("alt"))):
            found.append(("alt", alt))
    if kind == "video" and (alt := text_or_none(embed.get("alt"))):
        found.append(("alt", alt))
    return tuple(found), False


def _apply_facets(text: str, facets: Sequence[object]
                  ) -> tuple[str, tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """The text with links spelled out, the tags and mentioned handles of its facets, and
    the mentioned handles by DID.

    Byte ranges that are out of bounds or overlap (clients do send such) are ignored.
    """
    data = text.encode("utf-8")
    tags: list[str] = []
    mentions: list[str] = []
    by_did: dict[str, str] = {}
    links: list[tuple[int, int, str]] = []
    for facet in facets:
        if not isinstance(facet, Mapping) or not isinstance(facet.get("index"), Mapping):
            continue
        start, end = facet["index"].get("byteStart"), facet["index"].get("byteEnd")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(data)):
            continue
        for feature in facet.get("features") or ():
            if not isinstance(feature, Mapping):
                continue
            kind = str(feature.get("$type", "")).removeprefix(_FACET)
            if kind == "tag" and (tag := normalise_tag(str(feature.get("tag") or ""))):
                tags.append(tag)
            elif kind == "mention":
                name = data[start:end].decode("utf-8", errors="replace").lstrip("@").strip()
                if name:
                    mentions.append(name)
                    if isinstance(feature.get("did"), str):
                        by_did[feature["did"]] = name
            elif kind == "link" and isinstance(feature.get("uri"), str):
                links.append((start, end, feature["uri"]))
    for start, end, uri in sorted(links, reverse=True):  # from the end: offsets stay valid
        if all(end <= s or start >= e for s, e, _ in links if (s, e) != (start, end)):
            data = data[:start] + uri.encode("utf-8") + data[end:]
    return (data.decode("utf-8", errors="replace"), tuple(dict.fromkeys(tags)),
            tuple(dict.fromkeys(mentions)), by_did)
