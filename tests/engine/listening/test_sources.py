"""Every listening source is complete, and sniffing a sample of each picks its own entry."""

from __future__ import annotations

import orjson
import pytest

from immerse.engine.listening.parse import detect_format, parse_posts
from immerse.engine.listening.sources import (
    SOURCE_NAMES,
    SOURCES,
    Evidence,
    SourceKind,
    UnknownFormatError,
    source_kind,
)

TWEET = {"status_id": "1", "screen_name": "ana", "text": "Hi #useR2019",
         "created_at": "2019-07-10T09:00:00Z"}
RSS = (b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>T</title>"
       b"<description>d</description><guid>g1</guid>"
       b"<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item></channel></rss>")
# One small valid input per kind, as it would arrive without a telling file name.
SAMPLES: dict[str, bytes] = {
    "csv": b"id,author,text,created_at\n1,ana,Hi,2024-05-03T10:15:00Z\n",
    "jsonl": orjson.dumps(TWEET) + b"\n" + orjson.dumps({**TWEET, "status_id": "2"}) + b"\n",
    "json": orjson.dumps([TWEET]),
    "feed": RSS,
    "notes": b"2024-05-03 10:15 @ana: Room 2 asks: can we get the slides?\n",
}


def test_source_names_are_unique_and_auto_is_not_one() -> None:
    assert len(SOURCE_NAMES) == len(set(SOURCE_NAMES)) == len(SOURCES)
    assert "auto" not in SOURCE_NAMES


def test_every_source_has_a_sample_here() -> None:
    assert set(SAMPLES) == set(SOURCE_NAMES)


@pytest.mark.parametrize("kind", SOURCES, ids=lambda k: k.name)
def test_every_source_is_complete(kind: SourceKind) -> None:
    assert callable(kind.sniff) and callable(kind.parse)
    assert isinstance(kind.sniff(b"", ""), Evidence)
    assert kind.default_label is None or kind.default_label.strip() == kind.default_label != ""
    assert all(ext.startswith(".") and ext == ext.lower() for ext in kind.extensions)
    assert source_kind(kind.name) is kind


def test_an_extension_names_one_source_at_most() -> None:
    extensions = [ext for kind in SOURCES for ext in kind.extensions]
    assert len(extensions) == len(set(extensions))


def test_exactly_one_source_is_the_last_resort() -> None:
    assert [k.name for k in SOURCES if k.sniff(b"???", "") == Evidence.LAST_RESORT] == ["csv"]


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_sniffing_a_sample_picks_its_own_source(name: str) -> None:
    assert detect_format(SAMPLES[name], "upload") == name


@pytest.mark.parametrize("kind", SOURCES, ids=lambda k: k.name)
def test_an_extension_picks_its_source_when_the_bytes_say_nothing(kind: SourceKind) -> None:
    for ext in kind.extensions:
        assert detect_format(b"", f"posts{ext.upper()}") == kind.name


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_every_sample_parses_cleanly_as_bytes_and_as_lines(name: str) -> None:
    as_bytes = list(parse_posts(SAMPLES[name], fmt=name))
    as_lines = list(parse_posts(SAMPLES[name].splitlines(keepends=True), fmt=name))
    records = [record for batch in as_bytes for record in batch.records]
    assert records and not any(batch.problems for batch in as_bytes)
    assert records == [record for batch in as_lines for record in batch.records]


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_records_take_the_default_label_unless_they_name_their_platform(name: str) -> None:
    kind = source_kind(name)
    (record, *_) = next(parse_posts(SAMPLES[name], fmt=name)).records
    assert record.source == (kind.default_label or "twitter")
    (named, *_) = next(parse_posts(SAMPLES[name], fmt=name, source="slido")).records
    assert named.source == ("slido" if kind.default_label else "twitter")


def test_the_cli_offers_every_source_but_notes() -> None:
    assert [k.name for k in SOURCES if k.on_cli] == ["csv", "jsonl", "json", "feed"]


def test_whole_documents_are_json_and_feeds() -> None:
    assert [k.name for k in SOURCES if not k.streams] == ["json", "feed"]


def test_an_unknown_source_fails_naming_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError,
                       match=r"^unknown format 'tsv'; expected one of \('csv', "):
        source_kind("tsv")
