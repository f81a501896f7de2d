"""Ingest backchannel posts into an event: streamed in batches, deduplicated, idempotent.

Re-running an ingest (or retrying after a dropped connection) never duplicates a post: the
(event, source, source_id) constraint drops what is already there, and each batch is
retried on a fresh connection when the database goes away mid-ingest.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import chain
from typing import Any

import orjson
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, reset_queries, transaction
from django.utils import timezone

from immerse.backchannel.models import Post
from immerse.engine.listening.belonging import REASONS, Belonging, screen
from immerse.engine.listening.parse import parse_posts
from immerse.engine.listening.records import (
    ParseBatch,
    ParseProblem,
    PostRecord,
    extract_hashtags,
    extract_mentions,
)
from immerse.events.models import Event
from immerse.events.templatetags.links import http_url_or_empty

BATCH = 2000
#: How long one batch keeps retrying while the database is unreachable (a restart).
RETRY_SECONDS = 60.0


class IngestAborted(ValueError):
    """--strict ingest met a malformed record; nothing was written."""

    def __init__(self, problem: ParseProblem, source: str) -> None:
        super().__init__(f"{source}, line {problem.line}: {problem.reason}")
        self.problem = problem


@dataclass
class IngestReport:
    """What an ingest did: ``read`` posts were kept (``created`` new, ``duplicates``
    already stored); ``skipped`` counts the posts left out, by reason (empty text, outside
    the event window, …); ``problems`` lists the malformed records."""

    read: int = 0
    created: int = 0
    duplicates: int = 0
    problems: list[ParseProblem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        text = (f"{self.read} posts read, {self.created} new, {self.duplicates} already "
                f"there, {len(self.problems)} malformed record(s) skipped")
        if self.skipped:
            reasons = ", ".join(f"{self.skipped[r]} {r}" for r in REASONS if self.skipped[r])
            text += f"; {sum(self.skipped.values())} left out ({reasons})"
        return text

    def as_json(self, *, problems: int = 20) -> dict[str, Any]:
        """The report for a stored summary: counts, reasons, the first ``problems``."""
        return {"read": self.read, "created": self.created, "duplicates": self.duplicates,
                "skipped": {r: self.skipped[r] for r in REASONS if self.skipped[r]},
                "problem_count": len(self.problems),
                "problems": [{"line": p.line, "reason": p.reason}
                             for p in self.problems[:problems]]}


def _rows(event: Event, records: list[PostRecord]) -> list[Post]:
    """Model instances, for the few single posts saved through the ORM (notes)."""
    return [Post(event=event, **dict(zip(_FIELDS, values, strict=True)))
            for values in zip(*_columns(records), strict=True)]


#: One list per ``_FIELDS`` column, all of a batch's length.
Columns = list[list[Any]]

#: Post columns written by an ingest, in the order ``_columns`` gives them.
_FIELDS = ("source", "source_id", "author", "text", "created_at", "reply_to_id",
           "reply_to_author", "url", "hashtags", "mentions", "kind", "lang", "sentiment",
           "is_question", "content_warning", "sensitive", "attachments", "local_id",
           "author_id", "reply_to_author_id")
#: Columns stored as JSON text by the plain-SQL inserts.
_JSON_FIELDS = frozenset({"hashtags", "mentions", "attachments"})


def _columns(records: list[PostRecord]) -> Columns:
    """The batch's ``_FIELDS`` values, one list per column, cleaned and cut to size.

    Column by column rather than post by post: each step is then one comprehension or one
    C-level scan over the batch, which matters at a million posts.
    """
    texts = _text_column([r.text for r in records])
    return [
        _text_column([r.source for r in records], 40),
        _text_column([r.source_id for r in records], 200),
        _text_column([r.author for r in records], 200),
        texts,
        [r.created_at for r in records],
        _text_column([r.reply_to_id or "" for r in records], 200),
        _text_column([r.reply_to_author or "" for r in records], 200),
        _text_column([http_url_or_empty(r.url) for r in records], 500),
        _tag_column([r.hashtags for r in records]),
        _tag_column([r.mentions for r in records]),
        _text_column([r.raw_kind for r in records], 10),
        _text_column([r.lang or "" for r in records], 16),
        sentiment_labels(texts),
        questions_of(texts),
        _text_column([r.content_warning or "" for r in records], 500),
        [r.sensitive for r in records],
        [[[kind, _clean(text)] for kind, text in r.attachments] for r in records],
        *(_text_column([getattr(r, name) or "" for r in records], 200)
          for name in ("local_id", "author_id", "reply_to_author_id")),
    ]


def sentiment_labels(texts: list[str]) -> list[str]:
    """The engine's sentiment label of each text."""
    # The scorer brings NumPy, SciPy, scikit-learn and Numba: loaded by the process that
    # ingests (a worker, or the request that posts), not by every web worker at start.
    from immerse.engine.listening.sentiment import sentiment_labels as labels

    return labels(texts)


