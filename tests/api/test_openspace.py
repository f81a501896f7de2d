"""The open-space API: propose, list, vote; closed period 409, bad field 422, other event 404."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from immerse.openspace.models import Proposal, ProposalVote
from immerse.openspace.services import open_space_set, proposal_create
from tests.factories import make_event, make_person, make_registration, make_user

pytestmark = pytest.mark.django_db

BODY = {"title": "Tools we use", "offer": "Show and tell", "levels": [3, 4],
        "format": "community"}


def _attendee(event, name="Ann"):
    user = make_user()
    return user, make_registration(event=event, person=make_person(user=user, name=name))


def _open(event, *, closed: bool = False):
    now = timezone.now() - (timedelta(hours=3) if closed else timedelta(0))
    return open_space_set(event=event, opens_at=now - timedelta(hours=1),
                          closes_at=now + timedelta(hours=1), places_at=now + timedelta(hours=2))


def _post(path, body, headers):
    return Client().post(path, body, content_type="application/json", **headers)


def test_propose_vote_twice_and_list(bearer) -> None:
    event = make_event(slug="os")
    _open(event)
    ann, _ = _attendee(event)
    bob, _ = _attendee(event, "Bob")

    made = _post("/api/v1/events/os/proposals", BODY, bearer(ann))
    assert made.status_code == 201, made.content
    pid = made.json()["id"]
    first = _post(f"/api/v1/events/os/proposals/{pid}/votes", {}, bearer(bob))
    again = _post(f"/api/v1/events/os/proposals/{pid}/votes", {}, bearer(bob))

    assert first.json() == again.json() == {"proposal_id": pid, "voted": True, "votes": 1}
    listed = Client().get("/api/v1/events/os/proposals", **bearer(bob)).json()
    assert [(p["title"], p["host"], p["votes"], p["voted"], p["levels"]) for p in listed] == [
        ("Tools we use", "Ann", 1, True, [3, 4])]
    gone = Client().delete(f"/api/v1/events/os/proposals/{pid}/votes", **bearer(bob))
    assert gone.json() == {"proposal_id": pid, "voted": False, "votes": 0}


def test_closed_period_is_409_and_changes_nothing(bearer) -> None:
    event = make_event(slug="os")
    _open(event, closed=True)
    ann, _ = _attendee(event)

    refused = _post("/api/v1/events/os/proposals", BODY, bearer(ann))

    assert refused.status_code == 409
    assert refused.json()["detail"] == "The proposals period is closed."
    assert Proposal.objects.count() == 0


def test_too_long_or_bad_fields_are_422_naming_the_field(bearer) -> None:
    event = make_event(slug="os")
    _open(event)
    ann, _ = _attendee(event)

    long_title = _post("/api/v1/events/os/proposals", {**BODY, "title": "x" * 121}, bearer(ann))
    blank = _post("/api/v1/events/os/proposals", {**BODY, "offer": "   "}, bearer(ann))
    level = _post("/api/v1/events/os/proposals", {**BODY, "levels": [5]}, bearer(ann))
    fmt = _post("/api/v1/events/os/proposals", {**BODY, "format": "rave"}, bearer(ann))

    assert [r.status_code for r in (long_title, blank, level, fmt)] == [422] * 4
    assert long_title.json()["errors"][0]["field"].endswith("title")
    assert blank.json()["errors"] == [
        {"field": "offer", "message": "Say what it offers in at most 1000 characters."}]
    assert fmt.json()["errors"][0]["field"] == "format"
    assert Proposal.objects.count() == 0


def test_other_events_proposal_is_404(bearer) -> None:
    mine, other = make_event(slug="os"), make_event(slug="elsewhere")
    _open(mine)
    _open(other)
    ann, _ = _attendee(mine)
    foreign = proposal_create(registration=make_registration(event=other), title="T",
                              offer="O", levels=[1], format_key="story")

    voted = _post(f"/api/v1/events/os/proposals/{foreign.pk}/votes", {}, bearer(ann))
    listed = Client().get("/api/v1/events/elsewhere/proposals", **bearer(ann))

    assert (voted.status_code, listed.status_code) == (404, 404)
    assert ProposalVote.objects.count() == 0


def test_proposing_is_rate_limited(bearer, settings) -> None:
    settings.PROPOSE_RATE = "2/m"
    event = make_event(slug="os")
    _open(event)
    ann, _ = _attendee(event)
    codes = [_post("/api/v1/events/os/proposals", BODY, bearer(ann)).status_code
             for _ in range(3)]
    assert codes == [201, 201, 429]


@pytest.mark.django_db(transaction=True)
def test_two_votes_at_once_make_one(bearer) -> None:
    event = make_event(slug="os")
    _open(event)
    bob, _ = _attendee(event, "Bob")
    proposal = proposal_create(registration=make_registration(event=event), title="T",
                               offer="O", levels=[1], format_key="story")
    headers = bearer(bob)
    codes: list[int] = []

    def vote() -> None:
        try:
            codes.append(_post(f"/api/v1/events/os/proposals/{proposal.pk}/votes", {},
                               headers).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [200] * 4
    assert ProposalVote.objects.count() == 1
