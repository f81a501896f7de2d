"""An organizer writes to a segment: preview with the recipient count, then send, queued
once per person however often the form is sent."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from immerse.notify.models import Broadcast, Message
from immerse.notify.services import messages_send
from immerse.people.models import ToolUse
from immerse.people.selectors import Segment, segment_registrations
from immerse.people.services.tools import tools_sync
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd():
    """Six people at one event: levels, disciplines, statuses and a blogger differ."""
    event = make_event(slug="summit", title="Summit")
    organizer = make_user()
    make_role(event=event, user=organizer)
    tools = tools_sync()
    regs = {}
    for name, level, discipline, status in (
            ("Ann", 1, "pr", "confirmed"), ("Bo", 1, "hr", "confirmed"),
            ("Cy", 2, "pr", "confirmed"), ("Di", 3, "pr", "waitlisted"),
            ("Ed", 1, "pr", "cancelled"), ("Fa", 4, "technology", "confirmed")):
        regs[name] = make_registration(event=event, level=level, status=status,
                                       person=make_person(name=name, discipline=discipline))
    ToolUse.objects.create(person=regs["Cy"].person, tool=tools["blogging"], frequency="weekly")
    ToolUse.objects.create(person=regs["Bo"].person, tool=tools["blogging"], frequency="never")
    client = Client()
    client.login(username=organizer.username, password=PASSWORD)
    return {"event": event, "regs": regs, "client": client}


def names(event, **segment) -> list[str]:
    return sorted(r.person.name for r in segment_registrations(event=event,
                                                                segment=Segment(**segment)))


def test_segments_by_level_status_tool_and_discipline(crowd):
    event = crowd["event"]
    assert names(event) == ["Ann", "Bo", "Cy", "Fa"]  # confirmed by default
    assert names(event, levels=(1,)) == ["Ann", "Bo"]
    assert names(event, levels=(1,), disciplines=("pr",)) == ["Ann"]
    assert names(event, statuses=("waitlisted", "cancelled")) == ["Di", "Ed"]
    assert names(event, tools=("blogging",)) == ["Cy"]  # "never" does not count
    assert names(event, statuses=()) == ["Ann", "Bo", "Cy", "Di", "Ed", "Fa"]


def _form(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="nonce" value="([0-9a-f]{32})"', html).group(1)


def test_preview_counts_and_renders_without_queuing(crowd):
    url = "/events/summit/organize/messages/broadcast/"
    nonce = _form(crowd["client"], url)
    data = {"subject": "Doors at nine", "body": "Bring a <laptop>.", "statuses": ["confirmed"],
            "levels": ["1"], "nonce": nonce, "action": "preview"}
    page = crowd["client"].post(url, data)
    html = page.content.decode()
    assert "<strong>2</strong> people match" in html and "Send to 2 people" in html
    assert "Doors at nine" in html and "Bring a &lt;laptop&gt;." in html
    assert "'unsafe-hashes'" in page["Content-Security-Policy"]
    assert not Message.objects.exists() and not Broadcast.objects.exists()


def test_send_queues_once_per_person_even_when_sent_twice(crowd, smtp_server):
    url = "/events/summit/organize/messages/broadcast/"
    data = {"subject": "Doors at nine", "body": "Bring a laptop.", "statuses": ["confirmed"],
            "levels": ["1"], "nonce": _form(crowd["client"], url), "action": "send"}
    response = crowd["client"].post(url, data, follow=True)
    assert "Queued for 2 people." in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("/organize/messages/?kind=broadcast")
    again = crowd["client"].post(url, data, follow=True)  # a reload, a double click
    assert "not sent twice" in again.content.decode()
    assert Message.objects.count() == 2
    broadcast = Broadcast.objects.get()
    assert (broadcast.recipients, broadcast.segment["levels"]) == (2, [1])
    messages_send()
    assert sorted(m["Subject"] for m in smtp_server.received) == ["Doors at nine"] * 2
    assert all(m["List-Unsubscribe-Post"] for m in smtp_server.received)


def test_an_empty_segment_cannot_be_sent(crowd):
    url = "/events/summit/organize/messages/broadcast/"
    html = crowd["client"].post(url, {
        "subject": "x", "body": "y", "levels": ["2"], "disciplines": ["hr"],
        "nonce": _form(crowd["client"], url), "action": "preview"}).content.decode()
    assert "<strong>0</strong> people match" in html
    assert re.search(r'value="send"\s+disabled', html)
