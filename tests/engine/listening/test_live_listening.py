"""Engine parts of live listening: API pages, paging and rate-limit headers, backoff,
belonging to an event, networks against brute force, links, spikes, GEXF."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import numpy as np
import orjson
import pytest

from immerse.engine.formats.gexf import graph_to_gexf
from immerse.engine.listening.analysis_links import activity_spikes, normalise_url, top_links
from immerse.engine.listening.api_pages import (
    PageError,
    backoff_seconds,
    bluesky_page,
    link_targets,
    mastodon_id_at,
    mastodon_page,
    newest_status_id,
    wait_seconds,
)
from immerse.engine.listening.belonging import belonging_for, screen, text_problem
from immerse.engine.listening.columns import columns_from_rows
from immerse.engine.listening.networks import cohashtag_graph, conversation_graph, top_nodes
from immerse.engine.listening.records import PostRecord

NOW = datetime(2027, 3, 15, 10, 0, tzinfo=UTC)


def status(n: int, text: str = "hi", **extra) -> dict:
    return {"id": str(n), "created_at": "2027-03-15T09:00:00Z", "content": f"<p>{text}</p>",
            "account": {"acct": "ana"}, **extra}


# ---- pages -----------------------------------------------------------------------------

def test_a_mastodon_page_keeps_good_items_and_names_bad_ones() -> None:
    page = mastodon_page(orjson.dumps([status(2), {"id": "3"}, "junk", status(1)]))
    assert [r.source_id for r in page.records] == ["2", "1"] and page.items == 4
    assert [p.reason for p in page.problems] == [
        "item 2: missing field 'account.acct'", "item 3: expected an object, got str"]
    assert newest_status_id(page.records) == "2"


@pytest.mark.parametrize(("body", "says"), [
    (b"<!DOCTYPE html><html><body>502</body></html>", "an HTML page"),
    (b"", "an empty body"),
    (b'{"error": "This method requires an authenticated user"}', "requires an authenticated"),
    (b'[{"id": "1", "content": "cut', "not JSON"),
])
def test_a_body_that_is_not_a_timeline_page_says_what_it_is(body: bytes, says: str) -> None:
    with pytest.raises(PageError, match=says):
        mastodon_page(body)


def test_ids_compare_as_numbers_not_text() -> None:
    records = [PostRecord("mastodon", i, "a", "t", NOW) for i in ("99", "100", "98")]
    assert newest_status_id(tuple(records)) == "100"
    assert int(mastodon_id_at(NOW)) >> 16 == int(NOW.timestamp() * 1000)


def test_a_bluesky_page_gives_its_cursor_until_the_end() -> None:
    view = {"uri": "at://did:plc:a/app.bsky.feed.post/1", "author": {"handle": "a.bsky.social"},
            "record": {"text": "hi", "createdAt": "2027-03-15T09:00:00Z"}}
    assert bluesky_page(orjson.dumps({"posts": [view], "cursor": "25"})).cursor == "25"
    assert bluesky_page(orjson.dumps({"posts": [], "cursor": "25"})).cursor is None
    with pytest.raises(PageError):
        bluesky_page(b'{"error": "ExpiredToken"}')


def test_link_header_with_several_relations_and_odd_spacing() -> None:
    header = ('<https://m.example/a?max_id=1>;rel="next",   <https://m.example/a?min_id=2> ; '
              'rel="prev last"')
    assert link_targets(header) == {"next": "https://m.example/a?max_id=1",
                                    "prev": "https://m.example/a?min_id=2",
                                    "last": "https://m.example/a?min_id=2"}
    assert link_targets("garbage, <>; rel=") == {}


@pytest.mark.parametrize(("headers", "limited", "seconds"), [
    ({"Retry-After": "90"}, True, 90.0),
    ({"Retry-After": "Mon, 15 Mar 2027 10:02:00 GMT"}, True, 120.0),
    ({"ratelimit-reset": str(int(NOW.timestamp()) + 30)}, True, 30.0),  # Bluesky
    ({"x-ratelimit-reset": "2027-03-15T10:05:00.000Z"}, True, 300.0),  # Mastodon
    ({"x-ratelimit-reset": "2027-03-15T10:05:00.000Z", "x-ratelimit-remaining": "12"},
     False, None),
    ({"Retry-After": "soon"}, True, None),
    ({}, True, None),
])
def test_wait_seconds(headers, limited, seconds) -> None:
    assert wait_seconds(headers, now=NOW, limited=limited) == seconds


def test_backoff_grows_then_stays_at_the_cap_with_bounded_jitter() -> None:
    delays = [backoff_seconds(n, base=60, cap=3600, jitter=0.2) for n in range(1, 12)]
    assert delays[0] == 72 and delays[-1] == 4320 and delays == sorted(delays)
    assert backoff_seconds(0, base=60, cap=3600) == 0


# ---- belonging -------------------------------------------------------------------------

def record(text: str, *, day: int = 15, tags=(), mentions=()) -> PostRecord:
    return PostRecord("x", text, "ana", text, datetime(2027, 3, day, 12, tzinfo=UTC),
                      hashtags=tuple(tags), mentions=tuple(mentions))


def test_firehose_sources_keep_only_the_events_tags_or_accounts() -> None:
    window = belonging_for(start=datetime(2027, 3, 14, tzinfo=UTC),
                           end=datetime(2027, 3, 17, tzinfo=UTC), hashtags=["#MSM"],
                           accounts=["@Team@events.example"], require_topic=True)
    kept, skipped = screen([record("a", tags=["msm"]), record("b", mentions=["team@events"
                                                                              ".example"]),
                            record("c", tags=["other"]), record("d", day=20, tags=["msm"])],
                           window)
    assert [r.text for r in kept] == ["a", "b"]
    assert skipped == Counter({"without the event's hashtags or accounts": 1,
                               "after the event window": 1})


@pytest.mark.parametrize(("text", "problem"), [
    ("Café ☕ #msm", None),
    ("a\x00b", None),  # one stray control character: kept (and cleaned when stored)
    ("\t\n ", "empty text"),
    ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data instead of text"),
    ("\ufffd\ufffd\ufffd\ufffd", "undecodable text (wrong encoding?)"),
    ("Caf\ufffd au lait", None),
])
def test_text_problem(text: str, problem: str | None) -> None:
    assert text_problem(text) == problem


# ---- networks, links, spikes ------------------------------------------------------------

def _random_columns(seed: int):
    rng = random.Random(seed)
    tags = ["a", "b", "c", "d", "e"]
    n = 60
    hashtags = [rng.sample(tags, rng.randint(0, 4)) for _ in range(n)]
    kinds = ["repost" if rng.random() < 0.2 else "post" for _ in range(n)]
    return columns_from_rows(ids=[str(i) for i in range(n)],
                             authors=[f"u{rng.randint(0, 6)}" for _ in range(n)],
                             created=list(range(n)), texts=[""] * n, reply_to_ids=[None] * n,
                             kinds=kinds, hashtags=hashtags), hashtags, kinds


@pytest.mark.parametrize("seed", range(5))
def test_cohashtag_weights_match_brute_force(seed: int) -> None:
    columns, hashtags, kinds = _random_columns(seed)
    expected = Counter(pair for tags, kind in zip(hashtags, kinds, strict=True)
                       if kind != "repost" for pair in itertools.combinations(sorted(tags), 2))
    graph = cohashtag_graph(columns)
    got = {(graph.labels[s], graph.labels[t]): int(w)
           for s, t, w in zip(graph.source, graph.target, graph.weight, strict=True)}
    assert got == dict(expected)
    assert graph.degree.sum() == 2 * sum(expected.values())


def test_conversation_graph_and_top_nodes() -> None:
    columns = columns_from_rows(ids=["1", "2", "3"], authors=["ana", "bob", "ana"],
                                created=[0, 1, 2], texts=["", "", ""],
                                reply_to_ids=[None, "1", None], mentions=[["bob"], [], ["bob"]])
    graph = conversation_graph(columns)
    assert graph.directed and top_nodes(graph) == [("ana", 3), ("bob", 3)]


def test_links_are_counted_once_per_post_and_spelled_one_way() -> None:
    assert normalise_url("HTTPS://Example.org/?utm_medium=x&q=1#frag).") == \
        "https://example.org?q=1"
    columns = columns_from_rows(
        ids=["1", "2", "3"], authors=["a", "b", "c"], created=[0, 1, 2],
        reply_to_ids=[None] * 3, kinds=["post", "post", "repost"],
        texts=["https://bsky.app/profile/x https://a.example/p", "(https://a.example/p)",
               "https://a.example/p"])
    assert top_links(columns, exclude_hosts=("bsky.app",)) == [("https://a.example/p", 2)]


def test_a_quiet_stream_has_no_spikes_and_a_burst_is_one() -> None:
    flat = np.full(24, 10)
    assert activity_spikes(flat, np.arange(24) * 3600) == []
    burst = flat.copy()
    burst[12] = 40
    assert [s.start for s in activity_spikes(burst, np.arange(24) * 3600)] == [12 * 3600]
    morning = np.array([0, 0, 0, 0, 8, 9, 10, 9])  # the first busy hour after the night
    assert activity_spikes(morning, np.arange(8) * 3600) == []


def test_gexf_escapes_and_counts() -> None:
    columns = columns_from_rows(ids=["1", "2"], authors=['a"<&>', "b"], created=[0, 1],
                                texts=["", ""], reply_to_ids=[None, "1"])
    text = graph_to_gexf(conversation_graph(columns), description="x & y").decode()
    assert 'label=\'a"&lt;&amp;&gt;\'' in text and '<edges count="1">' in text
    assert "x &amp; y" in text


def test_mastodon_id_orders_like_time() -> None:
    ids = [int(mastodon_id_at(NOW + timedelta(seconds=s))) for s in (0, 1, 60)]
    assert ids == sorted(ids)
