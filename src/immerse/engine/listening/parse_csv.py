"""Backchannel posts from CSV: the documented generic columns, and R twitteR exports.

Generic CSV (see docs/formats.md): a header row naming at least text, author and
created_at; id, reply_to_id, reply_to_author, url, lang, hashtags, mentions, source and kind
are optional. Header names match loosely (case, spaces, dashes and common synonyms).

twitteR exports (the #ISMB 2012 file) do not quote the text, so commas inside tweets break a
CSV reader; their nine trailing columns have no commas, so ``rsplit(',', 9)`` recovers the
text, and lines that do not end in the nine columns are the start of a multi-line tweet.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterable, Iterator

from immerse.engine.listening.records import (
    Batcher,
    ParseBatch,
    PostRecord,
    RecordProblem,
    extract_hashtags,
    extract_mentions,
    parse_timestamp,
    stable_id,
    text_or_none,
)

#: Canonical column → accepted header spellings (after lower-casing and dropping ' _-.').
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "postid", "statusid", "tweetid", "sourceid", "guid", "idstr"),
    "author": (
        "author",
        "user",
        "username",
        "screenname",
        "handle",
        "fromuser",
        "account",
        "acct",
        "name",
        "speaker",
    ),
    "text": ("text", "content", "body", "message", "tweet", "status", "fulltext", "note"),
    "created_at": (
        "createdat",
        "created",
        "date",
        "datetime",
        "time",
        "timestamp",
        "postedat",
        "published",
        "when",
    ),
    "reply_to_id": (
        "replytoid",
        "inreplytoid",
        "inreplytostatusid",
        "replytostatusid",
        "replytosid",
        "parentid",
        "inreplytostatusidstr",
    ),
    "reply_to_author": (
        "replytoauthor",
        "replytoscreenname",
        "inreplytoscreenname",
        "replytosn",
        "replytouser",
        "inreplytoaccount",
    ),
    "url": ("url", "link", "permalink", "statusurl"),
    "lang": ("lang", "language"),
    "hashtags": ("hashtags", "tags"),
    "mentions": ("mentions", "mentionsscreenname", "usermentions"),
    "source": ("source", "platform", "network"),
    "kind": ("kind", "rawkind", "type"),
}
REQUIRED = ("author", "text", "created_at")
TWITTER_R_HEADER = (
    "text,favorited,replyToSN,created,truncated,replyToSID,id,replyToUID,statusSource,screenName"
)
_LIST_SPLIT = re.compile(r"[\s,;|]+")
_ALIAS_OF = {alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases}
_ISMB_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def match_header(header: list[str]) -> dict[str, int]:
    """Canonical column → index; the first header cell matching a column wins.

    >>> match_header(["Tweet ID", "Screen_Name", "Full Text", "Created-At", "extra"])
    {'id': 0, 'author': 1, 'text': 2, 'created_at': 3}
    """
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = re.sub(r"[\s_\-.]", "", name.strip().lstrip("\ufeff").lower())
        column = _ALIAS_OF.get(key)
        if column and column not in found:
            found[column] = index
    return found


def _split_list(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(p.lstrip("#@") for p in _LIST_SPLIT.split(value) if p.strip("#@")))


def _generic_record(row: list[str], columns: dict[str, int], source: str) -> PostRecord:
    def cell(name: str) -> str | None:
        index = columns.get(name)
        return text_or_none(row[index]) if index is not None and index < len(row) else None

    author, text, created = cell("author"), cell("text"), cell("created_at")
    for name, value in (("author", author), ("text", text), ("created_at", created)):
        if value is None:
            raise RecordProblem(f"empty field {name!r}")
    assert author is not None and text is not None and created is not None
    created_at = parse_timestamp(created)
    reply_to = cell("reply_to_id")
    return PostRecord(
        source=cell("source") or source,
        source_id=cell("id") or stable_id(author, created_at.isoformat(), text),
        author=author.lstrip("@"),
        text=text,
        created_at=created_at,
        reply_to_id=reply_to,
        reply_to_author=(cell("reply_to_author") or "").lstrip("@") or None,
        url=cell("url"),
        hashtags=_split_list(cell("hashtags")) or extract_hashtags(text),
        mentions=_split_list(cell("mentions")) or extract_mentions(text),
        lang=cell("lang"),
        raw_kind=cell("kind") or ("reply" if reply_to else "post"),
    )


def parse_generic_csv(
    lines: Iterable[str], *, source: str = "csv", batch_size: int = 1000
) -> Iterator[ParseBatch]:
    """Batches of records from a generic CSV (header row first; quoted multi-line cells ok)."""
    batcher = Batcher(batch_size)
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        return
    columns = match_header(header)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        batcher.problem(1, f"header lacks column(s) {', '.join(missing)}: {header!r}")
        yield from batcher.rest()
        return
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # NUL byte, oversized field, bad quoting
            batcher.problem(line, f"unreadable CSV row: {error}")
            line = reader.line_num + 1
            continue
        try:
            if any(cell.strip() for cell in row):
                full = batcher.add(_generic_record(row, columns, source))
                if full:
                    yield full
        except RecordProblem as problem:
            batcher.problem(line, str(problem))
        line = reader.line_num + 1
    yield from batcher.rest()


def _twitter_r_record(fields: list[str], text: str) -> PostRecord:
    _, _, reply_sn, created, _, reply_sid, tweet_id, _, _, author = fields
    author = author.strip()
    if not author:
        raise RecordProblem("empty field 'screenName'")
    kind = "repost" if text.startswith("RT @") else "reply" if text_or_none(reply_sid) else "post"
    return PostRecord(
        source="twitter",
        source_id=tweet_id,
        author=author,
        text=text,
        created_at=parse_timestamp(created),
        reply_to_id=text_or_none(reply_sid),
        reply_to_author=text_or_none(reply_sn),
        url=f"https://twitter.com/{author}/status/{tweet_id}",
        hashtags=extract_hashtags(text),
        mentions=extract_mentions(text),
        raw_kind=kind,
    )


def parse_twitter_r_csv(
    lines: Iterable[str], *, batch_size: int = 1000, first_line: int = 1
) -> Iterator[ParseBatch]:
    """Batches from an R twitteR ``twListToDF`` CSV written without quoting (#ISMB 2012).

    Lines not ending in the nine metadata columns start a multi-line tweet and are joined
    to the text of the next complete line; leftovers at the end are reported.
    ``first_line`` is the number of the first line given (2 when the caller read the header).
    """
    batcher = Batcher(batch_size)
    pending: list[str] = []
    pending_start = 0
    for number, raw in enumerate(lines, start=first_line):
        line = raw.rstrip("\r\n")
        if number == 1 and line.lstrip("\ufeff") == TWITTER_R_HEADER:
            continue
        fields = line.rsplit(",", 9)
        if len(fields) != 10 or not fields[6].isdigit() or not _ISMB_TIME.match(fields[3]):
            if not pending:
                pending_start = number
            pending.append(line)
            continue
        text = html.unescape("\n".join([*pending, fields[0]]))
        start = pending_start if pending else number
        pending = []
        try:
            full = batcher.add(_twitter_r_record(fields, text))
            if full:
                yield full
        except RecordProblem as problem:
            batcher.problem(start, str(problem))
    if pending:
        batcher.problem(pending_start, "text without the nine twitteR columns at end of file")
    yield from batcher.rest()


def parse_csv(lines: Iterator[str], *, source: str, batch_size: int) -> Iterator[ParseBatch]:
    """Generic CSV, switching to the unquoted twitteR reader when its header is seen."""
    first = next(lines, None)
    if first is None:
        return
    if first.rstrip("\r\n").lstrip("\ufeff") == TWITTER_R_HEADER:
        yield from parse_twitter_r_csv(lines, batch_size=batch_size, first_line=2)
    else:
        yield from parse_generic_csv(_chain(first, lines), source=source, batch_size=batch_size)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
