"""Analyses on small hand-built backchannels, checked against hand-computed values."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from immerse.engine.listening.analysis import (
    conversation_edges,
    sentiment_summary,
    top_hashtags,
    top_voices,
    volume_over_time,
)
from immerse.engine.listening.analysis_questions import organizer_response, unanswered_questions
from immerse.engine.listening.analysis_topics import topics
from immerse.engine.listening.columns import PostColumns, columns_from_records, columns_from_rows
from immerse.engine.listening.questions import is_question
from immerse.engine.listening.records import PostRecord

T0 = 1_700_000_000 - 1_700_000_000 % 3600  # an hour boundary


def event() -> PostColumns:
    """Six posts: ana asks twice, org answers one (after 10 min), bob reposts, cy self-replies."""
    return columns_from_rows(
        ids=["1", "2", "3", "4", "5", "6"],
        authors=["Ana", "org", "bob", "ana", "cy", "cy"],
        created=[T0, T0 + 600, T0 + 700, T0 + 3700, T0 + 3800, T0 + 3900],
        texts=[
            "Where are the slides? #Keynote",
            "@ana here: https://x.org #keynote",
            "RT @org: here",
            "Is there coffee left?",
            "How do I join the workshop?",
            "never mind, found it",
        ],
        reply_to_ids=[None, "1", None, None, None, "5"],
        kinds=["post", "reply", "repost", "post", "post", "reply"],
        mentions=[[], ["ana"], ["org"], [], [], []],
        hashtags=[["Keynote"], ["keynote"], [], [], [], []],
        sentiments=["neutral", "positive", "positive", None, "negative", "neutral"],
    )


def test_columns_code_case_folded_handles_and_link_replies():
    c = event()
    assert c.handles == ("ana", "org", "bob", "cy")
    assert c.author.tolist() == [0, 1, 2, 0, 3, 3]
    assert c.reply_to.tolist() == [-1, 0, -1, -1, -1, 4]
    assert c.reply_to_author.tolist() == [-1, 0, -1, -1, -1, 3]
    assert c.is_question.tolist() == [True, False, False, True, True, False]
    assert c.tags == ("keynote",)
    assert c.mention_ptr.tolist() == [0, 0, 1, 2, 2, 2, 2]


def test_volume_over_time_counts_hourly_buckets_with_reposts_apart():
    volume = volume_over_time(event(), bucket_seconds=3600)
    assert volume.bucket_start.tolist() == [T0, T0 + 3600]
    assert volume.counts.tolist() == [3, 3]
    assert volume.originals.tolist() == [2, 3]


def test_volume_over_time_keeps_empty_buckets():
    c = columns_from_rows(
        ids=["a", "b"],
        authors=["x", "y"],
        created=[T0, T0 + 3 * 3600],
        texts=["", ""],
        reply_to_ids=[None, None],
    )
    assert volume_over_time(c).counts.tolist() == [1, 0, 0, 1]


def test_top_voices_by_posts_replies_and_mentions():
    c = event()
    assert [(v.handle, v.posts) for v in top_voices(c, limit=3)] == [
        ("ana", 2),
        ("cy", 2),
        ("org", 1),
    ]
    (first,) = top_voices(c, by="replies_received", limit=1)
    # ana got org's reply; cy's reply to itself counts too (it is a reply) but ana sorts first
    assert (first.handle, first.replies_received, first.mentions_received) == ("ana", 1, 1)
    # bob's repost mentions org, but reposts do not count as mentions
    assert [v.handle for v in top_voices(c, by="mentions_received")] == ["ana"]
    with pytest.raises(ValueError, match="by must be one of"):
        top_voices(c, by="followers")


def test_top_hashtags_case_folded_and_event_tag_excluded():
    c = event()
    assert top_hashtags(c) == [("keynote", 2)]
    assert top_hashtags(c, exclude=("#Keynote",)) == []


def test_conversation_edges_aggregate_replies_and_mentions_without_self_loops():
    c = event()
    edges = conversation_edges(c)
    pairs = {
        (c.handles[s], c.handles[t]): (int(r), int(m))
        for s, t, r, m in zip(
            edges.source, edges.target, edges.replies, edges.mentions, strict=True
        )
    }
    assert pairs == {("org", "ana"): (1, 1)}  # cy→cy dropped, bob's repost left out
    with_reposts = conversation_edges(c, include_reposts=True)
    assert int(with_reposts.weight.sum()) == 3


def test_sentiment_summary_per_bucket_without_reposts():
    summary = sentiment_summary(event(), bucket_seconds=3600)
    assert summary.totals.tolist() == [1, 2, 1]
    assert summary.per_bucket.tolist() == [[0, 1, 1], [1, 1, 0]]
    assert summary.unknown == 1


def test_unanswered_questions_threshold_and_self_replies():
    c = event()
    # Q1 answered by org after 600 s; Q4 never; Q5 only self-answered.
    assert unanswered_questions(c, within_seconds=3600).rows.tolist() == [3, 4]
    assert unanswered_questions(c, within_seconds=300).rows.tolist() == [0, 3, 4]


def test_unanswered_questions_pending_until_window_closes():
    c = event()
    found = unanswered_questions(c, within_seconds=3600, now=T0 + 4000)
    assert (found.rows.tolist(), found.questions, found.pending) == ([], 1, 2)


def test_the_organizers_own_questions_are_not_waiting_for_them():
    c = columns_from_rows(
        ids=["welcome", "q"], authors=["team@events.example", "ana"], created=[0, 10],
        texts=["Welcome! Questions? Ask here.", "Which room is the lab in?"],
        reply_to_ids=[None, None])
    assert unanswered_questions(c, within_seconds=60).rows.tolist() == [0, 1]
    found = unanswered_questions(c, within_seconds=60, organizers=["@team@events.example"])
    assert (found.rows.tolist(), found.questions) == ([1], 1)


def test_organizer_response_rate_and_median():
    c = columns_from_rows(
        ids=["q1", "q2", "q3", "a1", "a2", "a3"],
        authors=["ana", "bob", "cy", "org", "org", "bob"],
        created=[0, 100, 200, 60, 400, 250],
        texts=["Slides?", "Wifi?", "Room?", "@ana here", "@bob it is x", "@cy no idea"],
        reply_to_ids=[None, None, None, "q1", "q2", "q3"],
    )
    response = organizer_response(c, organizers=["@ORG"])
    assert (response.questions, response.answered, response.median_seconds) == (3, 2, 180.0)
    assert response.delays == (60.0, 300.0)  # pooled with the rooms' waits (common.waiting)
    assert response.rate == pytest.approx(2 / 3)
    within = organizer_response(c, organizers=["org"], within_seconds=100)
    assert (within.answered, within.median_seconds) == (1, 60.0)
    assert organizer_response(c, organizers=["nobody"]).answered == 0


def test_analyses_agree_with_brute_force_on_random_posts():
    rng = np.random.default_rng(7)
    n = 300
    authors = [f"u{k}" for k in rng.integers(0, 12, n)]
    created = np.sort(rng.integers(0, 20_000, n))
    replies = [str(int(rng.integers(0, i))) if i and rng.random() < 0.3 else None for i in range(n)]
    texts = ["why?" if rng.random() < 0.4 else "ok" for _ in range(n)]
    c = columns_from_rows(
        ids=[str(i) for i in range(n)],
        authors=authors,
        created=created,
        texts=texts,
        reply_to_ids=replies,
    )
    expected = []
    for i in range(n):
        answers = [
            created[j] - created[i]
            for j in range(n)
            if replies[j] == str(i) and authors[j] != authors[i]
        ]
        if texts[i] == "why?" and not any(0 <= d <= 500 or d < 0 for d in answers):
            expected.append(i)
    found = unanswered_questions(c, within_seconds=500).rows
    assert sorted(found.tolist()) == expected
    volume = volume_over_time(c, bucket_seconds=1000)
    assert volume.counts.sum() == n
    assert volume.counts.tolist() == np.bincount(created // 1000).tolist()


def test_topics_are_seeded_labelled_and_cover_the_sample():
    texts = ["coffee break queue at the coffee bar", "lunch and coffee in the hall"] * 10 + [
        "keynote on genome assembly",
        "genome assembly keynote slides",
    ] * 10
    c = columns_from_rows(
        ids=[str(i) for i in range(40)],
        authors=["a"] * 40,
        created=list(range(40)),
        texts=texts,
        reply_to_ids=[None] * 40,
    )
    first = topics(c, n_topics=2, seed=3)
    again = topics(c, n_topics=2, seed=3)
    assert first.labels == again.labels
    assert {t[0] for t in first.terms} == {"coffee", "genome"} or {t[0] for t in first.terms} == {
        "coffee",
        "assembly",
    }
    assert first.topic[0] != first.topic[20]
    assert first.share.sum() == pytest.approx(1.0)
    assert len(first.rows) == 40
    # Each topic is quoted by one of its own posts, in a person's words.
    assert len(first.examples) == 2
    for k, row in enumerate(first.examples):
        assert first.topic[list(first.rows).index(row)] == k
        assert first.terms[k][0] in c.texts[row]


def test_topics_on_too_little_text_returns_no_topics():
    c = columns_from_rows(ids=["1"], authors=["a"], created=[0], texts=["hi"], reply_to_ids=[None])
    assert topics(c).labels == () and topics(c).examples == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Where can I find the slides", True),
        ("@org is there a livestream", True),
        ("Does anyone know the wifi password", True),
        ("Great keynote!", False),
        ("Do not miss the poster session", False),
        ("What a talk", False),
        ("See http://x.org/page?id=3", False),
    ],
)
def test_is_question(text: str, expected: bool):
    assert is_question(text) is expected


def test_columns_from_records_drops_duplicate_keys_and_keeps_sentiment_aligned():
    when = datetime(2024, 5, 3, tzinfo=UTC)
    a = PostRecord(source="twitter", source_id="1", author="ana", text="a", created_at=when)
    b = PostRecord(source="twitter", source_id="2", author="bob", text="b", created_at=when)
    c = columns_from_records([a, a, b], sentiments=["positive", "positive", "negative"])
    assert len(c) == 2
    assert c.sentiment.tolist() == [2, 0]
    assert c.created.tolist() == [int(when.timestamp())] * 2


def test_stored_question_flags_replace_the_regex_but_reposts_never_ask():
    c = columns_from_rows(
        ids=["1", "2", "3"],
        authors=["a", "b", "c"],
        created=[0, 1, 2],
        texts=["no mark", "Why?", "Why?"],
        reply_to_ids=[None] * 3,
        kinds=["post", "post", "repost"],
        questions=[True, False, True],
    )
    assert c.is_question.tolist() == [True, False, False]
