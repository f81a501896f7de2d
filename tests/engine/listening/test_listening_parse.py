"""Parsers: each input shape on hand-written samples, malformed records, real files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from immerse.engine.listening.parse import detect_format, parse_posts
from immerse.engine.listening.records import (
    ParseBatch,
    ParseProblem,
    PostParseError,
    PostRecord,
    RecordProblem,
    parse_timestamp,
    raise_on_problems,
)

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "listening" / "backchannel"


def collect(batches: object) -> tuple[list[PostRecord], list[ParseProblem]]:
    records: list[PostRecord] = []
    problems: list[ParseProblem] = []
    for batch in batches:  # type: ignore[attr-defined]
        assert isinstance(batch, ParseBatch)
        records.extend(batch.records)
        problems.extend(batch.problems)
    return records, problems


def jsonl(*objects: object) -> list[str]:
    return [orjson.dumps(o).decode() + "\n" for o in objects]


V1 = {
    "id": 1050118621198921728,
    "id_str": "1050118621198921728",
    "created_at": "Wed Oct 10 20:19:24 +0000 2018",
    "text": "short",
    "extended_tweet": {
        "full_text": "@bob Where is room B? #PyCon",
        "entities": {
            "hashtags": [{"text": "PyCon"}],
            "user_mentions": [{"screen_name": "bob"}],
        },
    },
    "user": {"screen_name": "ana"},
    "in_reply_to_status_id_str": "1050000000000000000",
    "in_reply_to_screen_name": "bob",
    "lang": "en",
}


def test_twitter_v1_status_uses_extended_text_entities_and_reply():
    records, problems = collect(parse_posts(jsonl(V1), fmt="jsonl"))
    assert problems == []
    assert records == [
        PostRecord(
            source="twitter",
            source_id="1050118621198921728",
            author="ana",
            text="@bob Where is room B? #PyCon",
            created_at=datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC),
            reply_to_id="1050000000000000000",
            reply_to_author="bob",
            url="https://twitter.com/ana/status/1050118621198921728",
            hashtags=("PyCon",),
            mentions=("bob",),
            lang="en",
            raw_kind="reply",
        )
    ]


def test_twitter_v1_retweet_and_offset_time_converted_to_utc():
    status = {
        "id_str": "9",
        "created_at": "Wed Oct 10 22:19:24 +0200 2018",
        "text": "RT @x: hi",
        "user": {"screen_name": "ana"},
        "retweeted_status": {"id_str": "8"},
    }
    (record,), _ = collect(parse_posts(jsonl(status), fmt="jsonl"))
    assert record.raw_kind == "repost"
    assert record.created_at == datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)
    assert record.mentions == ("x",)  # no entities: taken from the text


def test_twitter_v2_page_resolves_authors_from_includes():
    page = {
        "data": [
            {
                "id": "20",
                "author_id": "1",
                "created_at": "2023-03-01T10:00:00.000Z",
                "text": "Is the livestream up? #EuroPython",
                "lang": "en",
                "entities": {"hashtags": [{"tag": "EuroPython"}]},
            },
            {
                "id": "21",
                "author_id": "2",
                "created_at": "2023-03-01T10:05:00.000Z",
                "text": "@ana yes!",
                "in_reply_to_user_id": "1",
                "referenced_tweets": [{"type": "replied_to", "id": "20"}],
                "entities": {"mentions": [{"username": "ana"}]},
            },
        ],
        "includes": {"users": [{"id": "1", "username": "ana"}, {"id": "2", "username": "org"}]},
    }
    records, problems = collect(parse_posts(jsonl(page), fmt="jsonl"))
    assert problems == []
    assert [(r.source_id, r.author, r.raw_kind) for r in records] == [
        ("20", "ana", "post"),
        ("21", "org", "reply"),
    ]
    assert records[1].reply_to_id == "20"
    assert records[1].reply_to_author == "ana"
    assert records[0].hashtags == ("EuroPython",)


def test_twarc2_flattened_tweet_uses_embedded_author():
    tweet = {
        "id": "5",
        "author_id": "7",
        "author": {"id": "7", "username": "zoe"},
        "created_at": "2023-03-01T10:00:00.000Z",
        "text": "hello #a #b",
        "referenced_tweets": [{"type": "quoted", "id": "4"}],
    }
    (record,), _ = collect(parse_posts(jsonl(tweet), fmt="jsonl"))
    assert (record.author, record.raw_kind, record.hashtags) == ("zoe", "quote", ("a", "b"))


def test_v2_tweet_with_unknown_author_is_a_problem_on_its_line():
    tweet = {"id": "5", "author_id": "7", "created_at": "2023-03-01T10:00:00Z", "text": "x"}
    records, problems = collect(parse_posts(["\n", *jsonl(tweet)], fmt="jsonl"))
    assert records == []
    assert problems == [ParseProblem(2, "author_id 7 not in includes.users")]


MASTODON = {
    "id": "110",
    "uri": "https://fosstodon.org/users/ana/statuses/110",
    "url": "https://fosstodon.org/@ana/110",
    "created_at": "2024-05-03T08:15:00.000Z",
    "account": {"id": "1", "acct": "ana", "username": "ana"},
    "content": '<p><span class="h-card"><a href="https://x/@bob">@<span>bob</span></a></span>'
    " Slides &amp; code?</p><p>"
    '<a href="https://x/tags/fedi" class="hashtag">#<span>Fedi</span></a></p>',
    "in_reply_to_id": "100",
    "in_reply_to_account_id": "2",
    "mentions": [{"id": "2", "acct": "bob@mastodon.social", "username": "bob"}],
    "tags": [{"name": "fedi"}],
    "language": "en",
    "reblog": None,
}


def test_mastodon_status_html_becomes_text_and_reply_author_comes_from_mentions():
    records, problems = collect(parse_posts(orjson.dumps([MASTODON]), fmt="json"))
    assert problems == []
    assert records == [
        PostRecord(
            source="mastodon",
            # Keyed by uri, a local account named with its instance (issue 30, item 17).
            source_id="https://fosstodon.org/users/ana/statuses/110",
            author="ana@fosstodon.org",
            text="@bob Slides & code?\n#Fedi",
            created_at=datetime(2024, 5, 3, 8, 15, tzinfo=UTC),
            reply_to_id="100",
            reply_to_author="bob@mastodon.social",
            url="https://fosstodon.org/@ana/110",
            hashtags=("fedi",),
            mentions=("bob@mastodon.social",),
            lang="en",
            raw_kind="reply",
            local_id="110",
            author_id="accounts/1",
        )
    ]


def test_json_document_reports_bad_items_by_number():
    bad = {**MASTODON, "account": {}}
    records, problems = collect(parse_posts(orjson.dumps([MASTODON, bad, 3]), fmt="json"))
    assert len(records) == 1
    assert problems == [
        ParseProblem(2, "item 2: missing field 'account.acct'"),
        ParseProblem(3, "item 3: expected a JSON object, got int"),
    ]


def test_jsonl_invalid_json_and_unknown_shape_are_reported_with_line_numbers():
    lines = [*jsonl(V1), "{not json\n", '{"hello": 1}\n']
    records, problems = collect(parse_posts(lines, fmt="jsonl"))
    assert len(records) == 1
    assert [p.line for p in problems] == [2, 3]
    assert problems[0].reason.startswith("invalid JSON")
    assert problems[1].reason.startswith("not a known post shape")


def test_raise_on_problems_names_file_and_line():
    lines = [*jsonl(V1), "{not json\n"]
    with pytest.raises(PostParseError, match=r"^tweets.jsonl, line 2: invalid JSON"):
        list(raise_on_problems(parse_posts(lines, fmt="jsonl"), name="tweets.jsonl"))


def test_generic_csv_matches_loose_headers_and_quoted_multiline_text():
    lines = [
        "Post ID,Screen_Name,Full Text,Created-At,In Reply To ID,Link\n",
        '7,@ana,"Hi #Tag, @bob!\nsecond line",2024-05-03T10:15:00+02:00,,https://e/7\n',
        "8,bob,Answer,2024-05-03 08:20:00,7,\n",
    ]
    records, problems = collect(parse_posts(lines, fmt="csv", source="slido"))
    assert problems == []
    first, second = records
    assert (first.source, first.source_id, first.author) == ("slido", "7", "ana")
    assert first.text == "Hi #Tag, @bob!\nsecond line"
    assert first.created_at == datetime(2024, 5, 3, 8, 15, tzinfo=UTC)
    assert (first.hashtags, first.mentions, first.url) == (("Tag",), ("bob",), "https://e/7")
    assert (second.reply_to_id, second.raw_kind) == ("7", "reply")
    assert second.created_at == datetime(2024, 5, 3, 8, 20, tzinfo=UTC)  # naive read as UTC


def test_generic_csv_without_ids_gets_stable_content_ids():
    lines = [
        "author,text,date\n",
        "ana,hello,2024-05-03T10:00:00Z\n",
        "ana,hello,2024-05-03T10:00:00Z\n",
        "ana,other,2024-05-03T10:00:00Z\n",
    ]
    records, _ = collect(parse_posts(lines, fmt="csv"))
    ids = [r.source_id for r in records]
    assert ids[0] == ids[1] != ids[2]  # same content → same key → dedups on re-import
    again, _ = collect(parse_posts(lines, fmt="csv"))
    assert [r.source_id for r in again] == ids


def test_generic_csv_reports_bad_rows_and_missing_columns():
    lines = [
        "id,author,text,created_at\n",
        "1,ana,ok,2024-05-03T10:00:00Z\n",
        "2,,no author,2024-05-03T10:00:00Z\n",
        "3,bob,bad time,yesterday\n",
    ]
    records, problems = collect(parse_posts(lines, fmt="csv"))
    assert [r.source_id for r in records] == ["1"]
    assert problems == [
        ParseProblem(3, "empty field 'author'"),
        ParseProblem(4, "unreadable timestamp 'yesterday'"),
    ]
    _, problems = collect(parse_posts(["id,who,text\n", "1,a,b\n"], fmt="csv"))
    assert len(problems) == 1 and problems[0].line == 1
    assert "author, created_at" in problems[0].reason


ISMB_HEADER = (
    "text,favorited,replyToSN,created,truncated,replyToSID,id,replyToUID,statusSource,screenName\n"
)


def test_twitter_r_csv_recovers_unquoted_commas_and_multiline_tweets():
    lines = [
        ISMB_HEADER,
        "Great talk, really, #ISMB,FALSE,NA,2012-07-13 23:55:00,FALSE,NA,101,NA,"
        "&lt;a&gt;web&lt;/a&gt;,ana\n",
        "first line of a long one\n",
        "@ana and more &amp; more,FALSE,ana,2012-07-14 00:01:00,FALSE,101,102,55,web,bob\n",
    ]
    records, problems = collect(parse_posts(lines, fmt="csv"))
    assert problems == []
    assert [r.text for r in records] == [
        "Great talk, really, #ISMB",
        "first line of a long one\n@ana and more & more",
    ]
    assert (records[1].reply_to_id, records[1].reply_to_author, records[1].raw_kind) == (
        "101",
        "ana",
        "reply",
    )
    assert records[0].hashtags == ("ISMB",)


def test_twitter_r_csv_reports_dangling_text_at_end_with_its_line():
    lines = [ISMB_HEADER, "orphan text line\n"]
    _, problems = collect(parse_posts(lines, fmt="csv"))
    assert problems == [ParseProblem(2, "text without the nine twitteR columns at end of file")]


def test_rtweet_jsonl_row():
    row = {
        "status_id": "3",
        "created_at": "2019-07-10T09:00:00Z",
        "screen_name": "ana",
        "text": "Who has the slides?",
        "reply_to_status_id": None,
        "is_retweet": False,
        "hashtags": ["useR2019"],
        "mentions_screen_name": [None],
        "lang": "en",
    }
    (record,), _ = collect(parse_posts(jsonl(row), fmt="jsonl"))
    assert (record.hashtags, record.mentions, record.raw_kind) == (("useR2019",), (), "post")


FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><id>tag:e,1</id><title>Day one recap</title><link href="https://e/1"/>
<author><name>Ana</name></author><published>2024-05-03T18:00:00+02:00</published>
<summary type="html">&lt;p&gt;Thanks @bob #immerse&lt;/p&gt;</summary></entry>
<entry><id>tag:e,2</id><title>No date</title></entry>
</feed>"""


