"""Open space pages: proposing, voting, the live list, the organizer's settings and placing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from immerse.common.models import TaskRun
from immerse.events.models import Room, Session, TimeSlot
from immerse.openspace.models import OpenSpace, Proposal, ProposalVote
from immerse.openspace.services import open_space_set
from immerse.program.models import AgendaItem
from tests.factories import make_event, make_person, make_registration, make_role, make_user

pytestmark = pytest.mark.django_db


def _world(*, open_now: bool = True):
    event = make_event(slug="os")
    zone = ZoneInfo(event.time_zone)
    Room.objects.create(event=event, name="Atrium", capacity=30)
    TimeSlot.objects.create(event=event, start=datetime(2027, 5, 1, 14, tzinfo=zone),
                            end=datetime(2027, 5, 1, 15, tzinfo=zone))
    now = timezone.now()
    start = now - timedelta(hours=1) if open_now else now - timedelta(hours=3)
    open_space_set(event=event, opens_at=start, closes_at=start + timedelta(hours=2),
                   places_at=start + timedelta(hours=2))
    user = make_user("ana")
    registration = make_registration(event=event, person=make_person(user=user, name="Ana"))
    client = Client()
    client.force_login(user)
    return event, registration, client


PROPOSAL = {"title": "Mapping a hashtag", "offer": "We map who talks to whom.",
            "levels": ["1", "2"], "format": "community"}


def test_a_participant_proposes_and_sees_it_listed_escaped() -> None:
    _event, registration, client = _world()
    response = client.post("/events/os/openspace/",
                           {**PROPOSAL, "title": "<script>alert(1)</script>"}, follow=True)
    proposal = Proposal.objects.get()
    assert (proposal.registration, proposal.levels, proposal.format) == (
        registration, [1, 2], "community")
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "0 votes" in html


def test_a_proposal_without_levels_is_refused_naming_the_field() -> None:
    _event, _registration, client = _world()
    response = client.post("/events/os/openspace/", {**PROPOSAL, "levels": []})
    assert response.status_code == 200
    assert response.context["form"].errors == {"levels": ["This field is required."]}
    assert Proposal.objects.count() == 0


def test_a_closed_period_refuses_proposals_and_votes_with_a_clear_message() -> None:
    event, registration, client = _world(open_now=False)
    proposal = Proposal.objects.create(event=event, registration=registration, title="Old",
                                       offer="x", levels=[1], format="community")
    page = client.post("/events/os/openspace/", PROPOSAL).content.decode()
    assert "The proposals period is closed." in page
    assert Proposal.objects.count() == 1
    voted = client.post("/events/os/openspace/vote/", {"proposal": proposal.pk}, follow=True)
    assert "The proposals period is closed." in voted.content.decode()
    assert ProposalVote.objects.count() == 0


def test_the_vote_button_toggles_and_a_double_vote_counts_once() -> None:
    event, registration, client = _world()
    proposal = Proposal.objects.create(event=event, registration=registration, title="Maps",
                                       offer="x", levels=[1], format="community")
    client.post("/events/os/openspace/vote/", {"proposal": proposal.pk})
    assert ProposalVote.objects.filter(proposal=proposal).count() == 1
    page = client.get("/events/os/openspace/").content.decode()
    assert "1 vote" in page and "Withdraw my vote" in page
    client.post("/events/os/openspace/vote/", {"proposal": proposal.pk})
    assert ProposalVote.objects.count() == 0
    other = make_event(slug="other")
    elsewhere = Proposal.objects.create(event=other, registration=make_registration(event=other),
                                        title="No", offer="x", levels=[1], format="community")
    assert client.post("/events/os/openspace/vote/",
                       {"proposal": elsewhere.pk}).status_code == 404


def test_the_live_list_answers_304_until_a_vote_moves_the_count() -> None:
    event, registration, client = _world()
    proposal = Proposal.objects.create(event=event, registration=registration, title="Maps",
                                       offer="x", levels=[1], format="community")
    first = client.get("/events/os/openspace/live/")
    assert first.status_code == 200 and "0 votes" in first.content.decode()
    etag = first["ETag"]
    assert client.get("/events/os/openspace/live/",
                      headers={"If-None-Match": etag}).status_code == 304
    voter = make_registration(event=event)
    ProposalVote.objects.create(proposal=proposal, registration=voter)
    Proposal.objects.filter(pk=proposal.pk).update(updated_at=timezone.now())
    moved = client.get("/events/os/openspace/live/", headers={"If-None-Match": etag})
    assert moved.status_code == 200 and "1 vote" in moved.content.decode()


def _organizer(event):
    user = make_user()
    make_role(event=event, user=user)
    client = Client()
    client.force_login(user)
    return client


def test_the_organizer_sets_the_period_and_a_wrong_order_names_the_field() -> None:
    event = make_event(slug="os")
    zone = ZoneInfo(event.time_zone)
    TimeSlot.objects.create(event=event, start=datetime(2027, 5, 1, 14, tzinfo=zone),
                            end=datetime(2027, 5, 1, 15, tzinfo=zone))
    client = _organizer(event)
    wrong = client.post("/events/os/organize/openspace/", {
        "opens_at": "2027-04-01T09:00", "closes_at": "2027-03-01T09:00",
        "places_at": "2027-04-02T09:00"})
    assert wrong.context["form"].errors == {
        "closes_at": ["The period must close after it opens."]}
    assert not OpenSpace.objects.exists()
    client.post("/events/os/organize/openspace/", {
        "opens_at": "2027-04-01T09:00", "closes_at": "2027-04-20T09:00",
        "places_at": "2027-04-21T09:00"})
    space = OpenSpace.objects.get()
    assert "Sat 1 May, 14:00" in client.get("/events/os/organize/openspace/").content.decode()
    assert space.closes_at == datetime(2027, 4, 20, 9, tzinfo=ZoneInfo(event.time_zone))
    assert _organizer(make_event(slug="else")).get(
        "/events/os/organize/openspace/").status_code == 404


def test_place_now_runs_in_the_background_and_the_page_shows_where() -> None:
    event, registration, client = _world()
    voter = make_registration(event=event)
    placed = Proposal.objects.create(event=event, registration=registration, title="Maps",
                                     offer="x", levels=[1], format="community")
    Proposal.objects.create(event=event, registration=voter, title="Nobody", offer="x",
                            levels=[1], format="community")
    ProposalVote.objects.create(proposal=placed, registration=voter)

    response = _organizer(event).post("/events/os/organize/openspace/place/")

    run = TaskRun.objects.get(task="open_space_place")
    assert response["Location"] == f"/events/os/organize/runs/{run.pk}/"
    assert (run.status, run.result["summary"]) == (
        "done", "1 proposals placed, 1 not placed; 1 agenda entries added.")
    session = Session.objects.get(title="Maps")
    assert AgendaItem.objects.filter(registration=voter, session=session).exists()
    page = client.get("/events/os/openspace/").content.decode()
    assert "Placed: Sat 1 May, 14:00, Atrium." in page
    assert "Not placed: Nobody voted for it." in page
    assert "I would attend" not in page  # voting has ended


def test_the_hub_and_the_agenda_link_to_the_open_space_once_there_is_one() -> None:
    event, _registration, client = _world()
    link = 'href="/events/os/openspace/"'
    assert link in client.get("/events/os/").content.decode()
    assert link in client.get("/events/os/me/agenda/").content.decode()
    OpenSpace.objects.filter(event=event).delete()
    assert link not in client.get("/events/os/").content.decode()