def questions_of(texts: list[str]) -> list[bool]:
    """Whether each text asks a question (the engine's rule)."""
    # NumPy, as for the sentiment: loaded by the process that ingests.
    from immerse.engine.listening.questions import question_mask

    mask: list[bool] = question_mask(texts).tolist()  # NumPy's bools, as Python's
    return mask


def _text_column(values: list[str], size: int | None = None) -> list[str]:
    """``values`` without NUL characters and at most ``size`` long.

    PostgreSQL text cannot hold NUL, and one such post must not stop an ingest; one scan
    of the joined column finds the rare post that needs cleaning.
    """
    if "\x00" in "".join(values):
        values = [_clean(v) for v in values]
    if size is not None and values and max(map(len, values)) > size:
        values = [v[:size] for v in values]
    return values


def _tag_column(tags: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    if "\x00" in "".join(chain.from_iterable(tags)):
        return [tuple(_clean(t) for t in items) for items in tags]
    return tags


def _clean(text: str) -> str:
    return text.replace("\x00", "")


def posts_ingest(
    *, event: Event, data: Iterable[bytes] | bytes, fmt: str, source_name: str,
    strict: bool = False, progress: Callable[[int], None] | None = None,
    belonging: Belonging | None = None,
) -> IngestReport:
    """Stream ``data`` (lines or whole bytes) into posts; memory stays flat in file size.

    Posts without readable text are left out and counted; with ``belonging`` (the event's
    window, see ``selectors.sources.event_belonging``) so are those outside it.

    ``strict``: the first malformed record aborts and rolls everything back. Otherwise bad
    records are skipped and listed in the report, and each batch commits on its own, so a
    crash loses at most the batch in flight and a re-run picks up without duplicates. A
    batch that meets a lost database connection (a server restart) is retried on a fresh
    connection for up to ``RETRY_SECONDS``; the dedup key makes the retry harmless.
    """
    report = IngestReport()
    batches = parse_posts(data, fmt=fmt, batch_size=BATCH)  # the kind's default source
    if strict:
        with transaction.atomic():
            _consume(event, batches, report, strict=True, source_name=source_name,
                     progress=progress, belonging=belonging)
    else:
        _consume(event, batches, report, strict=False, source_name=source_name,
                 progress=progress, belonging=belonging)
    return report


def _consume(event: Event, batches: Iterator[ParseBatch], report: IngestReport, *, strict: bool,
             source_name: str, progress: Callable[[int], None] | None,
             belonging: Belonging | None) -> None:
    for batch in batches:
        if batch.problems:
            if strict:
                raise IngestAborted(batch.problems[0], source_name)
            report.problems.extend(batch.problems)
        kept, skipped = screen(batch.records, belonging)
        report.skipped.update(skipped)
        if progress and batch.records:
            progress(len(batch.records))
        if not kept:
            continue
        write = partial(records_store, event=event, records=kept)
        # Inside --strict's one transaction a lost connection has lost the work: no retry.
        created = write() if strict else _retrying(write)
        report.read += len(kept)
        report.created += created
        report.duplicates += len(kept) - created


def _forget_logged_queries() -> None:
    """Drop Django's log of executed SQL, kept when DEBUG is on (outside production).

    It holds up to 9,000 queries with their parameters inlined: over a long ingest, the
    batches' id lookups alone would keep hundreds of megabytes of it.
    """
    if settings.DEBUG:
        reset_queries()


def records_store(*, event: Event, records: list[PostRecord]) -> int:
    """Store the batch's new posts (already screened); returns how many were new.

    Safe inside a caller's transaction (a poll stores a page with its cursor).
    """
    fresh = _not_yet_stored(event, records)
    # Scoring is the costly step: posts already stored (a re-run, a retry) skip it.
    created = _store(event, _columns(fresh)) if fresh else 0
    _forget_logged_queries()
    return created


def _not_yet_stored(event: Event, records: list[PostRecord]) -> list[PostRecord]:
    """Records whose (source, source_id) is neither stored nor earlier in this batch."""
    keys = list(zip(_text_column([r.source for r in records], 40),
                    _text_column([r.source_id for r in records], 200), strict=True))
    ids_by_source: dict[str, set[str]] = {}
    for source, source_id in keys:
        ids_by_source.setdefault(source, set()).add(source_id)
    stored: set[tuple[str, str]] = set()
    for source, ids in ids_by_source.items():
        stored.update((source, found) for found in _stored_ids(event.pk, source, ids))
    fresh = []
    for record, key in zip(records, keys, strict=True):
        if key not in stored:
            stored.add(key)
            fresh.append(record)
    return fresh


def _stored_ids(event_id: int, source: str, ids: set[str]) -> list[str]:
    """Which of ``ids`` the event already has from ``source``.

    Event, source and ids together, so each id is one probe of the unique key's index
    (without the source the database scanned the event's posts: quadratic in an ingest).
    """
    query = f"SELECT source_id FROM {_TABLE} WHERE event_id = %s AND source = %s AND "
    params: list[Any]
    if connection.vendor == "postgresql":
        # One array parameter: 2,000 separate ones cost more to send and plan than to run.
        query, params = query + "source_id = ANY(%s)", [event_id, source, list(ids)]
    else:
        query += f"source_id IN ({', '.join(['%s'] * len(ids))})"
        params = [event_id, source, *ids]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return [str(row[0]) for row in cursor.fetchall()]


def _retrying(write: Callable[[], int]) -> int:
    """``write()``, retried with backoff while the database is unreachable."""
    waited, delay = 0.0, 0.25
    while True:
        try:
            return write()
        except (OperationalError, InterfaceError):
            # Inside a caller's transaction the work so far is gone with the connection.
            if waited >= RETRY_SECONDS or connection.in_atomic_block:
                raise
            # The broken connection must go: Django opens a fresh one on the next query.
            connection.close()
            time.sleep(delay)
            waited, delay = waited + delay, min(delay * 2, 4.0)


def _store(event: Event, columns: Columns) -> int:
    """Insert the posts in ``columns``, skipping (event, source, source_id) already stored;
    count the new.

    Plain SQL rather than ``bulk_create``: building a model instance and preparing every
    field value per post cost more than the insert itself (see bench/listening.py).
    """
    now = timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            return _copy_postgresql(event.pk, columns, now)
        if connection.vendor == "sqlite":
            return _insert_sqlite(event.pk, columns, now)
        before = Post.objects.filter(event=event).count()
        Post.objects.bulk_create(
            [Post(event=event, **dict(zip(_FIELDS, row, strict=True)))
             for row in zip(*columns, strict=True)],
            ignore_conflicts=True)
        return Post.objects.filter(event=event).count() - before


_TABLE = Post._meta.db_table
_COLUMNS = ("event_id", *_FIELDS, "ingested_at")
_CONFLICT = "ON CONFLICT (event_id, source, source_id) DO NOTHING"


def _sql_rows(event_id: int, columns: Columns, now: datetime,
              adapt_time: Callable[[datetime], object]) -> Iterator[tuple[Any, ...]]:
    """``_COLUMNS`` values: lists as JSON text, times as ``adapt_time`` gives them."""
    values = [[adapt_time(t) for t in column] if name == "created_at"
              else [_json(items) for items in column] if name in _JSON_FIELDS
              else column for name, column in zip(_FIELDS, columns, strict=True)]
    n = len(columns[0])
    return zip([event_id] * n, *values, [adapt_time(now)] * n, strict=True)


def _insert_sqlite(event_id: int, columns: Columns, now: datetime) -> int:
    sql = (f"INSERT INTO {_TABLE} ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join(['%s'] * len(_COLUMNS))}) {_CONFLICT}")
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(_sql_rows(event_id, columns, now, _sqlite_datetime)))
        # For an executemany, sqlite3 counts the rows actually inserted.
        return int(cursor.rowcount)


