"""Polling a Mastodon hashtag timeline over real HTTP: incremental, paged, deduplicated."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from immerse.backchannel.models import Post, Source
from immerse.backchannel.services.sources import source_add
from immerse.common.tasks import enqueue, task_get
from immerse.engine.listening.api_pages import mastodon_id_at
from tests.backchannel.factories import live_event, statuses

pytestmark = pytest.mark.django_db


def _source(event, social, tag="msm") -> Source:
    return source_add(event=event, kind="mastodon", url=social.url, tag=f"#{tag}")


def test_first_poll_starts_at_the_window_and_follows_link_paging(social) -> None:
    event = live_event()
    source = _source(event, social)
    social.add_statuses("msm", statuses(95, start=timezone.now() - timedelta(hours=3)))
    assert task_get("listen_poll")() == 1  # the periodic round found one source due
    source.refresh_from_db()
    assert Post.objects.filter(event=event, source="mastodon").count() == 95
    asked = social.requests("/api/v1/timelines/tag/msm")
    window_start = datetime.combine(event.start_date, time(0), tzinfo=UTC) - timedelta(hours=24)
    assert asked[0].query == {"min_id": mastodon_id_at(window_start), "limit": "40"}
    # Pages 2 and 3 are the Link rel="prev" URLs of the page before.
    assert [len(r.query["min_id"]) > 10 for r in asked[1:]] == [True, True]
    assert len(asked) == 3
    assert source.last_summary["created"] == 95 and source.last_summary["pages"] == 3
    assert source.failures == 0 and source.last_error == ""
    assert source.next_poll_at > timezone.now() + timedelta(seconds=50)


def test_next_poll_asks_only_for_what_is_newer(social) -> None:
    event = live_event()
    source = _source(event, social)
    start = timezone.now() - timedelta(hours=2)
    social.add_statuses("msm", statuses(30, start=start))
    enqueue("listen_poll_source", source.pk)
    newest = max(int(s["id"]) for s in social.world.timelines["msm"])
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    social.add_statuses("msm", statuses(5, start=start, first=30))
    enqueue("listen_poll_source", source.pk)
    last = social.requests("/api/v1/timelines/tag/msm")[-1]
    assert last.query["min_id"] == str(newest)
    assert Post.objects.filter(event=event).count() == 35


def test_a_source_not_due_is_left_alone(social) -> None:
    event = live_event()
    source = _source(event, social)
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now() + timedelta(hours=1))
    assert task_get("listen_poll")() == 0
    enqueue("listen_poll_source", source.pk)  # a duplicate task: not due, does nothing
    assert social.requests() == []


def test_sources_of_events_not_happening_now_are_not_polled(social) -> None:
    event = live_event(start_date=timezone.localdate() + timedelta(days=30),
                       end_date=timezone.localdate() + timedelta(days=31))
    _source(event, social)
    assert task_get("listen_poll")() == 0
    assert social.requests() == []
