"""Questions that wait too long reach the organizers: in the app and by mail, once per
hour, only while the event is listening."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from django.utils import timezone

from immerse.backchannel.services.alerts import questions_alert_send
from immerse.backchannel.services.ingest import posts_ingest
from immerse.common.tasks import task_get
from immerse.notify.models import Message
from tests.backchannel.factories import live_event
from tests.factories import make_person, make_role, make_user

pytestmark = pytest.mark.django_db


def _toot(n: int, text: str, minutes_ago: int, *, reply_to: int | None = None,
          author: str = "ana") -> bytes:
    return orjson.dumps({
        "id": str(n), "created_at": (timezone.now() - timedelta(minutes=minutes_ago)).isoformat(),
        "content": f"<p>{text}</p>", "account": {"acct": author},
        "in_reply_to_id": str(reply_to) if reply_to else None}) + b"\n"


@pytest.fixture
def event():
    made = live_event(slug="ws")
    organizer = make_user("olivia")
    organizer.email = "olivia@x.example"
    organizer.save()
    make_person(user=organizer, email="olivia@x.example")
    make_role(event=made, user=organizer)
    make_role(event=made, user=make_user("marta"), role="facilitator")
    posts_ingest(event=made, data=_toot(1, "Is the workshop recorded?", 50)
                 + _toot(2, "Where do I find the slides?", 45)
                 + _toot(3, "Here: the wiki", 40, reply_to=2, author="team")
                 + _toot(4, "Which room is the panel in?", 5), fmt="jsonl", source_name="t")
    return made


def test_a_question_waiting_longer_than_the_threshold_alerts_the_organizers(
        event, smtp_server, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert task_get("listen_questions_alert")() == 1
    message = Message.objects.get(kind="questions_waiting")
    assert message.to_email == "olivia@x.example" and message.person is not None
    assert message.context == {"count": 1, "oldest_minutes": 50,
                               "dashboard_url": "http://127.0.0.1:8000/events/ws/listening/"}
    mail = smtp_server.last()
    assert mail["Subject"] == f"1 question waiting for an answer at {event.title}"
    assert "had no answer for 50 minutes" in mail.get_body(("plain",)).get_content()
    # The next checks within the hour add nothing; facilitators are not mailed.
    assert questions_alert_send() == 0
    assert Message.objects.filter(kind="questions_waiting").count() == 1


def test_no_alert_for_an_event_that_is_not_on_now(event) -> None:
    event.start_date = event.end_date = timezone.localdate() + timedelta(days=20)
    event.save()
    assert questions_alert_send() == 0


def test_the_threshold_is_the_events_own(event) -> None:
    from immerse.backchannel.services.sources import settings_update

    settings_update(event=event, question_alert_minutes=60)
    assert questions_alert_send() == 0
