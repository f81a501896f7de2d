"""Polled feeds as real servers send them: Mastodon account feeds without titles, a
charset named only in the HTTP header, relative links, recoverable errors, HTML titles."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.utils import timezone

from immerse.backchannel.models import Post, Source
from immerse.backchannel.services.sources import source_add
from immerse.common.tasks import task_get
from tests.backchannel.factories import live_event

pytestmark = pytest.mark.django_db


def _poll(source: Source) -> Source:
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    task_get("listen_poll_source")(source.pk)
    source.refresh_from_db()
    return source


def _date(hours_ago: int = 1) -> str:
    return format_datetime(timezone.now() - timedelta(hours=hours_ago))


def _rss(channel: str, items: list[str], *, encoding: str = "UTF-8",
         declare: bool = True) -> str:
    head = f'<?xml version="1.0" encoding="{encoding}"?>' if declare else ""
    return (f'{head}<rss version="2.0"><channel><title>{channel}</title>'
            f'<link>https://mastodon.example/@ana</link>{"".join(items)}</channel></rss>')


def test_a_mastodon_account_feed_without_titles_is_read_whole(social) -> None:
    # The shape of https://mastodon.social/@ana.rss: no <title>, no author, HTML bodies.
    items = [f"<item><guid>https://mastodon.example/@ana/{i}</guid>"
             f"<link>https://mastodon.example/@ana/{i}</link><pubDate>{_date()}</pubDate>"
             f"<description>&lt;p&gt;Toot {i} about &lt;a href=\"x\"&gt;#msm&lt;/a&gt;&lt;/p&gt;"
             f"</description></item>" for i in range(3)]
    event = live_event()
    url = social.set_feed("ana", _rss("Ana Lima", items).encode(), etag='"a"')
    source = _poll(source_add(event=event, kind="feed", url=url))
    posts = list(Post.objects.filter(event=event).order_by("source_id")
                 .values_list("author", "text", "url"))
    assert posts == [("Ana Lima", f"Toot {i} about #msm", f"https://mastodon.example/@ana/{i}")
                     for i in range(3)]
    assert source.last_summary["problem_count"] == 0


def test_html_titles_are_stored_as_plain_text(social) -> None:
    item = (f"<item><title>Q&amp;amp;A &amp;#8211; &lt;em&gt;live&lt;/em&gt; today</title>"
            f"<link>https://blog.example/qa</link><pubDate>{_date()}</pubDate>"
            "<description>Bring questions</description><author>tariq@blog.example (Tariq)"
            "</author></item>")
    event = live_event()
    _poll(source_add(event=event, kind="feed",
                     url=social.set_feed("b", _rss("Blog", [item]).encode(), etag='"b"')))
    assert list(Post.objects.filter(event=event).values_list("text", flat=True)) == [
        "Q&A – live today\nBring questions"]


def test_a_charset_named_only_in_the_http_header_is_honoured(social) -> None:
    item = (f"<item><title>Привет</title><link>https://blog.example/1</link>"
            f"<pubDate>{_date()}</pubDate><description>Доклад о слушании</description></item>")
    body = _rss("Блог", [item], declare=False).encode("windows-1251")
    event = live_event()
    url = social.set_feed("ru", body, etag='"r"',
                          content_type="application/rss+xml; charset=windows-1251")
    source = _poll(source_add(event=event, kind="feed", url=url))
    assert list(Post.objects.filter(event=event).values_list("text", flat=True)) == [
        "Привет\nДоклад о слушании"]
    assert source.last_summary["skipped"] == {}


def test_relative_links_resolve_against_the_feed_address(social) -> None:
    items = [f"<item><title>One</title><link>/posts/1</link><pubDate>{_date()}</pubDate>"
             "</item>",
             f"<item><title>Two</title><link>two.html</link><pubDate>{_date()}</pubDate>"
             "</item>"]
    event = live_event()
    url = social.set_feed("rel", _rss("Blog", items).encode(), etag='"l"')
    _poll(source_add(event=event, kind="feed", url=url))
    base = url.rsplit("/", 1)[0]
    assert sorted(Post.objects.filter(event=event).values_list("url", flat=True)) == [
        f"{base}/two.html", f"{social.url}/posts/1"]


def test_relative_links_follow_xml_base(social) -> None:
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
            'xml:base="https://blog.example/2027/"><title>T</title><id>t</id>'
            f'<updated>{timezone.now():%Y-%m-%dT%H:%M:%SZ}</updated>'
            '<entry><id>e1</id><title>Day one</title><link href="day-1"/>'
            f'<updated>{timezone.now():%Y-%m-%dT%H:%M:%SZ}</updated></entry></feed>')
    event = live_event()
    _poll(source_add(event=event, kind="feed",
                     url=social.set_feed("atom", atom.encode(), etag='"x"',
                                         content_type="application/atom+xml")))
    assert list(Post.objects.filter(event=event).values_list("url", flat=True)) == [
        "https://blog.example/2027/day-1"]


def test_an_empty_feed_with_a_recoverable_error_is_fine(social) -> None:
    # An undefined entity: feedparser reports "bozo" yet reads the channel.
    body = _rss("Blog &nbsp; news", []).encode()
    source = _poll(source_add(event=live_event(), kind="feed",
                              url=social.set_feed("e", body, etag='"e"')))
    assert (source.failures, source.last_error, source.active) == (0, "", True)
    assert source.last_summary["outcome"] == "ok"


def test_an_unreadable_feed_names_the_cause_not_the_bytes(social) -> None:
    body = b"\x00\x01secret-looking bytes \xff garbage"
    source = _poll(source_add(event=live_event(), kind="feed",
                              url=social.set_feed("g", body, etag='"g"')))
    assert source.failures == 1
    assert source.last_error.startswith("not a readable RSS/Atom feed: ")
    assert "SAXParseException" in source.last_error
    assert "secret" not in source.last_error and "\\x" not in source.last_error


def test_a_body_that_is_a_file_name_is_not_read_from_our_disk(social, tmp_path) -> None:
    secret = tmp_path / "secret.rss"
    secret.write_text(_rss("Ours", [f"<item><title>Private</title><link>https://x.example/"
                                    f"</link><pubDate>{_date()}</pubDate></item>"]))
    event = live_event()
    source = _poll(source_add(event=event, kind="feed",
                              url=social.set_feed("path", str(secret).encode(), etag='"p"')))
    assert Post.objects.filter(event=event).count() == 0
    assert source.failures == 1
