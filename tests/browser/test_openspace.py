"""Open space in the browser: 12 proposals and 40 votes, a vote counted live on another
screen, placed without clashes, and the placed session on a voter's agenda."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from immerse.events.models import Room, Session, TimeSlot
from immerse.openspace.models import Proposal, ProposalVote
from immerse.openspace.placing import open_space_place
from immerse.openspace.services import open_space_set, proposal_create, proposal_vote
from tests.factories import PASSWORD, make_event, make_person, make_registration, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    event = make_event(slug="os", title="Open day")
    zone = ZoneInfo(event.time_zone)
    rooms = [Room.objects.create(event=event, name=f"Room {i + 1}", capacity=40, position=i)
             for i in range(4)]
    for hour in (13, 14, 15):
        TimeSlot.objects.create(event=event, start=datetime(2027, 5, 1, hour, tzinfo=zone),
                                end=datetime(2027, 5, 1, hour + 1, tzinfo=zone))
    now = timezone.now()
    open_space_set(event=event, opens_at=now - timedelta(hours=1),
                   closes_at=now + timedelta(hours=1), places_at=now + timedelta(hours=2))
    people = []
    for i in range(20):
        user = make_user(("ana", "ben")[i] if i < 2 else None)
        name = ("Ana", "Ben")[i] if i < 2 else f"P{i}"
        people.append(make_registration(event=event, person=make_person(user=user, name=name)))
    proposals = [proposal_create(registration=people[i % 10], title=f"Idea {i + 1}",
                                 offer="We share what worked.", levels=[1, 2],
                                 format_key="community") for i in range(12)]
    for voter in range(1, 20):  # two votes each; Ana (0) casts her second in the browser
        for index in {voter % 12, (voter * 5 + 3) % 12}:
            proposal_vote(proposal=proposals[index], registration=people[voter], on=True)
    proposal_vote(proposal=proposals[0], registration=people[0], on=True)
    return event, rooms, people, proposals


def _log_in(page, server: str, user: str, to: str) -> None:
    page.goto(f"{server}/accounts/login/?next={to}")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_votes_count_live_and_placing_puts_sessions_on_agendas(http_server: str, desktop,
                                                               phone, shoot, axe) -> None:
    event, _rooms, people, proposals = _world()
    votes = ProposalVote.objects.count()
    _log_in(desktop, http_server, "ben", "/events/os/openspace/")
    _log_in(phone, http_server, "ana", "/events/os/openspace/")
    target = proposals[11]  # "Idea 12"
    card = desktop.locator(f"#proposal-{target.pk}")
    before = target.votes.count()
    card.get_by_text(f"{before} vote", exact=False).wait_for()
    axe(desktop)
    axe(phone)
    shoot(desktop, "proposals-desktop")
    shoot(phone, "proposals-phone")

    phone.locator(f"#proposal-{target.pk}").get_by_role("button", name="I would attend").click()
    phone.locator(f"#proposal-{target.pk}").get_by_role(
        "button", name="Withdraw my vote").wait_for()
    # Ben's screen was not reloaded: the live region shows Ana's vote within seconds.
    card.locator(".vote-count").filter(has_text=f"{before + 1} vote").wait_for(timeout=10_000)
    assert ProposalVote.objects.count() == votes + 1 == 40

    placed = open_space_place(event=event)

    assert (placed.sessions, placed.unplaced) == (12, 0)
    sessions = list(Session.objects.filter(event=event).select_related("proposal"))
    assert len(sessions) == 12
    assert max(Counter((s.room_id, s.slot_id) for s in sessions).values()) == 1
    hosts = Counter((s.proposal.registration_id, s.slot_id) for s in sessions)
    assert max(hosts.values()) == 1  # no host in two places at once
    phone.reload()
    where = Proposal.objects.select_related("session__room").get(pk=target.pk).session
    assert where is not None
    phone.locator(f"#proposal-{target.pk}").get_by_text(f"{where.room.name}.").wait_for()
    shoot(phone, "placed-phone")
    phone.goto(f"{http_server}/events/os/me/agenda/")
    phone.get_by_text("Idea 12").first.wait_for()
    axe(phone)
    shoot(phone, "agenda-phone")
    assert people[0].agenda.filter(session=where).exists()
