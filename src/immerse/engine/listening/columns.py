"""Posts as NumPy columns: the one input shape every listening analysis takes.

Handles and hashtags are case-folded and coded against a vocabulary; multi-valued fields
(mentions, hashtags) are CSR-style ``*_ptr``/``*_code`` pairs; ``reply_to`` is the row
index of the parent post, or -1 when there is none or it is not among the rows.

Build them with ``columns_from_rows`` from plain sequences (one ``values_list`` query on the
Django side) or with ``columns_from_records`` from parser output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from immerse.engine.listening.questions import question_mask
from immerse.engine.listening.records import PostRecord, handle_key

Int64 = npt.NDArray[np.int64]
Int32 = npt.NDArray[np.int32]
Bool = npt.NDArray[np.bool_]

#: Sentiment codes stored in ``PostColumns.sentiment``.
SENTIMENT_CODES = {"negative": 0, "neutral": 1, "positive": 2}
UNKNOWN = -1


@dataclass(frozen=True, slots=True)
class PostColumns:
    """n posts as aligned arrays (see the module docstring for the encoding)."""

    created: Int64  # epoch seconds, UTC
    author: Int32  # code into handles
    reply_to: Int64  # row of the parent post, -1 if none / outside
    reply_to_author: Int32  # code of the replied-to handle, -1 if none
    is_repost: Bool
    is_question: Bool
    sentiment: npt.NDArray[np.int8]  # SENTIMENT_CODES, -1 unknown
    mention_ptr: Int64  # (n + 1,) offsets into mention_code
    mention_code: Int32  # handle codes
    hashtag_ptr: Int64
    hashtag_code: Int32  # codes into tags
    handles: tuple[str, ...]
    tags: tuple[str, ...]
    texts: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.created.shape[0])

    def handle_codes(self, names: Iterable[str]) -> Int32:
        """Codes of the given handles that occur here, compared by ``handle_key``:
        '@' optional, case-folded, a Mastodon account with its instance
        (``@sm20@events.example`` is ``sm20@events.example``, never a ``sm20`` elsewhere)."""
        index = {h: i for i, h in enumerate(self.handles)}
        found = [index[key] for key in map(handle_key, names) if key in index]
        return np.array(sorted(set(found)), dtype=np.int32)


def _encode(values: Sequence[str]) -> tuple[Int32, list[str]]:
    """Codes in first-seen order (a dict is ~10x faster than np.unique on strings)."""
    index: dict[str, int] = {}
    codes = np.fromiter(
        (index.setdefault(v, len(index)) for v in values), dtype=np.int32, count=len(values)
    )
    return codes, list(index)


def _csr(lists: Sequence[Sequence[str]], index: dict[str, int]) -> tuple[Int64, Int32]:
    lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    ptr = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    flat = [index[v] for values in lists for v in values]
    return ptr, np.array(flat, dtype=np.int32)


def columns_from_rows(
    *,
    ids: Sequence[str],
    authors: Sequence[str],
    created: Sequence[int] | Int64,
    texts: Sequence[str],
    reply_to_ids: Sequence[str | None],
    reply_to_authors: Sequence[str | None] | None = None,
    kinds: Sequence[str] | None = None,
    mentions: Sequence[Sequence[str]] | None = None,
    hashtags: Sequence[Sequence[str]] | None = None,
    sentiments: Sequence[str | None] | None = None,
    questions: Sequence[bool] | None = None,
    local_ids: Sequence[str | None] | None = None,
    author_ids: Sequence[str | None] | None = None,
    reply_to_author_ids: Sequence[str | None] | None = None,
) -> PostColumns:
    """Columns from aligned plain sequences (ids unique; ``created`` in epoch seconds).

    A reply finds its parent by id or by the parent's ``local_ids`` entry (a Mastodon
    instance's own id); its target author is, in order: ``reply_to_authors``, the author
    whose ``author_ids`` entry is the reply's ``reply_to_author_ids`` entry (a Bluesky
    DID), the parent's author. So a reply to a known account counts even when the post
    it answers is not among the rows.

    ``questions`` is the stored ``is_question`` flag per post; when absent it is computed
    from the texts (the one per-text regex, ~7 µs a post).

    >>> c = columns_from_rows(ids=["1", "2"], authors=["Ana", "bob"], created=[0, 60],
    ...     texts=["Slides?", "@ana here"], reply_to_ids=[None, "1"], mentions=[[], ["ana"]])
    >>> c.handles, c.reply_to.tolist(), c.reply_to_author.tolist(), c.is_question.tolist()
    (('ana', 'bob'), [-1, 0], [-1, 0], [True, False])
    """
    n = len(ids)
    # Case-fold, then drop repeats within a post ('#ISMB … #ismb' counts once).
    mentions = [tuple(dict.fromkeys(m.casefold() for m in v)) for v in mentions or [()] * n]
    hashtags = [tuple(dict.fromkeys(t.casefold() for t in v)) for v in hashtags or [()] * n]
    reply_to_authors = reply_to_authors if reply_to_authors is not None else [None] * n
    kinds = kinds if kinds is not None else ["post"] * n
    row_of = {str(i): row for row, i in enumerate(ids)}
    for row, alias in enumerate(local_ids or ()):
        if alias:
            row_of.setdefault(alias, row)
    reply_to = np.fromiter(
        (row_of.get(str(r), -1) if r else -1 for r in reply_to_ids), dtype=np.int64, count=n
    )
    all_handles = [a.casefold() for a in authors]
    all_handles += [a.casefold() for a in reply_to_authors if a]
    all_handles += [m for values in mentions for m in values]
    codes, handles = _encode(all_handles)
    author = codes[:n]
    index = {h: i for i, h in enumerate(handles)}
    # A reply's target author: explicit, else the parent's author when the parent is here.
    reply_author = np.fromiter(
        (index[a.casefold()] if a else -1 for a in reply_to_authors), dtype=np.int32, count=n
    )
    if author_ids is not None and reply_to_author_ids is not None:
        by_id = {i: int(author[row]) for row, i in enumerate(author_ids) if i}
        for row, target in enumerate(reply_to_author_ids):
            if target and reply_author[row] < 0 and target in by_id:
                reply_author[row] = by_id[target]
    has_parent = (reply_to >= 0) & (reply_author < 0)
    reply_author[has_parent] = author[reply_to[has_parent]]
    tag_names = sorted({t for values in hashtags for t in values})
    mention_ptr, mention_code = _csr(mentions, index)
    hashtag_ptr, hashtag_code = _csr(hashtags, {t: i for i, t in enumerate(tag_names)})
    is_repost = np.array([k == "repost" for k in kinds], dtype=bool)
    sentiment = np.array(
        [SENTIMENT_CODES.get(s or "", UNKNOWN) for s in sentiments]
        if sentiments
        else [UNKNOWN] * n,
        dtype=np.int8,
    )
    return PostColumns(
        created=np.asarray(created, dtype=np.int64),
        author=author,
        reply_to=reply_to,
        reply_to_author=reply_author,
        is_repost=is_repost,
        is_question=(
            np.asarray(questions, dtype=bool) if questions is not None else question_mask(texts)
        )
        & ~is_repost,
        sentiment=sentiment,
        mention_ptr=mention_ptr,
        mention_code=mention_code,
        hashtag_ptr=hashtag_ptr,
        hashtag_code=hashtag_code,
        handles=tuple(handles),
        tags=tuple(tag_names),
        texts=tuple(texts),
    )


def epoch_seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def columns_from_records(
    records: Sequence[PostRecord], *, sentiments: Sequence[str] | None = None
) -> PostColumns:
    """Columns from parser output (duplicates by (source, source_id): first one kept)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for row, record in enumerate(records):
        key = (record.source, record.source_id)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    unique = [records[row] for row in kept]
    return columns_from_rows(
        ids=[r.source_id for r in unique],
        authors=[r.author for r in unique],
        created=np.array([epoch_seconds(r.created_at) for r in unique], dtype=np.int64),
        texts=[r.text for r in unique],
        reply_to_ids=[r.reply_to_id for r in unique],
        reply_to_authors=[r.reply_to_author for r in unique],
        kinds=[r.raw_kind for r in unique],
        mentions=[r.mentions for r in unique],
        hashtags=[r.hashtags for r in unique],
        sentiments=[sentiments[row] for row in kept] if sentiments is not None else None,
        local_ids=[r.local_id for r in unique],
        author_ids=[r.author_id for r in unique],
        reply_to_author_ids=[r.reply_to_author_id for r in unique],
    )