def _sqlite_datetime(value: datetime) -> str:
    # Parsers give UTC: the text Django itself stores, without its per-value zone lookup.
    if value.tzinfo is UTC:
        return value.isoformat(" ")[:-6]  # without "+00:00"
    return str(connection.ops.adapt_datetimefield_value(value))


def _as_is(value: datetime) -> datetime:
    return value  # psycopg sends aware datetimes as they are


def _json(items: list[Any] | tuple[Any, ...]) -> str:
    return orjson.dumps(items).decode()


_STAGING = "immerse_post_staging"


def _copy_postgresql(event_id: int, columns: Columns, now: datetime) -> int:
    """COPY into a session-local staging table, then one INSERT … ON CONFLICT DO NOTHING."""
    names = ", ".join(_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_STAGING} AS "
                       f"SELECT {names} FROM {_TABLE} WITH NO DATA")
        with cursor.cursor.copy(f"COPY {_STAGING} ({names}) FROM STDIN") as copy:
            for values in _sql_rows(event_id, columns, now, _as_is):
                copy.write_row(values)
        cursor.execute(f"INSERT INTO {_TABLE} ({names}) SELECT {names} FROM {_STAGING} "
                       f"{_CONFLICT}")
        created = int(cursor.rowcount)
        cursor.execute(f"TRUNCATE {_STAGING}")
    return created


def note_add(*, event: Event, author: str, text: str) -> Post:
    """A facilitator's note typed in during a session: part of the backchannel too."""
    now = timezone.now()
    digest = hashlib.sha1(f"{author}|{now.isoformat()}|{text}".encode()).hexdigest()[:20]
    record = PostRecord(source="note", source_id=digest, author=author, text=text,
                        created_at=now, hashtags=extract_hashtags(text),
                        mentions=extract_mentions(text), raw_kind="note")
    (post,) = _rows(event, [record])
    post.save()
    return post
