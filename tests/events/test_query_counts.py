"""Pages and API lists run a fixed number of queries, however large the event.

Each test renders the same page for a small event and a larger one and pins the count:
an N+1 (a query per session, room or registration) shows up as two different counts.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from immerse.events.models import Event, Room, Session
from immerse.people.models import Assessment, Tool, ToolUse
from immerse.people.tokens import token_create
from immerse.program.models import AgendaItem
from immerse.program.services.schedule import parse_schedule, schedule_import
from tests.factories import (
    catalogue_tool,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

FOSDEM = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "formats"
          / "examples" / "fosdem-2024.schedule.xml")
needs_fosdem = pytest.mark.skipif(not FOSDEM.is_file(), reason=f"{FOSDEM} is absent")
pytestmark = pytest.mark.django_db


def _assert_queries(assert_num_queries, client, expected: int, *urls: str,
                    **headers: str) -> None:
    """Each URL, once warmed up (a calendar token or a token's last use is written on the
    first visit only), runs exactly ``expected`` queries."""
    for url in urls:
        assert client.get(url, headers=headers).status_code == 200, url
        with assert_num_queries(expected):
            client.get(url, headers=headers)


def _hosted(sessions) -> None:
    """A tool and a facilitator on each session: the relations the program page prefetches."""
    tool, host = Tool.objects.first(), make_person(name="Marta Kowalczyk")
    for session in sessions:
        session.tools.add(tool)
        session.facilitators.add(host)


def _three_sessions() -> Event:
    event = make_event(slug="small", kind="conference")
    _hosted([make_session(event=event, title=title, start_hour=hour)
             for hour, title in ((9, "Opening"), (10, "Stories"), (11, "Clinic"))])
    return event


@pytest.fixture(scope="module")
def fosdem_schedule():
    if not FOSDEM.is_file():
        pytest.skip(f"{FOSDEM} is absent")
    return parse_schedule(FOSDEM.read_bytes(), source=FOSDEM.name)


def _fosdem(schedule) -> Event:
    event = schedule_import(schedule=schedule, slug="fosdem").event
    assert (Session.objects.filter(event=event).count(),
            Room.objects.filter(event=event).count()) == (876, 35)
    _hosted(Session.objects.filter(event=event).order_by("id")[:40])
    return event


def _attendees(event: Event, n: int, *, tools: int = 3) -> None:
    catalogue = list(Tool.objects.all()[:tools])
    for i in range(n):
        person = make_person(discipline="marketing" if i % 2 else "pr", region="Brussels")
        ToolUse.objects.bulk_create([ToolUse(person=person, tool=tool, frequency="weekly",
                                             confidence=3) for tool in catalogue])
        make_registration(event=event, person=person, level=1 + i % 4,
                          status="waitlisted" if i % 5 == 4 else "confirmed",
                          problems=f"How do we measure reach on channel {i}?")


@needs_fosdem
# The hub's room summary is cached after the warm-up request, as in production.
@pytest.mark.parametrize(("page", "queries"), [("program/", 2), ("", 3)],
                         ids=["program", "hub"])
def test_public_page_queries_are_the_same_for_fosdem_and_three_sessions(
        client, django_assert_num_queries, fosdem_schedule, page: str, queries: int) -> None:
    small = _three_sessions()
    _attendees(small, 3)
    fosdem = _fosdem(fosdem_schedule)
    _attendees(fosdem, 12)

    _assert_queries(django_assert_num_queries, client, queries,
                    f"/events/{small.slug}/{page}", f"/events/{fosdem.slug}/{page}")


def _agenda_reader(event: Event, sessions: int):
    """An attendee of ``event`` with a timetable of ``sessions`` talks, on every other one."""
    user = make_user()
    person = make_person(user=user)
    registration = make_registration(event=event, person=person, level=2)
    # A level the organizer placed: the page reads the answers and the placement to tell.
    Assessment.objects.create(person=person, level=2, explanation="Placed from the sheet.",
                              placed_by_organizer=True)
    for hour in range(8, 8 + sessions):
        session = make_session(event=event, title=f"Talk {hour}", start_hour=hour)
        if hour % 2:
            AgendaItem.objects.create(registration=registration, session=session)
    return user


def test_personal_agenda_queries_do_not_grow_with_the_timetable(
        client, django_assert_num_queries) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    small_user, large_user = _agenda_reader(small, 3), _agenda_reader(large, 12)
    _attendees(large, 10)

    # Session, user, the registration (with its event, person and the person's latest
    # assessment, which says whether the level is a guess), the timetable with the person's
    # items and places in line joined on (the seats taken and the rendered timetable are
    # cached after the first view), and whether the event has an open space to link to
    # (issue 28).
    client.force_login(small_user)
    _assert_queries(django_assert_num_queries, client, 5, "/events/small/me/agenda/")
    client.force_login(large_user)
    _assert_queries(django_assert_num_queries, client, 5, "/events/large/me/agenda/")


def test_personal_agenda_reads_the_database_cache_three_times(
        client, django_assert_num_queries, settings) -> None:
    """With the production cache (a table): the seats taken, the rendered timetable, and
    both navigation badges in one read, the check-in card's release time (issue 28),
    besides the page's five queries (the fifth: whether the event has an open space)."""
    settings.CACHES = {"default": {"BACKEND": "immerse.common.dbcache.DatabaseCache",
                                   "LOCATION": "immerse_cache"}}
    call_command("createcachetable", verbosity=0)
    client.force_login(_agenda_reader(make_event(slug="small"), 4))

    _assert_queries(django_assert_num_queries, client, 9, "/events/small/me/agenda/")


