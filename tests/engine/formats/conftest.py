"""Shared fixtures: the real schedules under ../shared/data/formats, parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from immerse.engine.formats.frab_xml import parse_frab_xml
from immerse.engine.formats.schedule import Schedule
from immerse.engine.formats.schedule_json import parse_schedule_json
from tests.shared_data import shared_data

FORMATS_DIR = shared_data("formats")


@pytest.fixture(scope="session")
def formats_dir() -> Path:
    if not FORMATS_DIR.is_dir():
        pytest.skip(f"benchmark data not found at {FORMATS_DIR} (see /work/shared/data/README.md)")
    return FORMATS_DIR


@pytest.fixture(scope="session")
def newest_xsd(formats_dir: Path) -> Path:
    # schedule.xml.xsd is voc/schedule master (2026); the others are a 2015 copy and a
    # reduced variant (SOURCES.md).
    return formats_dir / "schemas" / "schedule.xml.xsd"


@pytest.fixture(scope="session")
def newest_json_schema(formats_dir: Path) -> Path:
    # schema.json at master is the current schedule.json schema; schedule2.schema.json is a
    # different, alpha-stage format ("schedule2", version alpha-3) that no publisher emits.
    return formats_dir / "schemas" / "schedule.schema.json"


@pytest.fixture(scope="session")
def parsed_examples(formats_dir: Path) -> dict[str, Schedule]:
    """The four real schedules, parsed once (FOSDEM is 2 MB)."""
    examples = formats_dir / "examples"
    parsed: dict[str, Schedule] = {}
    for name in ("fosdem-2024.schedule.xml", "31c3.schedule.xml"):
        parsed[name] = parse_frab_xml((examples / name).read_bytes(), source=name)
    for name in ("frab-camp2019.schedule.json", "pretalx-rc3.schedule.json"):
        parsed[name] = parse_schedule_json((examples / name).read_bytes(), source=name)
    return parsed
