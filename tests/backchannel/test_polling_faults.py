"""Polling when the other side misbehaves: rate limits, errors, hangs and garbage are
reported on the source with the reason, retried later (never in a tight loop), and never
leave half a page behind."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from immerse.backchannel.models import Post, Source
from immerse.backchannel.selectors.sources import source_status
from immerse.backchannel.services.polling import source_poll
from immerse.backchannel.services.sources import source_add, source_set_active
from immerse.common.tasks import task_get
from tests.backchannel.factories import live_event, statuses

pytestmark = pytest.mark.django_db
TIMELINE = "/api/v1/timelines/tag/msm"


@pytest.fixture
def polled(social):
    """A live event listening to #msm on the server, which holds 50 statuses."""
    event = live_event()
    source = source_add(event=event, kind="mastodon", url=social.url, tag="msm")
    social.add_statuses("msm", statuses(50, start=timezone.now() - timedelta(hours=2)))
    return event, source


def _poll(source: Source) -> Source:
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    task_get("listen_poll_source")(source.pk)
    source.refresh_from_db()
    return source


def test_429_with_retry_after_waits_as_told_without_counting_a_failure(social, polled) -> None:
    _, source = polled
    social.fail(TIMELINE, "429", retry_after="120")
    before = timezone.now()
    source = _poll(source)
    assert source.failures == 0 and source.active
    assert timedelta(seconds=119) < source.next_poll_at - before < timedelta(seconds=125)
    status = source_status(source)
    assert status.state == "waiting" and "slow down (429)" in status.text
    assert task_get("listen_poll")() == 0  # the round leaves it alone until then
    assert len(social.requests(TIMELINE)) == 1


def test_429_with_a_rate_limit_reset_time_waits_until_then(social, polled) -> None:
    _, source = polled
    social.fail(TIMELINE, "429-reset", retry_after="600")
    before = timezone.now()
    source = _poll(source)
    assert timedelta(seconds=590) < source.next_poll_at - before < timedelta(seconds=610)
    assert source.failures == 0


@pytest.mark.parametrize(("kind", "reason"), [
    ("500", "server error (500)"),
    ("503", "server error (503)"),
    ("timeout", "no answer within 1 s"),
    ("garbage", "malformed timeline page: not JSON"),
    ("html", "malformed timeline page: not JSON"),
    ("other-shape", "expected a list of statuses, got Record not found"),
    ("empty", "got an empty body"),
    ("truncated", "response cut off"),
])
def test_errors_back_off_and_show_the_reason(social, polled, kind, reason) -> None:
    event, source = polled
    social.fail(TIMELINE, kind)
    before = timezone.now()
    source = _poll(source)
    assert source.failures == 1 and reason in source.last_error
    assert Post.objects.filter(event=event).count() == 0
    # Backoff from one cadence (60 s), with up to 20 % jitter.
    assert timedelta(seconds=59) < source.next_poll_at - before < timedelta(seconds=75)
    status = source_status(source)
    assert status.state == "failing" and reason in status.text
    source = _poll(source)  # the server is fine again: the source recovers
    assert (source.failures, source.last_error) == (0, "")
    assert Post.objects.filter(event=event).count() == 50


def test_an_endless_response_is_cut_at_the_size_limit(social, polled, settings) -> None:
    settings.IMMERSE_LISTEN_MAX_RESPONSE_BYTES = 200_000
    _, source = polled
    social.fail(TIMELINE, "endless")
    source = _poll(source)
    assert "larger than the 200,000 bytes allowed" in source.last_error


def test_backoff_doubles_and_a_source_that_keeps_failing_stops(social, polled,
                                                               settings) -> None:
    settings.IMMERSE_LISTEN_STOP_AFTER_FAILURES = 3
    _, source = polled
    social.fail(TIMELINE, "502", times=10)
    delays = []
    for _ in range(3):
        before = timezone.now()
        source = _poll(source)
        if source.next_poll_at:
            delays.append((source.next_poll_at - before).total_seconds())
    assert 119 < delays[1] < 150 and delays[1] > 1.9 * delays[0] / 1.2
    assert not source.active and source.failures == 3
    assert source_status(source).state == "stopped"
    assert task_get("listen_poll")() == 0  # stopped: not retried at all
    source_set_active(source=source, active=True)
    source.refresh_from_db()
    assert source.failures == 0 and source.active


def test_a_missing_tag_stops_the_source_at_once(social) -> None:
    event = live_event()
    source = source_add(event=event, kind="mastodon", url=social.url + "/nowhere", tag="msm")
    source = _poll(source)
    assert not source.active and "(404)" in source.last_error


def test_a_failure_mid_poll_keeps_the_pages_before_it_and_resumes_after_them(
        social, polled) -> None:
    event, source = polled
    social.add_statuses("msm", statuses(50, start=timezone.now() - timedelta(hours=2),
                                        first=50))
    social.fail(TIMELINE, "500", after=1)  # page 1 (40 statuses) arrives, page 2 fails
    source = _poll(source)
    assert Post.objects.filter(event=event).count() == 40
    assert source.failures == 1
    resume_at = source.state["min_id"]
    source = _poll(source)
    assert Post.objects.filter(event=event).count() == 100  # nothing twice, nothing lost
    assert social.requests(TIMELINE)[2].query["min_id"] == resume_at


def test_unreadable_posts_are_counted_by_reason_and_the_rest_stored(social) -> None:
    event = live_event()
    source = source_add(event=event, kind="mastodon", url=social.url, tag="msm")
    start = timezone.now() - timedelta(hours=1)
    good = statuses(3, start=start)
    empty, binary, broken = statuses(3, start=start, first=3,
                                     texts=["", "\x00\x01\x02\x03\x04", "#msm"])
    empty["content"] = "<p></p>"
    binary["content"] = "\x00\x01\x02\x03\x04\x05"
    del broken["account"]
    social.add_statuses("msm", [*good, empty, binary, broken])
    source = _poll(source)
    assert Post.objects.filter(event=event).count() == 3
    summary = source.last_summary
    assert summary["skipped"] == {"empty text": 1, "binary data instead of text": 1}
    assert summary["problem_count"] == 1
    assert "missing field 'account.acct'" in summary["problems"][0]["reason"]
    assert source.failures == 0


def test_a_page_that_is_not_utf8_keeps_its_readable_posts(social) -> None:
    event = live_event()
    source = source_add(event=event, kind="mastodon", url=social.url, tag="msm")
    start = timezone.now() - timedelta(hours=1)
    social.add_statuses("msm", statuses(2, start=start, texts=["Café au lait #msm",
                                                             "éééé #msm"]))
    social.fail(TIMELINE, "latin1")
    source = _poll(source)
    # One undecodable character in a post is kept (replaced); a post that is mostly
    # undecodable is left out and counted.
    assert list(Post.objects.filter(event=event).values_list("text", flat=True)) == [
        "Caf\ufffd au lait #msm"]
    assert source.last_summary["skipped"] == {"undecodable text (wrong encoding?)": 1}


def test_two_pollers_never_poll_the_same_source_at_once(social, polled) -> None:
    _, source = polled
    Source.objects.filter(pk=source.pk).update(lease_until=timezone.now() + timedelta(minutes=5))
    assert source_poll(source_id=source.pk, due_only=False) is None
    assert social.requests() == []