def test_atom_feed_entries_become_posts_and_undated_entries_are_problems():
    records, problems = collect(parse_posts(FEED, fmt="feed", source="blog"))
    assert records == [
        PostRecord(
            source="blog",
            source_id="tag:e,1",
            author="Ana",
            text="Day one recap\nThanks @bob #immerse",
            created_at=datetime(2024, 5, 3, 16, 0, tzinfo=UTC),
            url="https://e/1",
            hashtags=("immerse",),
            mentions=("bob",),
            raw_kind="feed-entry",
        )
    ]
    assert problems == [ParseProblem(2, "entry 2: entry has no published/updated date")]


def test_notes_with_authors_continuations_zone_and_bad_lines():
    lines = [
        "# day one\n",
        "2024-05-03 10:15 @ana: Room 2 asks: can we get the slides?\n",
        "    (after the break)\n",
        "\n",
        "2024-05-03T10:20Z Coffee is late.\n",
        "coffee again\n",
    ]
    plus_two = timezone(timedelta(hours=2))
    records, problems = collect(parse_posts(lines, fmt="notes", tz=plus_two))
    assert [(r.author, r.text, r.created_at.hour) for r in records] == [
        ("ana", "Room 2 asks: can we get the slides?\n(after the break)", 8),
        ("facilitator", "Coffee is late.", 10),
    ]
    assert problems == [ParseProblem(6, "expected 'YYYY-MM-DD HH:MM [author:] text'")]


