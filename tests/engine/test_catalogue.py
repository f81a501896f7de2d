"""Every session format in the catalogue is complete, and the lookups built on it hold."""

from __future__ import annotations

import pytest

from immerse.engine import catalogue
from immerse.engine.catalogue import (
    FORMAT_BY_KEY,
    FORMATS,
    IMPORTED_FORMAT_DEFAULT,
    LEVEL_LABELS,
    UnknownSessionFormatError,
    format_for_schedule_type,
    format_of,
    formats_to_look_for,
)

# The schedule types frab and pretalx write (frab's event types, pretalx's defaults).
EXCHANGE_TYPES = {"lecture", "workshop", "meeting", "podium", "other"}


def test_format_keys_are_unique_and_fit_the_session_column() -> None:
    keys = [f.key for f in FORMATS]
    assert len(keys) == len(set(keys)) == len(FORMAT_BY_KEY)
    assert all(key and len(key) <= 20 and key == key.lower() for key in keys)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.key)
def test_every_format_is_complete(fmt) -> None:
    assert fmt.label and fmt.description.endswith(".")
    assert fmt.levels and set(fmt.levels) <= set(LEVEL_LABELS)
    assert fmt.offer.startswith("want ") and not fmt.offer.endswith(".")
    assert fmt.exchange_type in EXCHANGE_TYPES
    assert all(name == name.lower() for name in fmt.imported_from)
    # Advice only sends a level to a format that serves it.
    assert set(fmt.look_for) <= set(fmt.levels)


# What engine.pitch fills a template with: a subject, its pronouns, its verb endings.
FILL = {"s": "wikis", "is_": "are", "es": "", "it": "they", "obj": "them"}


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.key)
def test_every_format_is_whole(fmt) -> None:
    """An entry carries every word said about its format: nothing falls back or fails later."""
    assert fmt.plural and fmt.plural == fmt.plural.lower() and not fmt.plural.endswith(".")
    assert "{s}" in fmt.pitch and fmt.pitch.format(**FILL).endswith(".")
    # A gain is said only to a level the format serves, and every template fills.
    assert set(fmt.gains) <= set(fmt.levels)
    assert all(gain.format(**FILL).endswith(".") for gain in fmt.gains.values())
    assert not fmt.everyone or (fmt.for_everyone and fmt.everyone.startswith(
        "Open to every level"))


def test_capabilities_are_asked_not_matched_on_keys() -> None:
    assert catalogue.format_keys(lambda f: f.seats_at_tables) == ("table",)
    assert catalogue.format_keys(lambda f: f.yields_plan) == ("workshop",)
    assert catalogue.format_keys(lambda f: f.practitioners_lead) == ("table", "community")
    assert catalogue.format_keys(lambda f: f.pitch_on_theme) == ("plenary",)


def test_a_new_format_is_one_entry_and_needs_every_word() -> None:
    with pytest.raises(TypeError, match="plural"):
        catalogue.Format("fishbowl", "Fishbowl", (2, 3), "Chairs in the middle.",
                         offer="o", look_for={}, exchange_type="meeting", pitch="p {s}.")


@pytest.mark.parametrize("level", sorted(LEVEL_LABELS))
def test_every_level_has_formats_to_look_for_ranked_once(level: int) -> None:
    ranks = sorted(f.look_for[level] for f in FORMATS if level in f.look_for)
    assert ranks == list(range(1, len(ranks) + 1))
    assert [f.look_for[level] for f in formats_to_look_for(level)] == ranks


def test_levels_look_for_the_documented_formats_in_order() -> None:
    looked_for = {level: [f.key for f in formats_to_look_for(level)] for level in LEVEL_LABELS}
    assert looked_for == {
        1: ["story", "lab", "listening", "table"],
        2: ["strategy", "story", "lab", "provocation"],
        3: ["workshop", "provocation", "strategy", "table"],
        4: ["community", "table", "provocation"],
    }


def test_a_schedule_type_imports_as_one_format_at_most() -> None:
    names = [name for f in FORMATS for name in f.imported_from]
    assert len(names) == len(set(names))
    assert IMPORTED_FORMAT_DEFAULT in FORMAT_BY_KEY


@pytest.mark.parametrize(("schedule_type", "expected"), [
    ("workshop", "workshop"), ("Hands-On", "lab"), ("lab", "lab"), ("panel", "table"),
    ("podium", "table"), ("meeting", "table"), ("discussion", "table"),
    ("keynote", "plenary"), ("other", "plenary"), ("lecture", "strategy"),
    ("talk", "strategy"), ("", "strategy"), (None, "strategy"),
])
def test_schedule_types_import_as_formats(schedule_type: str | None, expected: str) -> None:
    assert format_for_schedule_type(schedule_type).key == expected


def test_formats_export_as_schedule_types() -> None:
    assert {f.key: f.exchange_type for f in FORMATS} == {
        "story": "lecture", "strategy": "lecture", "workshop": "workshop", "lab": "workshop",
        "listening": "workshop", "table": "meeting", "provocation": "lecture",
        "community": "meeting", "plenary": "lecture"}


def test_exported_types_import_back_as_a_format_of_the_same_kind() -> None:
    for fmt in FORMATS:
        back = format_for_schedule_type(fmt.exchange_type)
        assert back.exchange_type == fmt.exchange_type


def test_for_everyone_means_serving_every_level() -> None:
    assert {f.key for f in FORMATS if f.for_everyone} == {"listening", "table", "plenary"}


def test_an_unknown_format_key_fails_loudly_naming_the_known_ones() -> None:
    with pytest.raises(UnknownSessionFormatError,
                       match="unknown format 'no-such-format' \\(story, "):
        format_of("no-such-format")
    assert format_of("lab") is FORMAT_BY_KEY["lab"]
