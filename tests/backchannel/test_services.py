"""Ingest: dedup, strict and skipped lines, retries after a lost connection, clean columns."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from immerse.backchannel.models import Post
from immerse.backchannel.services.ingest import IngestAborted, posts_ingest
from immerse.cli import app
from tests.backchannel.factories import tweet
from tests.factories import make_event

pytestmark = pytest.mark.django_db
# ../shared/data next to the project (IMMERSE_SHARED_DATA overrides, e.g. in a worktree).
SHARED = Path(os.environ.get("IMMERSE_SHARED_DATA", Path(__file__).resolve().parents[2] / ".."
                             / "shared" / "data")) / "listening"


def test_ingest_dedups_and_labels() -> None:
    event = make_event(slug="ws")
    data = tweet(1, "Where are the slides?", minute=1) + tweet(2, "Great talk!", user="bob")
    report = posts_ingest(event=event, data=data, fmt="jsonl", source_name="t.jsonl")
    assert (report.read, report.created, report.duplicates) == (2, 2, 0)
    again = posts_ingest(event=event, data=data, fmt="jsonl", source_name="t.jsonl")
    assert (again.created, again.duplicates) == (0, 2)
    question = Post.objects.get(source_id="1")
    assert question.is_question and question.hashtags == ["mobile"]
    assert Post.objects.get(source_id="2").sentiment == "positive"


def test_bad_lines_are_skipped_or_abort_everything_when_strict() -> None:
    event = make_event(slug="ws")
    data = tweet(1, "fine") + b"{not json\n" + tweet(2, "also fine")
    report = posts_ingest(event=event, data=data, fmt="jsonl", source_name="t.jsonl")
    assert report.created == 2 and [p.line for p in report.problems] == [2]
    Post.objects.all().delete()
    with pytest.raises(IngestAborted, match=r"t\.jsonl, line 2"):
        posts_ingest(event=event, data=data, fmt="jsonl", source_name="t.jsonl", strict=True)
    assert Post.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # the retry closes the connection: no test transaction
def test_batch_retried_after_lost_connection_without_duplicates(monkeypatch) -> None:
    """A database restart mid-ingest: the batch retries on a fresh connection, once stored."""
    from django.db import OperationalError

    from immerse.backchannel.services import ingest as services

    event = make_event(slug="ws")
    monkeypatch.setattr(services, "BATCH", 2)
    monkeypatch.setattr(services.time, "sleep", lambda seconds: None)
    real_store, calls = services._store, []

    def flaky_store(event, columns):
        calls.append(len(columns[0]))  # posts in the batch
        created = real_store(event, columns)
        if len(calls) == 2:  # stored, then the connection died before the answer came
            raise OperationalError("server closed the connection unexpectedly")
        return created

    monkeypatch.setattr(services, "_store", flaky_store)
    data = b"".join(tweet(n, f"post {n}") for n in range(1, 6)) + tweet(1, "post 1 again")
    report = posts_ingest(event=event, data=data, fmt="jsonl", source_name="t.jsonl")
    # Batch 2 was stored before its answer was lost: its retry finds both posts there.
    assert calls == [2, 2, 1]
    assert sorted(Post.objects.values_list("source_id", flat=True)) == ["1", "2", "3", "4", "5"]
    assert (report.read, report.created, report.duplicates) == (6, 3, 3)


@pytest.mark.django_db(transaction=True)
def test_ingest_gives_up_after_retry_budget(monkeypatch) -> None:
    from django.db import OperationalError

    from immerse.backchannel.services import ingest as services

    slept: list[float] = []
    monkeypatch.setattr(services.time, "sleep", slept.append)

    def down(event, rows):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(services, "_store", down)
    with pytest.raises(OperationalError):
        posts_ingest(event=make_event(slug="ws"), data=tweet(1, "hi"), fmt="jsonl",
                     source_name="t.jsonl")
    assert slept[:3] == [0.25, 0.5, 1.0] and max(slept) == 4.0
    assert services.RETRY_SECONDS <= sum(slept) < services.RETRY_SECONDS + 4


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/listening is absent")
def test_cli_ingests_the_messy_ismb_csv(tmp_path: Path) -> None:
    make_event(slug="ismb2012", start_date=date(2012, 7, 13), end_date=date(2012, 7, 17),
               time_zone="America/Los_Angeles")
    path = SHARED / "backchannel" / "ismb2012" / "ismb.csv"
    result = CliRunner().invoke(app, ["listen", "ingest", str(path), "--event", "ismb2012"])
    assert result.exit_code == 0, result.output
    assert "3162 posts read, 3162 new" in result.output
    make_event(slug="ismb")  # dated 2027
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(tweet(1, "ok") + b"[1, 2]\n")
    result = CliRunner().invoke(app, ["listen", "ingest", str(bad), "--event", "ismb",
                                      "--strict"])
    assert result.exit_code == 1 and "bad.jsonl, line 2" in result.output
    assert "nothing was written" in result.output


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/listening is absent")
def test_an_archive_from_2012_into_an_event_of_2027_keeps_nothing_and_says_why() -> None:
    """The issue's reproduction: every post was accepted without a word."""
    make_event(slug="ismb", start_date=date(2027, 5, 1), end_date=date(2027, 5, 2))
    path = SHARED / "backchannel" / "ismb2012" / "ismb.csv"
    result = CliRunner().invoke(app, ["listen", "ingest", str(path), "--event", "ismb"])
    assert result.exit_code == 0, result.output
    assert "0 posts read" in result.output
    assert "3162 left out (3162 before the event window)" in result.output
    assert "--any-date keeps it all" in result.output
    assert Post.objects.count() == 0
    result = CliRunner().invoke(app, ["listen", "ingest", str(path), "--event", "ismb",
                                      "--any-date"])
    assert "3162 posts read, 3162 new" in result.output


