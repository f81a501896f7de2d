"""The home page: upcoming events first in date order, then past ones, newest first, each
labelled "Past" (the third outside test found them in no order and unlabelled)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils.timezone import localdate

from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_home_lists_upcoming_in_date_order_then_past_newest_first_labelled_past() -> None:
    today = localdate()
    for title, start, days in [("Later", 60, 1), ("Long ago", -400, 1), ("Soon", 10, 1),
                               ("Last month", -30, 1), ("On now", -1, 3)]:
        day = today + timedelta(days=start)
        make_event(title=title, start_date=day, end_date=day + timedelta(days=days - 1))
    make_event(title="Hidden", published=False)
    html = Client().get("/").content.decode()
    titles = re.findall(r'<h2><a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["On now", "Soon", "Later", "Last month", "Long ago"]
    upcoming, past = html.split('<h2 id="past-events">Past events</h2>')
    assert "Past</span>" not in upcoming
    assert past.count('<span class="tag past">Past</span>') == 2
