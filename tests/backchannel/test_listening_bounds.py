"""One event's odd data stops nothing: listening settings are bounded, stored outliers are
clamped, each event is handled on its own, and the dashboard charts the window only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import timezone

from immerse.backchannel.models import ListeningSettings, Post, Source
from immerse.backchannel.selectors.dashboard import listening_for
from immerse.backchannel.selectors.sources import events_listening
from immerse.backchannel.services.sources import SettingsInvalid, settings_update, source_add
from immerse.common.tasks import task_get
from tests.backchannel.factories import live_event
from tests.factories import PASSWORD, make_event, make_role, make_user

pytestmark = pytest.mark.django_db


def _post(event, n: int, when: datetime) -> None:
    Post.objects.create(event=event, source="api", source_id=str(n), author="ana",
                        text=f"Post {n}", created_at=when)


def test_the_dashboard_charts_the_hours_of_the_window_not_of_every_post() -> None:
    event = make_event(slug="ws")  # 1 May 2027, Europe/Amsterdam
    _post(event, 1, datetime(2000, 1, 1, tzinfo=UTC))  # stored with --any-date
    _post(event, 2, datetime(2027, 5, 1, 10, 15, tzinfo=UTC))
    _post(event, 3, datetime(2027, 5, 1, 12, 40, tzinfo=UTC))
    _post(event, 4, datetime(2100, 1, 1, tzinfo=UTC))
    data = listening_for(event=event)
    assert data.volume == [("01 May 12:00", 1), ("01 May 13:00", 0), ("01 May 14:00", 1)]


def test_years_1_and_9999_cost_the_dashboard_nothing() -> None:
    event = make_event(slug="ws")
    _post(event, 1, datetime(1, 1, 1, tzinfo=UTC))
    _post(event, 2, datetime(9999, 12, 31, 23, tzinfo=UTC))
    # Neither is in the window: the chart is a window's length from the first, one bucket.
    assert [n for _, n in listening_for(event=event).volume] == [1]


def test_an_archive_outside_the_window_is_charted_from_its_first_post() -> None:
    event = make_event(slug="ws", time_zone="UTC")  # a window of 3 days with the margins
    _post(event, 1, datetime(2019, 7, 10, 9, tzinfo=UTC))
    _post(event, 2, datetime(2019, 7, 10, 11, tzinfo=UTC))
    _post(event, 3, datetime(2019, 9, 1, tzinfo=UTC))
    assert [n for _, n in listening_for(event=event).volume] == [1, 0, 1]


def test_a_margin_beyond_its_bound_is_refused_naming_the_field() -> None:
    event = make_event(slug="ws")
    organizer = make_user()
    make_role(event=event, user=organizer)
    with pytest.raises(SettingsInvalid, match="margin_before_hours: Ensure this value is "
                                              "less than or equal to 8784"):
        settings_update(event=event, margin_before_hours=2147483647)
    client = Client()
    client.login(username=organizer.username, password=PASSWORD)
    page = client.post("/events/ws/listening/settings/", {"question_alert_minutes": "99999"},
                       follow=True).content.decode()
    assert "question_alert_minutes: Ensure this value is less than or equal to 10080" in page
    assert not ListeningSettings.objects.filter(event=event).exists()


def test_one_event_s_stored_outlier_stops_no_one_s_polls_or_alerts() -> None:
    odd, fine = live_event(slug="odd"), live_event(slug="fine")
    # Stored before the bounds existed (or by hand in the database).
    ListeningSettings.objects.create(event=odd, margin_before_hours=2147483647,
                                     margin_after_hours=2147483647,
                                     question_alert_minutes=2147483647)
    for event in (odd, fine):
        source_add(event=event, kind="feed", url=f"https://{event.slug}.example/feed")
    assert {e.slug for e in events_listening(now=timezone.now())} == {"odd", "fine"}
    assert task_get("listen_poll")() == 2
    assert task_get("listen_questions_alert")() == 0
    assert Source.objects.filter(active=True).count() == 2


def test_one_post_is_one_post_and_a_feed_author_is_no_handle() -> None:
    event = make_event(slug="ws")
    Post.objects.create(event=event, source="feed", source_id="f1", author="Ana's blog",
                        text="Any questions about the slides?", is_question=True,
                        created_at=datetime(2027, 5, 1, 8, tzinfo=UTC))
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    client = Client()
    client.login(username=staff.username, password=PASSWORD)
    html = client.get("/events/ws/listening/").content.decode()
    assert "<strong>1</strong> post</li>" in html and "1 posts" not in html
    assert "Posts by sentiment (the only post)" in html
    _post(event, 2, datetime(2027, 5, 1, 11, tzinfo=UTC))  # the question now waits 3 hours
    html = client.get("/events/ws/listening/").content.decode()
    assert "<strong>Ana&#x27;s blog</strong>" in html and "@Ana" not in html
