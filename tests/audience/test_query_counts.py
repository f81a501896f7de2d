import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from immerse.audience import services
from tests.audience.factories import RoomWorld, make_room
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _fill(room: RoomWorld, n: int) -> None:
    """``n`` more questions with a vote each, and ``n`` more open polls with an answer."""
    for i in range(n):
        question = services.question_ask(session=room.session, user=room.ann, name="A",
                                          text=f"Q{i}?")
        services.question_vote(question=question, user=room.bob)
        poll = services.poll_create(session=room.session, kind="single", prompt="P?",
                                    choices=["a", "b"])
        services.poll_status_set(poll=poll, status="open")
        services.poll_vote(poll=poll, user=room.bob, answer=[1])


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["audience-questions-live", "audience-polls-live",
                                  "audience-projector-live"])
def test_live_fragments_cost_the_same_queries_for_2_or_12_rows(name: str) -> None:
    room = make_room()
    client = Client()
    assert client.login(username=room.facilitator.username, password=PASSWORD)
    url = reverse(name, args=[room.event.slug, room.session.pk])
    _fill(room, 2)
    few = _queries(client, url)
    _fill(room, 10)
    assert _queries(client, url) == few