def test_batches_hold_at_most_batch_size_records():
    rows = [
        {"status_id": str(i), "created_at": "2019-07-10T09:00:00Z", "screen_name": "a", "text": "x"}
        for i in range(25)
    ]
    sizes = [len(b.records) for b in parse_posts(jsonl(*rows), fmt="jsonl", batch_size=10)]
    assert sizes == [10, 10, 5]


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b'{"id": 1}\n{"id": 2}\n', "x.json", "jsonl"),
        (b'{"id": 1}', "x.jsonl", "jsonl"),
        (b'{"id": 1}', "x.json", "json"),
        (b'{\n  "data": []\n}', "x", "json"),
        (b"\xef\xbb\xbf[{}]", "", "json"),
        (b"<rss version='2.0'>", "", "feed"),
        (b"id,author,text\n", "posts", "csv"),
        (b"2024-05-03 10:15 hello", "notes", "notes"),
        (b"anything", "notes.txt", "notes"),
    ],
)
def test_detect_format(head: bytes, name: str, expected: str):
    assert detect_format(head, name) == expected


def _parse_file(path: Path) -> tuple[list[PostRecord], list[ParseProblem]]:
    if not path.exists():
        pytest.skip(f"benchmark data absent: {path}")
    with path.open("rb") as handle:
        fmt = detect_format(handle.read(4096), path.name)
    with path.open(encoding="utf-8", newline="") as handle:
        return collect(parse_posts(handle, fmt=fmt))


