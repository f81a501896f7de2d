"""The demo listens: each demo event has a backchannel from Mastodon, Bluesky and its blog,
tied to its program and people, with questions answered and waiting, and a live wall."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.backchannel.models import AuthorReview, Post, Source
from immerse.backchannel.selectors.dashboard import listening_for
from immerse.backchannel.selectors.wall import wall_for
from immerse.demo.backchannel import backchannel_demo_seed
from immerse.events.models import Event

pytestmark = pytest.mark.django_db


def test_the_immersion_dashboard_and_wall_are_alive(demo_db) -> None:
    event = Event.objects.get(slug="mobile-immersion")
    sources = set(Post.objects.filter(event=event).values_list("source", flat=True))
    assert sources == {"mastodon", "bluesky", "feed"}
    data = listening_for(event=event)
    assert data.posts > 300
    assert data.unanswered_count > 0  # some questions wait …
    assert data.response_questions > 0 and 0.3 < data.response_rate < 0.9  # … many answered
    assert sum(n for _, n in data.sentiment_rows) == data.posts
    assert data.talkers[0][0] == "msmteam@events.example"  # the organizers answer most
    assert data.links and data.spikes and data.tag_pairs
    titles = set(event.sessions.values_list("title", flat=True))
    assert any(f"'{title}'" in text for title in titles
               for text in Post.objects.filter(event=event).values_list("text", flat=True)[:50])
    wall = wall_for(event=event)
    assert wall.public and wall.pinned[0].text.startswith("Welcome to")
    assert all(post.author != "growthhacker99@spam.example" for post in wall.posts)
    html = Client().get("/events/mobile-immersion/wall/").content.decode()
    assert "Welcome to Mobile Social Media Immersion" in html


def test_demo_sources_are_paused_with_what_they_brought(demo_db) -> None:
    sources = Source.objects.filter(event__slug="mobile-immersion")
    assert {s.kind for s in sources} == {"mastodon", "bluesky", "feed"}
    assert not any(s.active for s in sources)  # the demo calls no real service
    assert all(s.posts_added > 0 and s.last_summary["created"] == s.posts_added
               for s in sources)


def test_every_demo_event_listens_and_the_seed_reruns(demo_db) -> None:
    before = Post.objects.count()
    assert all(Post.objects.filter(event__slug=slug).exists()
               for slug in ("mobile-immersion", "social-media-2-0", "social-media-101"))
    backchannel_demo_seed(seed=2009)  # again: replaces, never duplicates
    assert Post.objects.count() == before
    assert AuthorReview.objects.filter(decision="blocked").count() == 3
