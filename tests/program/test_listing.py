"""The program on the hub and the program page: day tabs, the level filter, "my sessions"
and folded slots, all from GET parameters and rendered by the server."""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from immerse.events.models import Room, Session
from immerse.program.models import AgendaItem
from tests.factories import make_event, make_person, make_registration, make_session, make_user

pytestmark = pytest.mark.django_db
ZONE = "Europe/Amsterdam"


def _three_days(start: date):
    """Sessions at 9:00 on each of three days: one for beginners, one for practitioners."""
    event = make_event(slug="three", kind="immersion", start_date=start,
                       end_date=start + timedelta(days=2), time_zone=ZONE)
    for day in range(3):
        make_session(event=event, title=f"Basics day {day + 1}", levels=(1, 2),
                     start_hour=24 * day + 9)
        make_session(event=event, title=f"Masterclass day {day + 1}", levels=(4,),
                     start_hour=24 * day + 11)
    return event


def _titles(html: str) -> list[str]:
    return re.findall(r'<a href="/events/[^"]+/sessions/\d+/">([^<]+)</a>', html)


def _current_tab(html: str) -> str:
    return re.search(r'aria-current="page">([^<]+)</a>', html).group(1)


@pytest.mark.parametrize("page", ["", "program/"], ids=["hub", "program"])
def test_before_the_event_the_first_day_is_shown_alone(client, page: str) -> None:
    _three_days(date(2030, 3, 4))
    html = client.get(f"/events/three/{page}").content.decode()
    assert _titles(html) == ["Basics day 1", "Masterclass day 1"]
    assert _current_tab(html) == "Mon 4 Mar"
    tabs = re.findall(r'<a href="(\?[^"]*)" title="([^"]+)"', html)
    assert tabs == [("?day=2030-03-04#program", "Monday 4 March"),
                    ("?day=2030-03-05#program", "Tuesday 5 March"),
                    ("?day=2030-03-06#program", "Wednesday 6 March"),
                    ("?day=all#program", "The whole program")]


def test_a_tab_link_shows_its_day_and_all_days_shows_everything(client) -> None:
    _three_days(date(2030, 3, 4))
    html = client.get("/events/three/program/?day=2030-03-05").content.decode()
    assert _titles(html) == ["Basics day 2", "Masterclass day 2"]
    assert _current_tab(html) == "Tue 5 Mar"
    everything = client.get("/events/three/program/?day=all").content.decode()
    assert len(_titles(everything)) == 6
    assert _current_tab(everything) == "All days"


def test_an_unknown_day_falls_back_to_the_default(client) -> None:
    _three_days(date(2030, 3, 4))
    for asked in ("2030-03-09", "yesterday", "2030-02-30"):
        html = client.get(f"/events/three/program/?day={asked}").content.decode()
        assert _titles(html) == ["Basics day 1", "Masterclass day 1"], asked


def test_during_the_event_today_is_shown_first() -> None:
    today = timezone.now().astimezone(ZoneInfo(ZONE)).date()
    _three_days(today - timedelta(days=1))
    html = Client().get("/events/three/").content.decode()
    assert _titles(html) == ["Basics day 2", "Masterclass day 2"]


def test_during_the_event_a_day_without_sessions_shows_the_next_one() -> None:
    today = timezone.now().astimezone(ZoneInfo(ZONE)).date()
    event = _three_days(today - timedelta(days=1))
    Session.objects.filter(event=event, title__endswith="day 2").delete()
    html = Client().get("/events/three/").content.decode()
    assert _titles(html) == ["Basics day 3", "Masterclass day 3"]


def _attendee(event, level: int) -> Client:
    user = make_user()
    registration = make_registration(event=event, person=make_person(user=user), level=level)
    client = Client()
    client.force_login(user)
    client.registration = registration  # type: ignore[attr-defined]
    return client


def test_an_attendee_sees_their_own_level_first_and_may_see_all(client) -> None:
    event = _three_days(date(2030, 3, 4))
    attendee = _attendee(event, level=4)
    html = attendee.get("/events/three/program/").content.decode()
    assert _titles(html) == ["Masterclass day 1"]
    assert '<option value="4" selected>4 Just do it (your level)</option>' in html
    assert "Sessions for your level, 4 Just do it, and for everyone." in html
    assert "1 more session on this day is for other levels" in html
    assert _titles(attendee.get("/events/three/program/?level=all").content.decode()) == [
        "Basics day 1", "Masterclass day 1"]
    assert _titles(attendee.get("/events/three/program/?level=2").content.decode()) == [
        "Basics day 1"]
    # A visitor has no level: everything, and no "my sessions".
    anonymous = client.get("/events/three/program/").content.decode()
    assert _titles(anonymous) == ["Basics day 1", "Masterclass day 1"]
    assert 'name="mine"' not in anonymous


