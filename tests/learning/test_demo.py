"""The learning demo seed on top of the generated demo: content everywhere, rerunnable."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from immerse.demo.learning import learning_demo_seed
from immerse.demo.messages import demo_messages_seed
from immerse.events.models import Event
from immerse.learning.models import (
    Chapter,
    Feedback,
    Plan,
    PlanVersion,
    Resource,
    Series,
    Story,
)
from immerse.learning.selectors.reports import event_report
from immerse.people.models import Assessment, ToolSnapshot


@pytest.mark.django_db
def test_learning_demo_seed_fills_every_area_and_can_run_twice(demo_db) -> None:
    learning_demo_seed(rng=random.Random(1))
    learning_demo_seed(rng=random.Random(1))  # replaces, does not duplicate
    assert Story.objects.filter(kind="case").count() == 4
    assert set(Story.objects.values_list("privacy", flat=True)) >= {"public", "private"}
    assert Story.objects.filter(kind="case", sessions__isnull=False).exists()
    # Feedback only on sessions that have started: the past edition's, none of the 2027 ones.
    assert Feedback.objects.filter(session__event__slug="mobile-immersion-2026").exists()
    assert not Feedback.objects.filter(session__slot__start__gt=timezone.now()).exists()
    assert Plan.objects.count() == PlanVersion.objects.count() / 2 > 0
    assert Series.objects.get(slug="social-media-path").items.count() == 3
    assert Chapter.objects.get().events.filter(kind="meetup").count() == 5
    assert Resource.objects.count() == 4
    assert ToolSnapshot.objects.count() == Assessment.objects.count()


@pytest.mark.django_db
def test_demo_messages_ask_how_it_was_only_after_sessions_that_happened(demo_db) -> None:
    """The demo once sent "How was…?" for an immersion three months ahead."""
    counts = demo_messages_seed()
    assert "feedback_request" not in counts and counts["reminder"] > 0
    assert not Feedback.objects.filter(session__slot__start__gt=timezone.now()).exists()


@pytest.mark.django_db
def test_demo_past_edition_report_shows_the_whole_cycle(demo_db) -> None:
    """The flagship immersion's report once showed no movement at all."""
    report = event_report(event=Event.objects.get(slug="mobile-immersion-2026"))
    assert report.attendees == report.reassessed == 60
    up = sum(n for key, n in report.level_movement.items() if key[0] < key[-1])
    assert up >= 15 and sum(report.level_movement.values()) == 60
    assert len(report.tools_adopted) >= 6 and sum(report.tools_adopted.values()) >= 30
    assert report.plans >= 10 and report.plans_followed_up >= report.plans * 2 // 3
    assert report.levels_at_signup != report.levels_now


@pytest.mark.django_db
def test_demo_has_no_retakes_dated_after_today(demo_db) -> None:
    """Nobody can retake the questionnaire after an event that has not happened."""
    from django.utils import timezone

    assert not Assessment.objects.filter(created_at__gt=timezone.now()).exists()
    for slug in ("mobile-immersion", "social-media-101"):
        assert event_report(event=Event.objects.get(slug=slug)).reassessed == 0


@pytest.mark.django_db
def test_demo_builds_the_same_past_edition_from_the_same_seed(demo_db) -> None:
    from immerse.demo.build import demo_build

    def figures() -> dict:
        return event_report(event=Event.objects.get(slug="mobile-immersion-2026")).as_dict()

    first = figures()
    demo_build(seed=2009)
    assert figures() == first


@pytest.mark.django_db
def test_demo_attendee_walks_their_own_cycle(demo_db) -> None:
    from django.test import Client

    attendee = Client()
    assert attendee.login(username=demo_db.attendee_username,
                          password=demo_db.organizer_password)
    path = " ".join(attendee.get("/me/path/").content.decode().split())
    attended = path[path.index("Events attended"):path.index("Coming up")]
    assert "Mobile Social Media Immersion 2026" in attended
    assert "Social Media 2.0" not in attended and "Where to Start" not in path
    assert "level-chart" in path and ">1 Eye-opener</text>" in path
    plan = Plan.objects.filter(person__user__username=demo_db.attendee_username,
                               event__slug="mobile-immersion-2026").get()
    page = " ".join(attendee.get(f"/me/plans/{plan.pk}/").content.decode().split())
    assert '<optgroup label="Your tablemates">' in page and "Check-ins" in page


@pytest.mark.django_db
def test_demo_pages_render_for_organizer_and_attendee(demo_db) -> None:
    from django.test import Client

    learning_demo_seed(rng=random.Random(2))
    organizer = Client()
    assert organizer.login(username=demo_db.organizer_username,
                           password=demo_db.organizer_password)
    for url in ("/events/mobile-immersion/organize/feedback/",
                "/events/mobile-immersion-2026/organize/feedback/",
                "/events/social-media-101/organize/report/",
                "/events/mobile-immersion-2026/organize/report/",
                "/events/mobile-immersion-2026/organize/report.pdf",
                "/events/mobile-immersion/organize/hosts/",
                "/events/mobile-immersion/organize/mentors/",
                "/stories/?q=listening", "/community/chapters/"):
        assert organizer.get(url).status_code == 200, url
    attendee = Client()
    assert attendee.login(username=demo_db.attendee_username,
                          password=demo_db.organizer_password)
    for url in ("/stories/new/", "/me/reassess/", "/events/mobile-immersion/plans/new/"):
        assert attendee.get(url).status_code == 200, url
    path = attendee.get("/me/path/")
    assert path.status_code == 200
    assert "Next for you" in path.content.decode()
    chapters = attendee.get("/community/chapters/").content.decode()
    assert "Randstad Social Media Circle" in chapters and "Behind the Firewall #1" in chapters
