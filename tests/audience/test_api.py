import json

import pytest
from django.test import Client

from immerse.audience import services
from immerse.audience.models import Question
from immerse.people.tokens import token_create
from tests.audience.factories import make_room

pytestmark = pytest.mark.django_db


def _api(user):
    token = token_create(user=user, name="t")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})

    def call(method: str, path: str, body: object = None):
        return client.generic(method, f"/api/v1{path}", json.dumps(body or {}),
                              content_type="application/json")
    return call


def test_ask_list_and_upvote_once() -> None:
    room = make_room()
    ann, bob = _api(room.ann), _api(room.bob)
    base = f"/events/{room.event.slug}/sessions/{room.session.pk}/questions"
    asked = ann("POST", base, {"text": "What first?"})
    assert asked.status_code == 201
    qid = asked.json()["id"]
    assert asked.json()["author"] == "Ann"
    votes = f"/events/{room.event.slug}/questions/{qid}/votes"
    assert bob("POST", votes).json() == {"question_id": qid, "votes": 1, "voted": True}
    assert bob("POST", votes).json() == {"question_id": qid, "votes": 1, "voted": True}
    listed = bob("GET", base).json()
    assert [(q["text"], q["votes"], q["voted"]) for q in listed] == [("What first?", 1, True)]
    assert bob("DELETE", votes).json() == {"question_id": qid, "votes": 0, "voted": False}


def test_too_long_and_anonymous_not_allowed_are_422_naming_the_field() -> None:
    room = make_room()
    ann = _api(room.ann)
    base = f"/events/{room.event.slug}/sessions/{room.session.pk}/questions"
    too_long = ann("POST", base, {"text": "x" * 301})
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "text"
    anonymous = ann("POST", base, {"text": "Who?", "anonymous": True})
    assert anonymous.status_code == 422
    assert anonymous.json()["errors"] == [
        {"field": "anonymous", "message": "This event does not take anonymous questions."}]
    assert Question.objects.count() == 0


def test_another_events_rows_are_404() -> None:
    room, other = make_room(), make_room(slug="other")
    question = services.question_ask(session=room.session, user=room.ann, name="A", text="Q?")
    outsider = _api(other.ann)
    assert outsider("POST", f"/events/{other.event.slug}/questions/{question.pk}/votes"
                    ).status_code == 404
    assert outsider("GET", f"/events/{other.event.slug}/sessions/{room.session.pk}/polls"
                    ).status_code == 404


def test_polls_closed_is_409_double_vote_replaces_and_staff_create() -> None:
    room = make_room()
    fac, ann = _api(room.facilitator), _api(room.ann)
    base = f"/events/{room.event.slug}/sessions/{room.session.pk}/polls"
    assert ann("POST", base, {"kind": "rating", "prompt": "Useful?"}).status_code == 403
    created = fac("POST", base, {"kind": "rating", "prompt": "Useful?"})
    assert created.status_code == 201
    poll = created.json()["id"]
    votes = f"/events/{room.event.slug}/polls/{poll}/votes"
    assert ann("POST", votes, {"answer": [4]}).status_code == 404  # a draft: not for the room
    services.poll_status_set(poll=room.session.polls.get(), status="open")
    ann("POST", votes, {"answer": [4]})
    again = ann("POST", votes, {"answer": [2]}).json()
    assert (again["voters"], again["counts"], again["mean"], again["my_answer"]) == (
        1, [0, 1, 0, 0, 0], 2.0, [2])
    bad = ann("POST", votes, {"answer": [9]})
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "answer")
    services.poll_status_set(poll=room.session.polls.get(), status="closed")
    closed = ann("POST", votes, {"answer": [5]})
    assert (closed.status_code, closed.json()["detail"]) == (409, "This poll is closed.")


def test_word_cloud_answers_come_back_normalised() -> None:
    room = make_room()
    poll = services.poll_create(session=room.session, kind="words", prompt="One word?")
    services.poll_status_set(poll=poll, status="open")
    votes = f"/events/{room.event.slug}/polls/{poll.pk}/votes"
    _api(room.ann)("POST", votes, {"answer": ["Trust", "LISTENING"]})
    result = _api(room.bob)("POST", votes, {"answer": [" trust "]}).json()
    assert result["words"] == [{"word": "trust", "count": 2}, {"word": "listening", "count": 1}]


def test_asking_is_rate_limited_per_account(settings) -> None:
    settings.QUESTION_RATE = "2/m"
    room = make_room(slug="limited")
    ann = _api(room.ann)
    base = f"/events/{room.event.slug}/sessions/{room.session.pk}/questions"
    statuses = [ann("POST", base, {"text": f"Q{n}?"}).status_code for n in range(3)]
    assert statuses == [201, 201, 429]
    assert Question.objects.count() == 2
