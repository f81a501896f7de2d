"""The learning demo seed on top of the generated demo: content everywhere, rerunnable."""

from __future__ import annotations

import random

import pytest

from immerse.demo.learning import learning_demo_seed
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
    assert Feedback.objects.filter(session__event__slug="social-media-101").exists()
    assert Plan.objects.count() == PlanVersion.objects.count() / 2 > 0
    assert Series.objects.get(slug="social-media-path").items.count() == 3
    assert Chapter.objects.get().events.filter(kind="meetup").count() == 5
    assert Resource.objects.count() == 4
    assert ToolSnapshot.objects.count() == Assessment.objects.count()
    report = event_report(event=Event.objects.get(slug="social-media-101"))
    assert report.attendees > 0 and sum(report.level_movement.values()) == report.attendees
    assert any(a != b for a, b in (k.split("->") for k in report.level_movement))


@pytest.mark.django_db
def test_demo_immersion_report_shows_tools_adopted(demo_db) -> None:
    assert ToolSnapshot.objects.count() == Assessment.objects.count()
    report = event_report(event=Event.objects.get(slug="mobile-immersion"))
    assert report.attendees == 90 and sum(report.tools_adopted.values()) > 0


@pytest.mark.django_db
def test_demo_pages_render_for_organizer_and_attendee(demo_db) -> None:
    from django.test import Client

    learning_demo_seed(rng=random.Random(2))
    organizer = Client()
    assert organizer.login(username=demo_db.organizer_username,
                           password=demo_db.organizer_password)
    for url in ("/events/mobile-immersion/organize/feedback/",
                "/events/social-media-101/organize/report/",
                "/events/social-media-101/organize/report.pdf",
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
