"""Community of practice, practitioners as hosts, and mentor matching for an event."""

from __future__ import annotations

import pytest

from immerse.learning.models import ExperiencePost, Mentorship, Resource
from immerse.people.models import ToolUse
from immerse.people.services.tools import tools_sync
from tests.factories import make_event, make_role, make_session, make_user
from tests.learning.factories import at, login, make_assessment, make_attendee

pytestmark = pytest.mark.django_db


def _use(person, key: str, frequency: str, confidence: int) -> None:
    ToolUse.objects.create(person=person, tool=tools_sync()[key], frequency=frequency,
                           confidence=confidence)


def test_community_is_for_level_4_people_and_experts() -> None:
    event = make_event()
    practitioner_user, practitioner = make_attendee(event=event, level=4)
    make_assessment(person=practitioner, level=4, when=at(2026, 5, 1))
    beginner_user, beginner = make_attendee(event=event, level=1)
    make_assessment(person=beginner, level=1, when=at(2026, 5, 1))
    expert_user, _ = make_attendee(event=event, level=2, is_expert=True)
    assert login(beginner_user).get("/community/").status_code == 403
    assert login(expert_user).get("/community/").status_code == 200
    client = login(practitioner_user)
    client.post("/community/", {"form": "resource", "title": "Listening guide",
                                "url": "https://example.org/guide", "note": "Start here",
                                "tools": [tools_sync()["forums"].pk]})
    client.post("/community/", {"form": "post", "title": "What our pilot taught us",
                                "body": "Start small."})
    resource = Resource.objects.get()
    assert (resource.person, [t.key for t in resource.tools.all()]) == (practitioner,
                                                                         ["forums"])
    assert ExperiencePost.objects.get().title == "What our pilot taught us"
    assert "Listening guide" in client.get("/community/").content.decode()


@pytest.fixture
def matched_event():
    event = make_event(slug="mentor-event")
    organizer = make_user()
    make_role(event=event, user=organizer)
    _, video_pro = make_attendee(event=event, level=4, name="Vera Video", interests=["video"],
                                 discipline="pr")
    _use(video_pro, "video-sharing", "daily", 5)
    _, wiki_pro = make_attendee(event=event, level=4, name="Wim Wiki", interests=["intranet"])
    _use(wiki_pro, "wikis", "weekly", 4)
    _, ann = make_attendee(event=event, level=1, name="Ann", interests=["video"],
                           discipline="pr")
    _, bob = make_attendee(event=event, level=2, name="Bob", interests=["intranet"])
    _use(bob, "wikis", "tried", 2)
    _, cy = make_attendee(event=event, level=3, name="Cy", interests=["gardening"],
                          discipline="hr")
    return {"event": event, "organizer": organizer, "video_pro": video_pro,
            "wiki_pro": wiki_pro, "ann": ann, "bob": bob, "cy": cy}


def test_mentor_matching_pairs_by_topic_and_tools_and_saves(matched_event) -> None:
    client = login(matched_event["organizer"])
    page = client.get("/events/mentor-event/organize/mentors/")
    pairs = {(mentee.name, mentor.name) for mentee, mentor, _ in page.context["pairs"]}
    assert pairs == {("Ann", "Vera Video"), ("Bob", "Wim Wiki")}
    assert [p.name for p in page.context["unmatched"]] == ["Cy"]
    # Ann-Vera: topic 2 + discipline 1.5; Bob-Wim: topic 2 + tool 1 ("other" is no match).
    assert page.context["total"] == 2 + 1.5 + 2 + 1
    client.post("/events/mentor-event/organize/mentors/")
    assert set(Mentorship.objects.values_list("mentee__name", "mentor__name")) == pairs
    ann_user = matched_event["ann"].user
    assert "Your mentor: Vera Video" in login(ann_user).get("/me/path/").content.decode()


def test_suggested_hosts_by_topic_and_tool_fit_and_adding_one(matched_event) -> None:
    event = matched_event["event"]
    session = make_session(event=event, title="Video for beginners", fmt="table",
                           topics=["video"])
    session.tools.add(tools_sync()["video-sharing"])
    make_session(event=event, title="Gardening", topics=["gardening"], start_hour=11)
    client = login(matched_event["organizer"])
    page = client.get("/events/mentor-event/organize/hosts/")
    by_title = {s.session.title: [(p.name, fit) for p, fit in s.hosts]
                for s in page.context["suggestions"]}
    assert by_title == {"Video for beginners": [("Vera Video", 3.0)], "Gardening": []}
    response = client.post("/events/mentor-event/organize/hosts/add/",
                           {"session": session.pk, "person": matched_event["video_pro"].pk})
    assert response.status_code == 302
    assert list(session.facilitators.all()) == [matched_event["video_pro"]]
    again = client.get("/events/mentor-event/organize/hosts/").context["suggestions"]
    assert [s.hosts for s in again if s.session == session] == [[]]
    refused = client.post("/events/mentor-event/organize/hosts/add/",
                          {"session": session.pk, "person": matched_event["ann"].pk})
    assert refused.status_code == 404


def test_mentor_and_host_pages_are_for_organizers(matched_event) -> None:
    client = login(matched_event["ann"].user)
    assert client.get("/events/mentor-event/organize/mentors/").status_code == 403
    assert client.get("/events/mentor-event/organize/hosts/").status_code == 403
