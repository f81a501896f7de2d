"""The sources page as an organizer uses it: add a Mastodon tag, a Bluesky search and a
blog feed, see them poll, upload a file, and change the settings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from immerse.backchannel.models import Post, Source, Upload
from immerse.common.tasks import task_get
from immerse.demo.social_shapes import bluesky_author, bluesky_post, rss_feed
from tests.backchannel.factories import live_event, statuses
from tests.factories import PASSWORD, make_role, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    event = live_event(slug="ws", blogs=[{"label": "Our blog", "url": "https://b.example",
                                          "feed": "https://b.example/feed.xml"}])
    user = make_user("olivia")
    make_role(event=event, user=user)
    client = Client()
    client.login(username="olivia", password=PASSWORD)
    return event, client


def test_an_organizer_adds_three_kinds_and_posts_flow_in_on_schedule(social, organizer) -> None:
    event, client = organizer
    start = timezone.now() - timedelta(hours=1)
    social.add_statuses("msm", statuses(7, start=start))
    social.add_account("team.bsky.social", "app-pass-word")
    social.add_bluesky([bluesky_post(author=bluesky_author("ana.bsky.social"),
                                     text=f"At the workshop #msm {i}",
                                     created_at=start + timedelta(minutes=i), clock=i)
                        for i in range(4)])
    feed = social.set_feed("blog", rss_feed(title="Blog", link="https://b.example", items=[
        {"title": "Day one", "link": "https://b.example/1", "author": "Tariq",
         "published": start, "summary": "What we learned"}]), etag='"1"')
    for data in ({"kind": "mastodon", "url": social.url, "tag": "#msm"},
                 {"kind": "bluesky", "url": social.url, "tag": "#msm",
                  "handle": "team.bsky.social", "app_password": "app-pass-word"},
                 {"kind": "feed", "url": feed}):
        response = client.post("/events/ws/listening/sources/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert task_get("listen_poll")() == 3
    assert set(Post.objects.filter(event=event).values_list("source", flat=True)) == {
        "bluesky", "feed", "mastodon"}
    assert Post.objects.filter(event=event).count() == 12
    html = client.get("/events/ws/listening/sources/").content.decode()
    assert html.count('class="badge ok"') == 3
    assert "app-pass-word" not in html
    assert "Last poll: 7 new" in html


def test_a_refused_source_shows_the_form_again_with_the_reason(organizer) -> None:
    _, client = organizer
    response = client.post("/events/ws/listening/sources/",
                           {"kind": "mastodon", "url": "https://m.example", "tag": "two words"})
    assert response.status_code == 422
    assert "a Mastodon hashtag is one word" in response.content.decode()
    assert Source.objects.count() == 0


def test_the_hubs_blog_feeds_are_offered(organizer) -> None:
    _, client = organizer
    html = client.get("/events/ws/listening/sources/").content.decode()
    assert "Our blog" in html and 'value="https://b.example/feed.xml"' in html
    client.post("/events/ws/listening/sources/", {"kind": "feed",
                                                  "url": "https://b.example/feed.xml"})
    assert "Listen to this feed" not in client.get("/events/ws/listening/sources/").content \
        .decode()


def test_an_upload_is_ingested_in_the_background_with_its_summary(
        organizer, django_capture_on_commit_callbacks) -> None:
    event, client = organizer
    now = timezone.now()
    lines = [
        f'{{"id": "{i}", "created_at": "{(now - timedelta(days=d)).isoformat()}", '
        f'"content": "<p>{text}</p>", "account": {{"acct": "ana"}}}}'
        for i, (d, text) in enumerate([(0, "Hello #msm"), (0, ""), (400, "Last year")])]
    upload = SimpleUploadedFile("toots.jsonl", "\n".join(lines).encode())
    with django_capture_on_commit_callbacks(execute=True):  # the task starts on commit
        response = client.post("/events/ws/listening/uploads/",
                               {"file": upload, "fmt": "auto"})
    assert response.status_code == 302
    done = Upload.objects.get()
    assert done.status == "done" and done.fmt == "jsonl" and bytes(done.data) == b""
    assert done.report["created"] == 1
    assert done.report["skipped"] == {"empty text": 1, "before the event window": 1}
    html = client.get("/events/ws/listening/sources/").content.decode()
    assert "1 empty text" in html and "1 before the event window" in html
    task_get("listen_upload_ingest")(done.pk)  # run again: nothing happens twice
    assert Post.objects.filter(event=event).count() == 1


def test_an_empty_upload_is_refused(organizer) -> None:
    _, client = organizer
    response = client.post("/events/ws/listening/uploads/",
                           {"file": SimpleUploadedFile("x.csv", b"  \n"), "fmt": "auto"})
    assert response.status_code == 422 and "the file is empty" in response.content.decode()


def test_pause_resume_and_remove(organizer) -> None:
    _, client = organizer
    client.post("/events/ws/listening/sources/", {"kind": "feed",
                                                  "url": "https://b.example/feed.xml"})
    source = Source.objects.get()
    client.post(f"/events/ws/listening/sources/{source.pk}/", {"action": "pause"})
    source.refresh_from_db()
    assert not source.active
    assert "Paused." in client.get("/events/ws/listening/sources/").content.decode()
    client.post(f"/events/ws/listening/sources/{source.pk}/", {"action": "remove"})
    assert not Source.objects.exists()
