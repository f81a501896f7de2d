"""Which posts belong to an event: readable text, inside its window, on its topic.

Every source and upload is screened the same way before anything is stored, and what is
left out is counted by reason so that an import summary can say *why* (a 2012 export into
an event dated 2027 keeps nothing, and says so). The reasons are plain strings, the keys of
the summary.

>>> from datetime import UTC, datetime
>>> from immerse.engine.listening.records import PostRecord, handle_key
>>> window = Belonging(start=datetime(2027, 3, 15, tzinfo=UTC),
...                    end=datetime(2027, 3, 20, tzinfo=UTC))
>>> def post(n, text, day):
...     return PostRecord("mastodon", str(n), "ana", text, datetime(2027, 3, day, tzinfo=UTC))
>>> kept, skipped = screen([post(1, "Hello #msm", 16), post(2, "  ", 16),
...                         post(3, "Early bird", 1)], window)
>>> [r.source_id for r in kept], dict(skipped)
(['1'], {'empty text': 1, 'before the event window': 1})
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from immerse.engine.listening.records import PostRecord, handle_key

EMPTY = "empty text"
BINARY = "binary data instead of text"
GARBLED = "undecodable text (wrong encoding?)"
BEFORE = "before the event window"
AFTER = "after the event window"
OFF_TOPIC = "without the event's hashtags or accounts"
#: Every reason a post can be left out, in the order a summary lists them.
REASONS = (EMPTY, BINARY, GARBLED, BEFORE, AFTER, OFF_TOPIC)

#: C0/C1 control characters other than tab and line ends: what binary data decodes into.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
#: A text is binary (or garbled) when at least this share of its visible characters, and
#: at least ``BAD_MIN`` of them, are control (or replacement) characters: a stray one in a
#: real post is kept (and cleaned when stored).
BAD_SHARE = 0.2
BAD_MIN = 3


@dataclass(frozen=True, slots=True)
class Belonging:
    """The event's window (``start`` inclusive, ``end`` exclusive, aware datetimes) and,
    for firehose-like sources (``require_topic``), its hashtags and accounts (case-folded,
    without '#'/'@')."""

    start: datetime
    end: datetime
    tags: frozenset[str] = field(default_factory=frozenset)
    accounts: frozenset[str] = field(default_factory=frozenset)
    require_topic: bool = False

    def on_topic(self, record: PostRecord) -> bool:
        """The post carries one of the event's hashtags or mentions one of its accounts."""
        if any(tag.casefold() in self.tags for tag in record.hashtags):
            return True
        return any(handle_key(m) in self.accounts for m in record.mentions)


def belonging_for(*, start: datetime, end: datetime, hashtags: Iterable[str] = (),
                  accounts: Iterable[str] = (), require_topic: bool = False) -> Belonging:
    """A ``Belonging`` from an event's tags and accounts as organizers write them
    (``#msm``, ``@team@mastodon.social``)."""
    return Belonging(start=start, end=end,
                     tags=frozenset(t.lstrip("#").casefold() for t in hashtags if t.strip("#")),
                     accounts=frozenset(handle_key(a) for a in accounts if a.strip("@")),
                     require_topic=require_topic)


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be a post (empty, binary, undecodable), or None.

    >>> text_problem("Slides?"), text_problem(" \\n"), text_problem("\\x00\\x01\\x02ab")
    (None, 'empty text', 'binary data instead of text')
    >>> text_problem("\\ufffd\\ufffd\\ufffdlo")
    'undecodable text (wrong encoding?)'
    """
    if not text.strip():
        return EMPTY
    visible = len("".join(text.split()))
    controls = len(_CONTROL.findall(text))
    if controls == visible or controls >= max(BAD_MIN, BAD_SHARE * visible):
        return BINARY
    replaced = text.count("\ufffd")
    if replaced == visible or replaced >= max(BAD_MIN, BAD_SHARE * visible):
        return GARBLED
    return None


def screen(records: Sequence[PostRecord], belonging: Belonging | None
           ) -> tuple[list[PostRecord], Counter[str]]:
    """The records that belong, and how many were left out for each reason.

    Text is checked first (a post with no text says nothing, whatever its date), then the
    window, then the topic. ``belonging=None`` checks the text only.
    """
    skipped: Counter[str] = Counter()
    # One scan of the joined column finds whether any text needs a closer look.
    joined = "\x1e".join(r.text for r in records)
    suspect = _SUSPECT.search(joined) is not None or any(not r.text.strip() for r in records)
    kept: list[PostRecord] = []
    for record in records:
        reason = text_problem(record.text) if suspect else None
        if reason is None and belonging is not None:
            reason = _outside(record, belonging)
        if reason is None:
            kept.append(record)
        else:
            skipped[reason] += 1
    return kept, skipped


def _outside(record: PostRecord, belonging: Belonging) -> str | None:
    if record.created_at < belonging.start:
        return BEFORE
    if record.created_at >= belonging.end:
        return AFTER
    if belonging.require_topic and not belonging.on_topic(record):
        return OFF_TOPIC
    return None
