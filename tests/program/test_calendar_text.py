"""calendar.ics answers for any title: a line end in the event's title (the calendar's name)
was a 500 (icalendar refuses a raw line end in X-WR-CALNAME)."""

from __future__ import annotations

import icalendar
import pytest
from django.test import Client

from tests.factories import make_event, make_session

pytestmark = pytest.mark.django_db


def test_the_event_calendar_answers_when_titles_hold_line_ends() -> None:
    event = make_event(slug="lines", title="Spring\r\nmeet-up")
    make_session(event=event, title="Stories\nfrom the field")
    response = Client().get("/events/lines/calendar.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Spring meet-up"
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Stories\nfrom the field"]
