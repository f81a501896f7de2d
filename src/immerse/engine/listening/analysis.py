"""Dashboard aggregates over ``PostColumns``: volume, voices, hashtags, conversations, mood.

Every function is a handful of ``bincount``/``unique`` calls over whole columns (no
per-post Python loop), so a million posts take well under a second.

>>> from immerse.engine.listening.columns import columns_from_rows
>>> c = columns_from_rows(ids=["1", "2", "3"], authors=["ana", "bob", "ana"],
...     created=[0, 30, 4000], texts=["#r hi @bob", "@ana yes", "#R bye"],
...     reply_to_ids=[None, "1", None], mentions=[["bob"], ["ana"], []],
...     hashtags=[["r"], [], ["R"]])
>>> volume_over_time(c, bucket_seconds=3600).counts.tolist()
[2, 1]
>>> top_hashtags(c)
[('r', 2)]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from immerse.engine.listening.columns import PostColumns

Int64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Volume:
    """Posts per time bucket; ``bucket_start`` in epoch seconds, empty buckets included."""

    bucket_start: Int64
    counts: Int64
    originals: Int64  # counts without reposts


def volume_over_time(
    columns: PostColumns, *, bucket_seconds: int = 3600, origin: int | None = None,
    until: int | None = None,
) -> Volume:
    """Post counts per ``bucket_seconds`` from ``origin`` (default: first post's bucket)
    up to the last post before ``until`` (epoch seconds; posts from then on are left out,
    so that one post dated 9999 cannot ask for millions of buckets)."""
    if len(columns) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Volume(empty, empty, empty)
    start = int(columns.created.min()) if origin is None else origin
    start -= start % bucket_seconds if origin is None else 0
    bucket = (columns.created - start) // bucket_seconds
    keep = bucket >= 0
    if until is not None:
        keep &= columns.created < until
    size = int(bucket[keep].max()) + 1 if keep.any() else 0
    counts = np.bincount(bucket[keep], minlength=size).astype(np.int64)
    originals = np.bincount(bucket[keep & ~columns.is_repost], minlength=size).astype(np.int64)
    return Volume(start + np.arange(size, dtype=np.int64) * bucket_seconds, counts, originals)


@dataclass(frozen=True, slots=True)
class Voice:
    handle: str
    posts: int
    reposts_made: int
    replies_received: int
    mentions_received: int


def voice_counts(columns: PostColumns) -> dict[str, Int64]:
    """Per handle code: posts (originals), reposts made, replies and mentions received."""
    n = len(columns.handles)
    original = ~columns.is_repost
    replied = columns.reply_to_author[(columns.reply_to_author >= 0) & original]
    mention_rows = np.repeat(np.arange(len(columns)), np.diff(columns.mention_ptr))
    # A repost's mentions repeat the original's, so only original posts count.
    mentioned = columns.mention_code[original[mention_rows]]
    return {
        "posts": np.bincount(columns.author[original], minlength=n),
        "reposts_made": np.bincount(columns.author[columns.is_repost], minlength=n),
        "replies_received": np.bincount(replied, minlength=n),
        "mentions_received": np.bincount(mentioned, minlength=n),
    }


def top_voices(columns: PostColumns, *, limit: int = 10, by: str = "posts") -> list[Voice]:
    """The ``limit`` most active handles by ``posts``, ``replies_received``,
    ``mentions_received`` or ``reposts_made`` (ties broken by handle)."""
    counts = voice_counts(columns)
    if by not in counts:
        raise ValueError(f"by must be one of {sorted(counts)}, not {by!r}")
    names = np.array(columns.handles, dtype=object)
    order = np.lexsort((names, -counts[by]))[:limit]
    return [
        Voice(
            str(names[i]),
            *(
                int(counts[k][i])
                for k in ("posts", "reposts_made", "replies_received", "mentions_received")
            ),
        )
        for i in order
        if counts[by][i] > 0
    ]


def top_hashtags(
    columns: PostColumns, *, limit: int = 20, exclude: tuple[str, ...] = ()
) -> list[tuple[str, int]]:
    """Most used hashtags (case-folded) over all posts, the event's own tags excluded."""
    counts = np.bincount(columns.hashtag_code, minlength=len(columns.tags))
    skip = {t.lstrip("#").casefold() for t in exclude}
    tags = np.array(columns.tags, dtype=object)
    order = np.lexsort((tags, -counts))
    return [(str(tags[i]), int(counts[i])) for i in order if counts[i] > 0 and tags[i] not in skip][
        :limit
    ]


@dataclass(frozen=True, slots=True)
class Edges:
    """Who talks with whom: directed (source → target) handle codes with weights."""

    source: npt.NDArray[np.int32]
    target: npt.NDArray[np.int32]
    replies: Int64
    mentions: Int64

    @property
    def weight(self) -> Int64:
        return self.replies + self.mentions


def conversation_edges(columns: PostColumns, *, include_reposts: bool = False) -> Edges:
    """Reply and mention edges aggregated per ordered pair; self-edges dropped.

    A reply that also mentions its target counts once as a reply and once as a mention,
    matching what the two columns say; reposts are left out unless asked for.
    """
    keep = np.ones(len(columns), dtype=bool) if include_reposts else ~columns.is_repost
    n = np.int64(max(len(columns.handles), 1))
    is_reply = keep & (columns.reply_to_author >= 0)
    reply_keys = columns.author[is_reply].astype(np.int64) * n + columns.reply_to_author[is_reply]
    rows = np.repeat(np.arange(len(columns)), np.diff(columns.mention_ptr))
    mask = keep[rows]
    mention_keys = columns.author[rows[mask]].astype(np.int64) * n + columns.mention_code[mask]
    keys = np.concatenate([reply_keys, mention_keys])
    kinds = np.concatenate(
        [np.zeros(len(reply_keys), np.int64), np.ones(len(mention_keys), np.int64)]
    )
    keys, kinds = keys[keys // n != keys % n], kinds[keys // n != keys % n]
    pairs, inverse = np.unique(keys, return_inverse=True)
    replies = np.bincount(inverse, weights=kinds == 0, minlength=len(pairs)).astype(np.int64)
    mentions = np.bincount(inverse, weights=kinds == 1, minlength=len(pairs)).astype(np.int64)
    return Edges((pairs // n).astype(np.int32), (pairs % n).astype(np.int32), replies, mentions)


@dataclass(frozen=True, slots=True)
class SentimentSummary:
    """Label counts overall and per bucket (columns: negative, neutral, positive)."""

    totals: Int64  # (3,)
    bucket_start: Int64
    per_bucket: Int64  # (buckets, 3)
    unknown: int


def sentiment_summary(
    columns: PostColumns, *, bucket_seconds: int = 3600, include_reposts: bool = False
) -> SentimentSummary:
    """How the mood moves: counts of each label per time bucket (unlabelled posts apart)."""
    keep = np.ones(len(columns), dtype=bool) if include_reposts else ~columns.is_repost
    known = keep & (columns.sentiment >= 0)
    if not known.any():
        empty = np.zeros(0, dtype=np.int64)
        return SentimentSummary(
            np.zeros(3, np.int64), empty, np.zeros((0, 3), np.int64), int(keep.sum())
        )
    start = int(columns.created.min())
    start -= start % bucket_seconds
    bucket = (columns.created[known] - start) // bucket_seconds
    size = int(bucket.max()) + 1
    flat = np.bincount(bucket * 3 + columns.sentiment[known], minlength=size * 3)
    per_bucket = flat.reshape(size, 3).astype(np.int64)
    return SentimentSummary(
        totals=per_bucket.sum(axis=0),
        bucket_start=start + np.arange(size, dtype=np.int64) * bucket_seconds,
        per_bucket=per_bucket,
        unknown=int((keep & (columns.sentiment < 0)).sum()),
    )
