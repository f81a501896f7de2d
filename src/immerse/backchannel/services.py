"""Ingest backchannel posts into an event: streamed in batches, deduplicated, idempotent.

Re-running an ingest (or retrying after a dropped connection) never duplicates a post: the
(event, source, source_id) constraint drops what is already there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from immerse.backchannel.models import Post
from immerse.engine.listening.parse import parse_posts
from immerse.engine.listening.questions import question_mask
from immerse.engine.listening.records import (
    ParseProblem,
    PostRecord,
    extract_hashtags,
    extract_mentions,
)
from immerse.engine.listening.sentiment import sentiment_labels
from immerse.events.models import Event
from immerse.events.templatetags.links import http_url_or_empty

BATCH = 2000


class IngestAborted(ValueError):
    """--strict ingest met a malformed record; nothing was written."""

    def __init__(self, problem: ParseProblem, source: str) -> None:
        super().__init__(f"{source}, line {problem.line}: {problem.reason}")
        self.problem = problem


@dataclass
class IngestReport:
    read: int = 0
    created: int = 0
    duplicates: int = 0
    problems: list[ParseProblem] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.read} posts read, {self.created} new, {self.duplicates} already there, "
                f"{len(self.problems)} malformed record(s) skipped")


def _rows(event: Event, records: list[PostRecord]) -> list[Post]:
    texts = [r.text for r in records]
    labels = sentiment_labels(texts)
    questions = question_mask(texts)
    return [
        Post(event=event, source=_clean(r.source)[:40], source_id=_clean(r.source_id)[:200],
             author=_clean(r.author)[:200], text=_clean(r.text), created_at=r.created_at,
             reply_to_id=_clean(r.reply_to_id or "")[:200],
             reply_to_author=_clean(r.reply_to_author or "")[:200],
             url=_clean(http_url_or_empty(r.url))[:500],
             hashtags=[_clean(t) for t in r.hashtags],
             mentions=[_clean(m) for m in r.mentions], kind=_clean(r.raw_kind)[:10],
             lang=_clean(r.lang or "")[:16], sentiment=label, is_question=bool(question))
        for r, label, question in zip(records, labels, questions, strict=True)
    ]


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL; one such post must not stop an ingest.
    return text.replace("\x00", "")


def posts_ingest(
    *, event: Event, data: Iterable[bytes] | bytes, fmt: str, source_name: str,
    strict: bool = False, progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Stream ``data`` (lines or whole bytes) into posts; memory stays flat in file size.

    ``strict``: the first malformed record aborts and rolls everything back. Otherwise bad
    records are skipped and listed in the report, and each batch commits on its own, so a
    crash loses at most the batch in flight and a re-run picks up without duplicates.
    """
    report = IngestReport()
    batches = parse_posts(data, fmt=fmt, source=_default_source(fmt), batch_size=BATCH)
    if strict:
        with transaction.atomic():
            _consume(event, batches, report, strict=True, source_name=source_name,
                     progress=progress)
    else:
        _consume(event, batches, report, strict=False, source_name=source_name,
                 progress=progress)
    return report


def _default_source(fmt: str) -> str:
    return {"feed": "feed", "notes": "note", "csv": "csv"}.get(fmt, "")


def _consume(event: Event, batches: Iterator, report: IngestReport, *, strict: bool,
             source_name: str, progress: Callable[[int], None] | None) -> None:
    for batch in batches:
        if batch.problems:
            if strict:
                raise IngestAborted(batch.problems[0], source_name)
            report.problems.extend(batch.problems)
        if not batch.records:
            continue
        fresh = _not_yet_stored(event, list(batch.records))
        with transaction.atomic():
            # ignore_conflicts: a concurrent or retried ingest of the same posts is harmless.
            Post.objects.bulk_create(_rows(event, fresh), ignore_conflicts=True)
        report.read += len(batch.records)
        report.created += len(fresh)
        report.duplicates += len(batch.records) - len(fresh)
        if progress:
            progress(len(batch.records))


def _not_yet_stored(event: Event, records: list[PostRecord]) -> list[PostRecord]:
    """Records whose (source, source_id) is neither stored nor earlier in this batch."""
    stored = set(Post.objects.filter(
        event=event, source_id__in={_clean(r.source_id)[:200] for r in records}
    ).values_list("source", "source_id"))
    fresh = []
    for record in records:
        key = (_clean(record.source)[:40], _clean(record.source_id)[:200])
        if key not in stored:
            stored.add(key)
            fresh.append(record)
    return fresh


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