def test_personal_agenda_first_view_reads_only(client) -> None:
    """Nothing is written by looking: no calendar token, no counter (9 queries, all SELECT;
    one counts the seats taken, one unread messages for the navigation's badge, one asks
    whether it shows "Organize", one the check-in card's release time (issue 28), all cached
    for the next page; one whether the event has an open space)."""
    user = _agenda_reader(make_event(slug="small"), 4)
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/events/small/me/agenda/").status_code == 200
    statements = [q["sql"].split()[0].upper() for q in captured]
    assert statements == ["SELECT"] * 9


# The registrations list is paged: one COUNT for the pager, then one page of rows (and one
# for the waiting list's order, to show each waiting person's place).
# The inventory: 7 with the count of guessed levels (people.selectors.level_guesses).
@pytest.mark.parametrize(("page", "queries"), [("organize/", 9), ("organize/inventory/", 7)],
                         ids=["registrations", "inventory"])
def test_organizer_page_queries_do_not_grow_with_registrations(
        client, django_assert_num_queries, page: str, queries: int) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    _attendees(small, 3)
    _attendees(large, 30, tools=6)
    organizer = make_user()
    make_role(event=small, user=organizer)
    make_role(event=large, user=organizer)
    client.force_login(organizer)

    _assert_queries(django_assert_num_queries, client, queries,
                    f"/events/small/{page}", f"/events/large/{page}")


@needs_fosdem
def test_api_sessions_list_queries_are_the_same_for_fosdem_and_three_sessions(
        client, django_assert_num_queries, fosdem_schedule) -> None:
    small = _three_sessions()
    fosdem = _fosdem(fosdem_schedule)

    _assert_queries(django_assert_num_queries, client, 5,
                    f"/api/v1/events/{small.slug}/sessions",
                    f"/api/v1/events/{fosdem.slug}/sessions?limit=100")


# A page with waitlisted rows asks one more COUNT: how many wait ahead of its first one.
@pytest.mark.parametrize(("query", "queries"), [("", 6), ("status=waitlisted", 6),
                                                ("status=confirmed", 5)],
                         ids=["all", "waitlisted", "confirmed"])
def test_api_registrations_list_queries_do_not_grow_with_registrations(
        client, django_assert_num_queries, query: str, queries: int) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    _attendees(small, 5)
    _attendees(large, 40)
    organizer = make_user()
    make_role(event=small, user=organizer)
    make_role(event=large, user=organizer)
    _, key = token_create(user=organizer, name="query counts")

    _assert_queries(django_assert_num_queries, client, queries,
                    f"/api/v1/events/small/registrations?{query}",
                    f"/api/v1/events/large/registrations?limit=100&{query}",
                    f"/api/v1/events/large/registrations?limit=5&offset=5&{query}",
                    Authorization=f"Bearer {key}")