def test_sessions_for_every_level_pass_any_level_filter(client) -> None:
    event = _three_days(date(2030, 3, 4))
    make_session(event=event, title="Opening", levels=(1, 2, 3, 4), start_hour=8)
    html = client.get("/events/three/?level=3").content.decode()
    assert _titles(html) == ["Opening"]
    assert '<span class="level">Every level</span>' in html


def test_my_sessions_shows_only_my_agenda(client) -> None:
    event = _three_days(date(2030, 3, 4))
    attendee = _attendee(event, level=1)
    mine = Session.objects.get(title="Masterclass day 2")
    AgendaItem.objects.create(registration=attendee.registration, session=mine)
    html = attendee.get("/events/three/?mine=1&day=all").content.decode()
    assert _titles(html) == ["Masterclass day 2"]  # on my agenda, whatever its level
    assert "Only the sessions on your agenda." in html
    assert 'name="mine" value="1" checked' in html
    # Someone else's link with mine=1 shows a visitor the whole program.
    assert len(_titles(client.get("/events/three/?mine=1&day=all").content.decode())) == 6


def test_the_filters_stay_when_switching_days() -> None:
    event = _three_days(date(2030, 3, 4))
    attendee = _attendee(event, level=1)
    html = attendee.get("/events/three/program/?level=4&mine=1").content.decode()
    assert 'href="?day=2030-03-05&amp;level=4&amp;mine=1#program"' in html
    assert '<input type="hidden" name="day" value="2030-03-04">' in html


def test_a_crowded_slot_folds_after_four_sessions(client) -> None:
    event = make_event(slug="crowd", kind="conference")
    first = make_session(event=event, title="Talk 1")
    for n in range(2, 8):  # parallel talks: one room each (one session per room and slot)
        room = Room.objects.create(event=event, name=f"Room {n}", capacity=40, position=n)
        Session.objects.create(event=event, title=f"Talk {n}", format="story",
                               target_levels=[1, 2], slot=first.slot, room=room)
    html = client.get("/events/crowd/").content.decode()
    shown, folded = html.split('<details class="more">')
    assert _titles(shown) == ["Talk 1", "Talk 2", "Talk 3", "Talk 4"]
    assert "<summary>Show all 7 sessions at 09:00</summary>" in folded
    assert _titles(folded) == ["Talk 5", "Talk 6", "Talk 7"]


def test_a_slot_with_one_more_than_four_is_not_folded(client) -> None:
    event = make_event(slug="five", kind="conference")
    first = make_session(event=event, title="Talk 1")
    for n in range(2, 6):  # parallel talks: one room each (one session per room and slot)
        room = Room.objects.create(event=event, name=f"Room {n}", capacity=40, position=n)
        Session.objects.create(event=event, title=f"Talk {n}", format="story",
                               target_levels=[1, 2], slot=first.slot, room=room)
    html = client.get("/events/five/").content.decode()
    assert 'class="more"' not in html and len(_titles(html)) == 5


def test_one_day_needs_no_tabs(client) -> None:
    event = make_event(slug="one")
    make_session(event=event, title="Only talk")
    html = client.get("/events/one/program/").content.decode()
    assert "day-tabs" not in html and _titles(html) == ["Only talk"]


def test_long_pitches_show_their_first_sentence_and_fold_the_rest(client) -> None:
    event = make_event(slug="pitched")
    make_session(event=event, title="Clinic", pitch="Bring your plan. We check it with you. "
                 "You leave with three steps.")
    make_session(event=event, title="Short", pitch="One sentence only.", start_hour=11)
    html = client.get("/events/pitched/program/").content.decode()
    assert ('<details class="pitch"><summary>Bring your plan.</summary>'
            "<p>We check it with you. You leave with three steps.</p></details>") in html
    assert '<p class="pitch">One sentence only.</p>' in html


def test_filtered_listings_are_cached_apart(client) -> None:
    """Each filter has its own cache entry: a level-4 view never serves the full list."""
    event = _three_days(date(2030, 3, 4))
    attendee = _attendee(event, level=4)
    assert len(_titles(client.get("/events/three/").content.decode())) == 2
    assert _titles(attendee.get("/events/three/").content.decode()) == ["Masterclass day 1"]
    assert len(_titles(client.get("/events/three/").content.decode())) == 2


def test_listing_queries_do_not_grow_with_the_program() -> None:
    """An attendee's filtered hub: the same number of queries for 6 or 60 sessions."""
    small, large = _three_days(date(2030, 3, 4)), make_event(
        slug="large", start_date=date(2030, 3, 4), end_date=date(2030, 3, 6))
    for n in range(60):
        make_session(event=large, title=f"Talk {n}", start_hour=8 + n % 48)
    counts = []
    for event in (small, large):
        attendee = _attendee(event, level=1)
        AgendaItem.objects.create(registration=attendee.registration,
                                  session=event.sessions.first())
        url = f"/events/{event.slug}/?mine=1"
        attendee.get(url)  # warm the cached room summary and the unread count
        with CaptureQueriesContext(connection) as captured:
            assert attendee.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
