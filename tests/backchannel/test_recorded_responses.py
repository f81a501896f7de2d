"""Recorded answers of the real services (a Mastodon tag timeline page, a Bluesky
searchPosts page, a blog's Atom feed), with the fields our own shape builders leave out
(boosts with polls and media, edits, cards, embeds, labels), polled over real HTTP."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from immerse.backchannel.models import Post
from immerse.backchannel.selectors.dashboard import listening_for
from immerse.backchannel.services.polling import source_poll
from immerse.backchannel.services.sources import source_add
from tests.factories import make_event

pytestmark = pytest.mark.django_db
RECORDED = Path(__file__).parent / "recorded"
NOON = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def event():
    return make_event(slug="rec", start_date=date(2026, 12, 5), end_date=date(2026, 12, 5),
                      time_zone="UTC", hashtags=["#msmimmersion"],
                      organizer_handles=["@team.bsky.social"])


def test_a_recorded_mastodon_page(social, event) -> None:
    social.add_statuses("msmimmersion", json.loads(
        (RECORDED / "mastodon_tag_timeline.json").read_text()))
    source = source_add(event=event, kind="mastodon", url=social.url, tag="msmimmersion")
    report = source_poll(source_id=source.pk, now=NOON, due_only=False)
    assert (report.ingest.created, report.ingest.problems) == (3, [])
    reply = Post.objects.get(author="rlang@fosstodon.org")  # a local account, with its home
    assert reply.kind == "reply" and reply.reply_to_author == "marta@social.example"
    assert "https://slides.example.org/listening-2026" in reply.text  # invisible spans too
    boost = Post.objects.get(author="kim@fosstodon.org")
    assert boost.kind == "repost" and boost.text.startswith("Waar vind ik de slides")
    assert boost.hashtags == ["msmimmersion", "luisteren"]
    question = Post.objects.get(local_id=reply.reply_to_id)  # the instance's own id
    assert question.source_id == ("https://social.example/users/marta/statuses/"
                                  "117733025644544890")
    assert question.text == ("Is the lab recorded?\nAsking for the people in Room B & online. "
                             "#msmimmersion")
    assert question.is_question


def test_a_recorded_bluesky_page(social, event) -> None:
    social.add_account("team.bsky.social", "pw")
    social.add_bluesky(json.loads((RECORDED / "bluesky_search_posts.json").read_text())["posts"])
    source = source_add(event=event, kind="bluesky", url=social.url, tag="#msmimmersion",
                        handle="team.bsky.social", app_password="pw")
    report = source_poll(source_id=source.pk, now=NOON, due_only=False)
    assert (report.ingest.created, report.ingest.problems) == (3, [])
    notes = Post.objects.get(text__startswith="Notes are on the wiki")
    assert "https://wiki.example.org/listening-first?utm_source=bsky" in notes.text
    assert notes.mentions == ["team.bsky.social"]
    answer = Post.objects.get(author="team.bsky.social")
    assert answer.kind == "reply"
    assert Post.objects.get(source_id=answer.reply_to_id).is_question
    data = listening_for(event=event, now=NOON)
    assert data.links == [("https://wiki.example.org/listening-first", 1)]
    assert data.response_rate == 1.0  # the team answered the one question


def test_a_recorded_atom_feed(social, event) -> None:
    url = social.set_feed("tariq", (RECORDED / "blog.atom").read_bytes(), etag='W/"a1"')
    source = source_add(event=event, kind="feed", url=url)
    report = source_poll(source_id=source.pk, now=NOON, due_only=False)
    assert report.ingest.created == 1
    assert dict(report.ingest.skipped) == {"before the event window": 1}
    entry = Post.objects.get()
    assert (entry.author, entry.hashtags) == ("Tariq Benali", ["msmimmersion", "listening"])
    assert entry.text.startswith("Day one of the immersion")