def test_cached_program_listing_shows_every_edit_at_once(client) -> None:
    """The listing is cached under a digest of what it shows: no edit waits for expiry."""
    event = _three_sessions()
    pages = (f"/events/{event.slug}/program/", f"/events/{event.slug}/")
    for page in pages:
        assert "Stories" in client.get(page).content.decode()
    session = Session.objects.get(event=event, title="Stories")
    session.title, session.pitch = "Stories that travel", "Bring a phone."
    session.save()
    session.room.name = "Aula Magna"
    session.room.save()
    session.slot.start += timedelta(hours=4, minutes=5)
    session.slot.end += timedelta(hours=4)
    session.slot.save()
    shown = f">{localtime(session.slot.start):%H:%M}</time>"
    for page in pages:
        html = client.get(page).content.decode()
        assert "Stories that travel" in html and "Aula Magna" in html, page
        assert shown in html, page
    assert "Bring a phone." in client.get(pages[0]).content.decode()


def _organizer_headers(event) -> dict[str, str]:
    organizer = make_user()
    make_role(event=event, user=organizer)
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=organizer, name='t')[1]}"}


def test_api_signup_queries_do_not_grow_with_the_tools_declared(client) -> None:
    """A sign-up stores its whole tool inventory in one upsert, however many tools."""
    import json

    from immerse.engine.catalogue import TOOLS

    for tool in TOOLS:  # the catalogue as migrated, whatever a flush earlier in the worker did
        catalogue_tool(tool.key)
    headers = _organizer_headers(make_event(slug="ws", capacity=10))
    client.post("/api/v1/events/ws/registrations", data=json.dumps(  # the token's first use
        {"name": "Warm", "email": "warm@example.org"}), content_type="application/json",
        **headers)
    counts = []
    for n, tools in enumerate((TOOLS[:1], TOOLS[:10])):
        body = {"name": f"Person {n}", "email": f"p{n}@example.org",
                "tool_uses": {t.key: {"frequency": "weekly", "confidence": 3} for t in tools}}
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/api/v1/events/ws/registrations", data=json.dumps(body),
                                   content_type="application/json", **headers)
        assert response.status_code == 201, response.content
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert ToolUse.objects.filter(person__email="p1@example.org").count() == 10


#: The API sign-up ran 17 queries (29 on the database cache) before proof of identity; the
#: issue's target is 12 at most. The mail itself is sent after the commit, by the task.
SIGNUP_BODY = {"name": "Ann Smit", "email": "ann@example.org", "discipline": "pr",
               "answers": {"work_use": "job", "plan": "none"},
               "tool_uses": {"microblogging": {"frequency": "daily", "confidence": 4},
                             "blogging": {"frequency": "weekly", "confidence": 3}}}


@pytest.mark.parametrize("who", ["anonymous", "organizer"])
def test_api_signup_runs_at_most_thirteen_queries(client, who, django_assert_max_num_queries):
    """Anyone's sign-up (kept until the address is confirmed, a mail queued) and an
    organizer's (a new person registered at once: person, tools, assessment and snapshot,
    seat, mail) each stay within thirteen queries, token and role checks included: the
    event's extra sign-up questions (issue 27) are read to check the answers, and
    PostgreSQL locks the event row for the seats."""
    import json

    event = make_event(slug="ws", capacity=10)
    headers = _organizer_headers(event) if who == "organizer" else {}
    warm = {**SIGNUP_BODY, "email": "warm@example.org"}  # the token's first use is written
    client.post("/api/v1/events/ws/registrations", data=json.dumps(warm),
                content_type="application/json", **headers)
    with django_assert_max_num_queries(13):
        response = client.post("/api/v1/events/ws/registrations",
                               data=json.dumps(SIGNUP_BODY), content_type="application/json",
                               **headers)
    assert response.status_code == (201 if who == "organizer" else 202), response.content
