"""Every session format in the catalogue is complete, and the lookups built on it hold."""

from __future__ import annotations

import pytest

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
