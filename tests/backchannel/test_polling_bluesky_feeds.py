"""Polling Bluesky search (cursors, sessions, an app password encrypted at rest) and RSS
feeds (ETag, 304, the event window) over real HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from immerse.backchannel.models import Post, Source
from immerse.backchannel.secrets import secret_open
from immerse.backchannel.services.sources import SourceInvalid, source_add
from immerse.common.tasks import task_get
from immerse.demo.social_shapes import bluesky_author, bluesky_post, rss_feed
from tests.backchannel.factories import live_event

pytestmark = pytest.mark.django_db
SEARCH = "/xrpc/app.bsky.feed.searchPosts"


def _poll(source: Source) -> Source:
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    task_get("listen_poll_source")(source.pk)
    source.refresh_from_db()
    return source


def _posts(n: int, *, start, first: int = 0, tag: str = "msm") -> list[dict]:
    return [bluesky_post(author=bluesky_author(f"p{i % 9}.bsky.social"),
                         text=f"Listening to the panel #{tag} ({i})",
                         created_at=start + timedelta(seconds=30 * i), clock=i)
            for i in range(first, first + n)]


@pytest.fixture
def bluesky(social):
    social.add_account("organizer.bsky.social", "abcd-efgh-ijkl-mnop")
    event = live_event()
    source = source_add(event=event, kind="bluesky", url=social.url, tag="msm",
                        handle="@organizer.bsky.social", app_password="abcd-efgh-ijkl-mnop")
    return event, source


def test_the_app_password_is_encrypted_at_rest(bluesky) -> None:
    _, source = bluesky
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM backchannel_source WHERE id = %s", [source.pk])
        stored = cursor.fetchone()[0]
    assert "abcd-efgh" not in stored and stored.startswith("gAAAA")  # a Fernet token
    assert secret_open(stored) == {"password": "abcd-efgh-ijkl-mnop"}
    assert source.tag == "#msm"  # one bare word is the hashtag


def test_search_follows_cursors_and_the_next_pass_starts_from_the_newest(social,
                                                                        bluesky) -> None:
    event, source = bluesky
    start = timezone.now() - timedelta(hours=3)
    social.add_bluesky(_posts(250, start=start) + _posts(5, start=start, tag="other"))
    source = _poll(source)
    assert Post.objects.filter(event=event, source="bluesky").count() == 250
    searches = social.requests(SEARCH)
    assert [r.query.get("cursor") for r in searches] == [None, "100", "200"]
    assert all(r.query["q"] == "#msm" and r.query["sort"] == "latest" for r in searches)
    assert source.state["cursor"] is None
    assert len(social.requests("/xrpc/com.atproto.server.createSession")) == 1
    social.add_bluesky(_posts(3, start=start, first=250))
    source = _poll(source)
    last = social.requests(SEARCH)[-1]
    assert last.query["since"] == source.state["since"] or "since" in last.query
    assert last.query["since"] > searches[0].query["since"]
    assert Post.objects.filter(event=event).count() == 253
    assert len(social.requests("/xrpc/com.atproto.server.createSession")) == 1  # reused


def test_an_expired_session_is_refreshed_not_logged_in_again(social, bluesky) -> None:
    _, source = bluesky
    social.add_bluesky(_posts(3, start=timezone.now() - timedelta(hours=1)))
    _poll(source)
    social.expire_tokens()
    source = _poll(source)
    assert source.failures == 0
    assert len(social.requests("/xrpc/com.atproto.server.refreshSession")) == 1
    assert len(social.requests("/xrpc/com.atproto.server.createSession")) == 1


def test_a_refused_app_password_stops_the_source_with_the_reason(social) -> None:
    social.add_account("organizer.bsky.social", "right")
    source = source_add(event=live_event(), kind="bluesky", url=social.url, tag="#msm",
                        handle="organizer.bsky.social", app_password="wrong")
    source = _poll(source)
    assert not source.active
    assert "refused the handle or app password (401)" in source.last_error


def test_a_cursor_cut_short_by_a_rate_limit_resumes_where_it_stopped(social,
                                                                    bluesky) -> None:
    event, source = bluesky
    social.add_bluesky(_posts(250, start=timezone.now() - timedelta(hours=3)))
    social.fail(SEARCH, "429", after=1, retry_after="5")
    source = _poll(source)
    assert Post.objects.filter(event=event).count() == 100
    assert source.state["cursor"] == "100" and source.failures == 0
    source = _poll(source)
    assert social.requests(SEARCH)[-2].query["cursor"] == "100"
    assert Post.objects.filter(event=event).count() == 250


def test_bluesky_needs_a_login() -> None:
    with pytest.raises(SourceInvalid, match="app password"):
        source_add(event=live_event(), kind="bluesky", tag="#msm")


# ---- feeds ---------------------------------------------------------------------------

def test_feed_polls_are_conditional_and_keep_the_event_window(social) -> None:
    event = live_event()
    now = timezone.now()
    items = [{"title": f"Day {i}", "link": f"https://blog.example/{i}", "author": "Tariq",
              "published": moment, "summary": "What we learned #msm"}
             for i, moment in enumerate([now - timedelta(hours=2), now - timedelta(days=40),
                                         now + timedelta(days=30)])]
    url = social.set_feed("blog", rss_feed(title="Blog", link="https://blog.example",
                                           items=items), etag='"v1"')
    source = source_add(event=event, kind="feed", url=url)
    source = _poll(source)
    assert Post.objects.filter(event=event, source="feed").count() == 1
    assert source.last_summary["skipped"] == {"before the event window": 1,
                                              "after the event window": 1}
    assert source.state["etag"] == '"v1"'
    source = _poll(source)
    assert social.requests("/feeds/blog")[-1].headers["if-none-match"] == '"v1"'
    assert source.last_summary["outcome"] == "not-modified" and source.failures == 0


def test_an_html_page_instead_of_a_feed_is_a_failure_with_the_reason(social) -> None:
    url = social.set_feed("blog", b"<!DOCTYPE html><html><body>Moved</body></html>",
                          etag='"x"')
    source = _poll(source_add(event=live_event(), kind="feed", url=url))
    assert source.failures == 1 and "not a readable RSS/Atom feed" in source.last_error


def test_private_addresses_are_refused_outside_tests(social, settings) -> None:
    settings.IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS = False
    source = _poll(source_add(event=live_event(), kind="feed", url=social.url + "/feeds/x"))
    assert "private or local address" in source.last_error
    assert social.requests() == []
