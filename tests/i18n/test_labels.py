"""The ladder's and the formats' names reach pages in the reader's language, and stay the
engine's names in English; the event's default language is set on its settings page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from immerse.common.labels import FORMAT_NAMES, LEVEL_NAMES, format_label, level_label
from immerse.engine.catalogue import FORMATS, LEVEL_LABELS
from immerse.events.models import Event
from immerse.studio.services.organizers import organizer_add
from tests.factories import make_event, make_role, make_session


def test_the_names_are_the_engines_in_english():
    with translation.override("en"):
        assert {level: str(name) for level, name in LEVEL_NAMES.items()} == LEVEL_LABELS
        assert {key: str(name) for key, name in FORMAT_NAMES.items()} == {
            f.key: f.label for f in FORMATS}


def test_the_names_in_german():
    with translation.override("de"):
        assert [level_label(level) for level in (1, 2, 3, 4)] == [
            "Augenöffner", "Erste Schritte", "Vorbereitung", "Einfach machen"]
        assert (format_label("table"), format_label("retired")) == ("Tischgespräch", "retired")


@pytest.mark.django_db
def test_a_session_names_its_format_and_levels_in_the_active_language():
    session = make_session(event=make_event(), fmt="workshop")
    session.target_levels = [3, 1]
    with translation.override("fr"):
        assert (session.format_label, session.level_labels) == (
            "Atelier animé", ["Déclic", "Préparation"])


@pytest.mark.django_db
def test_the_organizer_sets_the_events_default_language(settings):
    settings.LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("fr", "Français")]
    creator = organizer_add(email="ann@example.org", name="Ann Smit").user
    event = make_event(slug="summit", title="Summit")
    make_role(event=event, user=creator)
    browser = Client()
    browser.force_login(creator)
    page = browser.get("/events/summit/organize/settings/").content.decode()
    assert '<option value="fr">Français</option>' in page
    data = {"title": "Summit", "start_date": "2027-05-01", "end_date": "2027-05-01",
            "time_zone": "Europe/Paris", "venue": "", "capacity": "50",
            "visibility": "public", "language": "fr"}
    answer = browser.post("/events/summit/organize/settings/", data)
    assert answer.status_code == 302
    assert Event.objects.get(slug="summit").language == "fr"
    refused = browser.post("/events/summit/organize/settings/", {**data, "language": "es"})
    assert refused.status_code == 200 and Event.objects.get(slug="summit").language == "fr"


GLOSSARIES = Path(__file__).resolve().parents[2] / "docs" / "languages.md"


@pytest.mark.parametrize("code", ["nl", "de", "fr", "es"])
def test_each_glossary_fixes_the_names_the_pages_show(code):
    """docs/languages.md's table for the language holds each level and format name as the
    catalogue translates it (the words every page uses)."""
    section = GLOSSARIES.read_text().split(f"({code})\n", 1)[1].split("\n### ", 1)[0]
    with translation.override(code):
        names = [level_label(level) for level in LEVEL_LABELS] + [
            format_label(f.key) for f in FORMATS if f.key != "plenary"]
    assert [name for name in names if name not in section] == []