def toot(n: int, text: str) -> bytes:
    body = {"id": str(n), "content": f"<p>{text}</p>", "account": {"acct": "cat@social.example"},
            "created_at": "2019-07-15T10:05:00Z", "tags": [{"name": "mobile"}]}
    return json.dumps(body).encode() + b"\n"


@pytest.mark.django_db(transaction=True)
def test_one_batch_of_two_sources_keeps_each_and_dedups_each() -> None:
    """Ids are per source: tweet 1 and toot 1 are two posts, each stored once."""
    event = make_event(slug="ws")
    data = tweet(1, "Great talk!") + toot(1, "Great talk too") + tweet(2, "Slides?") + toot(1, "x")
    first = posts_ingest(event=event, data=data, fmt="jsonl", source_name="mixed.jsonl")
    again = posts_ingest(event=event, data=data, fmt="jsonl", source_name="mixed.jsonl")
    assert (first.created, first.duplicates) == (3, 1)
    assert (again.created, again.duplicates) == (0, 4)
    assert sorted(Post.objects.values_list("source", "source_id")) == [
        ("mastodon", "1"), ("twitter", "1"), ("twitter", "2")]
    toot_post = Post.objects.get(source="mastodon")
    assert (toot_post.text, toot_post.hashtags, toot_post.kind) == ("Great talk too", ["mobile"],
                                                                     "post")


def test_nul_characters_are_dropped_and_long_fields_cut_to_their_columns() -> None:
    """PostgreSQL text cannot hold NUL: one such post must not stop an ingest."""
    event = make_event(slug="ws")
    body = {"id_str": "7", "full_text": "nul\u0000here #tag\u0000x",
            "user": {"screen_name": "a" * 250}, "created_at": "Mon Jul 15 10:00:00 +0000 2019",
            "lang": "en\u0000" + "x" * 30,
            "entities": {"hashtags": [{"text": "tag\u0000x"}], "user_mentions": []}}
    data = json.dumps(body).encode() + b"\n" + tweet(8, "clean post")
    report = posts_ingest(event=event, data=data, fmt="jsonl", source_name="t.jsonl")
    assert (report.created, report.problems) == (2, [])
    post = Post.objects.get(source_id="7")
    assert (post.text, post.hashtags, post.author, post.lang) == (
        "nulhere #tagx", ["tagx"], "a" * 200, "en" + "x" * 14)
    assert Post.objects.get(source_id="8").text == "clean post"


def test_stored_post_lookup_probes_the_unique_key_not_the_whole_event() -> None:
    """Without the source in the query, SQLite scanned all of the event's posts per batch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from immerse.backchannel.services import ingest as services

    if connection.vendor != "sqlite":
        pytest.skip("the query plan checked is SQLite's")
    event = make_event(slug="ws")
    with CaptureQueriesContext(connection) as captured:
        services._stored_ids(event.pk, "twitter", {"1", "2"})
    (query,) = [q["sql"] for q in captured.captured_queries if "source_id IN" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {query}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "sqlite_autoindex_backchannel_post" in plan, plan
    assert "event_id=? AND source=? AND source_id=?" in plan, plan


def test_a_re_ingest_scores_only_the_posts_not_yet_stored(monkeypatch) -> None:
    """Scoring is the costly step: a re-run of a growing export must not redo it."""
    from immerse.backchannel.services import ingest as services

    event = make_event(slug="ws")
    first = tweet(1, "Great talk!") + tweet(2, "Where are the slides?") + toot(2, "Boosted")
    posts_ingest(event=event, data=first, fmt="jsonl", source_name="t.jsonl")
    scored: list[str] = []
    real = services.sentiment_labels

    def counting(texts):
        scored.extend(texts)
        return real(texts)

    monkeypatch.setattr(services, "sentiment_labels", counting)
    report = posts_ingest(event=event, data=first + tweet(3, "Lunch was awful"), fmt="jsonl",
                          source_name="t.jsonl")
    assert scored == ["Lunch was awful"]
    assert (report.created, report.duplicates) == (1, 3)


def test_a_long_ingest_keeps_no_growing_query_log_with_debug_on(monkeypatch, settings) -> None:
    """Outside production DEBUG is on, and Django then logs every query's SQL."""
    from django.db import connection, reset_queries

    from immerse.backchannel.services import ingest as services

    settings.DEBUG = True
    monkeypatch.setattr(services, "BATCH", 2)
    event = make_event(slug="ws")
    reset_queries()
    Post.objects.count()
    assert len(connection.queries) == 1  # the log is on
    many = b"".join(tweet(n, f"post {n}") for n in range(1, 41))
    report = posts_ingest(event=event, data=many, fmt="jsonl", source_name="t.jsonl")
    assert report.created == 40
    assert connection.queries == []  # 20 batches, ~5 queries each, none kept