def test_real_ismb_2012_file_parses_every_tweet():
    records, problems = _parse_file(DATA / "ismb2012" / "ismb.csv")
    assert problems == []
    assert len(records) == 3162  # as SOURCES.md counts with rsplit(',', 9)
    assert len({r.author for r in records}) == 393
    assert sum(1 for r in records if r.reply_to_id) == 82
    assert len({r.source_id for r in records}) == len(records)


def test_real_user2019_file_parses_every_tweet():
    records, problems = _parse_file(DATA / "user2019" / "user2019_tweets.jsonl")
    assert problems == []
    assert len(records) == 8318
    assert sum(1 for r in records if r.raw_kind == "repost") == 6356
    assert sum(1 for r in records if r.reply_to_id) == 211
    assert all(r.created_at.tzinfo is UTC for r in records[:100])


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>
<item><title>Workshop notes</title><link>https://b/1</link><guid>https://b/1</guid>
<pubDate>Fri, 03 May 2024 09:30:00 GMT</pubDate><category>immerse</category>
<description>What we learned</description></item></channel></rss>"""


def test_rss_item_with_guid_category_and_rfc822_date():
    (record,), problems = collect(parse_posts(RSS, fmt="feed"))
    assert problems == []
    # Without an author, the feed's title (issue 30: it was a fake "unknown" handle).
    assert (record.source, record.source_id, record.author) == ("feed", "https://b/1", "Blog")
    assert record.text == "Workshop notes\nWhat we learned"
    assert record.created_at == datetime(2024, 5, 3, 9, 30, tzinfo=UTC)
    assert record.hashtags == ("immerse",)


def test_unreadable_feed_is_one_problem():
    records, problems = collect(parse_posts(b"this is not xml at all", fmt="feed"))
    assert records == []
    assert len(problems) == 1 and problems[0].line == 1


def test_mastodon_boost_is_a_repost_with_the_original_text():
    boost = {
        **MASTODON,
        "id": "111",
        "uri": "https://fosstodon.org/users/ana/statuses/111/activity",
        "in_reply_to_id": None,
        "in_reply_to_account_id": None,
        "content": "",
        "reblog": {**MASTODON, "content": "<p>Original #toot</p>", "tags": []},
    }
    (record,), _ = collect(parse_posts(jsonl(boost), fmt="jsonl"))
    assert (record.source_id, record.raw_kind, record.text) == (
        "https://fosstodon.org/users/ana/statuses/111/activity", "repost", "Original #toot")
    assert record.hashtags == ("toot",)


def test_bytes_lines_and_batch_size_do_not_change_the_records():
    rows = [
        {
            "status_id": str(i),
            "created_at": "2019-07-10T09:00:00Z",
            "screen_name": "a",
            "text": f"é {i} #x",
        }
        for i in range(7)
    ]
    text_lines = jsonl(*rows)
    as_text, _ = collect(parse_posts(text_lines, fmt="jsonl", batch_size=1))
    as_bytes, _ = collect(parse_posts([line.encode() for line in text_lines], fmt="jsonl"))
    as_blob, _ = collect(parse_posts("".join(text_lines).encode(), fmt="jsonl"))
    assert as_text == as_bytes == as_blob
    assert len(as_text) == 7


def test_v1_search_response_and_v2_single_tweet_documents():
    search = {"statuses": [V1], "search_metadata": {}}
    single = {
        "data": {"id": "1", "author_id": "9", "text": "hi", "created_at": "2023-01-01T00:00:00Z"},
        "includes": {"users": [{"id": "9", "username": "zed"}]},
    }
    (first,), _ = collect(parse_posts(orjson.dumps(search), fmt="json"))
    (second,), _ = collect(parse_posts(orjson.dumps(single), fmt="json"))
    assert (first.author, second.author) == ("ana", "zed")


def test_unknown_format_is_rejected():
    from immerse.engine.listening.sources import UnknownFormatError

    with pytest.raises(UnknownFormatError, match="unknown format 'auto'"):
        list(parse_posts([], fmt="auto"))


def test_byte_order_marks_and_unicode_line_separators_inside_json():
    row = {
        "status_id": "1",
        "created_at": "2019-07-10T09:00:00Z",
        "screen_name": "a",
        "text": "one\u2028two",
    }
    blob = b"\xef\xbb\xbf" + orjson.dumps(row) + b"\n"
    (record,), problems = collect(parse_posts(blob, fmt="jsonl"))
    assert problems == [] and record.text == "one\u2028two"
    (again,), _ = collect(parse_posts(b"\xef\xbb\xbf[" + orjson.dumps(row) + b"]", fmt="json"))
    assert again == record
    csv_blob = "\ufeffauthor,text,created_at\nana,hi,2024-05-03T10:00:00Z\n".encode()
    (from_csv,), problems = collect(parse_posts(csv_blob, fmt="csv"))
    assert problems == [] and from_csv.author == "ana"


def test_csv_row_with_an_oversized_field_is_reported_and_parsing_goes_on():
    lines = [
        "author,text,created_at\n",
        "ana," + "x" * 200_000 + ",2024-05-03T10:00:00Z\n",
        "bob,fine,2024-05-03T10:00:00Z\n",
    ]
    records, problems = collect(parse_posts(lines, fmt="csv"))
    assert [r.author for r in records] == ["bob"]
    assert [p.line for p in problems] == [2]
    assert problems[0].reason.startswith("unreadable CSV row")


def test_a_bad_tweet_fails_its_whole_page_line():
    page = {
        "data": [
            {"id": "1", "author_id": "1", "created_at": "2023-03-01T10:00:00Z", "text": "ok"},
            {"id": "2", "author_id": "1", "created_at": "never", "text": "bad"},
        ],
        "includes": {"users": [{"id": "1", "username": "ana"}]},
    }
    records, problems = collect(parse_posts(jsonl(page), fmt="jsonl"))
    assert records == []
    assert problems == [ParseProblem(1, "unreadable timestamp 'never'")]


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
           "Foo")


def _by_datetime_parser(text: str) -> datetime | None:
    """Twitter v1.1 time read with the standard library, None where it is no valid time."""
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y").astimezone(UTC)
    except ValueError:
        return None


@given(day=st.sampled_from(_DAYS), month=st.sampled_from(_MONTHS),
       date=st.integers(0, 32), hour=st.integers(0, 25), minute=st.integers(0, 61),
       second=st.integers(0, 61), sign=st.sampled_from("+-"), zone_h=st.integers(0, 14),
       zone_m=st.sampled_from((0, 30, 45)), year=st.integers(1970, 2040))
def test_twitter_v1_times_match_the_standard_library(
    day: str, month: str, date: int, hour: int, minute: int, second: int, sign: str,
    zone_h: int, zone_m: int, year: int,
) -> None:
    """The minute-cached fast path gives what strptime gives, and refuses what it refuses."""
    text = (f"{day} {month} {date:02d} {hour:02d}:{minute:02d}:{second:02d} "
            f"{sign}{zone_h:02d}{zone_m:02d} {year}")
    expected = _by_datetime_parser(text)
    if expected is None:
        with pytest.raises(RecordProblem):
            parse_timestamp(text)
    else:
        assert parse_timestamp(text) == expected
        assert parse_timestamp(text).tzinfo is UTC


def test_mastodon_keys_statuses_by_uri_and_local_accounts_by_instance():
    """Issue 30, item 17: two instances' local ids never merge two statuses."""
    from immerse.engine.listening.parse_mastodon import record_from_status

    seen_here = record_from_status({**MASTODON, "id": "999"}, instance="mastodon.social")
    assert seen_here.source_id == record_from_status(MASTODON).source_id
    other = {**MASTODON, "uri": "https://other.example/users/cy/statuses/110",
             "account": {"id": "5", "acct": "cy", "url": "https://other.example/@cy"}}
    assert record_from_status(other).source_id != record_from_status(MASTODON).source_id
    assert record_from_status(other).author == "cy@other.example"
    assert seen_here.reply_to_id == "mastodon.social/100"


