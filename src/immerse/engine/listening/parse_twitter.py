"""Twitter/X shapes: API v1.1 statuses, API v2 tweets (plain, twarc2 pages, twarc2
flattened) and rtweet exports such as the useR! 2019 JSONL.

Every function here maps one decoded JSON object to records; ``records_from_object`` picks
the shape. All tweets share ``source="twitter"`` so one tweet seen in two exports dedups.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from immerse.engine.listening.records import (
    PostRecord,
    RecordProblem,
    extract_hashtags,
    extract_mentions,
    parse_timestamp,
    text_or_none,
)

SOURCE = "twitter"
JsonObject = Mapping[str, Any]


def _status_url(author: str, tweet_id: str) -> str:
    return f"https://twitter.com/{author}/status/{tweet_id}"


def _require(obj: JsonObject, key: str) -> Any:
    value = obj.get(key)
    if value is None or value == "":
        raise RecordProblem(f"missing field {key!r}")
    return value


def _entity_texts(entities: Any, kind: str, key: str) -> tuple[str, ...]:
    # orjson gives plain dicts: isinstance(…, dict) is several times cheaper than Mapping.
    if not isinstance(entities, dict):
        return ()
    items = entities.get(kind)
    if not items:
        return ()
    texts = [str(e[key]) for e in items if isinstance(e, dict) and key in e]
    return tuple(dict.fromkeys(texts)) if len(texts) > 1 else tuple(texts)


def _kind(*, repost: bool, reply: bool, quote: bool) -> str:
    """The post's place in its thread; a repost of a reply is a repost."""
    if repost:
        return "repost"
    if reply:
        return "reply"
    return "quote" if quote else "post"


def record_from_v1(obj: JsonObject) -> PostRecord:
    """A v1.1 status (REST, search, streaming or twarc1), extended text preferred."""
    user = obj.get("user")
    if not isinstance(user, dict):
        raise RecordProblem("missing field 'user'")
    author = str(_require(user, "screen_name"))
    tweet_id = text_or_none(obj.get("id_str")) or str(_require(obj, "id"))
    extended = obj.get("extended_tweet")
    source_obj = extended if isinstance(extended, dict) else obj
    text = source_obj.get("full_text") or source_obj.get("text") or obj.get("text") or ""
    entities = source_obj.get("entities") or obj.get("entities")
    reply_to = text_or_none(obj.get("in_reply_to_status_id_str")) or text_or_none(
        obj.get("in_reply_to_status_id")
    )
    kind = _kind(repost=bool(obj.get("retweeted_status")), reply=bool(reply_to),
                 quote=bool(obj.get("is_quote_status")))
    return PostRecord(
        source=SOURCE,
        source_id=tweet_id,
        author=author,
        text=str(text),
        created_at=parse_timestamp(obj.get("created_at")),
        reply_to_id=reply_to,
        reply_to_author=text_or_none(obj.get("in_reply_to_screen_name")),
        url=_status_url(author, tweet_id),
        hashtags=_entity_texts(entities, "hashtags", "text") or extract_hashtags(str(text)),
        mentions=_entity_texts(entities, "user_mentions", "screen_name")
        or extract_mentions(str(text)),
        lang=text_or_none(obj.get("lang")),
        raw_kind=kind,
    )


