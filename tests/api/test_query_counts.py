"""API lists of agendas, tables, posts and stories run a fixed number of queries.

Each test asks the same list of a small event and a larger one and pins the count (as in
tests/events/test_query_counts.py): an N+1 shows up as two different counts.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from immerse.backchannel.models import Post
from immerse.events.models import Event
from immerse.learning.services import story_save
from immerse.people.models import Registration
from immerse.people.tokens import token_create
from immerse.program.models import AgendaItem
from immerse.tables.models import TableSeat
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def _assert_queries(assert_num_queries, client, expected: int, key: str, *urls: str) -> None:
    """Each URL, once warmed up (a token's last use is written on its first use only), runs
    exactly ``expected`` queries."""
    headers = {"Authorization": f"Bearer {key}"}
    for url in urls:
        assert client.get(url, headers=headers).status_code == 200, url
        with assert_num_queries(expected):
            client.get(url, headers=headers)


def _attendee(event: Event) -> tuple[Registration, str]:
    user = make_user()
    registration = make_registration(event=event, person=make_person(user=user), level=2)
    return registration, token_create(user=user, name="query counts")[1]


def _staff_key(*events: Event) -> str:
    user = make_user()
    for event in events:
        make_role(event=event, user=user)
    return token_create(user=user, name="query counts")[1]


def _seated(event: Event, registration: Registration, mates: int) -> None:
    """``registration`` at table 1 of a table session with ``mates`` others, and one table
    more of the same size."""
    session = make_session(event=event, title="Tables", fmt="table", start_hour=15)
    TableSeat.objects.create(session=session, registration=registration, table=1)
    for n in range(2 * mates + 1):
        TableSeat.objects.create(session=session, registration=make_registration(event=event),
                                 table=1 if n < mates else 2)


def test_api_agenda_queries_do_not_grow_with_the_agenda(
        client, django_assert_num_queries) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    keys = []
    for event, sessions in ((small, 3), (large, 12)):
        registration, key = _attendee(event)
        for hour in range(8, 8 + sessions):
            AgendaItem.objects.create(registration=registration, session=make_session(
                event=event, title=f"Talk {hour}", start_hour=hour))
        keys.append(key)

    # Token, event, registration, the items with their slots and rooms.
    _assert_queries(django_assert_num_queries, client, 4, keys[0], "/api/v1/events/small/agenda/me")
    _assert_queries(django_assert_num_queries, client, 4, keys[1], "/api/v1/events/large/agenda/me")


def test_api_my_tables_queries_do_not_grow_with_the_tablemates(
        client, django_assert_num_queries) -> None:
    """One table session each; the list still asks one query per seat it shows."""
    small, large = make_event(slug="small"), make_event(slug="large")
    keys = []
    for event, mates in ((small, 2), (large, 9)):
        registration, key = _attendee(event)
        _seated(event, registration, mates)
        keys.append(key)

    _assert_queries(django_assert_num_queries, client, 5, keys[0], "/api/v1/events/small/tables/me")
    _assert_queries(django_assert_num_queries, client, 5, keys[1], "/api/v1/events/large/tables/me")


def test_api_session_tables_queries_do_not_grow_with_the_tables(
        client, django_assert_num_queries) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    urls = []
    for event, mates in ((small, 2), (large, 9)):
        registration, _ = _attendee(event)
        _seated(event, registration, mates)
        urls.append(f"/api/v1/events/{event.slug}/sessions/"
                    f"{TableSeat.objects.filter(session__event=event).first().session_id}/tables")

    _assert_queries(django_assert_num_queries, client, 6, _staff_key(small, large), *urls)


def test_api_posts_list_queries_do_not_grow_with_the_posts(
        client, django_assert_num_queries) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    start = datetime(2027, 5, 1, 10, tzinfo=UTC)
    for event, n in ((small, 3), (large, 40)):
        Post.objects.bulk_create([
            Post(event=event, source="api", source_id=f"p{i}", author=f"author{i}",
                 text=f"Post {i} #mobile", created_at=start + timedelta(minutes=i),
                 hashtags=["mobile"]) for i in range(n)])

    # Token, event, role, the COUNT for the page, the page of rows.
    _assert_queries(django_assert_num_queries, client, 5, _staff_key(small, large),
                    "/api/v1/events/small/posts", "/api/v1/events/large/posts?limit=100",
                    "/api/v1/events/large/posts?tag=mobile&limit=5&offset=5")


def test_api_stories_list_queries_do_not_grow_with_the_stories(
        client, django_assert_num_queries) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    for event, n in ((small, 2), (large, 12)):
        for i in range(n):
            story_save(title=f"Story {i} of {event.slug}", privacy="public", event=event,
                       context="We listened to our customers for two weeks.")

    _assert_queries(django_assert_num_queries, client, 6, _staff_key(small, large),
                    "/api/v1/stories?event=small", "/api/v1/stories?event=large&limit=100")