def test_keycap_hash_is_not_a_tag_start_in_lists_facets_and_text():
    """Issue 30, item 19: '#️⃣tag' never becomes the tag '️⃣tag'."""
    from immerse.engine.listening.parse_mastodon import record_from_status
    from immerse.engine.listening.records import extract_hashtags, tags_of

    status = {**MASTODON, "tags": [{"name": "\ufe0f\u20e3tag"}, {"name": "#\ufe0f\u20e3"}]}
    assert record_from_status(status).hashtags == ("tag",)
    assert tags_of(["#\ufe0f\u20e3tag", "fedi", "Fedi"]) == ("tag", "fedi", "Fedi")
    assert extract_hashtags("#\ufe0f\u20e3tag and #\ufe0f\u20e3 #ok") == ("ok",)


def test_organizer_handles_compare_with_their_instance():
    """Issue 30, item 18: '@sm20@events.example' is the local account sm20 of that
    instance, and no 'sm20' elsewhere."""
    from immerse.engine.listening.columns import columns_from_rows

    c = columns_from_rows(ids=["1", "2"], authors=["sm20@events.example", "sm20"],
                          created=[0, 1], texts=["", ""], reply_to_ids=[None, None])
    assert c.handle_codes(["@SM20@events.example"]).tolist() == [0]
    assert c.handle_codes(["https://events.example/@sm20"]).tolist() == [0]