def record_from_v2(obj: JsonObject, usernames: Mapping[str, str]) -> PostRecord:
    """A v2 tweet; ``usernames`` maps author ids to handles (from ``includes.users``).

    twarc2's flattened lines embed ``author`` and ``in_reply_to_user`` objects instead.
    """
    tweet_id = str(_require(obj, "id"))
    author_id = str(_require(obj, "author_id"))
    embedded = obj.get("author")
    author = (
        str(embedded["username"])
        if isinstance(embedded, Mapping) and "username" in embedded
        else usernames.get(author_id)
    )
    if author is None:
        raise RecordProblem(f"author_id {author_id} not in includes.users")
    references = {
        str(ref.get("type")): str(ref.get("id"))
        for ref in obj.get("referenced_tweets") or ()
        if isinstance(ref, Mapping)
    }
    reply_user = text_or_none(obj.get("in_reply_to_user_id"))
    embedded_reply = obj.get("in_reply_to_user")
    reply_author = (
        str(embedded_reply["username"])
        if isinstance(embedded_reply, Mapping) and "username" in embedded_reply
        else usernames.get(reply_user or "")
    )
    kind = next(
        (
            k
            for t, k in (("retweeted", "repost"), ("replied_to", "reply"), ("quoted", "quote"))
            if t in references
        ),
        "post",
    )
    text = str(obj.get("text") or "")
    entities = obj.get("entities")
    return PostRecord(
        source=SOURCE,
        source_id=tweet_id,
        author=author,
        text=text,
        created_at=parse_timestamp(obj.get("created_at")),
        reply_to_id=references.get("replied_to"),
        reply_to_author=reply_author,
        url=_status_url(author, tweet_id),
        hashtags=_entity_texts(entities, "hashtags", "tag") or extract_hashtags(text),
        mentions=_entity_texts(entities, "mentions", "username") or extract_mentions(text),
        lang=text_or_none(obj.get("lang")),
        raw_kind=kind,
    )


def record_from_rtweet(obj: JsonObject) -> PostRecord:
    """An rtweet row as JSON (the useR! 2019 export): flat columns, lists for entities."""
    tweet_id = str(_require(obj, "status_id"))
    author = str(_require(obj, "screen_name"))
    text = str(obj.get("text") or "")
    reply_to = text_or_none(obj.get("reply_to_status_id"))
    hashtags = tuple(str(h) for h in obj.get("hashtags") or () if h)
    mentions = tuple(str(m) for m in obj.get("mentions_screen_name") or () if m)
    kind = _kind(repost=bool(obj.get("is_retweet")), reply=bool(reply_to),
                 quote=bool(obj.get("is_quote")))
    return PostRecord(
        source=SOURCE,
        source_id=tweet_id,
        author=author,
        text=text,
        created_at=parse_timestamp(obj.get("created_at")),
        reply_to_id=reply_to,
        reply_to_author=text_or_none(obj.get("reply_to_screen_name")),
        url=_status_url(author, tweet_id),
        hashtags=hashtags or extract_hashtags(text),
        mentions=mentions or extract_mentions(text),
        lang=text_or_none(obj.get("lang")),
        raw_kind=kind,
    )


def _usernames(includes: Any) -> dict[str, str]:
    if not isinstance(includes, Mapping):
        return {}
    return {
        str(u["id"]): str(u["username"])
        for u in includes.get("users") or ()
        if isinstance(u, Mapping) and "id" in u and "username" in u
    }


def records_from_object(obj: JsonObject) -> list[PostRecord]:
    """Records from one JSON object of any Twitter shape (a page gives many).

    Raises ``RecordProblem`` for an object of no known shape or a bad field; one bad tweet
    fails its whole page, so a line is taken entirely or not at all.
    """
    # Single tweets first: they are the bulk of any stream.
    if "user" in obj and ("id_str" in obj or "id" in obj):
        return [record_from_v1(obj)]
    if "status_id" in obj:
        return [record_from_rtweet(obj)]
    if "author_id" in obj:
        return [record_from_v2(obj, {})]
    if "data" in obj:  # v2 response or twarc2 page: data + includes
        usernames = _usernames(obj.get("includes"))
        data = obj["data"]
        tweets = data if isinstance(data, list) else [data]
        if not all(isinstance(tweet, Mapping) for tweet in tweets):
            raise RecordProblem("'data' holds a non-object")
        return [record_from_v2(tweet, usernames) for tweet in tweets]
    if "statuses" in obj:  # v1.1 search response
        return [record_from_v1(status) for status in obj["statuses"] or ()]
    raise RecordProblem("not a known post shape (Twitter v1.1/v2, twarc, rtweet, Mastodon)")
